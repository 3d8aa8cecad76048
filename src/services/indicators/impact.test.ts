import { beforeAll, expect, it } from 'vitest';
import { schoolYearRange, shiftYear, type SchoolYear } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { ADDITIONAL_GRADUATES_FORMULA, STUDENTS_KEPT_FORMULA } from '../../domain/impact.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { impactReport } from './impact.js';
import { indicatorRows, type IndicatorRow } from './indicators.js';

const SCALE = 0.003;
const BASELINE = '2017-2018' as SchoolYear;

async function expectAppError(p: Promise<unknown>, kind: string, listed: readonly string[]): Promise<void> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).kind).toBe(kind);
  // What the CLI shows: the message, then the details (the API sends the message only).
  const shown = [(e as AppError).message, ...(e as AppError).details].join(' ');
  for (const s of listed) expect(shown).toContain(s);
}

/** The counterfactuals recomputed here from the indicator rows, with the formulas written out. */
function expected(rows: readonly IndicatorRow[], year: SchoolYear) {
  const at = (y: string) => {
    const r = rows.find((x) => x.school_year === y);
    if (!r) throw new Error(`no row for ${y}`);
    return r;
  };
  const base = at(BASELINE);
  const n = at(year);
  const kept = (((base.abandono ?? NaN) - (n.abandono ?? NaN)) / 100) * n.mt;
  const extra =
    (((n.eficiencia_terminal ?? NaN) - (base.eficiencia_terminal ?? NaN)) / 100) *
    at(shiftYear(year, -2)).ni1;
  return { kept, extra };
}

describeEachDialect('impact report', ({ store }) => {
  let national: IndicatorRow[];
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 41, scale: SCALE });
    national = await indicatorRows(store().db, { level: 'national' });
  });

  it('defaults to the last school year with a dropout rate and recomputes to the same values', async () => {
    const r = await impactReport(store().db, { baseline: BASELINE });
    const last = national.filter((x) => x.abandono !== null).at(-1)?.school_year as SchoolYear;
    expect(last).toBe(shiftYear(national.at(-1)?.school_year as SchoolYear, -1));
    expect(r.year).toBe(last);
    expect(r.baseline).toBe(BASELINE);
    const { kept, extra } = expected(national, last);
    expect(Number.isFinite(kept) && Number.isFinite(extra)).toBe(true);
    expect(r.yearly.studentsKept.value).toBeCloseTo(kept, 9);
    expect(r.yearly.additionalGraduates.value).toBeCloseTo(extra, 9);
    const at = (y: string) => national.find((x) => x.school_year === y);
    expect(r.yearly.studentsKept.inputs).toEqual({
      abandonoBase: at(BASELINE)?.abandono,
      abandonoN: at(last)?.abandono,
      mtN: at(last)?.mt,
    });
    expect(r.yearly.additionalGraduates.inputs.ni1TwoBefore).toBe(at(shiftYear(last, -2))?.ni1);
  });

  it('sums the yearly counterfactuals of every year after the baseline into the cumulative ones', async () => {
    const year = '2023-2024' as SchoolYear;
    const r = await impactReport(store().db, { baseline: BASELINE, year });
    const years = schoolYearRange(shiftYear(BASELINE, 1), year);
    expect(r.cumulative.studentsKept.byYear.map((y) => y.year)).toEqual(years);
    const each = years.map((y) => expected(national, y));
    each.forEach((e, i) => {
      expect(r.cumulative.studentsKept.byYear[i]?.value).toBeCloseTo(e.kept, 9);
      expect(r.cumulative.additionalGraduates.byYear[i]?.value).toBeCloseTo(e.extra, 9);
    });
    const total = (f: (e: { kept: number; extra: number }) => number) => each.reduce((a, e) => a + f(e), 0);
    expect(r.cumulative.studentsKept.value).toBeCloseTo(
      total((e) => e.kept),
      9,
    );
    expect(r.cumulative.additionalGraduates.value).toBeCloseTo(
      total((e) => e.extra),
      9,
    );
    expect(r.cumulative.studentsKept.missingYears).toEqual([]);
    expect(r.cumulative.from).toBe('2018-2019');
    expect(r.cumulative.to).toBe(year);
  });

  it('carries each value with its formula and its definition in Spanish and English', async () => {
    const r = await impactReport(store().db, { baseline: BASELINE });
    expect(r.yearly.studentsKept.formula).toBe(STUDENTS_KEPT_FORMULA);
    expect(r.yearly.additionalGraduates.formula).toBe(ADDITIONAL_GRADUATES_FORMULA);
    expect(r.yearly.studentsKept.definition.es).toContain('Estudiantes que permanecieron');
    expect(r.yearly.additionalGraduates.definition.en).toContain('Additional graduates');
    expect(r.cumulative.studentsKept.formula).toContain('Σ');
    expect(r.cumulative.studentsKept.definition.es).toContain(BASELINE);
    expect(r.cumulative.additionalGraduates.definition.en).toContain('cumulative');
  });

  it('computes from the counts of the unit asked, not from national rates', async () => {
    const db = store().db;
    const [state] = (await indicatorRows(db, { level: 'state', year: '2022-2023' })).sort(
      (a, b) => b.ni1 - a.ni1,
    );
    if (!state) throw new Error('no state');
    const rows = await indicatorRows(db, { level: 'state', unitId: state.unit_id });
    const r = await impactReport(db, { baseline: BASELINE, level: 'state', unitId: state.unit_id });
    expect(r.unit.id).toBe(state.unit_id);
    const { kept, extra } = expected(rows, r.year as SchoolYear);
    expect(r.yearly.studentsKept.value).toBeCloseTo(kept, 9);
    expect(r.yearly.additionalGraduates.value).toBeCloseTo(extra, 9);
    expect(r.yearly.studentsKept.value).not.toBeCloseTo(expected(national, r.year as SchoolYear).kept, 6);
  });

  it('rejects unknown baselines, years and units, listing the valid values', async () => {
    const db = store().db;
    await expectAppError(impactReport(db, { baseline: '2030-2031' }), 'not_found', [
      '2013-2014',
      '2025-2026',
    ]);
    await expectAppError(impactReport(db, { baseline: '2017' }), 'invalid', ['2017-2018']);
    await expectAppError(impactReport(db, { baseline: BASELINE, year: '2016-2017' }), 'invalid', [
      '2018-2019',
    ]);
    await expectAppError(
      impactReport(db, { baseline: BASELINE, level: 'program', unitId: 'X' }),
      'not_found',
      ['P001'],
    );
    await expectAppError(impactReport(db, { baseline: BASELINE, level: 'campus' }), 'invalid', [
      '01DPT0002I',
    ]);
  });
});
