/**
 * Fixtures of the import benchmark, under data/imports/<source's name>/ (the source, data/bench/api.db by
 * default, is only read):
 * - base.db: a copy of the full demo, with the benchmark semester's module results removed (what a campus
 *   system would import) and the pages' default analyses computed and stored (import.bench.ts), reused while
 *   it exists and never imported into: each run imports into run.db, a fresh copy of it (copyForRun);
 * - module-results-<year>-<term>.csv: that semester exported as a school-control system would (CURP, CCT,
 *   module code, grades), joined from the copy before the rows were removed;
 * - PostgreSQL: the tables the import reads (catalog, students and identities, the year's enrollments and
 *   year results) copied into the database given, once.
 */
import {
  constants,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { ENROLLMENT_COLUMNS } from '../../src/services/imports/index.js';
import { migrateToLatest, openStore } from '../../src/storage/db.js';
import { readMeta } from '../../src/storage/meta.js';
import { tableWriter, type ColumnType } from '../../src/storage/import-writes.js';

export const BENCH_YEAR = '2025-2026';
export const BENCH_TERM = 1;

const log = (text: string) => process.stderr.write(`${text}\n`);

export interface Fixture {
  readonly sqliteFile: string;
  readonly csvFile: string;
  readonly rows: number;
  readonly csvBytes: number;
}

/** Copies the demo, exports the semester, and deletes it from the copy (once; reused afterwards). */
export async function prepareSqlite(source: string, dir: string): Promise<Fixture> {
  const sqliteFile = `${dir}/base.db`;
  const csvFile = `${dir}/module-results-${BENCH_YEAR}-${BENCH_TERM}.csv`;
  if (!existsSync(sqliteFile) || !existsSync(csvFile)) {
    if (!existsSync(sqliteFile)) {
      log(`copying ${source} to ${sqliteFile}`);
      copyFileSync(source, `${sqliteFile}.tmp`);
      renameSync(`${sqliteFile}.tmp`, sqliteFile);
    }
    const store = openStore({ dialect: 'sqlite', file: sqliteFile });
    await migrateToLatest(store.db);
    await store.close();
    const db = new SQLite(sqliteFile);
    log(`exporting ${BENCH_YEAR}/${BENCH_TERM} module results to ${csvFile}`);
    const out = createWriteStream(`${csvFile}.tmp`);
    out.write(
      'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion\n',
    );
    const rows = db
      .prepare(
        `select i.curp, c.cct, r.school_year, r.term_no, m.code, r.grade, r.attendance_pct, r.regularization_grade
         from module_results r join student_identities i on i.student_id = r.student_id
         join campuses c on c.id = r.campus_id join modules m on m.id = r.module_id
         where r.school_year = ? and r.term_no = ? order by r.id`,
      )
      .raw()
      .iterate(BENCH_YEAR, BENCH_TERM) as IterableIterator<unknown[]>;
    let buf = '';
    for (const r of rows) {
      buf += `${r.map((v) => (v === null ? '' : String(v as string | number))).join(',')}\n`;
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    }
    out.end(buf);
    await once(out, 'finish');
    renameSync(`${csvFile}.tmp`, csvFile);
    log('removing the semester from the copy');
    db.prepare('delete from module_results where school_year = ? and term_no = ?').run(
      BENCH_YEAR,
      BENCH_TERM,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const { size } = statSync(csvFile);
  const lines = await countLines(csvFile);
  return { sqliteFile, csvFile, rows: lines - 1, csvBytes: size };
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  }
  return n;
}

/**
 * A run's database: a fresh copy of the prepared base (copy-on-write where the file system can), so that each
 * run starts the same and the base keeps what was prepared in it (the analyses computed before the import).
 * At national scale this replaces deleting the 2.3 million imported rows again after each run, which left
 * the base with the runs' scoring runs, flow counts and change-log rows besides.
 */
export function copyForRun(base: string, file: string): number {
  const t0 = performance.now();
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
  copyFileSync(base, `${file}.tmp`, constants.COPYFILE_FICLONE);
  renameSync(`${file}.tmp`, file);
  return performance.now() - t0;
}

/** Folds the base's write-ahead log into it (a copy of the main file alone is then the whole database). */
export function checkpointSqlite(file: string): void {
  const db = new SQLite(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

type Copy = readonly [string, readonly (readonly [string, ColumnType])[], string];

const COPIES: readonly Copy[] = [
  [
    'states',
    [
      ['id', 'int'],
      ['code', 'text'],
      ['name', 'text'],
      ['short_name', 'text'],
    ],
    '',
  ],
  [
    'campuses',
    [
      ['id', 'int'],
      ['cct', 'text'],
      ['campus_number', 'int'],
      ['name', 'text'],
      ['state_id', 'int'],
      ['reporting_unit', 'text'],
      ['latitude', 'real'],
      ['longitude', 'real'],
      ['address', 'text'],
      ['active', 'int'],
    ],
    '',
  ],
  [
    'programs',
    [
      ['id', 'int'],
      ['code', 'text'],
      ['name', 'text'],
      ['area', 'text'],
    ],
    '',
  ],
  [
    'modules',
    [
      ['id', 'int'],
      ['program_id', 'int'],
      ['semester', 'int'],
      ['code', 'text'],
      ['name', 'text'],
      ['hours', 'int'],
    ],
    '',
  ],
  [
    'students',
    [
      ['id', 'int'],
      ['sex', 'text'],
      ['birth_date', 'text'],
      ['entry_year', 'int'],
      ['entry_campus_id', 'int'],
      ['campus_id', 'int'],
      ['program_id', 'int'],
    ],
    '',
  ],
  [
    'student_identities',
    [
      ['student_id', 'int'],
      ['campus_id', 'int'],
      ['curp', 'text'],
      ['given_names', 'text'],
      ['first_surname', 'text'],
      ['second_surname', 'text'],
      ['search_key', 'text'],
    ],
    '',
  ],
  // The enrollment row as the import writes it (the wing's own column list, not a copy of it).
  ['enrollments', ENROLLMENT_COLUMNS, `where school_year = '${BENCH_YEAR}'`],
  [
    'year_results',
    [
      ['student_id', 'int'],
      ['campus_id', 'int'],
      ['program_id', 'int'],
      ['school_year', 'text'],
      ['semester', 'int'],
      ['sex', 'text'],
      ['passed_all', 'int'],
      ['regularized', 'int'],
      ['pending_modules', 'int'],
      ['graduated', 'int'],
    ],
    `where school_year = '${BENCH_YEAR}'`,
  ],
];

/**
 * Fills a PostgreSQL database with what the import reads, from the SQLite copy (once: skipped when the students
 * are there). Module results of the benchmark semester start empty.
 */
export async function preparePostgres(url: string, sqliteFile: string): Promise<void> {
  const store = openStore({ dialect: 'postgres', url });
  try {
    await migrateToLatest(store.db);
    const r = await sql<{ n: number }>`select count(*)::int as n from student_identities`.execute(store.db);
    const src = new SQLite(sqliteFile, { readonly: true });
    const expected = (src.prepare('select count(*) as n from student_identities').get() as { n: number }).n;
    if ((r.rows[0]?.n ?? 0) === expected) {
      src.close();
      return;
    }
    log(`copying the reference tables into PostgreSQL (${expected} students)`);
    await store.db.transaction().execute(async (trx) => {
      for (const [table] of [...COPIES].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
      await sql`delete from module_results`.execute(trx);
      for (const [table, columns, where] of COPIES) {
        const w = tableWriter(store, trx, table, columns);
        const it = src
          .prepare(`select ${columns.map(([c]) => c).join(',')} from ${table} ${where}`)
          .raw()
          .iterate() as IterableIterator<(string | number | null)[]>;
        let batch: (string | number | null)[][] = [];
        let n = 0;
        for (const row of it) {
          batch.push(row);
          if (batch.length === 20_000) {
            await w.insert(batch);
            n += batch.length;
            batch = [];
          }
        }
        await w.insert(batch);
        n += batch.length;
        log(`  ${table}: ${n}`);
      }
    });
    await sql`analyze`.execute(store.db);
    src.close();
  } finally {
    await store.close();
  }
}

/**
 * Fills a PostgreSQL database with the whole demo the SQLite copy was generated from (the same seed and scale:
 * generation is deterministic), for the end-to-end figure (risk, analyses); once: skipped when it holds that
 * demo already. The benchmark semester's module results are removed before each run (resetPostgres).
 */
export async function preparePostgresFull(root: string, url: string, sqliteFile: string): Promise<void> {
  const src = new SQLite(sqliteFile, { readonly: true });
  const row = src.prepare(`select value from dataset_meta where key = 'generator'`).get() as
    { value: string } | undefined;
  src.close();
  const meta = row ? (JSON.parse(row.value) as { seed?: number; scale?: number }) : {};
  if (meta.seed === undefined || meta.scale === undefined)
    throw new Error(`${sqliteFile}: no generator seed and scale in dataset_meta`);
  const store = openStore({ dialect: 'postgres', url });
  try {
    await migrateToLatest(store.db);
    const have = await readMeta<{ seed?: number; scale?: number }>(store.db, 'generator');
    if (have?.seed === meta.seed && have.scale === meta.scale) return;
  } finally {
    await store.close();
  }
  log(`generating the demo (seed ${meta.seed}, scale ${meta.scale}) into PostgreSQL`);
  // The built CLI (npm run build): it finds the shipped assets, which the benchmark's build does not copy.
  execFileSync(
    process.execPath,
    [
      join(root, 'bin/trayecto.js'),
      'generate',
      '--seed',
      String(meta.seed),
      '--scale',
      String(meta.scale),
      '--force',
      '--db',
      url,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

export async function resetPostgres(url: string): Promise<void> {
  const store = openStore({ dialect: 'postgres', url });
  try {
    // The benchmark semester only (the whole demo may be there: preparePostgresFull).
    await sql`delete from module_results where school_year = ${BENCH_YEAR} and term_no = ${BENCH_TERM}`.execute(
      store.db,
    );
    await sql`delete from import_runs where kind = 'module-results'`.execute(store.db);
    await sql`vacuum analyze module_results`.execute(store.db);
  } finally {
    await store.close();
  }
}

export function removeIfExists(file: string): void {
  rmSync(file, { force: true });
}
