/**
 * Flow counts summed to each level on both dialects, over a few hand-written rows of flow_counts and their two
 * roll-ups: national, state, campus (by sex, one unit) and program (national, within a state, within a campus
 * from flow_counts itself); the years present; the units of each level (inactive campuses left out); years
 * without counts answer nothing.
 */
import { sql, type Insertable } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { flowYears, flowYearsQuery, listUnits, sumFlowCounts, type UnitCounts } from './flow-queries.js';
import type { Database } from './schema.js';

const STATE_OF: Record<number, number> = { 1: 9, 2: 15, 3: 9 };

/** [year, campus, program, sex, semester, mt, ni1, ex, ap, reg, eg] */
const FLOWS: readonly (readonly [string, number, number, string, number, ...number[]])[] = [
  ['2018-2019', 1, 1, 'H', 1, 10, 10, 9, 7, 1, 0],
  ['2018-2019', 1, 1, 'M', 1, 12, 12, 11, 8, 2, 0],
  ['2018-2019', 1, 2, 'H', 3, 5, 0, 5, 4, 0, 0],
  ['2018-2019', 2, 1, 'M', 5, 7, 0, 6, 5, 1, 6],
  ['2019-2020', 1, 1, 'H', 2, 9, 0, 8, 6, 1, 0],
  ['2019-2020', 2, 2, 'M', 1, 4, 4, 3, 2, 0, 0],
];
const C = ['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;

type Counts = Record<(typeof C)[number], number>;

/** The rows summed by `key`, as the roll-up tables hold them. */
function rollup<T extends object>(key: (f: (typeof FLOWS)[number]) => T): (T & Counts)[] {
  const out = new Map<string, T & Counts>();
  for (const f of FLOWS) {
    const k = key(f);
    const id = JSON.stringify(k);
    const row: T & Counts = out.get(id) ?? { ...k, mt: 0, ni1: 0, ex: 0, ap: 0, reg: 0, eg: 0 };
    C.forEach((c, i) => (row[c] += f[5 + i] as number));
    out.set(id, row);
  }
  return [...out.values()];
}

const counts = (mt: number, ni1: number, ex: number, ap: number, reg: number, eg: number) => ({
  mt,
  ni1,
  ex,
  ap,
  reg,
  eg,
});
const sorted = (rows: UnitCounts[]) =>
  [...rows].sort((a, b) =>
    `${a.schoolYear}${a.unitId}${a.sex ?? ''}`.localeCompare(`${b.schoolYear}${b.unitId}${b.sex ?? ''}`),
  );

describeEachDialect('flow-count queries', ({ dialect, store }) => {
  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db.insertInto('programs').values({ id: 2, code: 'P2', name: 'Otro', area: 'B' }).execute();
    await db
      .insertInto('campuses')
      .values({
        id: 3,
        cct: '09DPT0003A',
        campus_number: 3,
        name: 'Cerrado',
        state_id: 9,
        reporting_unit: 'U',
        latitude: 19,
        longitude: -99,
        address: 'x',
        active: 0,
      })
      .execute();
    const flows: Insertable<Database['flow_counts']>[] = rollup((f) => ({
      school_year: f[0],
      campus_id: f[1],
      program_id: f[2],
      sex: f[3],
      semester: f[4],
    }));
    await db.insertInto('flow_counts').values(flows).execute();
    await db
      .insertInto('flow_counts_campus')
      .values(rollup((f) => ({ school_year: f[0], campus_id: f[1], state_id: STATE_OF[f[1]]!, sex: f[3] })))
      .execute();
    await db
      .insertInto('flow_counts_program')
      .values(rollup((f) => ({ school_year: f[0], state_id: STATE_OF[f[1]]!, program_id: f[2], sex: f[3] })))
      .execute();
  });

  it('sums nationally per year, and for the years asked', async () => {
    const db = store().db;
    expect(sorted(await sumFlowCounts(db, { level: 'national' }))).toEqual([
      {
        schoolYear: '2018-2019',
        unitId: 'MX',
        unitName: 'Nacional',
        sex: null,
        counts: counts(34, 22, 31, 24, 4, 6),
      },
      {
        schoolYear: '2019-2020',
        unitId: 'MX',
        unitName: 'Nacional',
        sex: null,
        counts: counts(13, 4, 11, 8, 1, 0),
      },
    ]);
    const one = await sumFlowCounts(db, { level: 'national', years: ['2019-2020'] });
    expect(one.map((r) => r.schoolYear)).toEqual(['2019-2020']);
    expect(await sumFlowCounts(db, { level: 'national', years: ['2030-2031'] })).toEqual([]);
  });

  it('sums per state, and per campus by sex for one campus', async () => {
    const db = store().db;
    const states = sorted(await sumFlowCounts(db, { level: 'state', years: ['2018-2019'] }));
    expect(states.map((s) => [s.unitId, s.unitName, s.counts.mt, s.counts.eg])).toEqual([
      ['09', 'Ciudad de México', 27, 0],
      ['15', 'México', 7, 6],
    ]);
    const campus = sorted(
      await sumFlowCounts(db, { level: 'campus', years: ['2018-2019'], unitId: '09DPT0001A', bySex: true }),
    );
    expect(campus).toEqual([
      {
        schoolYear: '2018-2019',
        unitId: '09DPT0001A',
        unitName: 'Plantel 1',
        sex: 'H',
        counts: counts(15, 10, 14, 11, 1, 0),
      },
      {
        schoolYear: '2018-2019',
        unitId: '09DPT0001A',
        unitName: 'Plantel 1',
        sex: 'M',
        counts: counts(12, 12, 11, 8, 2, 0),
      },
    ]);
    // Scoped to a state: only its campuses.
    const scoped = await sumFlowCounts(db, { level: 'campus', stateId: 15 });
    expect(scoped.map((r) => r.unitId).sort()).toEqual(['15DPT0002A', '15DPT0002A']);
  });

  it('sums per program: nationally, within a state, and within one campus', async () => {
    const db = store().db;
    const national = sorted(await sumFlowCounts(db, { level: 'program' }));
    expect(national.map((r) => [r.schoolYear, r.unitId, r.counts.mt])).toEqual([
      ['2018-2019', 'P1', 29],
      ['2018-2019', 'P2', 5],
      ['2019-2020', 'P1', 9],
      ['2019-2020', 'P2', 4],
    ]);
    const inState = sorted(await sumFlowCounts(db, { level: 'program', stateId: 15 }));
    expect(inState.map((r) => [r.schoolYear, r.unitId, r.counts.mt])).toEqual([
      ['2018-2019', 'P1', 7],
      ['2019-2020', 'P2', 4],
    ]);
    const inCampus = sorted(
      await sumFlowCounts(db, { level: 'program', campusId: 1, bySex: true, unitId: 'P1' }),
    );
    expect(inCampus.map((r) => [r.schoolYear, r.unitId, r.unitName, r.sex, r.counts.ni1])).toEqual([
      ['2018-2019', 'P1', 'Programa', 'H', 10],
      ['2018-2019', 'P1', 'Programa', 'M', 12],
      ['2019-2020', 'P1', 'Programa', 'H', 0],
    ]);
  });

  it('lists the years with counts and the units of each level', async () => {
    const db = store().db;
    expect(await flowYears(db)).toEqual(['2018-2019', '2019-2020']);
    expect(await listUnits(db, 'state')).toEqual([
      { id: '09', name: 'Ciudad de México' },
      { id: '15', name: 'México' },
    ]);
    expect(await listUnits(db, 'campus')).toEqual([
      { id: '09DPT0001A', name: 'Plantel 1' },
      { id: '15DPT0002A', name: 'Plantel 2' },
    ]);
    expect(await listUnits(db, 'program')).toEqual([
      { id: 'P1', name: 'Programa' },
      { id: 'P2', name: 'Otro' },
    ]);
  });

  it('lists the years as select distinct does, reading one index entry per year (PostgreSQL plan)', async () => {
    const rolledBack = new Error('roll back');
    const outcome = await store()
      .db.transaction()
      .execute(async (trx) => {
        // 13 school years with gaps (2021-2022 and 2023-2024 have none), 600 cells each.
        const years = [2011, 2012, 2013, 2014, 2015, 2016, 2017, 2020, 2022, 2024, 2025, 2030, 2031].map(
          (y) => `${y}-${y + 1}`,
        );
        const rows: Insertable<Database['flow_counts']>[] = years.flatMap((school_year) =>
          Array.from({ length: 600 }, (_, i) => ({
            school_year,
            campus_id: 1 + (i % 3),
            program_id: 1 + (Math.floor(i / 3) % 2),
            sex: i % 2 === 0 ? 'H' : 'M',
            semester: 10 + Math.floor(i / 6),
            ...counts(1, 1, 1, 1, 0, 0),
          })),
        );
        for (let i = 0; i < rows.length; i += 500)
          await trx
            .insertInto('flow_counts')
            .values(rows.slice(i, i + 500))
            .execute();
        const distinct = await trx
          .selectFrom('flow_counts')
          .select('school_year')
          .distinct()
          .orderBy('school_year')
          .execute();
        const expected = distinct.map((r) => r.school_year);
        expect(expected).toEqual([...years.slice(0, 7), '2018-2019', '2019-2020', ...years.slice(7)].sort());
        expect(await flowYears(trx)).toEqual(expected);
        if (dialect === 'postgres') {
          await sql`analyze flow_counts`.execute(trx);
          const q = flowYearsQuery().compile(trx);
          const plan = await sql<{
            'QUERY PLAN': unknown;
          }>`explain (analyze, format json) ${sql.raw(q.sql)}`.execute(trx);
          // Rows the plan read from flow_counts (each scan node's rows times its loops): the years and the last
          // probe past them, not the table's 7,806 rows.
          let read = 0;
          const walk = (node: Record<string, unknown>) => {
            if (node['Relation Name'] === 'flow_counts')
              read += Number(node['Actual Rows']) * Number(node['Actual Loops']);
            for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
          };
          walk((plan.rows[0]?.['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
          expect(read).toBeLessThanOrEqual(expected.length + 1);
        }
        throw rolledBack;
      })
      .catch((e: unknown) => e);
    expect(outcome).toBe(rolledBack);
    expect(await flowYears(store().db)).toEqual(['2018-2019', '2019-2020']);
  });
});
