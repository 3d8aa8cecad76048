/**
 * Issue 12, finding 9: the effect estimator must not be handed the simulator's answer (its assignment rule and
 * hazard terms). Scenarios drawn at random set the true effects, the assignment rule (nonlinear), campus uptake
 * and unobserved confounding; the estimator sees generic records only and must cover the recorded truth.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../domain/access.js';
import { seededPrng } from '../../domain/effects/random.js';
import type { ScenarioInput } from '../../synth/scenario.js';
import { createTestStore, type TestStore } from '../../test-support/stores.js';
import { EFFECT_COVARIATES, interventionEffects, type EffectsReport } from './estimate.js';
import { loadDemo } from '../operations/index.js';

const NATIONAL: Scope = { userId: 1, role: 'national', stateId: null, campusId: null, groups: [] };
/**
 * Small and short: 2019-2020 (the first year with interventions) to 2025-2026 at 1 % of national scale (about
 * 20,000 student-years). Was 2018-2019 on at 2 %: with cross-fitting repeated over 3 splits the test took three
 * times as long; the estimator keeps its production settings (3 folds, 3 splits, 80 rounds) on less data.
 */
const SCALE = 0.01;
const YEARS = { firstStartYear: 2019, lastStartYear: 2025 } as const;
/** The confounded scenario keeps the earlier size: the fragility flag needs the precision of 2 % and 8 years. */
const CONFOUNDED = { scale: 0.02, firstStartYear: 2018, lastStartYear: 2025 } as const;

async function run(
  seed: number,
  scenario: ScenarioInput,
  size: { scale: number; firstStartYear: number; lastStartYear: number } = { scale: SCALE, ...YEARS },
): Promise<EffectsReport> {
  const test: TestStore = await createTestStore('sqlite');
  try {
    await loadDemo(test.store, { seed, force: false, scenario, ...size });
    const r = await interventionEffects(test.store.db, NATIONAL, {
      kinds: ['tutoring', 'counseling', 'leveling'],
    });
    for (const e of r.effects)
      console.log(
        `[effects] ${seed} ${e.kind} truth ${((e.truth?.attYearExitRiskDifference ?? 0) * 100).toFixed(2)} att ${((e.estimate?.att.estimate ?? 0) * 100).toFixed(2)} [${((e.estimate?.att.low ?? 0) * 100).toFixed(2)}, ${((e.estimate?.att.high ?? 0) * 100).toFixed(2)}] E ${e.estimate?.sensitivity.eValue.toFixed(2)} ${e.estimate?.sensitivity.eValueLimit.toFixed(2)} n1 ${e.estimate?.treated}`,
      );
    return r;
  } finally {
    await test.dispose();
  }
}

/** A scenario drawn at random: effects, a shifted and bent assignment rule, campus uptake variation. */
function drawScenario(r: ReturnType<typeof seededPrng>): ScenarioInput {
  const u = (a: number, b: number) => a + (b - a) * r.next();
  return {
    effects: { tutoring: u(-0.7, -0.15), counseling: u(-0.7, -0.15), leveling: u(-0.8, -0.2) },
    assignment: {
      attendanceBelow: Math.round(u(80, 92)),
      failedAtLeast: 1 + r.int(3),
      gradeBelow: Math.round(u(6.5, 7.6) * 10) / 10,
      nonlinear: u(0.3, 1),
    },
    campusUptakeSd: u(0, 0.8),
  };
}

describe('effect estimates with generic covariates (finding 9)', () => {
  it('never uses the assignment rule or the hazard terms as covariates', () => {
    expect([...EFFECT_COVARIATES].sort()).toEqual(
      [
        'attendance_pct',
        'campus_year_untreated_exit_rate',
        'campus_year_uptake',
        'failed_modules',
        'grade_avg',
        'male',
        'scholarship_delay_days',
        'school_year',
        'semester',
      ].sort(),
    );
  });

  const draws = seededPrng(12_009);
  const scenarios = Array.from({ length: 5 }, () => drawScenario(draws));
  const reports: EffectsReport[] = [];
  beforeAll(async () => {
    for (const [i, scenario] of scenarios.entries()) reports.push(await run(100 + i, scenario));
  }, 1_200_000);

  it('covers the true effect on the treated in its 95 % interval on five random scenarios', () => {
    const misses: string[] = [];
    let intervals = 0;
    reports.forEach((report, i) => {
      for (const e of report.effects) {
        const est = e.estimate;
        const truth = e.truth?.attYearExitRiskDifference;
        if (!est || truth === undefined)
          throw new Error(`no estimate or truth for ${e.kind} in scenario ${i}`);
        intervals++;
        if (e.truth?.insideInterval !== true)
          misses.push(
            `scenario ${i} ${e.kind}: truth ${truth.toFixed(4)} vs [${est.att.low.toFixed(4)}, ` +
              `${est.att.high.toFixed(4)}] (${JSON.stringify(scenarios[i])})`,
          );
        // No estimate is far off: within three standard errors of the truth.
        expect(Math.abs(est.att.estimate - truth), `${i} ${e.kind}`).toBeLessThan(3 * est.att.se);
        // The naive comparison stays biased: treated students leave more often than the truth says.
        expect(est.naive.estimate, e.kind).toBeGreaterThan(truth);
      }
    });
    expect(intervals).toBe(15);
    // Measured with repeated cross-fitting (3 splits, median; docs/INDICATORS.md §8): 15 of 15 intervals cover
    // at this size (13 of 15 at 2 % from 2018; 11 of 15 with one split). At least 13 of 15, as a 95 % interval should.
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(2);
  });

  it('reports overlap and a sensitivity analysis beside every estimate', () => {
    for (const e of reports.flatMap((r) => r.effects)) {
      const est = e.estimate;
      if (!est) throw new Error(`no estimate for ${e.kind}`);
      expect(est.overlap.treatedDeciles).toHaveLength(9);
      expect(est.overlap.trimmedTreatedShare).toBeLessThan(0.05);
      expect(est.sensitivity.eValue).toBeGreaterThan(1);
      expect(est.sensitivity.eValueLimit).toBeLessThanOrEqual(est.sensitivity.eValue);
    }
    // The flag can be off: strong effects measured precisely are not fragile.
    expect(
      reports.flatMap((r) => r.effects).filter((e) => e.estimate?.sensitivity.fragile === false),
    ).not.toEqual([]);
  });
});

describe('unobserved confounding (finding 9)', () => {
  let confounded: EffectsReport;
  beforeAll(async () => {
    confounded = await run(
      200,
      { effects: { tutoring: -0.6, counseling: -0.6, leveling: -0.6 }, unobservedConfounding: 0.8 },
      CONFOUNDED,
    );
  }, 900_000);

  it('flags the estimate as fragile when an unrecorded factor drives both assignment and leaving', () => {
    for (const e of confounded.effects) {
      expect(e.estimate?.sensitivity.fragile, e.kind).toBe(true);
      expect(e.note, e.kind).toMatch(/^Frágil/);
    }
  });
});
