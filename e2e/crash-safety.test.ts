/**
 * Crash safety: imports and generation killed with SIGKILL at seeded random moments spread over their run.
 * After every kill the database is exactly as before the command or exactly as after it (every table's row
 * count and content checksum; the append-only logs import_runs and audit_log have either no new row or the
 * rows of one complete run), never in between, and the next run succeeds. Runs on SQLite in WAL mode (the CLI),
 * SQLite with a rollback journal, and PostgreSQL (when TRAYECTO_TEST_PG_URL is set).
 *
 * The killed processes run the real commands from a bundle of the sources (e2e/crash-child.ts), so no build is
 * needed. TRAYECTO_CRASH_SEED and TRAYECTO_CRASH_KILLS (kills per import variant) change the defaults.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATES } from '../src/domain/geography.js';
import { importCampuses } from '../src/services/imports/index.js';
import { digestRows, tableNames, type TableChecksum } from '../src/storage/checksums.js';
import { openStore, type Store } from '../src/storage/db.js';
import { createTestStore, testDialects, type TestStore } from '../src/test-support/stores.js';
import { run, tempDir, type TempDir } from './helpers.js';

const SEED = Number(process.env.TRAYECTO_CRASH_SEED ?? 20_261_128);
const KILLS = Number(process.env.TRAYECTO_CRASH_KILLS ?? 8);
const ROLLBACK_KILLS = Math.max(4, Math.round(KILLS * 0.75));
const RECORD_KILLS = Math.max(3, Math.round(KILLS / 2));
const RECORD_ROWS = 2_000;
const CAMPUS_ROWS = 12_000;
const BASE_CAMPUSES = 'assets/data/conalep-planteles/GeoReferenciaPlanteles.csv';
/** Append-only tables: compared by how many rows a run adds, since their rows carry the run's time (a committed
 * import adds its run, its audit row and, when it changed data, its footprint in the change log). */
const LOGS = ['import_runs', 'audit_log', 'data_changes'];
const ROOT = new URL('..', import.meta.url).pathname;

/** mulberry32: small, seeded, good enough to spread delays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Snapshot {
  /** Every other table: rows and content digest. */
  readonly core: Record<string, TableChecksum>;
  /** Row counts of the append-only logs. */
  readonly logs: Record<string, number>;
}

/** Time-of-run columns, which differ between two runs of the same command. */
const TIME_COLUMN = /(^|_)(at|timestamp)$/;

async function snapshot<DB>(db: Kysely<DB>, logsOnly = false): Promise<Snapshot> {
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
async function sqliteSnapshot(file: string, logsOnly = false): Promise<Snapshot> {
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

async function buildChild(): Promise<string> {
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

interface Exit {
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
function runChild(
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
function campusFile(path: string, n: number): string {
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
interface Variant {
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

interface Outcome {
  readonly variant: string;
  readonly delayMs: number;
  readonly killed: boolean;
  readonly state: 'before' | 'after';
  readonly evidence: string | null;
}

const outcomes: Outcome[] = [];

/**
 * Calibrates (one complete run: its duration and the state after it), then runs the command until it has been
 * killed `kills` times, each at a seeded delay spread over [0, 1] × its duration, checking each time that the
 * database is before or after and that the next run succeeds and ends in the after state.
 */
async function killRepeatedly(v: Variant, kills: number, seed: number): Promise<void> {
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
    outcomes.push({ variant: v.name, delayMs, killed: exit.killed, state, evidence });
    // The next run succeeds and leaves the complete state.
    expect(await v.next(), `${v.name}: the run after kill ${i}`).toBe(0);
    const done = await v.snapshot();
    expect(done.core).toEqual(after.core);
    expect(done.logs).toEqual(addLogs(post.logs, state === 'after' ? deltaUnchanged : delta));
  }
  expect(killed).toBe(kills);
}

function summary(variant: string): string {
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
}

// --- the cases -------------------------------------------------------------------------------------------------

let dir: TempDir;
let bigFile: string;

beforeAll(async () => {
  dir = tempDir('trayecto-crash-');
  bundle = await buildChild();
  bigFile = campusFile(dir.file('planteles-grande.csv'), CAMPUS_ROWS);
});

afterAll(() => {
  dir?.remove();
  if (bundle) rmSync(bundle, { force: true });
  console.log(
    `[crash-safety] seed ${SEED}: ${outcomes.filter((o) => o.killed).length} kills survived ` +
      `(${outcomes.length} runs); ${[...new Set(outcomes.map((o) => o.variant))].map(summary).join('; ')}`,
  );
});

/** An SQLite variant: the base database is kept as a file and copied back before each run. */
function sqliteVariant(name: string, journal: 'wal' | 'delete'): Variant {
  const base = () => dir.file(`base-${journal}.db`);
  const work = () => dir.file(`work-${journal}.db`);
  const remove = (f: string) => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${f}${suffix}`, { force: true });
  };
  return {
    name,
    async reset() {
      if (!existsSync(base())) {
        const r = await run(['import', 'campuses', BASE_CAMPUSES, '--db', base()]);
        expect(r.code, r.err).toBe(0);
        const db = new SQLite(base());
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.pragma(`journal_mode = ${journal}`);
        db.close();
      }
      remove(work());
      copyFileSync(base(), work());
    },
    snapshot: (logsOnly) => sqliteSnapshot(work(), logsOnly),
    command: () =>
      journal === 'wal'
        ? { args: ['import', 'campuses', bigFile, '--db', work()] }
        : { args: ['import-campuses-journal', bigFile, work(), journal] },
    evidence() {
      const size = (suffix: string) =>
        existsSync(`${work()}${suffix}`) ? statSync(`${work()}${suffix}`).size : 0;
      if (size('-journal') > 0) return 'hot journal';
      if (size('-wal') > 0) return 'WAL frames';
      return null;
    },
    async next() {
      if (journal === 'wal') return (await run(['import', 'campuses', bigFile, '--db', work()])).code;
      const store = openStore({ dialect: 'sqlite', file: work() });
      try {
        store.sqlite?.pragma(`journal_mode = ${journal}`);
        await importCampuses(store.db, readFileSync(bigFile), bigFile);
        return 0;
      } finally {
        await store.close();
      }
    },
  };
}

describe('killing imports (SIGKILL at random points)', () => {
  it(`SQLite, WAL (trayecto import campuses, ${CAMPUS_ROWS} rows): before or after, never in between`, async () => {
    const v = sqliteVariant('sqlite-wal', 'wal');
    await killRepeatedly(v, KILLS, SEED);
    console.log(`[crash-safety] ${summary(v.name)}`);
  });

  it(`SQLite, rollback journal (the same import): before or after, never in between`, async () => {
    const v = sqliteVariant('sqlite-rollback', 'delete');
    await killRepeatedly(v, ROLLBACK_KILLS, SEED + 1);
    console.log(`[crash-safety] ${summary(v.name)}`);
  });

  it(`SQLite, WAL (trayecto import module-results, ${RECORD_ROWS} rows over a demo database): before or after`, async () => {
    // The demo's term-1 module results with every grade moved half a point (pass or fail unchanged): a large
    // update of facts and the flow counts rebuilt from them, in one transaction.
    const base = dir.file('records-base.db');
    const g = await run(['generate', '--scale', '0.001', '--seed', '5', '--db', base]);
    expect(g.code, g.err).toBe(0);
    const raw = new SQLite(base, { readonly: true });
    const rows = raw
      .prepare(
        `select i.curp, c.cct, r.school_year, r.term_no, m.code, r.grade, r.attendance_pct, r.regularization_grade
         from module_results r join student_identities i on i.student_id = r.student_id
         join campuses c on c.id = r.campus_id join modules m on m.id = r.module_id
         where r.term_no = 1 order by r.id limit ?`,
      )
      .all(RECORD_ROWS) as { grade: number; [k: string]: unknown }[];
    raw.close();
    expect(rows.length).toBe(RECORD_ROWS);
    const moved = (grade: number) =>
      grade >= 6 ? (grade >= 9.5 ? grade - 0.5 : grade + 0.5) : Math.max(0, grade - 0.5);
    const file = dir.file('calificaciones.csv');
    writeFileSync(
      file,
      [
        'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion',
        ...rows.map((r) =>
          [
            r.curp,
            r.cct,
            r.school_year,
            r.term_no,
            r.code,
            moved(r.grade),
            r.attendance_pct,
            r.regularization_grade ?? '',
          ].join(','),
        ),
      ].join('\n') + '\n',
    );
    const work = dir.file('records-work.db');
    const v: Variant = {
      name: 'sqlite-wal-records',
      reset() {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${work}${suffix}`, { force: true });
        copyFileSync(base, work);
        return Promise.resolve();
      },
      snapshot: (logsOnly) => sqliteSnapshot(work, logsOnly),
      command: () => ({ args: ['import', 'module-results', file, '--db', work] }),
      evidence: () => (existsSync(`${work}-wal`) && statSync(`${work}-wal`).size > 0 ? 'WAL frames' : null),
      next: async () => (await run(['import', 'module-results', file, '--db', work])).code,
    };
    await killRepeatedly(v, RECORD_KILLS, SEED + 4);
    console.log(`[crash-safety] ${summary(v.name)}`);
  }, 300_000);

  it.skipIf(!pgAvailable())(
    'PostgreSQL (trayecto import campuses): before or after, never in between',
    async () => {
      const t: TestStore = await createTestStore('postgres');
      console.log('[pg-suite] ran crash safety');
      try {
        const store: Store = t.store;
        const url = (store.pool?.options as { connectionString: string }).connectionString;
        const r = await run(['import', 'campuses', BASE_CAMPUSES, '--db', url]);
        expect(r.code, r.err).toBe(0);
        const states = await store.db.selectFrom('states').selectAll().execute();
        const campuses = await store.db.selectFrom('campuses').selectAll().execute();
        const app = (i: number) => `trayecto-crash-${process.pid}-${i}`;
        const v: Variant = {
          name: 'postgres',
          async reset() {
            await store.db.transaction().execute(async (trx) => {
              await trx.deleteFrom('campuses').execute();
              await trx.deleteFrom('states').execute();
              await trx.insertInto('states').values(states).execute();
              for (let i = 0; i < campuses.length; i += 100)
                await trx
                  .insertInto('campuses')
                  .values(campuses.slice(i, i + 100))
                  .execute();
            });
          },
          snapshot: (logsOnly) => snapshot(store.db, logsOnly),
          command: (i) => ({
            args: ['import', 'campuses', bigFile, '--db', url],
            env: { PGAPPNAME: app(i) },
          }),
          // The server ends the killed client's backend (rolling back an open transaction) once it sees the
          // socket closed; wait for that, so that a COMMIT already sent is not missed.
          settle: (i) => backendsGone(store, app(i)),
          next: async () => (await run(['import', 'campuses', bigFile, '--db', url])).code,
        };
        await killRepeatedly(v, KILLS, SEED + 2);
        console.log(`[crash-safety] ${summary(v.name)}`);
      } finally {
        await t.dispose();
      }
    },
  );

  it('killed the imports at least 20 times in all', () => {
    const kills = outcomes.filter((o) => o.killed && !o.variant.startsWith('generate')).length;
    console.log(`[crash-safety] import kills: ${kills}`);
    // 22 with PostgreSQL (CI); without it, the SQLite kills alone.
    const pgRan = outcomes.some((o) => o.variant === 'postgres');
    expect(kills).toBeGreaterThanOrEqual(pgRan ? 20 : KILLS + ROLLBACK_KILLS);
  });
});

describe('killing trayecto generate', () => {
  const GEN = ['--scale', '0.002', '--seed'];

  it('SQLite: the database is absent, the old one, or the complete new one; no temporary file survives', async () => {
    const db = dir.file('gen.db');
    const snap = async () => (existsSync(db) ? sqliteSnapshot(db) : null);
    // Complete runs with two seeds: the "old" and the "new" database.
    const calibOld = await runChild(['generate', ...GEN, '1', '--db', db], null);
    expect(calibOld.code, calibOld.stderr).toBe(0);
    const old = await snap();
    const calibNew = await runChild(['generate', ...GEN, '2', '--force', '--db', db], null);
    expect(calibNew.code, calibNew.stderr).toBe(0);
    const fresh = await snap();
    expect(fresh?.core).not.toEqual(old?.core);
    const rnd = random(SEED + 3);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const replacing = i % 2 === 1;
      rmSync(db, { force: true });
      if (replacing) expect((await runChild(['generate', ...GEN, '1', '--db', db], null)).code).toBe(0);
      const delay = calibNew.ms * 1.1 * rnd();
      const exit = await runChild(['generate', ...GEN, '2', '--force', '--db', db], delay);
      const now = await snap();
      let state: string;
      if (now === null) state = 'absent';
      else if (replacing && JSON.stringify(now.core) === JSON.stringify(old?.core)) state = 'old';
      else {
        expect(now.core, `generate kill ${i}: a partial database`).toEqual(fresh?.core);
        state = 'new';
      }
      if (!replacing) expect(state).not.toBe('old');
      seen.push(`${exit.killed ? 'killed' : 'finished'} at ${Math.round(delay)} ms → ${state}`);
      outcomes.push({
        variant: 'generate-sqlite',
        delayMs: delay,
        killed: exit.killed,
        state: state === 'new' ? 'after' : 'before',
        evidence: null,
      });
    }
    // The next run succeeds, and no temporary file of a killed run is left next to the database.
    const last = await runChild(['generate', ...GEN, '2', '--force', '--db', db], null);
    expect(last.code, last.stderr).toBe(0);
    expect((await snap())?.core).toEqual(fresh?.core);
    expect(readdirSync(dir.path).filter((f) => f.startsWith('gen.db.tmp-'))).toEqual([]);
    console.log(`[crash-safety] generate (SQLite): ${seen.join('; ')}`);
  });

  it.skipIf(!pgAvailable())('PostgreSQL: the schema is empty or complete (one transaction)', async () => {
    const empty = await createTestStore('postgres');
    const states: Snapshot[] = [];
    const seen: string[] = [];
    try {
      const before = await snapshot(empty.store.db);
      const urlOf = (t: TestStore) =>
        (t.store.pool?.options as { connectionString: string }).connectionString;
      const calib = await runChild(['generate', ...GEN, '3', '--db', urlOf(empty)], null);
      expect(calib.code, calib.stderr).toBe(0);
      const complete = await snapshot(empty.store.db);
      expect(complete.core).not.toEqual(before.core);
      const rnd = random(SEED + 5);
      for (let i = 0; i < 2; i++) {
        const t = await createTestStore('postgres');
        try {
          const app = `trayecto-crash-gen-${process.pid}-${i}`;
          const delay = calib.ms * rnd();
          const exit = await runChild(['generate', ...GEN, '3', '--db', urlOf(t)], delay, { PGAPPNAME: app });
          await backendsGone(t.store, app);
          const now = await snapshot(t.store.db);
          const state = JSON.stringify(now.core) === JSON.stringify(before.core) ? 'empty' : 'complete';
          if (state === 'complete')
            expect(now.core, `generate kill ${i}: a partial schema`).toEqual(complete.core);
          states.push(now);
          seen.push(`${exit.killed ? 'killed' : 'finished'} at ${Math.round(delay)} ms → ${state}`);
          outcomes.push({
            variant: 'generate-postgres',
            delayMs: delay,
            killed: exit.killed,
            state: state === 'complete' ? 'after' : 'before',
            evidence: null,
          });
        } finally {
          await t.dispose();
        }
      }
    } finally {
      await empty.dispose();
    }
    expect(states).toHaveLength(2);
    console.log(`[crash-safety] generate (PostgreSQL): ${seen.join('; ')}`);
  });
});

function pgAvailable(): boolean {
  const pg = testDialects().find((d) => d.dialect === 'postgres');
  const required = ['1', 'true', 'yes'].includes(process.env.TRAYECTO_REQUIRE_PG?.trim().toLowerCase() ?? '');
  return Boolean(pg?.available) || required;
}

/** Waits until the server has ended the backends of a killed client (rolling back what it left open). */
async function backendsGone(store: Store, app: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const n = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where application_name = ${app}`.execute(store.db);
    if (Number(n.rows[0]?.n) === 0) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('the killed client’s backends did not end');
}
