/**
 * The catalog and published-figures repositories on both dialects, each answer checked against the rows
 * counted another way (plain reads of the whole tables, filtered here).
 */
import { beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../services/operations/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  allCampuses,
  allStates,
  campusByCct,
  campusById,
  campusCount,
  campusIdsOfUnit,
  latestSchoolYear,
  stateById,
  unitSizes,
} from './catalog-queries.js';
import { publishedCampusRates, publishedYears, reportedCountRows } from './published-queries.js';

describeEachDialect('catalog and published-figures repositories', ({ store }) => {
  beforeAll(async () => {
    await loadDemo(store(), { seed: 3, scale: 0.005, force: false });
  }, 120_000);

  it('finds a campus by CCT with its state, and a state by its number', async () => {
    const db = store().db;
    const [first] = await allCampuses(db);
    const states = await allStates(db);
    expect(states).toHaveLength(32);
    const campus = await campusByCct(db, first!.cct);
    const state = states.find((s) => s.id === first!.state_id)!;
    expect(campus).toMatchObject({
      id: first!.id,
      state_id: state.id,
      code: state.code,
      state_name: state.name,
    });
    expect(await campusByCct(db, '99XXX9999Z')).toBeUndefined();
    expect(await stateById(db, state.id)).toEqual(state);
    expect(await stateById(db, 99)).toBeUndefined();
  });

  it('lists the campuses of a state, a campus and a program, and counts what a unit holds', async () => {
    const db = store().db;
    const campuses = await allCampuses(db);
    const state = (await allStates(db)).find((s) => campuses.some((c) => c.state_id === s.id))!;
    const inState = campuses.filter((c) => c.state_id === state.id).map((c) => c.id);
    expect((await campusIdsOfUnit(db, 'state', state.code))!.sort((a, b) => a - b)).toEqual(
      inState.sort((a, b) => a - b),
    );
    expect(await campusIdsOfUnit(db, 'campus', campuses[0]!.cct)).toEqual([campuses[0]!.id]);
    expect(await campusIdsOfUnit(db, 'national', undefined)).toBeNull();
    const offered = await db
      .selectFrom('campus_programs as cp')
      .innerJoin('programs as p', 'p.id', 'cp.program_id')
      .select(['p.code', 'cp.campus_id'])
      .execute();
    const program = offered[0]!.code;
    expect((await campusIdsOfUnit(db, 'program', program))!.sort((a, b) => a - b)).toEqual(
      offered
        .filter((o) => o.code === program)
        .map((o) => o.campus_id)
        .sort((a, b) => a - b),
    );

    const all = await unitSizes(db, null);
    const teachers = await db.selectFrom('teachers').select(['campus_id']).execute();
    expect(all.teachers).toBe(teachers.length);
    const one = await unitSizes(db, [campuses[0]!.id]);
    expect(one.campuses).toBe(1);
    expect(one.teachers).toBe(teachers.filter((t) => t.campus_id === campuses[0]!.id).length);
    expect(one.programs).toBe(
      new Set(offered.filter((o) => o.campus_id === campuses[0]!.id).map((o) => o.code)).size,
    );
    expect(await unitSizes(db, [])).toEqual({ campuses: 0, teachers: 0, programs: 0 });
  });

  it('reads published rates by year and scope, and reported counts by level', async () => {
    const db = store().db;
    const [campus] = await allCampuses(db);
    await db
      .insertInto('published_indicators')
      .values(
        ['2023-2024', '2024-2025'].map((school_year, i) => ({
          school_year,
          campus_id: campus!.id,
          state_id: campus!.state_id,
          campus_number: 1,
          campus_name: campus!.name,
          indicator: 'x',
          value: 10.5 - i,
          source: 'test',
          imported_at: '2026-12-07T00:00:00Z',
        })),
      )
      .execute();
    expect(await publishedYears(db, 'x')).toEqual(['2023-2024', '2024-2025']);
    const rates = await publishedCampusRates(db, 'x', '2024-2025', { campusId: campus!.id });
    expect(rates.map((r) => [r.cct, Number(r.value)])).toEqual([[campus!.cct, 9.5]]);
    expect(await publishedCampusRates(db, 'x', '2024-2025', { stateId: campus!.state_id + 100 })).toEqual([]);
    expect(await reportedCountRows(db, 'campus')).toEqual([]);
  });

  it('finds a campus by id, counts campuses, and gives the latest school year up to a bound', async () => {
    const db = store().db;
    const campuses = await allCampuses(db);
    expect(await campusCount(db)).toBe(campuses.length);
    expect(await campusById(db, campuses[1]!.id)).toEqual(campuses[1]);
    expect(await campusById(db, -1)).toBeUndefined();
    const years = (await db.selectFrom('school_years').select('id').orderBy('id').execute()).map((y) => y.id);
    expect(years.length).toBeGreaterThan(2);
    expect(await latestSchoolYear(db, '9999')).toBe(years.at(-1));
    expect(await latestSchoolYear(db, years[1]!)).toBe(years[1]);
    expect(await latestSchoolYear(db, '1900-1901')).toBeUndefined();
  });
});
