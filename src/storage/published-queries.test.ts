/** Published rates and reported counts as the comparisons read them: years, per-campus values by scope, order. */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { publishedCampusRates, publishedYears, reportedCountRows } from './published-queries.js';

describeEachDialect('published queries', ({ store }) => {
  const published = (year: string, campus: number, state: number, indicator: string, value: number) => ({
    school_year: year,
    campus_id: campus,
    state_id: state,
    campus_number: campus,
    campus_name: `Plantel ${campus}`,
    indicator,
    value,
    source: 'publicado.csv',
    imported_at: '2026-12-01',
  });
  const reported = (year: string, level: 'campus' | 'state' | 'national', unit: string, mt: number) => ({
    school_year: year,
    level,
    unit,
    mt,
    ni1: 1,
    ex: 0,
    ap: 0,
    reg: 0,
    eg: 0,
    source: 'conteos.csv',
    imported_at: '2026-12-01',
  });

  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db
      .insertInto('published_indicators')
      .values([
        published('2019-2020', 2, 15, 'abandono', 9.5),
        published('2018-2019', 1, 9, 'abandono', 12.5),
        published('2019-2020', 1, 9, 'abandono', 11),
        published('2024-2025', 1, 9, 'eficiencia', 60),
      ])
      .execute();
    await db
      .insertInto('reported_counts')
      .values([
        reported('2019-2020', 'national', 'MX', 30),
        reported('2018-2019', 'state', '15', 20),
        reported('2018-2019', 'campus', '15DPT0002A', 10),
        reported('2018-2019', 'campus', '09DPT0001A', 5),
      ])
      .execute();
  });

  it('lists the years of an indicator once each, oldest first', async () => {
    expect(await publishedYears(store().db, 'abandono')).toEqual(['2018-2019', '2019-2020']);
    expect(await publishedYears(store().db, 'reprobacion')).toEqual([]);
  });

  it('gives each campus its published value in a year, by CCT, within a state or a campus', async () => {
    const db = store().db;
    const all = await publishedCampusRates(db, 'abandono', '2019-2020', {});
    expect(all.map((r) => [r.cct, r.name, r.state, Number(r.value)])).toEqual([
      ['09DPT0001A', 'Plantel 1', 'Ciudad de México', 11],
      ['15DPT0002A', 'Plantel 2', 'México', 9.5],
    ]);
    expect(
      (await publishedCampusRates(db, 'abandono', '2019-2020', { stateId: 15 })).map((r) => r.cct),
    ).toEqual(['15DPT0002A']);
    expect(
      (await publishedCampusRates(db, 'abandono', '2019-2020', { campusId: 1 })).map((r) => r.cct),
    ).toEqual(['09DPT0001A']);
    expect(await publishedCampusRates(db, 'abandono', '2024-2025', {})).toEqual([]);
  });

  it('reads reported counts of one level or all, by year, level and unit', async () => {
    const db = store().db;
    const all = await reportedCountRows(db, undefined);
    expect(all.map((r) => [r.school_year, r.level, r.unit, Number(r.mt)])).toEqual([
      ['2018-2019', 'campus', '09DPT0001A', 5],
      ['2018-2019', 'campus', '15DPT0002A', 10],
      ['2018-2019', 'state', '15', 20],
      ['2019-2020', 'national', 'MX', 30],
    ]);
    expect((await reportedCountRows(db, 'state')).map((r) => r.unit)).toEqual(['15']);
  });
});
