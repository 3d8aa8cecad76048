/**
 * Resident memory of the server: the `trayecto serve` process and its cluster workers (its child processes),
 * sampled from /proc at a fixed interval.
 */
import { childrenOf, procCpuSeconds, procRssBytes } from '../api/server.js';

export interface MemorySample {
  /** Seconds since sampling started. */
  readonly t: number;
  readonly phase: string;
  /** RSS of each process, by pid. */
  readonly rss: Readonly<Record<string, number>>;
  readonly totalBytes: number;
  /** CPU seconds (user + system) used so far by the server processes alive at this sample. */
  readonly cpuSeconds: number;
}

export interface MemorySampler {
  /** performance.now() when sampling started: the samples' t are seconds since. */
  readonly t0: number;
  setPhase(phase: string): void;
  stop(): MemorySample[];
}

export function sampleMemory(serverPid: number, intervalMs = 1000): MemorySampler {
  const samples: MemorySample[] = [];
  const t0 = performance.now();
  let phase = 'start';
  const take = () => {
    const rss: Record<string, number> = {};
    let cpuSeconds = 0;
    for (const pid of [serverPid, ...childrenOf(serverPid)]) {
      const r = procRssBytes(pid);
      if (r !== null) rss[String(pid)] = r;
      cpuSeconds += procCpuSeconds(pid) ?? 0;
    }
    const totalBytes = Object.values(rss).reduce((a, b) => a + b, 0);
    samples.push({ t: (performance.now() - t0) / 1000, phase, rss, totalBytes, cpuSeconds });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    t0,
    setPhase: (p) => {
      phase = p;
      take();
    },
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export interface MemoryVerdict {
  /** Total RSS at the last sample before the warm-up (the light requests' paths checked, no heavy one yet). */
  readonly beforeWarmupBytes: number;
  /** afterWarmupBytes / beforeWarmupBytes − 1: what the warm-up added (pools, caches, heaps started). */
  readonly startupGrowth: number;
  /** Median total RSS over the first 10 s of the measured run (after the warm-up). */
  readonly afterWarmupBytes: number;
  /** Median total RSS over the last 10 s of the measured run. */
  readonly endBytes: number;
  readonly maxBytes: number;
  /** endBytes / afterWarmupBytes − 1. */
  readonly growth: number;
  /** Cores the server processes (primary and workers) kept busy during the measured phase. */
  readonly serverCpuCores: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : 0;
};

export function memoryVerdict(samples: readonly MemorySample[], measuredPhase: string): MemoryVerdict {
  const measured = samples.filter((s) => s.phase === measuredPhase);
  const t0 = measured[0]?.t ?? 0;
  const t1 = measured.at(-1)?.t ?? 0;
  const first = measured.filter((s) => s.t - t0 <= 10).map((s) => s.totalBytes);
  const last = measured.filter((s) => t1 - s.t <= 10).map((s) => s.totalBytes);
  const afterWarmupBytes = median(first);
  const before = samples.filter((s) => s.phase === 'start').at(-1)?.totalBytes ?? 0;
  const endBytes = median(last);
  const first0 = measured[0];
  const last0 = measured.at(-1);
  return {
    beforeWarmupBytes: before,
    startupGrowth: before > 0 ? afterWarmupBytes / before - 1 : Number.NaN,
    afterWarmupBytes,
    endBytes,
    maxBytes: Math.max(0, ...measured.map((s) => s.totalBytes)),
    growth: afterWarmupBytes > 0 ? endBytes / afterWarmupBytes - 1 : Number.NaN,
    serverCpuCores:
      first0 && last0 && t1 > t0 ? (last0.cpuSeconds - first0.cpuSeconds) / (t1 - t0) : Number.NaN,
  };
}

/** The serving process's memory by part (GET /api/v1/analyses/status, national account), in bytes. */
export interface BreakdownSample {
  readonly t: number;
  readonly phase: string;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  readonly workers: number;
  readonly workersBusy: number;
  readonly workersHeapUsed: number;
  readonly workersHeapTotal: number;
  /** The largest heap limit among the workers (their resourceLimits, or V8's default). */
  readonly workerHeapLimit: number;
  readonly keptResults: number;
  readonly keptBytes: number;
}

export interface StatusMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  workers: { busy: boolean; heapUsed: number; heapTotal: number; heapLimit: number }[];
  keptResults: number;
  keptBytes: number;
}

/**
 * Asks the server for its memory by part every `intervalMs` (on the same clock as a MemorySampler started at
 * `t0`): which part grows — the main heap, the worker threads' heaps, or the rest of the RSS (SQLite's page
 * caches, code, buffers) — when the total does.
 */
export function sampleBreakdown(
  read: () => Promise<StatusMemory | null>,
  t0: number,
  intervalMs = 5_000,
  onSample: (s: BreakdownSample) => void = () => {},
): { setPhase(p: string): void; stop(): Promise<BreakdownSample[]> } {
  const samples: BreakdownSample[] = [];
  let phase = 'start';
  let pending: Promise<void> = Promise.resolve();
  const take = () => {
    pending = pending.then(async () => {
      const m = await read().catch(() => null);
      if (!m) return;
      const sum = (f: (w: StatusMemory['workers'][number]) => number) =>
        m.workers.reduce((a, w) => a + f(w), 0);
      samples.push({
        t: (performance.now() - t0) / 1000,
        phase,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        workers: m.workers.length,
        workersBusy: m.workers.filter((w) => w.busy).length,
        workersHeapUsed: sum((w) => w.heapUsed),
        workersHeapTotal: sum((w) => w.heapTotal),
        workerHeapLimit: Math.max(0, ...m.workers.map((w) => w.heapLimit)),
        keptResults: m.keptResults,
        keptBytes: m.keptBytes,
      });
      onSample(samples.at(-1) as BreakdownSample);
    });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    setPhase: (p) => {
      phase = p;
      take();
    },
    stop: async () => {
      clearInterval(timer);
      take();
      await pending;
      return samples;
    },
  };
}

/** One line of a breakdown sample, in MiB. */
export function breakdownLine(s: BreakdownSample): string {
  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  return (
    `t ${s.t.toFixed(0)} s (${s.phase}), MiB: RSS ${mb(s.rss)}, main heap ${mb(s.heapUsed)}/${mb(s.heapTotal)}, ` +
    `external ${mb(s.external)} (array buffers ${mb(s.arrayBuffers)}), ${s.workers} worker threads ` +
    `(${s.workersBusy} busy) heap ${mb(s.workersHeapUsed)}/${mb(s.workersHeapTotal)}, ` +
    `rest of RSS ${mb(s.rss - s.heapTotal - s.workersHeapTotal - s.external)}, ` +
    `${s.keptResults} results kept (${mb(s.keptBytes)} of JSON)`
  );
}
