/**
 * Child processes whose time and memory are their own: the demo generation (`trayecto generate`), the summary
 * that `trayecto start` prints once data exists, and a cold TypeScript build (the first step of `npm start`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ChildRun {
  readonly wallMs: number;
  readonly exitCode: number;
  readonly stdout: string;
  /** Lines of the child's stderr with the time (ms after spawn) each arrived. */
  readonly lines: readonly { readonly atMs: number; readonly text: string }[];
}

const TIME_BIN = '/usr/bin/time';

/** Runs a command, relaying its stderr lines (prefixed) as they come. */
export function runChild(
  cmd: string,
  args: readonly string[],
  cwd: string,
  relayPrefix: string | null,
  onSpawn: (pid: number) => void = () => {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) onSpawn(child.pid);
    const lines: { atMs: number; text: string }[] = [];
    let out = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      const at = performance.now() - t0;
      const parts = (pending + d).split(/\r?\n|\r/);
      pending = parts.pop() ?? '';
      for (const text of parts) {
        lines.push({ atMs: at, text });
        if (relayPrefix !== null && !text.startsWith('\t')) process.stderr.write(`${relayPrefix}${text}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending) lines.push({ atMs: performance.now() - t0, text: pending });
      resolve({ wallMs: performance.now() - t0, exitCode: code ?? -1, stdout: out, lines });
    });
  });
}

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
    ? await runChild(TIME_BIN, ['-v', process.execPath, ...cliArgs], root, '    ')
    : await runChild(process.execPath, cliArgs, root, '    ', poll);
  if (timer) clearInterval(timer);
  if (run.exitCode !== 0) {
    throw new Error(`generation failed (exit ${run.exitCode}):\n${run.lines.map((l) => l.text).join('\n')}`);
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

/** `trayecto start` on a database that already has data: the summary part of a first start. */
export async function startSummaryInChild(root: string, db: string): Promise<number> {
  const run = await runChild(process.execPath, ['bin/trayecto.js', 'start', '--db', db], root, null);
  if (run.exitCode !== 0)
    throw new Error(
      `trayecto start failed (exit ${run.exitCode}): ${run.lines.map((l) => l.text).join('\n')}`,
    );
  return run.wallMs;
}

/** A TypeScript build of the product from nothing (no incremental state), into a scratch folder. */
export async function coldBuildInChild(root: string, scratch: string): Promise<number> {
  rmSync(scratch, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [
    tsc,
    '-p',
    'tsconfig.build.json',
    '--outDir',
    scratch,
    '--tsBuildInfoFile',
    join(scratch, 'b'),
  ];
  const run = await runChild(process.execPath, args, root, null);
  rmSync(scratch, { recursive: true, force: true });
  if (run.exitCode !== 0) throw new Error(`cold build failed (exit ${run.exitCode}): ${run.stdout}`);
  return run.wallMs;
}
