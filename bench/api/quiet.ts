/**
 * Waiting for a quiet machine: the reference machine has 2 cores and is shared, so a demo generation, a test
 * run or another benchmark would distort every latency. Polls until none runs and the 1-minute load average
 * is below a threshold, for a bounded time; the outcome is recorded next to the results.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Command lines (pgrep -f patterns) of heavy work that other people start on this machine. */
export const HEAVY_PATTERNS = ['generate --scale 1', 'vitest', 'dist-bench/bench/'] as const;
export const LOAD_THRESHOLD = 1.5;

export interface QuietCheck {
  readonly quiet: boolean;
  readonly waitedMs: number;
  readonly load1: number;
  /** What was still running when the wait ended (empty when quiet). */
  readonly busy: readonly string[];
}

/**
 * Processes matching the patterns, other than this process, its ancestors (npm, sh) and its descendants (the
 * benchmark's own server and its cluster workers, whose command lines name the benchmark's hooks).
 */
export function heavyProcesses(exclude: ReadonlySet<number>): string[] {
  const out: string[] = [];
  const own = descendants(process.pid);
  for (const pattern of HEAVY_PATTERNS) {
    const r = spawnSync('pgrep', ['-af', pattern], { encoding: 'utf8' });
    for (const line of (r.stdout ?? '').split('\n')) {
      const m = /^(\d+)\s+(.*)$/.exec(line.trim());
      if (!m?.[1] || exclude.has(Number(m[1])) || own.has(Number(m[1]))) continue;
      out.push(`${m[1]} ${(m[2] ?? '').slice(0, 100)}`);
    }
  }
  return [...new Set(out)];
}

/** Every process below `root` (children, grandchildren…), from one `ps` listing. */
function descendants(root: number): Set<number> {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of (r.stdout ?? '').split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined || !Number.isInteger(pid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out = new Set<number>();
  const todo = [root];
  while (todo.length > 0) {
    for (const c of children.get(todo.pop() as number) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        todo.push(c);
      }
    }
  }
  return out;
}

/** This process and its ancestors: `npm run bench:api` and its shell match no pattern, but a wrapper might. */
export function selfAndAncestors(): Set<number> {
  const ids = new Set<number>([process.pid]);
  let pid = process.ppid;
  for (let i = 0; i < 10 && pid > 1; i++) {
    ids.add(pid);
    const r = spawnSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
    pid = Number((r.stdout ?? '').trim());
    if (!Number.isInteger(pid)) break;
  }
  return ids;
}

export async function waitForQuiet(
  what: string,
  maxMs: number,
  log: (text: string) => void,
  exclude: ReadonlySet<number> = selfAndAncestors(),
  pollMs = 10_000,
): Promise<QuietCheck> {
  const t0 = Date.now();
  let announced = false;
  for (;;) {
    const busy = heavyProcesses(exclude);
    const load1 = loadavg()[0] ?? 0;
    const waitedMs = Date.now() - t0;
    if (busy.length === 0 && load1 < LOAD_THRESHOLD) {
      if (announced) log(`  quiet after ${(waitedMs / 1000).toFixed(0)} s (load ${load1.toFixed(2)})`);
      return { quiet: true, waitedMs, load1, busy };
    }
    if (waitedMs >= maxMs) {
      log(
        `  warning: still busy after ${(waitedMs / 1000).toFixed(0)} s (load ${load1.toFixed(2)}` +
          `${busy.length ? `; running: ${busy.join(' | ')}` : ''}); ${what} anyway: results are skewed`,
      );
      return { quiet: false, waitedMs, load1, busy };
    }
    if (!announced) {
      log(
        `Waiting for a quiet machine before ${what} (up to ${(maxMs / 1000).toFixed(0)} s): load ${load1.toFixed(2)}` +
          `${busy.length ? `, running: ${busy.join(' | ')}` : ''}`,
      );
      announced = true;
    }
    await sleep(Math.min(pollMs, Math.max(1000, maxMs - waitedMs)));
  }
}
