/**
 * Crash safety: imports killed with SIGKILL at seeded random moments spread over their run. After every kill the
 * database is exactly as before the command or exactly as after it (every table's row count and content
 * checksum; the append-only logs import_runs and audit_log have either no new row or the rows of one complete
 * run), never in between, and the next run succeeds. Runs on SQLite in WAL mode (the CLI), SQLite with a rollback
 * journal, and PostgreSQL (when TRAYECTO_TEST_PG_URL is set). Generation killed: e2e/crash-safety-generate.test.ts.
 *
 * The killed processes run the real commands from a bundle of the sources (e2e/crash-child.ts), so no build is
 * needed; the machinery is in e2e/crash-harness.ts.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCampuses } from '../src/services/imports/index.js';
import { openStore, type Store } from '../src/storage/db.js';
import { createTestStore, type TestStore } from '../src/test-support/stores.js';
import {
  backendsGone,
  BASE_CAMPUSES,
  buildChild,
  CAMPUS_ROWS,
  campusFile,
  KILLS,
  killRepeatedly,
  outcomeLog,
  pgAvailable,
  RECORD_KILLS,
  RECORD_ROWS,
  removeChild,
  ROLLBACK_KILLS,
  SEED,
  snapshot,
  sqliteSnapshot,
  type Variant,
} from './crash-harness.js';
import { run, tempDir, type TempDir } from './helpers.js';

const log = outcomeLog();
const { outcomes, summary } = log;

// --- the cases -------------------------------------------------------------------------------------------------

let dir: TempDir;
let bigFile: string;

beforeAll(async () => {
  dir = tempDir('trayecto-crash-');
  await buildChild();
  bigFile = campusFile(dir.file('planteles-grande.csv'), CAMPUS_ROWS);
});

afterAll(() => {
  dir?.remove();
  removeChild();
  console.log(`[crash-safety] ${log.report(SEED)}`);
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
    await killRepeatedly(log, v, KILLS, SEED);
    console.log(`[crash-safety] ${summary(v.name)}`);
  });

  it(`SQLite, rollback journal (the same import): before or after, never in between`, async () => {
    const v = sqliteVariant('sqlite-rollback', 'delete');
    await killRepeatedly(log, v, ROLLBACK_KILLS, SEED + 1);
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
    await killRepeatedly(log, v, RECORD_KILLS, SEED + 4);
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
        await killRepeatedly(log, v, KILLS, SEED + 2);
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
