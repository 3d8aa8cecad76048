/**
 * The year-keyed fact tables partitioned by school year on PostgreSQL (migration 0020, storage/partitions.ts,
 * docs/SCALING.md "Partitioning"); on SQLite the same steps run and nothing is partitioned. One small world of
 * two school years, generated (not copied from a fixture: generation is what creates the partitions).
 */
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it, vi } from 'vitest';
import { importRecords } from '../services/imports/index.js';
import { indicatorRows } from '../services/indicators/index.js';
import { loadDemo } from '../services/operations/index.js';
import { enrollmentFile } from '../test-support/import-harness.js';
import { describeEachDialect } from '../test-support/stores.js';
import { tableChecksums } from './checksums.js';
import { migrateTo, migrateToLatest } from './db.js';
import { dialectOf } from './dialect.js';
import { rebuildFlowCounts } from './flow-counts.js';
import {
  YEAR_PARTITIONED_TABLES,
  defaultPartitionName,
  ensureYearPartitions,
  keepYearPartitionsAhead,
  partitionName,
  partitionsOf,
  prepareYearPartitions,
  yearsAhead,
} from './partitions.js';
import type { Database } from './schema.js';

const YEARS = ['2024-2025', '2025-2026'];
const NEW_YEAR = '2026-2027';

/** Rows of each year-partitioned table as `table|partition|school_year|rows` (PostgreSQL: the partition holding them). */
async function placement(db: Kysely<Database>): Promise<string[]> {
  const pg = dialectOf(db) === 'postgres';
  const out: string[] = [];
  for (const t of YEAR_PARTITIONED_TABLES) {
    const r = await sql<{ part: string; year: string; n: number }>`
      select ${pg ? sql`tableoid::regclass::text` : sql.lit(t)} as part, school_year as year, cast(count(*) as integer) as n
      from ${sql.table(t)} group by 1, 2 order by 2, 1`.execute(db);
    out.push(...r.rows.map((x) => `${t}|${x.part}|${x.year}|${x.n}`));
  }
  return out;
}

/**
 * Each row's partition is its school year's (none in DEFAULT), every table has rows, and enrollments have rows
 * of every year of `years` (the demo writes module results of its last year only).
 */
function expectOwnPartitions(rows: readonly string[], years: readonly string[]): void {
  const misplaced = rows.filter((r) => {
    const [t = '', part, year = ''] = r.split('|');
    return part !== partitionName(t, year);
  });
  expect(misplaced).toEqual([]);
  for (const t of YEAR_PARTITIONED_TABLES)
    expect(
      rows.some((r) => r.startsWith(`${t}|`)),
      t,
    ).toBe(true);
  const enrolled = rows.filter((r) => r.startsWith('enrollments|')).map((r) => r.split('|')[2]);
  expect(years.filter((y) => !enrolled.includes(y))).toEqual([]);
}

/** An enrollments file of one row in `year`: a student who completed a semester in 2025-2026, the next one. */
async function nextSemesterFile(db: Kysely<Database>, year: string) {
  const e = await db
    .selectFrom('enrollments as e')
    .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .select(['i.curp', 'p.code', 'c.cct', 'e.semester', 'e.group_code', 'e.student_id'])
    .where('e.school_year', '=', '2025-2026')
    .where('e.term_no', '=', 2)
    .where('e.semester', '<', 6)
    .where('e.end_status', '=', 'completed')
    .orderBy('e.id')
    .executeTakeFirstOrThrow();
  return enrollmentFile(
    {
      ...e,
      school_year: year,
      term_no: 1,
      semester: e.semester + 1,
      new_entry: 0,
      grade_avg: 8.1,
      failed_modules: 0,
      attendance_pct: 92,
      scholarship_delay_days: 0,
      end_status: 'completed',
    },
    e.cct,
  );
}

/** Every table's rows, without the migrations' own bookkeeping. */
async function contents(db: Kysely<Database>) {
  const all = await tableChecksums(db);
  return Object.fromEntries(Object.entries(all).filter(([t]) => !t.startsWith('kysely_')));
}

describeEachDialect('fact tables partitioned by school year', ({ dialect, store }) => {
  const pg = dialect === 'postgres';

  beforeAll(async () => {
    await loadDemo(store(), {
      seed: 11,
      scale: 0.003,
      force: false,
      firstStartYear: 2024,
      lastStartYear: 2025,
    });
  }, 120_000);

  it.runIf(pg)(
    'partitions each year-keyed fact table by list of school_year, its keys with school_year and campus_id',
    async () => {
      const db = store().db;
      const kinds = await sql<{ table: string; strategy: string; key: string }>`
      select c.relname as table, p.partstrat as strategy, a.attname as key
      from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
      join pg_attribute a on a.attrelid = c.oid and a.attnum = p.partattrs[0]
      where c.relnamespace = current_schema()::regnamespace order by 1`.execute(db);
      expect(kinds.rows.map((k) => `${k.table} ${k.strategy} ${k.key}`)).toEqual(
        [...YEAR_PARTITIONED_TABLES].sort().map((t) => `${t} l school_year`),
      );
      const keys = await sql<{ table: string; index: string; columns: string }>`
      select c.relname as table, i.relname as index,
        (select string_agg(a.attname, ',' order by k.n) from unnest(x.indkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum) as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      where c.relnamespace = current_schema()::regnamespace and x.indisunique and c.relkind = 'p'`.execute(
        db,
      );
      expect(keys.rows.filter((k) => k.columns.split(',').includes('id')).length).toBe(4);
      const lacking = keys.rows.filter(
        (k) => !['school_year', 'campus_id'].every((c) => k.columns.split(',').includes(c)),
      );
      expect(lacking.map((k) => `${k.index} (${k.columns})`)).toEqual([]);
    },
  );

  it('puts each school year of a generated demo in its own partition', async () => {
    const db = store().db;
    if (!pg) {
      expect(await partitionsOf(db)).toEqual([]);
      expect(await ensureYearPartitions(db, [NEW_YEAR])).toBe(0);
      return;
    }
    const parts = (await partitionsOf(db)).map((p) => p.partition);
    for (const t of YEAR_PARTITIONED_TABLES)
      expect(parts.filter((p) => p.startsWith(`${t}_`)).sort()).toEqual(
        [defaultPartitionName(t), ...YEARS.map((y) => partitionName(t, y))].sort(),
      );
    expectOwnPartitions(await placement(db), YEARS);
  });

  it('gives a new school year its partitions when an import brings its first rows', async () => {
    const db = store().db;
    const file = await nextSemesterFile(db, NEW_YEAR);
    const s = await importRecords(store(), 'enrollments', file, 'inscripciones.csv');
    expect([s.rejected, s.inserted]).toEqual([false, 1]);
    const rows = await placement(db);
    expect(rows.filter((r) => r.split('|')[2] === NEW_YEAR)).toEqual([
      `enrollments|${pg ? partitionName('enrollments', NEW_YEAR) : 'enrollments'}|${NEW_YEAR}|1`,
    ]);
    if (pg)
      expect((await partitionsOf(db)).filter((p) => p.partition.endsWith('_2026_2027'))).toHaveLength(5);
  });

  it('makes the partitions of the current and the next school year ahead of time, and of the next at the turn', async () => {
    expect(yearsAhead(new Date('2034-07-31T23:59:59Z'))).toEqual(['2033-2034', '2034-2035']);
    expect(yearsAhead(new Date('2034-08-01T00:00:00Z'), '2025-2026')).toEqual([
      '2025-2026',
      '2026-2027',
      '2034-2035',
      '2035-2036',
    ]);
    const db = store().db;
    const of = async (year: string) =>
      (await partitionsOf(db)).filter((p) => p.partition.endsWith(`_${year.replace('-', '_')}`)).length;
    let now = new Date('2034-07-31T12:00:00Z');
    const logged: Record<string, unknown>[] = [];
    const keeper = keepYearPartitionsAhead(db, {
      lastSchoolYear: null,
      log: (e) => logged.push(e),
      now: () => now,
      intervalMs: 50,
    });
    try {
      await keeper.tick();
      expect([await of('2033-2034'), await of('2034-2035'), await of('2035-2036')]).toEqual(
        pg ? [5, 5, 0] : [0, 0, 0],
      );
      // Prepared: nothing more to do (and no lock taken) until the calendar moves.
      expect(await prepareYearPartitions(db, now)).toBe(0);
      now = new Date('2034-08-01T06:00:00Z');
      if (pg) await vi.waitFor(async () => expect(await of('2035-2036')).toBe(5), { timeout: 20_000 });
      else await keeper.tick();
    } finally {
      keeper.stop();
    }
    expect(logged.filter((e) => e.event !== 'year_partitions_created')).toEqual([]);
    expect(logged.map((e) => e.partitions)).toEqual(pg ? [10, 5] : []);
  });

  /**
   * Imports one enrollment of `year` while a second connection reads enrollments in an open transaction; returns
   * the parent table the import waited for with an ACCESS EXCLUSIVE lock (a partition being created), if any.
   */
  async function importBesideReader(year: string): Promise<{ waitedFor: string | null; inserted: number }> {
    const db = store().db;
    const file = await nextSemesterFile(db, year);
    const reader = await store().pool!.connect();
    await reader.query('begin');
    await reader.query(`select count(*) from enrollments where school_year = '2025-2026'`);
    const running = importRecords(store(), 'enrollments', file, 'inscripciones.csv', {
      lastSchoolYear: year,
      now: () => new Date(`${year.slice(0, 4)}-09-01T00:00:00Z`),
    });
    let settled = false;
    void running.then(
      () => (settled = true),
      () => (settled = true),
    );
    let waitedFor: string | null = null;
    try {
      const deadline = Date.now() + 20_000;
      while (!settled && Date.now() < deadline) {
        const w = await sql<{ table: string }>`
          select c.relname as table from pg_locks l join pg_class c on c.oid = l.relation
          where not l.granted and l.mode = 'AccessExclusiveLock'
            and c.relnamespace = current_schema()::regnamespace`.execute(db);
        waitedFor = w.rows[0]?.table ?? null;
        if (waitedFor !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await reader.query('rollback');
      reader.release();
    }
    const s = await running;
    return { waitedFor, inserted: s.inserted };
  }

  it.runIf(pg)(
    'imports into a year prepared ahead without an ACCESS EXCLUSIVE lock on the parent (readers do not wait)',
    async () => {
      // The cost avoided: the first import of an unprepared year creates its partitions in its transaction and
      // waits for (then blocks) every reader of the parent table.
      expect(await importBesideReader('2036-2037')).toEqual({ waitedFor: 'enrollments', inserted: 1 });
      // Behind a reader's open transaction, preparing gives up after its lock timeout instead of queueing every
      // later reader behind its wait; nothing is created, and the next attempt does it.
      const db = store().db;
      const reader = await store().pool!.connect();
      try {
        await reader.query('begin');
        await reader.query(`select count(*) from enrollments where school_year = '2025-2026'`);
        const failed = await prepareYearPartitions(db, new Date('2038-09-01T00:00:00Z'), null, 200).catch(
          (e: unknown) => e,
        );
        expect((failed as { code?: string }).code).toBe('55P03');
      } finally {
        await reader.query('rollback');
        reader.release();
      }
      expect((await partitionsOf(db)).filter((p) => p.partition.endsWith('_2038_2039'))).toEqual([]);
      expect(await prepareYearPartitions(db, new Date('2038-09-01T00:00:00Z'))).toBe(10);
      expect(await importBesideReader('2038-2039')).toEqual({ waitedFor: null, inserted: 1 });
      const rows = (await placement(store().db)).filter((r) => r.includes('|2038-2039|'));
      expect(rows).toEqual([`enrollments|${partitionName('enrollments', '2038-2039')}|2038-2039|1`]);
    },
    60_000,
  );

  it.runIf(pg)(
    'moves rows written to DEFAULT into the partition created for their year; other values stay there',
    async () => {
      const rolledBack = new Error('roll back');
      const outcome = await store()
        .db.transaction()
        .execute(async (trx) => {
          const row = await trx
            .selectFrom('status_events')
            .selectAll()
            .orderBy('id')
            .executeTakeFirstOrThrow();
          const id = Number(
            (
              await trx
                .selectFrom('status_events')
                .select((eb) => eb.fn.max('id').as('m'))
                .executeTakeFirstOrThrow()
            ).m,
          );
          await trx
            .insertInto('status_events')
            .values([
              { ...row, id: id + 1, school_year: '2030-2031' },
              { ...row, id: id + 2, school_year: 'sin ciclo' },
            ])
            .execute();
          const before = (await placement(trx)).filter((r) => r.startsWith('status_events|'));
          expect(before.filter((r) => r.includes('_default|'))).toEqual([
            'status_events|status_events_default|2030-2031|1',
            'status_events|status_events_default|sin ciclo|1',
          ]);
          expect(await ensureYearPartitions(trx, ['2030-2031', 'sin ciclo'])).toBe(5);
          const after = (await placement(trx)).filter((r) => r.startsWith('status_events|'));
          expect(after.filter((r) => r.includes('2030-2031') || r.includes('_default|'))).toEqual([
            'status_events|status_events_2030_2031|2030-2031|1',
            'status_events|status_events_default|sin ciclo|1',
          ]);
          throw rolledBack;
        })
        .catch((err: unknown) => err);
      expect(outcome).toBe(rolledBack);
    },
  );

  it('migrates a filled database from 0019 to 0020 with every row and the same indicators', async () => {
    const db = store().db;
    await rebuildFlowCounts(db);
    const before = await contents(db);
    const indicators = await indicatorRows(db, { level: 'campus', year: '2024-2025' });
    expect(indicators.length).toBeGreaterThan(0);

    expect(await migrateTo(db, '20261207_0019_campus_keys')).toEqual(['20261207_0020_year_partitions']);
    expect(await partitionsOf(db)).toEqual([]);
    expect(await contents(db)).toEqual(before);

    expect(await migrateToLatest(db)).toEqual(['20261207_0020_year_partitions']);
    if (pg) expectOwnPartitions(await placement(db), YEARS);
    expect(await contents(db)).toEqual(before);
    await rebuildFlowCounts(db);
    expect(await indicatorRows(db, { level: 'campus', year: '2024-2025' })).toEqual(indicators);
  });
});
