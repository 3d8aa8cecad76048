import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import vectors from '../../assets/reference/test-vectors.json' with { type: 'json' };
import { analyzeCohortFlow } from './cohort-flow.js';
import {
  abandono,
  abandonoInter,
  abandonoIntra,
  absorcion,
  aprobacion,
  aprobacionConReg,
  computeIndicators,
  eficienciaTerminal,
  eficienciaTerminalCohorte,
  reprobacion,
  reprobacionConReg,
  retencion,
  roundHalfUp,
  type FlowCounts,
} from './indicators.js';

interface Vector {
  readonly id: string;
  readonly indicator: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly expected: Readonly<Record<string, unknown>>;
  readonly decimals?: number;
}

const all: readonly Vector[] = vectors.vectors;

const num = (inputs: Readonly<Record<string, unknown>>, key: string): number => {
  const x = inputs[key];
  if (typeof x !== 'number') throw new Error(`vector input ${key} is not a number: ${JSON.stringify(x)}`);
  return x;
};
const nums = (inputs: Readonly<Record<string, unknown>>, key: string): number[] => {
  const x = inputs[key];
  if (!Array.isArray(x) || !x.every((v) => typeof v === 'number')) throw new Error(`${key} is not number[]`);
  return x;
};
const str = (inputs: Readonly<Record<string, unknown>>, key: string): string => {
  const x = inputs[key];
  if (typeof x !== 'string') throw new Error(`vector input ${key} is not a string: ${JSON.stringify(x)}`);
  return x;
};

const CAMPUS_FILE = new URL(
  '../../assets/data/conalep-abandono-2024-2025/abandono-por-plantel-2024-2025.csv',
  import.meta.url,
);

/** Splits one CSV line, honouring double-quoted fields (the file quotes one campus name). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted && ch === '"' && line.charAt(i + 1) === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

/** The published dropout rate of a campus ("Name, State") in the 2024-2025 campus file (CRLF lines). */
function publishedCampusDropout(campus: string, schoolYear: string): number {
  const [header, ...rows] = readFileSync(CAMPUS_FILE, 'utf8').trim().split(/\r?\n/).map(csvFields);
  const col = (name: string) => header?.indexOf(name) ?? -1;
  const matches = rows.filter(
    (r) => `${r[col('plantel')]}, ${r[col('entidad')]}` === campus && r[col('periodo_anual')] === schoolYear,
  );
  expect(matches, `rows for ${campus} ${schoolYear}`).toHaveLength(1);
  return Number(matches[0]?.[col('porcentaje_abandono_escolar')]);
}

/**
 * One computation per vector id, returning values under the vector's expected keys. A vector without a
 * handler fails the suite: every vector in the file is a test.
 */
const handlers: Record<string, (inputs: Vector['inputs']) => Record<string, unknown>> = {
  'S-01': (i) => {
    const [mt, ex, eg, mtNext, ni1Next] = [
      num(i, 'MT_n'),
      num(i, 'EX_n'),
      num(i, 'EG_n'),
      num(i, 'MT_n+1'),
      num(i, 'NI1_n+1'),
    ];
    const ae = abandono(mt, eg, mtNext, ni1Next);
    return {
      abandono: ae,
      abandono_intra: abandonoIntra(mt, ex),
      abandono_inter: abandonoInter(mt, ex, eg, mtNext, ni1Next),
      retencion: retencion(ae),
    };
  },
  'S-02': (i) => ({ eficiencia_terminal: eficienciaTerminal(num(i, 'EG_n'), num(i, 'NI1_n-2')) }),
  'S-03': (i) => ({
    reprobacion: reprobacion(num(i, 'EX_n'), num(i, 'AP_n')),
    reprobacion_con_reg: reprobacionConReg(num(i, 'EX_n'), num(i, 'AP_n'), num(i, 'REG_n')),
    aprobacion: aprobacion(num(i, 'EX_n'), num(i, 'AP_n')),
  }),
  'S-04': (i) => ({ absorcion: absorcion(num(i, 'NI1_n'), num(i, 'EGsec_n-1')) }),
  'S-05': (i) => {
    const r = analyzeCohortFlow({
      enrolment: nums(i, 'enrolment_t'),
      enrolmentNext: nums(i, 'enrolment_t+1'),
      repeatersNext: nums(i, 'repeaters_t+1'),
      graduates: num(i, 'graduates_t'),
    });
    if (!r.ok) throw new Error(r.issues.join('; '));
    const c = r.value;
    return {
      promotion: c.rates.promotion,
      repetition: c.rates.repetition,
      dropout: c.rates.dropout,
      survival_to_grade_2_pct: c.survivalToGradePct[1],
      survival_to_grade_3_pct: c.survivalToGradePct[2],
      cohort_graduates: c.graduates,
      cohort_dropouts: c.dropouts,
      graduates_by_years_in_system: Object.fromEntries(
        c.graduatesByYearsInSystem.map((g) => [String(g.years), g.graduates]),
      ),
      pupil_years: c.pupilYears,
      coefficient_of_efficiency_pct: c.coefficientOfEfficiencyPct,
      years_per_graduate: c.yearsPerGraduate,
    };
  },
  'P-01': (i) => ({
    eficiencia_terminal: eficienciaTerminalCohorte(num(i, 'graduates'), num(i, 'entrants')),
  }),
  'P-02': (i) => ({ abandono: publishedCampusDropout(str(i, 'campus'), str(i, 'school_year')) }),
};

/**
 * Display precision of a field: the vector's `decimals`, else the precision S-05 publishes (flow rates
 * are ratios to 4 decimals, years per graduate to 3), else 2 as the file's "about" says.
 */
const FIELD_DECIMALS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'S-05': { promotion: 4, repetition: 4, dropout: 4, years_per_graduate: 3 },
};
const decimalsOf = (v: Vector, key: string): number => v.decimals ?? FIELD_DECIMALS[v.id]?.[key] ?? 2;

/** Compares numbers, arrays and tables of numbers at `decimals`; returns how many numbers it compared. */
function compareAt(actual: unknown, expected: unknown, decimals: number, where: string): number {
  if (typeof expected === 'number') {
    expect(typeof actual, `${where} computed`).toBe('number');
    expect(roundHalfUp(actual as number, decimals), where).toBe(expected);
    return 1;
  }
  if (typeof expected !== 'object' || expected === null) {
    throw new Error(`${where}: unsupported expected value`);
  }
  expect(typeof actual, `${where} computed`).toBe('object');
  const act = actual as Readonly<Record<string, unknown>>;
  const entries = Object.entries(expected);
  if (Array.isArray(expected)) expect(act, where).toHaveLength(expected.length);
  return entries.reduce((n, [k, e]) => n + compareAt(act[k], e, decimals, `${where}.${k}`), 0);
}

describe('formula test vectors (assets/reference/test-vectors.json)', () => {
  it('has a handler for every vector and a vector for every handler', () => {
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((v) => v.id).sort()).toEqual(Object.keys(handlers).sort());
  });

  it.each(all.map((v) => [`${v.id} ${v.indicator}`, v] as const))('%s', (_label, vector) => {
    const handler = handlers[vector.id];
    if (!handler) throw new Error(`no handler for vector ${vector.id}`);
    const actual = handler(vector.inputs);
    let compared = 0;
    for (const [key, expected] of Object.entries(vector.expected)) {
      compared += compareAt(actual[key], expected, decimalsOf(vector, key), `${vector.id} ${key}`);
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('P-02: negative dropout is kept, never clamped', () => {
  it('the published campus file has −0.8 for Villa de Reyes, San Luis Potosí, 2024-2025', () => {
    expect(publishedCampusDropout('Villa de Reyes, San Luis Potosí', '2024-2025')).toBe(-0.8);
  });

  it('abandono is negative when more students return than the year kept', () => {
    // 500 enrolled, 150 graduate; next year 364 continuing students (transfers in among them):
    // AE = [1 − (364 + 150) / 500] × 100 = −2.8.
    expect(abandono(500, 150, 500, 136)).toBeCloseTo(-2.8, 10);
    expect(roundHalfUp(abandono(500, 150, 500, 136) ?? NaN, 1)).toBe(-2.8);
  });

  it('computeIndicators passes negative dropout and ET above 100 through untouched', () => {
    const current: FlowCounts = { mt: 500, ni1: 180, ex: 510, ap: 400, reg: 60, eg: 150 };
    const v = computeIndicators(current, { mt: 500, ni1: 136 }, { ni1: 140 });
    expect(v.abandono).toBeCloseTo(-2.8, 10);
    expect(v.abandono_intra).toBeCloseTo(-2, 10); // more at year end than at the start: altas
    expect(v.abandono_inter).toBeCloseTo(-0.8, 10);
    expect(v.retencion).toBeCloseTo(102.8, 10);
    expect(v.eficiencia_terminal).toBeCloseTo((150 / 140) * 100, 10);
  });
});

/** Deterministic linear congruential generator (Numerical Recipes constants): no dependencies, no clock. */
function lcg(seed: number): (maxExclusive: number) => number {
  let state = seed >>> 0;
  return (maxExclusive) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % maxExclusive;
  };
}

describe('abandono decomposition', () => {
  it('intra + inter = total for 1000 random count sets', () => {
    const next = lcg(20260128);
    for (let k = 0; k < 1000; k++) {
      const mt = 1 + next(50_000);
      const ex = next(mt + 2_000);
      const eg = next(ex + 1);
      const ni1Next = next(30_000);
      const mtNext = ni1Next + next(60_000);
      const total = abandono(mt, eg, mtNext, ni1Next);
      const intra = abandonoIntra(mt, ex);
      const inter = abandonoInter(mt, ex, eg, mtNext, ni1Next);
      expect(total).not.toBeNull();
      expect((intra ?? NaN) + (inter ?? NaN)).toBeCloseTo(total ?? NaN, 9);
    }
  });
});

describe('null rules', () => {
  const counts: FlowCounts = { mt: 1000, ni1: 400, ex: 940, ap: 620, reg: 130, eg: 300 };

  it('abandono, its intercurricular part and retención are null without year n+1', () => {
    const v = computeIndicators(counts, null, { ni1: 500 });
    expect(v.abandono).toBeNull();
    expect(v.abandono_inter).toBeNull();
    expect(v.retencion).toBeNull();
    expect(v.abandono_intra).toBeCloseTo(6, 10); // needs year n only
    expect(v.eficiencia_terminal).toBe(60);
  });

  it('ET is null without NI1 of year n−2', () => {
    const v = computeIndicators(counts, { mt: 1010, ni1: 420 }, null);
    expect(v.eficiencia_terminal).toBeNull();
    expect(v.abandono).toBeCloseTo(11, 10);
  });

  it('every rate is null when its denominator is zero', () => {
    const v = computeIndicators(
      { mt: 0, ni1: 0, ex: 0, ap: 0, reg: 0, eg: 0 },
      { mt: 10, ni1: 5 },
      { ni1: 0 },
    );
    for (const [key, value] of Object.entries(v)) expect(value, key).toBeNull();
    expect(abandono(0, 0, 10, 5)).toBeNull();
    expect(eficienciaTerminal(10, 0)).toBeNull();
    expect(eficienciaTerminalCohorte(10, 0)).toBeNull();
    expect(absorcion(10, 0)).toBeNull();
    expect(aprobacionConReg(0, 0, 0)).toBeNull();
    expect(retencion(null)).toBeNull();
  });
});

describe('roundHalfUp (display only)', () => {
  it.each([
    [12.345, 2, 12.35],
    [0.125, 2, 0.13],
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [12.344, 2, 12.34],
    [49.17472, 2, 49.17],
    [16.25, 1, 16.3],
    [16.24, 1, 16.2],
    [-12.345, 2, -12.35],
    [-0.125, 2, -0.13],
    [-0.84, 1, -0.8],
    [-0.85, 1, -0.9],
    [105, 2, 105],
    [0.5, 0, 1],
  ])('roundHalfUp(%d, %d) = %d', (value, decimals, expected) => {
    expect(roundHalfUp(value, decimals)).toBe(expected);
  });
});
