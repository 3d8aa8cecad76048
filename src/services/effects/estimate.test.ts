import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { interventionEffects, type EffectsReport } from './estimate.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';

const NATIONAL: Scope = { userId: 1, role: 'national', stateId: null, campusId: null, groups: [] };

// Recovery of the true effects on random scenarios (generic covariates, nonlinear assignment, confounding):
// scenarios.test.ts.

describeEachDialect('intervention effects service', ({ store }) => {
  let report: EffectsReport;
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.01 });
    // One cross-fitting split, not three: the repeated splits' coverage is scenarios.test.ts's to prove; here
    // what is read and reported on each dialect (a third of the estimator's work: 3.8 s of CPU against 10.9 s).
    report = await interventionEffects(store().db, NATIONAL, { rounds: 40, splits: 1 });
  }, 120_000);

  it('reads the same units on every dialect and estimates each kind with the naive comparison', () => {
    expect(report.fromSchoolYear).toBe('2019-2020');
    expect(report.studentYears).toBeGreaterThan(10_000);
    expect(report.effects.map((e) => e.kind).sort()).toEqual(['counseling', 'leveling', 'tutoring']);
    const tutoring = report.effects.find((e) => e.kind === 'tutoring');
    expect(tutoring?.estimate?.treated).toBeGreaterThan(500);
    expect(tutoring?.estimate?.naive.estimate).toBeGreaterThan(0);
    expect(tutoring?.estimate?.att.estimate).toBeLessThan(tutoring?.estimate?.naive.estimate ?? 0);
    expect(tutoring?.truth?.logOdds).toBe(-0.35);
    // Beside each estimate: overlap, sensitivity, the benefit per student and the capacity curve.
    expect(tutoring?.estimate?.overlap.treatedDeciles).toHaveLength(9);
    expect(tutoring?.estimate?.sensitivity.eValue).toBeGreaterThan(1);
    expect(tutoring?.benefit?.deciles).toHaveLength(9);
    const curve = tutoring?.capacity ?? [];
    expect(curve.map((p) => p.share)).toEqual([0.05, 0.1, 0.2, 0.3, 0.5, 1]);
    // Everyone reached: the three orderings reach the same students.
    const all = curve.at(-1);
    expect(all?.rule).toBeCloseTo(all?.benefit ?? NaN, 9);
    expect(all?.risk).toBeCloseTo(all?.benefit ?? NaN, 9);
  });

  it('is restricted to the campus of a campus role', async () => {
    const campus = await store()
      .db.selectFrom('interventions')
      .select('campus_id')
      .groupBy('campus_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .executeTakeFirstOrThrow();
    const scoped = await interventionEffects(
      store().db,
      { userId: 2, role: 'campus', stateId: null, campusId: campus.campus_id, groups: [] },
      { rounds: 20, kinds: ['tutoring'] },
    );
    expect(scoped.scope).toEqual({ level: 'campus', id: campus.campus_id });
    expect(scoped.studentYears).toBeGreaterThan(0);
    expect(scoped.studentYears).toBeLessThan(report.studentYears / 20);
  });

  it('names the valid kinds when asked for an unknown one', async () => {
    const err = await interventionEffects(store().db, NATIONAL, { kinds: ['magia'] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain('tutoring');
  });
});
