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
  const endBytes = median(last);
  const first0 = measured[0];
  const last0 = measured.at(-1);
  return {
    afterWarmupBytes,
    endBytes,
    maxBytes: Math.max(0, ...measured.map((s) => s.totalBytes)),
    growth: afterWarmupBytes > 0 ? endBytes / afterWarmupBytes - 1 : Number.NaN,
    serverCpuCores:
      first0 && last0 && t1 > t0 ? (last0.cpuSeconds - first0.cpuSeconds) / (t1 - t0) : Number.NaN,
  };
}
