/**
 * The roll-ups summed in two steps (over semesters first, then to the roll-up's level: issue 15) hold exactly
 * what the one-step sums over flow_counts give, on both dialects, after a full and after an incremental rebuild.
 */
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { loadDemoFixture } from '../test-support/demo-fixtures.js';
import { describeEachDialect } from '../test-support/stores.js';
import { rebuildFlowCounts } from './flow-counts.js';
import { sumsOf } from './flow-queries.js';
import type { Database } from './schema.js';

const COUNTS = ['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;

/** Rows as sorted text lines, numbers normalised (PostgreSQL returns sums as text). */
function lines(rows: readonly Record<string, unknown>[], keys: readonly string[]): string[] {
  return rows.map((r) => [...keys, ...COUNTS].map((k) => `${k}=${String(Number(r[k]))}`).join(',')).sort();
}

const CAMPUS_KEY = ['school_year', 'campus_id', 'state_id', 'sex'] as const;
const PROGRAM_KEY = ['school_year', 'state_id', 'program_id', 'sex'] as const;

/** The roll-ups as the rebuild computed them before issue 15: one GROUP BY over flow_counts joined to campuses. */
async function oneStep(db: Kysely<Database>) {
  const campus = await db
    .selectFrom('flow_counts as fc')
    .innerJoin('campuses as c', 'c.id', 'fc.campus_id')
    .select(['fc.school_year', 'fc.campus_id', 'c.state_id', 'fc.sex', ...sumsOf('fc')])
    .groupBy(['fc.school_year', 'fc.campus_id', 'c.state_id', 'fc.sex'])
    .execute();
  const program = await db
    .selectFrom('flow_counts as fc')
    .innerJoin('campuses as c', 'c.id', 'fc.campus_id')
    .select(['fc.school_year', 'c.state_id', 'fc.program_id', 'fc.sex', ...sumsOf('fc')])
    .groupBy(['fc.school_year', 'c.state_id', 'fc.program_id', 'fc.sex'])
    .execute();
  return { campus: lines(campus, CAMPUS_KEY), program: lines(program, PROGRAM_KEY) };
}

async function stored(db: Kysely<Database>) {
  const campus = await db.selectFrom('flow_counts_campus').selectAll().execute();
  const program = await db.selectFrom('flow_counts_program').selectAll().execute();
  return { campus: lines(campus, CAMPUS_KEY), program: lines(program, PROGRAM_KEY) };
}

/** Bytes of flow_counts and its indexes (PostgreSQL), or of the whole file (SQLite reuses freed pages). */
async function flowBytes(db: Kysely<Database>, dialect: string): Promise<number> {
  const r =
    dialect === 'postgres'
      ? await sql<{ n: string }>`select pg_total_relation_size('flow_counts') as n`.execute(db)
      : await sql<{
          n: number;
        }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(db);
  return Number(r.rows[0]?.n);
}

describeEachDialect('flow-count roll-ups summed in two steps', ({ store, dialect }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 41, scale: 0.003 });
  }, 120_000);

  it('equal the one-step sums after a full rebuild, where the first step does merge semesters', async () => {
    const db = store().db;
    await rebuildFlowCounts(db);
    const expected = await oneStep(db);
    expect(expected.campus.length).toBeGreaterThan(100);
    expect(expected.program.length).toBeGreaterThan(100);
    // Cells with several semesters exist, so the first step sums something (else both ways are trivially equal).
    const merged = await db
      .selectFrom('flow_counts')
      .select(['school_year', 'campus_id', 'program_id', 'sex'])
      .groupBy(['school_year', 'campus_id', 'program_id', 'sex'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .limit(1)
      .execute();
    expect(merged).toHaveLength(1);
    expect(await stored(db)).toEqual(expected);
  });

  it('equal them after an incremental rebuild of a few campuses of one year, and a changed count shows', async () => {
    const db = store().db;
    const cell = await db
      .selectFrom('flow_counts')
      .select(['school_year', 'campus_id'])
      .where('mt', '>', 0)
      .orderBy('school_year', 'desc')
      .orderBy('campus_id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const before = await stored(db);
    // A term-1 enrollment moves to another sex: the campus's and its state's roll-up rows change.
    const row = await db
      .selectFrom('enrollments')
      .select(['id', 'sex'])
      .where('school_year', '=', cell.school_year)
      .where('campus_id', '=', cell.campus_id)
      .where('term_no', '=', 1)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('enrollments')
      .set({ sex: row.sex === 'H' ? 'M' : 'H' })
      .where('id', '=', row.id)
      .execute();
    await rebuildFlowCounts(db, [cell.school_year], [cell.campus_id]);
    const after = await stored(db);
    expect(after.campus).not.toEqual(before.campus);
    expect(after.program).not.toEqual(before.program);
    expect(after).toEqual(await oneStep(db));
  });

  // PostgreSQL: a DELETE left every old row dead in the table and its unique index, so each full rebuild grew
  // them and every INSERT of the same key checked the dead ones (the rebuild's "fixed 30 s"); TRUNCATE does not.
  it('repeated full rebuilds do not grow flow_counts (the old rows are not left behind dead)', async () => {
    const db = store().db;
    await rebuildFlowCounts(db);
    const first = await flowBytes(db, dialect);
    await rebuildFlowCounts(db);
    await rebuildFlowCounts(db);
    expect(first).toBeGreaterThan(0);
    expect(await flowBytes(db, dialect)).toBeLessThanOrEqual(first);
  });
});
