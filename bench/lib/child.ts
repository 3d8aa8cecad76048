/**
 * Child processes whose time and memory are their own: the demo generation (`trayecto generate`), `trayecto
 * start` on generated data until it serves, and a cold `npm run build` (the first step of `npm start`).
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ChildOptions {
  /** Prefix for relaying the child's stderr lines to ours as they come; null: do not relay. */
  readonly relay?: string | null;
  readonly onSpawn?: (pid: number) => void;
  /** Stop the child (SIGTERM) at the first output line that matches: a server that never exits. */
  readonly until?: RegExp;
  readonly timeoutMs?: number;
  /** Variables added to (or replacing) this process's environment for the child. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ChildRun {
  readonly wallMs: number;
  readonly exitCode: number;
  /** The child was stopped because it ran past `timeoutMs`. */
  readonly timedOut: boolean;
  /** Time of the line that matched `until`, if one did. */
  readonly readyMs: number | null;
  /** Lines of the child's stdout and stderr with the time (ms after spawn) each arrived. */
  readonly lines: readonly { readonly atMs: number; readonly text: string }[];
}

/** Runs a command; splits its output into timed lines. */
export function runChild(cmd: string, args: readonly string[], cwd: string, o: ChildOptions = {}) {
  return new Promise<ChildRun>((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: o.env ? { ...process.env, ...o.env } : process.env,
    });
    if (child.pid !== undefined) o.onSpawn?.(child.pid);
    const lines: { atMs: number; text: string }[] = [];
    let readyMs: number | null = null;
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGTERM');
      },
      o.timeoutMs ?? 20 * 60_000,
    );
    const reader = (relay: string | null) => {
      let pending = '';
      return (d: string) => {
        const at = performance.now() - t0;
        const parts = (pending + d).split(/\r?\n|\r/);
        pending = parts.pop() ?? '';
        for (const text of parts) {
          lines.push({ atMs: at, text });
          if (relay !== null && !text.startsWith('\t')) process.stderr.write(`${relay}${text}\n`);
          if (o.until?.test(text) && readyMs === null) {
            readyMs = at;
            child.kill('SIGTERM');
          }
        }
      };
    };
    child.stdout.setEncoding('utf8').on('data', reader(null));
    child.stderr.setEncoding('utf8').on('data', reader(o.relay ?? null));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ wallMs: performance.now() - t0, exitCode: code ?? -1, timedOut, readyMs, lines });
    });
  });
}

const TIME_BIN = '/usr/bin/time';
/**
 * A generation may take hours (scale 4 on a loaded machine); runChild's default of 20 minutes stopped a scale-1
 * run on PostgreSQL that needed 33 (SIGTERM reached /usr/bin/time, not the CLI, which finished and was then
 * reported as failed with exit -1).
 */
const GENERATION_TIMEOUT_MS = 12 * 3_600_000;

export interface GenerationRun {
  readonly command: string;
  readonly wallMs: number;
  readonly peakRssBytes: number | null;
  readonly peakRssSource: 'time -v (Maximum resident set size)' | '/proc/<pid>/status VmHWM (polled)';
  readonly dbBytes: number;
  /**
   * Where the time went, from the generator's progress lines: the school years (simulated and written; a
   * year's line comes when it is done), then each later step (its line comes when it starts), then exit.
   */
  readonly phases: readonly { readonly label: string; readonly ms: number }[];
  readonly progress: readonly { readonly atMs: number; readonly text: string }[];
}

/** `node bin/trayecto.js generate --scale S --db FILE --force` in a child: its own wall time and peak RSS. */
export async function generateInChild(
  root: string,
  scale: number,
  db: string,
  useTime = existsSync(TIME_BIN),
): Promise<GenerationRun> {
  const cliArgs = ['bin/trayecto.js', 'generate', '--scale', String(scale), '--db', db, '--force'];
  let hwmKb = 0;
  let timer: NodeJS.Timeout | undefined;
  const poll = (pid: number) => {
    timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m?.[1]) hwmKb = Math.max(hwmKb, Number(m[1]));
      } catch {
        // The process has exited between two polls.
      }
    }, 50);
  };
  const run = useTime
    ? await runChild(TIME_BIN, ['-v', process.execPath, ...cliArgs], root, {
        relay: '    ',
        timeoutMs: GENERATION_TIMEOUT_MS,
      })
    : await runChild(process.execPath, cliArgs, root, {
        relay: '    ',
        onSpawn: poll,
        timeoutMs: GENERATION_TIMEOUT_MS,
      });
  if (timer) clearInterval(timer);
  if (run.exitCode !== 0) {
    const why = run.timedOut
      ? `stopped after ${GENERATION_TIMEOUT_MS / 3_600_000} h`
      : `exit ${run.exitCode}`;
    throw new Error(`generation failed (${why}):\n${run.lines.map((l) => l.text).join('\n')}`);
  }
  let peakKb: number | null = hwmKb > 0 ? hwmKb : null;
  if (useTime) {
    const line = run.lines.find((l) => /Maximum resident set size/.test(l.text));
    const m = line ? /(\d+)\s*$/.exec(line.text) : null;
    peakKb = m?.[1] ? Number(m[1]) : null;
  }
  const progress = run.lines.filter((l) => !l.text.startsWith('\t') && l.text.trim() !== '');
  return {
    command: `node ${cliArgs.join(' ')}`,
    wallMs: run.wallMs,
    peakRssBytes: peakKb === null ? null : peakKb * 1024,
    peakRssSource: useTime ? 'time -v (Maximum resident set size)' : '/proc/<pid>/status VmHWM (polled)',
    dbBytes: databaseBytes(db),
    phases: phasesOf(progress, run.wallMs),
    progress,
  };
}

function phasesOf(progress: readonly { atMs: number; text: string }[], wallMs: number) {
  const lastYear = progress.findLastIndex((l) => /\d{4}-\d{4} ·/.test(l.text));
  if (lastYear < 0) return [];
  const phases = [{ label: 'years', ms: progress[lastYear]?.atMs ?? 0 }];
  for (let i = lastYear + 1; i < progress.length; i++) {
    const line = progress[i];
    const next = progress[i + 1];
    if (!line) continue;
    // "… 100 % creando índices (10.4 s)" → "creando índices"; the final summary line has no step.
    const label = /%\s+(.*?)\s+\([\d.]+ s\)$/.exec(line.text)?.[1];
    if (label) phases.push({ label, ms: (next?.atMs ?? wallMs) - line.atMs });
  }
  phases.push({ label: 'exit', ms: wallMs - (progress.at(-1)?.atMs ?? wallMs) });
  return phases;
}

/** Size of the SQLite file with its WAL and shared-memory files, if any. */
export function databaseBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(file + suffix)) total += statSync(file + suffix).size;
  return total;
}

/**
 * `trayecto start` on a database that already has data, until it is ready: until it prints the URL it serves
 * (on a free port), or until it exits if it does not serve. The rest of a first start after generation.
 */
export async function startInChild(root: string, db: string): Promise<number> {
  const args = ['bin/trayecto.js', 'start', '--db', db, '--port', '0'];
  const run = await runChild(process.execPath, args, root, { until: /https?:\/\//, timeoutMs: 5 * 60_000 });
  if (run.readyMs !== null) return run.readyMs;
  if (run.exitCode !== 0) {
    const output = run.lines.map((l) => l.text).join('\n');
    throw new Error(`trayecto start failed (exit ${run.exitCode}):\n${output}`);
  }
  return run.wallMs;
}

/** Top-level entries a fresh clone would not have (or that the build does not read). */
const NOT_IN_CLONE = new Set(['node_modules', 'dist', 'dist-bench', 'data', '.git', 'coverage']);

/**
 * `npm run build --silent` as on a fresh clone: in a copy of the sources under `scratch` (node_modules linked),
 * so that no incremental state is reused and the project's dist/ is not touched.
 */
export async function coldBuildInChild(root: string, scratch: string): Promise<number> {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const entry of readdirSync(root))
    if (!NOT_IN_CLONE.has(entry)) cpSync(join(root, entry), join(scratch, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    const run = await runChild(npm, ['run', 'build', '--silent'], scratch);
    if (run.exitCode !== 0) {
      const output = run.lines.map((l) => l.text).join('\n');
      throw new Error(`cold build failed (exit ${run.exitCode}):\n${output}`);
    }
    return run.wallMs;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
