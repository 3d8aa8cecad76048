/**
 * The analysis runner: heavy analyses (effect estimates, what-if scenarios, cohort tables) computed in worker
 * threads, never on the HTTP thread, and kept by (analysis, normalized parameters, unit, data version) in
 * memory and in the analysis_results table, so that a restart answers at once. A request finds the result of
 * the current data version (fresh), or starts a job (one per key: later requests join it) and, after waiting a
 * moment, answers with the previous version's result marked stale, or with the job and its progress. When the
 * data change (a generation, an import), the defaults are computed again in the background.
 *
 * Without a worker script (tests under a TypeScript runner, an in-memory database) the job runs here and the
 * request waits for it: same answers, no concurrency.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DatabaseTarget } from '../../config.js';
import type { Scope } from '../../domain/access.js';
import { analysisDurations, readAnalysis, writeAnalysis } from '../../storage/analysis-results.js';
import { noteDataChange } from '../../storage/data-version.js';
import type { Database } from '../../storage/schema.js';
import {
  analysisKey,
  computeAnalysis,
  type AnalysisName,
  type AnalysisParams,
  type AnalysisResults,
} from './catalog.js';
import { errorOf, runInWorker, type WorkerTask } from './protocol.js';
import { prepareRisk } from './risk-setup.js';
import { poolMemory, type WorkerHeap } from '../risk/index.js';

export interface JobView {
  readonly id: string;
  readonly analysis: AnalysisName;
  readonly state: 'queued' | 'running' | 'done' | 'failed';
  /** 0…1: elapsed time over the last computation's time (an estimate), 1 when done. */
  readonly progress: number;
  readonly startedAt: string | null;
  readonly elapsedMs: number;
  /** How long the last computation of this analysis took, when known. */
  readonly expectedMs: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export type AnalysisAnswer<T> =
  | { readonly status: 'fresh'; readonly result: T; readonly computedAt: string }
  | { readonly status: 'stale'; readonly result: T; readonly computedAt: string; readonly job: JobView }
  | { readonly status: 'pending'; readonly job: JobView };

export interface AnalysisRequest<N extends AnalysisName = AnalysisName> {
  readonly name: N;
  readonly params: AnalysisParams[N];
  /** The unit the result is restricted to (catalog.ts unitScope), or null when it does not depend on one. */
  readonly scope: Scope | null;
}

export interface RunnerStatus {
  /** False when analyses run in the HTTP thread (no worker script). */
  readonly workers: boolean;
  /** Jobs queued or running. */
  readonly jobs: readonly JobView[];
  readonly riskSetup: {
    readonly state: 'idle' | 'running' | 'done' | 'failed';
    /** The last step's message (Spanish). */
    readonly message: string | null;
    readonly startedAt: string | null;
    readonly error: string | null;
  };
  readonly eventLoopDelayMs: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly samples: number;
  };
  /** This process's memory by part (bytes), for the load benchmark and operators; null unless asked. */
  readonly memory: ProcessMemory | null;
}

export interface ProcessMemory {
  /** process.memoryUsage(): the whole process (every thread, SQLite's caches included) and the main heap. */
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** The pooled worker threads (risk/threads.ts), each with its own V8 heap. */
  readonly workers: WorkerHeap[];
  /** Results kept in memory (MEMORY_MAX at most) and the size of their JSON text. */
  readonly keptResults: number;
  readonly keptBytes: number;
}

export interface RunnerOptions {
  readonly db: Kysely<Database>;
  /** The data version a request's result depends on (inputs.ts inputVersions: per input). */
  readonly version: (req: AnalysisRequest) => Promise<string>;
  /** Where worker threads open the database; null: compute in this thread. */
  readonly target: DatabaseTarget | null;
  /** The compiled worker script; null: compute in this thread. */
  readonly workerUrl: URL | null;
  /** Analyses computed at once (default: the cores but one, at least 1, at most 2). */
  readonly concurrency?: number;
  /** How long a request waits for its job before answering stale or pending (default 1.5 s). */
  readonly waitMs?: number;
  readonly log?: (entry: Record<string, unknown>) => void;
  readonly now?: () => Date;
}

interface Job {
  readonly id: string;
  readonly key: string;
  readonly unit: string;
  readonly request: AnalysisRequest;
  readonly version: string;
  state: JobView['state'];
  startedAt: number | null;
  progress: number;
  error: JobView['error'];
  finishedAt: number | null;
  readonly promise: Promise<unknown>;
  settle: (ok: boolean, value: unknown) => void;
}

interface Kept {
  readonly version: string;
  readonly result: unknown;
  readonly computedAt: string;
  /** Length of its JSON text. */
  readonly bytes: number;
}

const MEMORY_MAX = 500;
const JOB_KEEP_MS = 10 * 60_000;

export class AnalysisRunner {
  private readonly memory = new Map<string, Kept>();
  private readonly jobs = new Map<string, Job>();
  private readonly byKey = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = 0;
  private durations: Promise<Map<string, number>> | null = null;
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  private risk: RunnerStatus['riskSetup'] = { state: 'idle', message: null, startedAt: null, error: null };
  private readonly concurrency: number;
  private readonly waitMs: number;
  private readonly inThread: boolean;

  constructor(private readonly o: RunnerOptions) {
    this.inThread = !o.workerUrl || !o.target;
    this.concurrency = o.concurrency ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.waitMs = o.waitMs ?? 1_500;
    this.loop.enable();
  }

  /** The result of the current data version, or a job computing it (see the module comment). */
  async get<N extends AnalysisName>(req: AnalysisRequest<N>): Promise<AnalysisAnswer<AnalysisResults[N]>> {
    // A result passes through JSON (worker threads, analysis_results) but is what its computation returned.
    return (await this.answer(req)) as AnalysisAnswer<AnalysisResults[N]>;
  }

  private async answer<N extends AnalysisName>(req: AnalysisRequest<N>): Promise<AnalysisAnswer<unknown>> {
    const key = analysisKey(req.name, req.params, req.scope);
    const version = await this.o.version(req);
    const kept = await this.kept(key);
    if (kept?.version === version)
      return { status: 'fresh', result: kept.result, computedAt: kept.computedAt };
    const job = this.start(key, req, version);
    const wait = this.inThread ? job.promise : Promise.race([job.promise, sleep(this.waitMs)]);
    await wait.catch(() => {});
    if (job.state === 'failed') await job.promise; // its error is the answer (a bad generation: 400)
    const now = this.memory.get(key);
    if (job.state === 'done' && now)
      return { status: 'fresh', result: now.result, computedAt: now.computedAt };
    const view = await this.view(job);
    return kept
      ? { status: 'stale', result: kept.result, computedAt: kept.computedAt, job: view }
      : { status: 'pending', job: view };
  }

  /** A job's progress, for the caller whose unit started it (another unit's job does not exist). */
  async job(id: string, scope: Scope | null): Promise<JobView | null> {
    const job = this.jobs.get(id);
    if (!job || (job.unit !== unitOf(scope) && job.unit !== unitOf(null))) return null;
    return this.view(job);
  }

  /**
   * Computes in the background every request whose stored result is not of the current data version (at start
   * and after the data change). Resolves once the jobs are queued.
   */
  async refresh(requests: readonly AnalysisRequest[]): Promise<number> {
    let started = 0;
    for (const req of requests) {
      const key = analysisKey(req.name, req.params, req.scope);
      const version = await this.o.version(req);
      if ((await this.kept(key))?.version === version) continue;
      this.start(key, req, version).promise.catch(() => {});
      started++;
    }
    return started;
  }

  /**
   * A group's student list for a national, analyst or state user (a scan of the whole scope's enrollments) in
   * a worker thread; `here` is the same search in this thread, when there is none. Names stay in memory: the
   * list is never stored.
   */
  findStudents(
    task: Omit<Extract<WorkerTask, { type: 'students' }>, 'type' | 'target'>,
    here: () => Promise<unknown>,
  ): Promise<unknown> {
    if (this.inThread) return here();
    return runInWorker(this.o.workerUrl as URL, {
      type: 'students',
      target: this.o.target as DatabaseTarget,
      ...task,
    });
  }

  /**
   * Runs a record import posted to the API in a worker thread (`here`: the same import in this thread, when
   * there is no worker), so that parsing and writing a large file never holds the HTTP thread.
   */
  runImport(
    task: Omit<Extract<WorkerTask, { type: 'import' }>, 'type' | 'target'>,
    here: () => Promise<unknown>,
  ): Promise<unknown> {
    if (this.inThread) return here();
    return runInWorker(this.o.workerUrl as URL, {
      type: 'import',
      target: this.o.target as DatabaseTarget,
      ...task,
    }).then((result) => {
      // Committed on the worker's connection: this thread reads the data version again at once.
      noteDataChange(this.o.db);
      return result;
    });
  }

  /**
   * Runs a count table posted to the API (imports/counts.ts uploadCountsFile) in a worker thread, as runImport
   * does a record import: reading a hostile file to its limit, or a large valid one, never holds this thread.
   */
  runCountsImport(
    task: Omit<Extract<WorkerTask, { type: 'counts' }>, 'type' | 'target'>,
    here: () => Promise<unknown>,
  ): Promise<unknown> {
    if (this.inThread) return here();
    return runInWorker(this.o.workerUrl as URL, {
      type: 'counts',
      target: this.o.target as DatabaseTarget,
      ...task,
    }).then((result) => {
      noteDataChange(this.o.db);
      return result;
    });
  }

  /**
   * Trains the risk model and scores every active student when either is missing (risk-setup.ts), in a
   * worker thread; its steps go to the log and to status().
   */
  async setupRisk(actor: string): Promise<void> {
    const say = (message: string) => {
      this.risk = { ...this.risk, message };
      this.o.log?.({ level: 'info', event: 'risk_setup', message });
    };
    this.risk = { state: 'running', message: null, startedAt: new Date().toISOString(), error: null };
    try {
      await (this.inThread
        ? prepareRisk(this.o.db, actor, say)
        : runInWorker(
            this.o.workerUrl as URL,
            { type: 'risk-setup', target: this.o.target as DatabaseTarget, actor },
            () => {},
            say,
          ));
      this.risk = { ...this.risk, state: 'done' };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.risk = { ...this.risk, state: 'failed', error: message };
      this.o.log?.({ level: 'error', event: 'risk_setup_failed', error: message });
    }
  }

  /**
   * What runs in the background (the jobs, the early-warning setup) and this thread's event-loop delay since
   * the start or the last reset (perf_hooks: what every request waits for besides its own work).
   */
  async status(resetEventLoop = false, withMemory = false): Promise<RunnerStatus> {
    const jobs = await Promise.all(
      [...this.jobs.values()].filter((j) => j.finishedAt === null).map((j) => this.view(j)),
    );
    const h = this.loop;
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const eventLoopDelayMs = {
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      samples: h.count,
    };
    if (resetEventLoop) h.reset();
    return {
      workers: !this.inThread,
      jobs,
      riskSetup: this.risk,
      eventLoopDelayMs,
      memory: withMemory ? await this.memoryNow() : null,
    };
  }

  private async memoryNow(): Promise<ProcessMemory> {
    const m = process.memoryUsage();
    let keptBytes = 0;
    for (const k of this.memory.values()) keptBytes += k.bytes;
    return {
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      workers: await poolMemory(),
      keptResults: this.memory.size,
      keptBytes,
    };
  }

  private async kept(key: string): Promise<Kept | null> {
    const hit = this.memory.get(key);
    if (hit) return hit;
    const row = await readAnalysis(this.o.db, key);
    if (!row) return null;
    const kept = {
      version: row.dataVersion,
      result: JSON.parse(row.result) as unknown,
      computedAt: row.computedAt,
      bytes: row.result.length,
    };
    this.remember(key, kept);
    return kept;
  }

  private remember(key: string, kept: Kept): void {
    this.memory.delete(key);
    this.memory.set(key, kept);
    if (this.memory.size > MEMORY_MAX) this.memory.delete(this.memory.keys().next().value as string);
  }

  private start(key: string, request: AnalysisRequest, version: string): Job {
    const running = this.byKey.get(key);
    if (running && running.version === version) return running;
    this.prune();
    let settle: Job['settle'] = () => {};
    const promise = new Promise<unknown>((resolve, reject) => {
      settle = (ok, value) =>
        ok ? resolve(value) : reject(value instanceof Error ? value : new Error(String(value)));
    });
    const job: Job = {
      id: randomUUID(),
      key,
      unit: unitOf(request.scope),
      request,
      version,
      state: 'queued',
      startedAt: null,
      progress: 0,
      error: null,
      finishedAt: null,
      promise,
      settle,
    };
    this.jobs.set(job.id, job);
    this.byKey.set(key, job);
    this.queue.push(job);
    this.pump();
    return job;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      this.running++;
      void this.execute(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async execute(job: Job): Promise<void> {
    job.state = 'running';
    job.startedAt = performance.now();
    const { name, params, scope } = job.request;
    try {
      const result = this.inThread
        ? await computeAnalysis(this.o.db, name, params, scope)
        : await runInWorker(
            this.o.workerUrl as URL,
            { type: 'analysis', target: this.o.target as DatabaseTarget, name, params, scope },
            (p) => (job.progress = p),
          );
      const ms = performance.now() - job.startedAt;
      const computedAt = (this.o.now?.() ?? new Date()).toISOString();
      // Through JSON, as it is stored: a result read back from the table is the same.
      const text = JSON.stringify(result);
      this.remember(job.key, {
        version: job.version,
        result: JSON.parse(text) as unknown,
        computedAt,
        bytes: text.length,
      });
      await writeAnalysis(this.o.db, {
        key: job.key,
        analysis: name,
        dataVersion: job.version,
        result: text,
        computedAt,
        ms,
      }).catch((e: unknown) =>
        this.o.log?.({ level: 'warn', event: 'analysis_store_failed', error: String(e) }),
      );
      (await this.durationsMap()).set(name, ms);
      job.state = 'done';
      this.o.log?.({ level: 'info', event: 'analysis_done', analysis: name, ms: Math.round(ms) });
      job.settle(true, undefined);
    } catch (e) {
      const f = errorOf(e);
      job.state = 'failed';
      job.error = { code: f.code, message: f.kind ? f.message : 'Error interno al calcular el análisis' };
      if (!f.kind)
        this.o.log?.({ level: 'error', event: 'analysis_failed', analysis: name, error: f.message });
      job.settle(false, e);
    } finally {
      job.finishedAt = performance.now();
      if (this.byKey.get(job.key) === job) this.byKey.delete(job.key);
    }
  }

  private durationsMap(): Promise<Map<string, number>> {
    this.durations ??= analysisDurations(this.o.db).catch(() => new Map<string, number>());
    return this.durations;
  }

  private async view(job: Job): Promise<JobView> {
    const expected = (await this.durationsMap()).get(job.request.name) ?? null;
    const elapsed = job.startedAt === null ? 0 : (job.finishedAt ?? performance.now()) - job.startedAt;
    const estimate = expected && job.state === 'running' ? Math.min(0.95, elapsed / expected) : 0;
    return {
      id: job.id,
      analysis: job.request.name,
      state: job.state,
      progress: job.state === 'done' ? 1 : Math.max(job.progress, estimate),
      startedAt: job.startedAt === null ? null : new Date(Date.now() - elapsed).toISOString(),
      elapsedMs: Math.round(elapsed),
      expectedMs: expected === null ? null : Math.round(expected),
      error: job.error,
    };
  }

  private prune(): void {
    const now = performance.now();
    for (const [id, j] of this.jobs)
      if (j.finishedAt !== null && now - j.finishedAt > JOB_KEEP_MS) this.jobs.delete(id);
  }
}

function unitOf(scope: Scope | null): string {
  return scope ? `${scope.role}:${scope.stateId ?? ''}:${scope.campusId ?? ''}` : '*';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
