/**
 * Properties of the SEP indicators (fast-check) on random flow counts: the identities that hold by definition
 * (intra + inter = total dropout, retention = 100 − dropout, failure + pass = 100), null exactly when the
 * denominator is zero, and aggregation: an indicator on summed counts equals the denominator-weighted mean
 * of the units' indicators, whatever the order or grouping of the units.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addCounts,
  computeIndicators,
  roundHalfUp,
  sumCounts,
  type FlowCounts,
  type IndicatorKey,
  INDICATOR_KEYS,
} from './indicators.js';

const SEED = Number(process.env.TRAYECTO_FUZZ_SEED ?? 20_261_128);
const RUNS = 2_000;
let tried = 0;
afterAll(() => console.log(`[property] indicators: ${tried} cases tried (seed ${SEED})`));

const n = (max: number) => fc.integer({ min: 0, max });

/** Counts of one unit and year; any non-negative integers (dropout may be negative at a campus, ET > 100). */
const counts: fc.Arbitrary<FlowCounts> = fc.record({
  mt: fc.oneof(n(10), n(2_000_000)),
  ni1: n(1_000_000),
  ex: fc.oneof(n(10), n(2_000_000)),
  ap: n(1_000_000),
  reg: n(100_000),
  eg: n(1_000_000),
});

interface Unit {
  readonly current: FlowCounts;
  readonly next: Pick<FlowCounts, 'mt' | 'ni1'>;
  readonly twoBefore: Pick<FlowCounts, 'ni1'>;
}

const unit: fc.Arbitrary<Unit> = fc.record({
  current: counts,
  next: fc.record({ mt: n(2_000_000), ni1: n(1_000_000) }),
  twoBefore: fc.record({ ni1: n(1_000_000) }),
});

/** Equal up to floating-point rounding (rates are percentages of counts up to millions). */
const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The denominator of each indicator, for weighting. */
const DENOMINATOR: Readonly<Record<IndicatorKey, (u: Unit) => number>> = {
  abandono: (u) => u.current.mt,
  abandono_intra: (u) => u.current.mt,
  abandono_inter: (u) => u.current.mt,
  retencion: (u) => u.current.mt,
  eficiencia_terminal: (u) => u.twoBefore.ni1,
  reprobacion: (u) => u.current.ex,
  reprobacion_con_reg: (u) => u.current.ex,
  aprobacion: (u) => u.current.ex,
  aprobacion_con_reg: (u) => u.current.ex,
};

const check = <T>(arb: fc.Arbitrary<T>, f: (v: T) => void) =>
  fc.assert(
    fc.property(arb, (v) => {
      tried++;
      f(v);
    }),
    { numRuns: RUNS, seed: SEED },
  );

describe('indicator identities', () => {
  it('intra + inter = total dropout; retention = 100 − dropout; failure + pass = 100', () => {
    check(unit, (u) => {
      const i = computeIndicators(u.current, u.next, u.twoBefore);
      if (u.current.mt === 0) {
        expect([i.abandono, i.abandono_intra, i.abandono_inter, i.retencion]).toEqual([
          null,
          null,
          null,
          null,
        ]);
      } else {
        expect(close((i.abandono_intra ?? NaN) + (i.abandono_inter ?? NaN), i.abandono)).toBe(true);
        expect(close(100 - (i.abandono ?? NaN), i.retencion)).toBe(true);
      }
      if (u.current.ex === 0) {
        expect([i.reprobacion, i.aprobacion, i.reprobacion_con_reg, i.aprobacion_con_reg]).toEqual([
          null,
          null,
          null,
          null,
        ]);
      } else {
        expect(close((i.reprobacion ?? NaN) + (i.aprobacion ?? NaN), 100)).toBe(true);
        expect(close((i.reprobacion_con_reg ?? NaN) + (i.aprobacion_con_reg ?? NaN), 100)).toBe(true);
        expect(
          close(
            (i.reprobacion ?? NaN) - (i.reprobacion_con_reg ?? NaN),
            (100 * u.current.reg) / u.current.ex,
          ),
        ).toBe(true);
      }
      expect(i.eficiencia_terminal === null).toBe(u.twoBefore.ni1 === 0);
    });
  });

  it('a year without the next one has no dropout or retention; without n−2 no terminal efficiency', () => {
    check(counts, (c) => {
      const i = computeIndicators(c, null, null);
      expect([i.abandono, i.abandono_inter, i.retencion, i.eficiencia_terminal]).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect(i.abandono_intra === null).toBe(c.mt === 0);
    });
  });
});

describe('aggregation', () => {
  it('indicators on summed counts = the denominator-weighted mean of the units’ indicators', () => {
    // Every unit has a non-zero denominator (see the next test for one that has not).
    const live = unit.filter((u) => u.current.mt > 0 && u.current.ex > 0 && u.twoBefore.ni1 > 0);
    check(fc.array(live, { minLength: 1, maxLength: 12 }), (units) => {
      const total = computeIndicators(
        sumCounts(units.map((u) => u.current)),
        sumCounts(units.map((u) => ({ ...u.current, ...u.next }))),
        sumCounts(units.map((u) => ({ ...u.current, ...u.twoBefore }))),
      );
      for (const key of INDICATOR_KEYS) {
        const den = units.reduce((a, u) => a + DENOMINATOR[key](u), 0);
        if (den === 0) {
          expect(total[key], key).toBeNull();
          continue;
        }
        const weighted = units.reduce((a, u) => {
          const v = computeIndicators(u.current, u.next, u.twoBefore)[key];
          return a + (v === null ? 0 : v * DENOMINATOR[key](u));
        }, 0);
        // retención is 100 − dropout: its weighted mean carries the 100 only for units with MT > 0.
        expect(close(total[key], weighted / den), `${key}: ${total[key]} vs ${weighted / den}`).toBe(true);
      }
    });
  });

  it('numerators and denominators add up: a unit without enrolment still counts its movements', () => {
    // A campus with MT_n = 0 has no dropout rate, but its transfers in (EX_n > MT_n) and the continuing students
    // of year n+1 are part of the total: the total is Σ numerators / Σ denominators.
    check(fc.array(unit, { minLength: 1, maxLength: 12 }), (units) => {
      const sum = (f: (u: Unit) => number) => units.reduce((a, u) => a + f(u), 0);
      const total = computeIndicators(
        sumCounts(units.map((u) => u.current)),
        sumCounts(units.map((u) => ({ ...u.current, ...u.next }))),
        sumCounts(units.map((u) => ({ ...u.current, ...u.twoBefore }))),
      );
      const mt = sum((u) => u.current.mt);
      const ex = sum((u) => u.current.ex);
      const ratio = (num: number, den: number) => (den === 0 ? null : (100 * num) / den);
      expect(
        close(
          total.abandono_intra,
          ratio(
            sum((u) => u.current.mt - u.current.ex),
            mt,
          ),
        ),
      ).toBe(true);
      const leftAfter = (u: Unit) => u.current.ex - u.current.eg - (u.next.mt - u.next.ni1);
      expect(close(total.abandono_inter, ratio(sum(leftAfter), mt))).toBe(true);
      const left = (u: Unit) => u.current.mt - (u.next.mt - u.next.ni1 + u.current.eg);
      expect(close(total.abandono, ratio(sum(left), mt))).toBe(true);
      expect(
        close(
          total.reprobacion,
          ratio(
            sum((u) => u.current.ex - u.current.ap),
            ex,
          ),
        ),
      ).toBe(true);
      expect(
        close(
          total.eficiencia_terminal,
          ratio(
            sum((u) => u.current.eg),
            sum((u) => u.twoBefore.ni1),
          ),
        ),
      ).toBe(true);
    });
  });

  it('summing counts does not depend on the order or grouping of the units', () => {
    check(
      fc
        .array(counts, { maxLength: 20 })
        .chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
            fc.nat(),
          ),
        ),
      ([rows, shuffled, cut]) => {
        const k = rows.length === 0 ? 0 : cut % rows.length;
        expect(sumCounts(shuffled)).toEqual(sumCounts(rows));
        expect(addCounts(sumCounts(rows.slice(0, k)), sumCounts(rows.slice(k)))).toEqual(sumCounts(rows));
      },
    );
  });

  it('display rounding is half-up, symmetric, and within half a unit of the last decimal', () => {
    check(
      fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 3 })),
      ([x, d]) => {
        const r = roundHalfUp(x, d);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 / 10 ** d + 1e-9 * Math.max(1, Math.abs(x)));
        expect(roundHalfUp(-x, d) + 0).toBe(-r + 0); // -0 and 0 alike
      },
    );
  });
});
