/**
 * The machinery of the crash-safety tests (e2e/crash-safety.test.ts kills imports,
 * e2e/crash-safety-generate.test.ts kills generation): seeded delays, table snapshots, the child process that is
 * killed (a bundle of e2e/crash-child.ts, built by each test file in its own beforeAll), the kill loop over a
 * database variant, and the log of outcomes each file keeps. TRAYECTO_CRASH_SEED and TRAYECTO_CRASH_KILLS (kills
 * per import variant) change the defaults.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { build } from 'rolldown';
import { expect } from 'vitest';
import { STATES } from '../src/domain/geography.js';
import { digestRows, tableNames, type TableChecksum } from '../src/storage/checksums.js';
import type { Store } from '../src/storage/db.js';
import { testDialects } from '../src/test-support/stores.js';

export const SEED = Number(process.env.TRAYECTO_CRASH_SEED ?? 20_261_128);
export const KILLS = Number(process.env.TRAYECTO_CRASH_KILLS ?? 8);
export const ROLLBACK_KILLS = Math.max(4, Math.round(KILLS * 0.75));
export const RECORD_KILLS = Math.max(3, Math.round(KILLS / 2));
export const RECORD_ROWS = 2_000;
export const CAMPUS_ROWS = 12_000;
export const BASE_CAMPUSES = 'assets/data/conalep-planteles/GeoReferenciaPlanteles.csv';
/** Append-only tables: compared by how many rows a run adds, since their rows carry the run's time (a committed
 * import adds its run, its audit row and, when it changed data, its footprint in the change log). */
const LOGS = ['import_runs', 'audit_log', 'data_changes'];
const ROOT = new URL('..', import.meta.url).pathname;

/** mulberry32: small, seeded, good enough to spread delays. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Snapshot {
  /** Every other table: rows and content digest. */
  readonly core: Record<string, TableChecksum>;
  /** Row counts of the append-only logs. */
  readonly logs: Record<string, number>;
}

/** Time-of-run columns, which differ between two runs of the same command. */
const TIME_COLUMN = /(^|_)(at|timestamp)$/;

export async function snapshot<DB>(db: Kysely<DB>, logsOnly = false): Promise<Snapshot> {
  const core: Record<string, TableChecksum> = {};
  const logs: Record<string, number> = {};
  for (const name of await tableNames(db)) {
    if (logsOnly && !LOGS.includes(name)) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    if (LOGS.includes(name)) logs[name] = rows.length;
    else
      core[name] = digestRows(
        rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !TIME_COLUMN.test(k)))),
      );
  }
  return { core, logs };
}

const addLogs = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(a).map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)]));
const subLogs = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(a).map((k) => [k, (a[k] ?? 0) - (b[k] ?? 0)]));

/** Reads an SQLite file as it is on disk: no journal-mode change, recovery as SQLite does on open. */
export async function sqliteSnapshot(file: string, logsOnly = false): Promise<Snapshot> {
  const raw = new SQLite(file, { fileMustExist: true });
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    return await snapshot(db, logsOnly);
  } finally {
    await db.destroy();
  }
}

// --- the child process ---------------------------------------------------------------------------------------

let bundle = '';

/** Bundles e2e/crash-child.ts for this test file's worker (each file builds its own in its beforeAll). */
export async function buildChild(): Promise<void> {
  bundle = await bundleChild();
}

/** Removes this worker's bundle. */
export function removeChild(): void {
  if (bundle) rmSync(bundle, { force: true });
  bundle = '';
}

async function bundleChild(): Promise<string> {
  // Under node_modules/, so that the bundle resolves the dependencies; three levels below the root, as the wings'
  // files are (src/services/<wing>/), so that it finds assets/ at ../../../assets.
  const file = join(ROOT, 'node_modules', '.trayecto-e2e', 'child', `child-${process.pid}.mjs`);
  await build({
    input: join(ROOT, 'e2e', 'crash-child.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file, format: 'esm' },
    write: true,
    logLevel: 'silent',
  });
  return file;
}

export interface Exit {
  readonly killed: boolean;
  readonly code: number | null;
  /** From the child's first output (the command has started: modules loaded) to its exit. */
  readonly ms: number;
  readonly stderr: string;
}

/**
 * Runs the child with `args`; kills it with SIGKILL `killAfterMs` after its first output on stderr (the
 * command's progress line, printed once it has started) unless it has exited by then. Timing from that line
 * rather than from the spawn keeps the process start-up, which varies a lot on a loaded machine, out of it.
 */
export function runChild(
  args: readonly string[],
  killAfterMs: number | null,
  env: Record<string, string> = {},
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let started: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      if (started !== null) return;
      started = performance.now();
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const ms = performance.now() - (started ?? performance.now());
      resolve({ killed: signal === 'SIGKILL', code, ms, stderr });
    });
  });
}

/** A campus list of `n` valid rows (all 32 states); CCTs overlap a few real ones, which become updates. */
export function campusFile(path: string, n: number): string {
  const lines = ['clave_entidad,entidad,clave_plantel,plantel,cct,latitud,longitud,domicilio_plantel'];
  for (let i = 0; i < n; i++) {
    const state = STATES[i % 32];
    if (!state) throw new Error('32 states expected');
    const k = Math.floor(i / 32);
    const cct = `${String(state.id).padStart(2, '0')}DPT${String(k).padStart(4, '0')}${String.fromCharCode(65 + (k % 26))}`;
    const lat = (17 + (i % 1000) / 100).toFixed(5);
    const lon = (-99 - (i % 700) / 100).toFixed(5);
    lines.push(
      `${state.id},${state.name},${k + 1},Plantel sintético ${i},${cct},${lat},${lon},Calle ${i} Núm. ${k}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

// --- the harness -----------------------------------------------------------------------------------------------

/** One database setup on which a command is killed over and over. */
export interface Variant {
  readonly name: string;
  /** Back to the base state (the logs may keep rows where they are append-only). */
  reset(): Promise<void>;
  snapshot(logsOnly?: boolean): Promise<Snapshot>;
  /** The child's arguments and environment for the run to kill (i = the kill's number). */
  command(i: number): { args: string[]; env?: Record<string, string> };
  /** Waits until the killed run has no effect left in flight (PostgreSQL: its backend has ended). */
  settle?(i: number): Promise<void>;
  /** What the kill left on disk before anything opened the database (journal, WAL frames). */
  evidence?(): string | null;
  /** The next run, to completion: its exit code. */
  next(): Promise<number>;
}

export interface Outcome {
  readonly variant: string;
  readonly delayMs: number;
  readonly killed: boolean;
  readonly state: 'before' | 'after';
  readonly evidence: string | null;
}

/** The outcomes of one test file's runs (each file keeps its own: its aggregate counts only its kills). */
export interface OutcomeLog {
  readonly outcomes: Outcome[];
  /** One variant's runs, kills and what they left on disk. */
  readonly summary: (variant: string) => string;
  /** Every variant's, for the end of the file's run. */
  readonly report: (seed: number) => string;
}

export function outcomeLog(): OutcomeLog {
  const outcomes: Outcome[] = [];
  const summary = (variant: string): string => {
    const mine = outcomes.filter((o) => o.variant === variant);
    const count = (f: (o: Outcome) => boolean) => mine.filter(f).length;
    const evidence = [...new Set(mine.map((o) => o.evidence).filter(Boolean))]
      .map((e) => `${e}: ${count((o) => o.evidence === e)}`)
      .join(', ');
    return (
      `${variant}: ${mine.length} runs, ${count((o) => o.killed)} killed ` +
      `(${count((o) => o.killed && o.state === 'before')} before, ${count((o) => o.killed && o.state === 'after')} after)` +
      `${evidence ? `; left on disk: ${evidence}` : ''}`
    );
  };
  const report = (seed: number): string =>
    `seed ${seed}: ${outcomes.filter((o) => o.killed).length} kills survived ` +
    `(${outcomes.length} runs); ${[...new Set(outcomes.map((o) => o.variant))].map(summary).join('; ')}`;
  return { outcomes, summary, report };
}

/**
 * Calibrates (one complete run: its duration and the state after it), then runs the command until it has been
 * killed `kills` times, each at a seeded delay spread over [0, 1] × its duration, checking each time that the
 * database is before or after and that the next run succeeds and ends in the after state.
 */
export async function killRepeatedly(
  log: OutcomeLog,
  v: Variant,
  kills: number,
  seed: number,
): Promise<void> {
  await v.reset();
  const base = await v.snapshot();
  const calib = await runChild(v.command(-1).args, null, v.command(-1).env);
  expect(calib.code, calib.stderr).toBe(0);
  await v.settle?.(-1);
  const after = await v.snapshot();
  const delta = subLogs(after.logs, base.logs);
  expect(after.core).not.toEqual(base.core);
  // A run over data already imported changes nothing: it adds its run and audit rows, but no change-log row.
  const deltaUnchanged = { ...delta, data_changes: 0 };
  const rnd = random(seed);
  let killed = 0;
  // The shortest complete run seen so far: on a loaded machine the calibration run may be slower than the rest.
  let typical = calib.ms;
  for (let i = 0; killed < kills && i < kills * 3; i++) {
    await v.reset();
    const pre = await v.snapshot(true);
    const delayMs = typical * rnd();
    const { args, env } = v.command(i);
    const exit = await runChild(args, delayMs, env);
    if (exit.killed) killed++;
    else {
      expect(exit.code, exit.stderr).toBe(0);
      typical = Math.min(typical, exit.ms);
    }
    await v.settle?.(i);
    const evidence = v.evidence?.() ?? null;
    const post = await v.snapshot();
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    let state: 'before' | 'after';
    if (same(post.core, base.core) && same(post.logs, pre.logs)) state = 'before';
    else {
      // Anything else must be exactly the complete run.
      const what = `${v.name}, kill at ${Math.round(delayMs)} ms of ${Math.round(typical)}`;
      expect(post.core, `${what}: neither before nor after`).toEqual(after.core);
      expect(post.logs, `${what}: logs of a partial run`).toEqual(addLogs(pre.logs, delta));
      state = 'after';
    }
    log.outcomes.push({ variant: v.name, delayMs, killed: exit.killed, state, evidence });
    // The next run succeeds and leaves the complete state.
    expect(await v.next(), `${v.name}: the run after kill ${i}`).toBe(0);
    const done = await v.snapshot();
    expect(done.core).toEqual(after.core);
    expect(done.logs).toEqual(addLogs(post.logs, state === 'after' ? deltaUnchanged : delta));
  }
  expect(killed).toBe(kills);
}

export function pgAvailable(): boolean {
  const pg = testDialects().find((d) => d.dialect === 'postgres');
  const required = ['1', 'true', 'yes'].includes(process.env.TRAYECTO_REQUIRE_PG?.trim().toLowerCase() ?? '');
  return Boolean(pg?.available) || required;
}

/** Waits until the server has ended the backends of a killed client (rolling back what it left open). */
export async function backendsGone(store: Store, app: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const n = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where application_name = ${app}`.execute(store.db);
    if (Number(n.rows[0]?.n) === 0) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('the killed client’s backends did not end');
}
