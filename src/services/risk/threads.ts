/**
 * Scoring every active student on several cores. The range of student ids is cut into many slices of equal
 * width; the calling thread and worker threads (worker.ts), each with its own database connection, take
 * the next slice from a shared counter until none is left, so a thread that starts late or meets a dense
 * slice simply takes fewer (ids grow with each generation's entry: the active students crowd the newest
 * slices). Contiguous slices keep each connection on its own pages of the tables, and the students table is
 * read once in all. Workers hand back their scores packed in typed arrays (a structured clone of a hundred
 * thousand objects would cost more than the scoring saves).
 *
 * The slices are read by separate connections, so they are separate snapshots: an import committed while the
 * scoring runs may be seen by one slice and not another, as it may be seen by one page and not the next of a
 * single-threaded scoring.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from '../../config.js';
import type { RiskFlag } from '../../domain/risk/rules.js';

export interface ScoringOptions {
  /**
   * Threads that score all active students: this one plus `threads − 1` workers; 1 scores here only. Default:
   * the available cores (at most 4) when the database holds at least PARALLEL_MIN_STUDENTS students and the
   * compiled worker script exists, else 1. Queries for a campus, a state or listed students always use one.
   */
  readonly threads?: number;
  /** The worker script (default: worker.js compiled next to this module). */
  readonly workerUrl?: URL;
}

/** Below this many students a worker's start-up (loading modules, opening the database) costs more than it saves. */
export const PARALLEL_MIN_STUDENTS = 50_000;
const MAX_THREADS = 4;

/** The compiled worker; under a TypeScript runner (tests) there is none and scoring stays in one thread. */
const DEFAULT_WORKER = import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : null;

/**
 * How many threads score all active students, given the options and the number of students in the database
 * (asked lazily: only when the default applies).
 */
export async function scoringThreads(
  options: ScoringOptions,
  studentCount: () => Promise<number>,
): Promise<{ threads: number; workerUrl: URL | null }> {
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER;
  if (!workerUrl) return { threads: 1, workerUrl };
  if (options.threads !== undefined) return { threads: Math.max(1, Math.floor(options.threads)), workerUrl };
  const cores = Math.min(MAX_THREADS, availableParallelism());
  if (cores < 2) return { threads: 1, workerUrl };
  return { threads: (await studentCount()) >= PARALLEL_MIN_STUDENTS ? cores : 1, workerUrl };
}

/** The slices of the id range: slice k is from + k·width ≤ id < from + (k + 1)·width, for k < count. */
export interface SlicePlan {
  readonly from: number;
  readonly width: number;
  readonly count: number;
}

/** Slices per thread: enough that the last slice taken costs little next to the whole. */
const SLICES_PER_THREAD = 64;

/** The slices covering ids minId…maxId for `threads` threads. */
export function slicePlan(minId: number, maxId: number, threads: number): SlicePlan {
  const count = Math.max(1, threads * SLICES_PER_THREAD);
  const span = Math.max(1, maxId - minId + 1);
  return { from: minId, width: Math.ceil(span / count), count };
}

/**
 * The next slice nobody has taken (`counter` is shared by every thread of one scoring), or null when all are
 * taken. Newest ids first: they hold most active students, and the threads end on the sparse old slices,
 * so they end together.
 */
export function takeSlice(counter: Int32Array, plan: SlicePlan): { from: number; to: number } | null {
  const k = Atomics.add(counter, 0, 1);
  if (k >= plan.count) return null;
  const from = plan.from + (plan.count - 1 - k) * plan.width;
  return { from, to: from + plan.width };
}

/** What a worker is asked to do. */
export interface ScoringTask {
  readonly target: DatabaseTarget;
  readonly plan: SlicePlan;
  /** One Int32 shared by every thread of the scoring: the next slice to take. */
  readonly counter: SharedArrayBuffer;
  /** For messages: which worker (1…). */
  readonly worker: number;
}

/** A share's scores in parallel arrays (one entry per student). */
export interface PackedRisk {
  readonly ids: Float64Array<ArrayBuffer>;
  /** FLAG_CODES index of each student's flag. */
  readonly flags: Uint8Array<ArrayBuffer>;
  /** NaN where there is no model. */
  readonly probabilities: Float64Array<ArrayBuffer>;
  /** The Spanish reasons: students separated by RS (U+001E), a student's reasons by US (U+001F). */
  readonly reasons: string;
  /** The same reasons in English, packed the same way. */
  readonly reasonsEn: string;
  readonly modelVersion: number | null;
}

const FLAG_CODES: readonly RiskFlag[] = ['verde', 'amarillo', 'rojo'];
const RS = '\u001e';
const US = '\u001f';

/** Collects scores one student at a time, then packs them. */
export class RiskPacker {
  private readonly ids: number[] = [];
  private readonly flags: number[] = [];
  private readonly probabilities: number[] = [];
  private readonly reasons: string[] = [];
  private readonly reasonsEn: string[] = [];
  private modelVersion: number | null = null;

  add(
    id: number,
    flag: RiskFlag,
    probability: number | null,
    reasons: readonly string[],
    reasonsEn: readonly string[],
    version: number | null,
  ) {
    this.ids.push(id);
    this.flags.push(FLAG_CODES.indexOf(flag));
    this.probabilities.push(probability ?? NaN);
    this.reasons.push(reasons.join(US));
    this.reasonsEn.push(reasonsEn.join(US));
    this.modelVersion = version;
  }

  pack(): PackedRisk {
    return {
      ids: Float64Array.from(this.ids),
      flags: Uint8Array.from(this.flags),
      probabilities: Float64Array.from(this.probabilities),
      reasons: this.reasons.join(RS),
      reasonsEn: this.reasonsEn.join(RS),
      modelVersion: this.modelVersion,
    };
  }
}

/** The scores of a packed share, one call per student. */
export function unpackRisk(
  p: PackedRisk,
  each: (
    id: number,
    flag: RiskFlag,
    probability: number | null,
    reasons: string[],
    reasonsEn: string[],
    version: number | null,
  ) => void,
): void {
  const n = p.ids.length;
  const reasons = n > 0 ? p.reasons.split(RS) : [];
  const reasonsEn = n > 0 ? p.reasonsEn.split(RS) : [];
  if (p.flags.length !== n || p.probabilities.length !== n || reasons.length !== n || reasonsEn.length !== n)
    throw new Error(`risk worker: packed arrays of different lengths (${n} students)`);
  for (let i = 0; i < n; i++) {
    const pr = p.probabilities[i] as number;
    const text = reasons[i] as string;
    const textEn = reasonsEn[i] as string;
    each(
      p.ids[i] as number,
      FLAG_CODES[p.flags[i] as number] as RiskFlag,
      Number.isNaN(pr) ? null : pr,
      text === '' ? [] : text.split(US),
      textEn === '' ? [] : textEn.split(US),
      p.modelVersion,
    );
  }
}

/** A worker's answer: its share's scores, or why it failed. */
export type ScoringAnswer = { readonly packed: PackedRisk } | { readonly error: string };

/**
 * The pool's bounds (docs/SCALING.md "Load"): at most `max` worker threads alive in this process, busy or
 * idle, each with a V8 old space of at most `heapMb` (resourceLimits; a worker that exceeds it ends with
 * ERR_WORKER_OUT_OF_MEMORY and its task fails, the process lives). With one SQLite connection per worker
 * (cache_size, storage/db.ts) that gives the pool a known ceiling. A task that finds every worker busy waits
 * its turn (first come, first served); an idle worker of another script gives its place.
 */
export interface PoolLimits {
  readonly max: number;
  readonly heapMb: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = {
  max: Math.max(2, Math.min(4, availableParallelism())),
  // The effects worker used up to ≈ 460 MB of heap at scale 0.1 (bench:load, issue 11); national data read
  // ≈ 1.7 times the units: room for that, not measured at national scale.
  heapMb: 2048,
};

let limits: PoolLimits = DEFAULT_POOL_LIMITS;

/** Sets the bounds for workers started from now on (the server at start, from its configuration; tests). */
export function configureWorkerPool(next: Partial<PoolLimits>): void {
  limits = { ...limits, ...next };
  dispatch();
}

/**
 * Idle workers, by script: kept between calls (unreferenced, so they never hold the process open) with their
 * modules loaded and their database connection open, so that a later scoring pays neither; a worker ends by
 * itself after a minute without work (worker.ts).
 */
const idle = new Map<string, Worker[]>();
/** Every live worker of the pool, busy or idle. */
const live = new Set<Worker>();
/** Tasks waiting for a worker, in order. */
const waiting: { readonly url: URL; readonly give: (w: Worker) => void }[] = [];

/** An idle worker of this script, or a new one while the pool is below its bound; null when it is full. */
function take(url: URL): Worker | null {
  const w = idle.get(url.href)?.pop() ?? (live.size < limits.max ? spawn(url) : null);
  w?.ref();
  return w ?? null;
}

/** A worker for `url` once one is free (see PoolLimits). */
function acquire(url: URL): Promise<Worker> {
  const w = waiting.length === 0 ? take(url) : null;
  if (w) return Promise.resolve(w);
  return new Promise((give) => {
    waiting.push({ url, give });
    dispatch();
  });
}

/** Hands free workers to the waiting tasks; ends an idle worker of another script to make room. */
function dispatch(): void {
  while (waiting.length > 0) {
    const next = waiting[0] as (typeof waiting)[number];
    const w = take(next.url);
    if (w) {
      waiting.shift();
      next.give(w);
      continue;
    }
    const other = [...idle.entries()].find(([href, list]) => href !== next.url.href && list.length > 0);
    // Its exit calls dispatch again, with room for the one waiting.
    if (other) void (other[1].pop() as Worker).terminate();
    return;
  }
}

function spawn(url: URL): Worker {
  const w = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } });
  live.add(w);
  w.once('exit', () => {
    live.delete(w);
    const list = idle.get(url.href);
    const i = list?.indexOf(w) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
    dispatch();
  });
  return w;
}

function release(url: URL, w: Worker): void {
  w.unref();
  idle.set(url.href, [...(idle.get(url.href) ?? []), w]);
  dispatch();
}

/** The pool's size now: live workers (busy or idle), idle ones, tasks waiting for one. */
export function poolSize(): { live: number; idle: number; waiting: number; max: number } {
  return {
    live: live.size,
    idle: [...idle.values()].reduce((n, l) => n + l.length, 0),
    waiting: waiting.length,
    max: limits.max,
  };
}

/** One pooled worker's V8 heap (bytes), as worker.getHeapStatistics() reports it. */
export interface WorkerHeap {
  readonly busy: boolean;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly heapLimit: number;
  readonly external: number;
}

/** The heaps of the pool's live workers (a worker that ends while asked is left out). */
export async function poolMemory(): Promise<WorkerHeap[]> {
  const idleNow = new Set([...idle.values()].flat());
  const out = await Promise.all(
    [...live].map(async (w) => {
      try {
        const h = await w.getHeapStatistics();
        return {
          busy: !idleNow.has(w),
          heapUsed: h.used_heap_size,
          heapTotal: h.total_heap_size,
          heapLimit: h.heap_size_limit,
          external: h.external_memory,
        };
      } catch {
        return null;
      }
    }),
  );
  return out.filter((h) => h !== null);
}

/** The same pool of idle workers, for other worker scripts (services/analyses/ runs analyses and imports). */
export { acquire as acquireWorker, release as releaseWorker };

/**
 * Scores one share in a worker thread; rejects when it fails or exits without an answer. When the pool has no
 * free worker the share is empty at once: the calling thread takes the slices (it never waits behind an
 * analysis holding the workers).
 */
export function scoreInWorker(url: URL, task: ScoringTask): Promise<PackedRisk> {
  const w = waiting.length === 0 ? take(url) : null;
  if (!w) return Promise.resolve(new RiskPacker().pack());
  return new Promise((resolve, reject) => {
    const done = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (m: ScoringAnswer) => {
      done();
      release(url, w);
      if ('packed' in m) resolve(m.packed);
      else reject(new Error(`risk worker ${task.worker}: ${m.error}`));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`risk worker ${task.worker} exited (${code}) without scores`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(task);
  });
}
