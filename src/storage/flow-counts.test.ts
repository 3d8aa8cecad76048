/**
 * The incremental flow-count rebuild (the school years × campuses an import touched) leaves the three tables
 * exactly as a full rebuild would, on both dialects; a rebuild that leaves out a touched campus does not.
 */
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../services/operations/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import { rebuildFlowCounts } from './flow-counts.js';
import type { Database } from './schema.js';

type Snapshot = Record<'flow' | 'campus' | 'program', string[]>;

/** Every row of the three tables as text, sorted: equal snapshots mean equal tables. */
async function snapshot(db: Kysely<Database>): Promise<Snapshot> {
  const rows = async (table: 'flow_counts' | 'flow_counts_campus' | 'flow_counts_program') => {
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    return r.rows
      .map((row) =>
        Object.keys(row)
          .sort()
          .map(
            (k) =>
              `${k}=${typeof row[k] === 'string' && /^\d+$/.test(row[k]) ? Number(row[k]) : String(row[k])}`,
          )
          .join(','),
      )
      .sort();
  };
  return {
    flow: await rows('flow_counts'),
    campus: await rows('flow_counts_campus'),
    program: await rows('flow_counts_program'),
  };
}

describeEachDialect('incremental flow-count rebuild', ({ store }) => {
  let year = '';
  let touched: number[] = [];

  beforeAll(async () => {
    const db = store().db;
    await loadDemo(store(), { seed: 7, scale: 0.005, force: false });
    const latest = await db
      .selectFrom('year_results')
      .select((eb) => eb.fn.max('school_year').as('y'))
      .executeTakeFirstOrThrow();
    year = String(latest.y);
    // Three campuses with term-1 enrollments that year, the first two in different states.
    const campuses = await db
      .selectFrom('enrollments as e')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .select(['e.campus_id', 'c.state_id'])
      .distinct()
      .where('e.school_year', '=', year)
      .where('e.term_no', '=', 1)
      .orderBy('e.campus_id')
      .execute();
    const a = campuses[0]!;
    const b = campuses.find((c) => c.state_id !== a.state_id)!;
    const c = campuses.find((x) => x.campus_id !== a.campus_id && x.campus_id !== b.campus_id)!;
    touched = [a.campus_id, b.campus_id, c.campus_id];
    // What an import may do: move records from one campus to another (a transfer), delete and change others.
    const moved = await db
      .selectFrom('enrollments')
      .select('id')
      .where('campus_id', '=', a.campus_id)
      .where('school_year', '=', year)
      .where('term_no', '=', 1)
      .orderBy('id')
      .limit(5)
      .execute();
    await db
      .updateTable('enrollments')
      .set({ campus_id: b.campus_id })
      .where(
        'id',
        'in',
        moved.map((m) => m.id),
      )
      .execute();
    const gone = await db
      .selectFrom('enrollments')
      .select('id')
      .where('campus_id', '=', c.campus_id)
      .where('school_year', '=', year)
      .where('term_no', '=', 1)
      .orderBy('id')
      .limit(3)
      .execute();
    await db
      .deleteFrom('enrollments')
      .where(
        'id',
        'in',
        gone.map((g) => g.id),
      )
      .execute();
    await db
      .updateTable('year_results')
      .set({ passed_all: sql<number>`1 - passed_all` })
      .where('campus_id', '=', a.campus_id)
      .where('school_year', '=', year)
      .execute();
  }, 120_000);

  it('rebuilds only the touched years × campuses and ends where a full rebuild ends', async () => {
    const db = store().db;
    const before = await snapshot(db);
    const rows = await rebuildFlowCounts(db, [year], touched);
    expect(rows).toBeGreaterThan(0);
    const incremental = await snapshot(db);
    // The changes are visible in every table (otherwise the comparison below would prove nothing).
    expect(incremental.flow).not.toEqual(before.flow);
    expect(incremental.campus).not.toEqual(before.campus);
    expect(incremental.program).not.toEqual(before.program);
    await rebuildFlowCounts(db);
    expect(incremental).toEqual(await snapshot(db));
  });

  it('a rebuild that leaves out a touched campus differs from the full one (the comparison can fail)', async () => {
    const db = store().db;
    const full = await snapshot(db);
    // Change the left-out campus's records again, then rebuild without it.
    await db
      .updateTable('year_results')
      .set({ passed_all: sql<number>`1 - passed_all` })
      .where('campus_id', '=', touched[0]!)
      .where('school_year', '=', year)
      .execute();
    await rebuildFlowCounts(db, [year], touched.slice(1));
    expect(await snapshot(db)).toEqual(full);
    await rebuildFlowCounts(db, [year], touched);
    expect(await snapshot(db)).not.toEqual(full);
  });

  it('an empty set of campuses rebuilds nothing', async () => {
    const db = store().db;
    const before = await snapshot(db);
    await db.deleteFrom('flow_counts').where('school_year', '=', year).execute();
    expect(await rebuildFlowCounts(db, [year], [])).toBe(0);
    const after = await snapshot(db);
    expect(after.flow.length).toBeLessThan(before.flow.length);
    await rebuildFlowCounts(db);
  });
});
