/**
 * Load with autocannon: a warm-up that is not measured, then the measured run at N connections (keep-alive,
 * closed loop: each connection sends its next request when the previous answer arrives), then a short run at
 * one connection, the latency without queueing. Latency percentiles are exact, from every response time
 * autocannon reports (its own histogram keeps whole milliseconds and has no p95).
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { ServerChild } from './server.js';

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface LoadRun {
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: Percentiles;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly bytesPerSecond: number;
  /** autocannon's own summary, for comparison: whole-millisecond histogram. */
  readonly autocannon: {
    readonly p50: number;
    readonly p97_5: number;
    readonly p99: number;
    readonly rpsMean: number;
  };
  /** CPU time of the server child and of this process (the load generator) over the run, in cores (1 = one core busy). */
  readonly serverCpuCores: number | null;
  readonly loadGeneratorCpuCores: number;
  readonly load1AtStart: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export function percentiles(values: readonly number[]): Percentiles {
  const s = Float64Array.from(values).sort();
  const arr = Array.from(s);
  const sum = arr.reduce((a, b) => a + b, 0);
  return {
    p50: percentile(arr, 0.5),
    p95: percentile(arr, 0.95),
    p99: percentile(arr, 0.99),
    max: arr.at(-1) ?? Number.NaN,
    mean: arr.length ? sum / arr.length : Number.NaN,
  };
}

export interface LoadSpec {
  readonly server: ServerChild;
  readonly paths: readonly string[];
  readonly cookie: string;
  readonly connections: number;
  readonly seconds: number;
}

export function runLoad(spec: LoadSpec): Promise<LoadRun> {
  const { server, paths, cookie, connections, seconds } = spec;
  const times: number[] = [];
  const load1AtStart = loadavg()[0] ?? 0;
  const cpu0 = server.cpuSeconds();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.origin,
        connections,
        duration: seconds,
        headers: { cookie },
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
        timeout: 30,
      },
      (err: unknown, result: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
        const wall = (performance.now() - t0) / 1000;
        const cpu1 = server.cpuSeconds();
        const own = process.cpuUsage(own0);
        const codes: Record<string, number> = {};
        for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) codes[code] = v.count ?? 0;
        resolve({
          connections,
          seconds: result.duration,
          requests: times.length,
          requestsPerSecond: times.length / result.duration,
          latencyMs: percentiles(times),
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes: codes,
          bytesPerSecond: result.throughput.average,
          autocannon: {
            p50: result.latency.p50,
            p97_5: result.latency.p97_5,
            p99: result.latency.p99,
            rpsMean: result.requests.average,
          },
          serverCpuCores: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / wall,
          loadGeneratorCpuCores: (own.user + own.system) / 1e6 / wall,
          load1AtStart,
        });
      },
    );
    instance.on('response', (_client: autocannon.Client, _status: number, _bytes: number, ms: number) => {
      times.push(ms);
    });
  });
}
