import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { createRng } from '../../domain/ml/random.js';
import { evaluateRiskFile } from './evaluate.js';

/** A CSV where dropout depends on absences and a shift, with some missing grades. */
function csv(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const lines = ['faltas,promedio,turno,estado'];
  for (let i = 0; i < n; i++) {
    const faltas = Math.floor(rng.next() * 30);
    const promedio = 6 + rng.next() * 4;
    const turno = rng.next() < 0.5 ? 'matutino' : 'vespertino';
    const eta = 0.25 * (faltas - 15) - 1.2 * (promedio - 8) + (turno === 'vespertino' ? 0.8 : 0);
    const baja = rng.next() < 1 / (1 + Math.exp(-eta));
    lines.push(
      `${faltas},${rng.next() < 0.05 ? '' : promedio.toFixed(1)},${turno},${baja ? 'baja' : 'activo'}`,
    );
  }
  return new TextEncoder().encode(lines.join('\n'));
}

describe('evaluateRiskFile', () => {
  const data = csv(600, 3);

  it('cross-validates both methods with their metrics, folds and calibration curve', () => {
    const r = evaluateRiskFile(data, 'x.csv', {
      target: 'estado',
      positive: 'baja',
      folds: 3,
      methods: ['gbt', 'logistic'],
    });
    expect(r.methods.map((m) => m.method)).toEqual(['gbt', 'logistic']);
    for (const m of r.methods) {
      expect(m.roc_auc).toBeGreaterThan(0.8);
      expect(m.folds).toHaveLength(3);
      expect(m.brier).toBeLessThan(0.2);
      expect(m.calibration_curve.reduce((s, b) => s + b.count, 0)).toBe(600);
      expect(m.top_decile.k).toBe(60);
    }
    // The generating model is linear in the features: logistic regression wins, and leads the report.
    expect(r.method).toBe('logistic');
    expect(r.roc_auc).toBe(r.methods[1]?.roc_auc);
    expect(r.features).toBe(4);
  });

  it('calibrates on an inner split when asked, keeping the ranking close', () => {
    for (const calibration of ['platt', 'isotonic'] as const) {
      const r = evaluateRiskFile(data, 'x.csv', {
        target: 'estado',
        positive: 'baja',
        folds: 3,
        methods: ['logistic'],
        calibration,
      });
      expect(r.methods[0]?.calibration).toBe(calibration);
      expect(r.roc_auc).toBeGreaterThan(0.8);
      expect(r.brier).toBeLessThan(0.2);
    }
  });

  it('refuses more folds than rows of the rarer class', () => {
    const tiny = new TextEncoder().encode('x,estado\n1,baja\n2,activo\n3,activo\n4,baja\n5,activo\n');
    expect(() => evaluateRiskFile(tiny, 't.csv', { target: 'estado', positive: 'baja', folds: 3 })).toThrow(
      /tiene 2 filas: hacen falta al menos 3/,
    );
    const missing = () => evaluateRiskFile(tiny, 't.csv', { target: 'nada', positive: 'baja' });
    expect(missing).toThrow(AppError);
    expect(missing).toThrow(/t\.csv:1: columna "nada": no existe la columna objetivo/);
  });

  // Issue 12, finding 10.
  const withColumn = (name: string, value: (i: number) => string, n = 600) => {
    const lines = new TextDecoder().decode(csv(n, 5)).split('\n');
    return new TextEncoder().encode(lines.map((l, i) => `${i === 0 ? name : value(i)},${l}`).join('\n'));
  };

  it('refuses a numeric identifier-like column, names it, and says which columns it used', () => {
    const ids = withColumn('matricula', (i) => String(24000 + i));
    const opts = { target: 'estado', positive: 'baja', folds: 3, methods: ['logistic'] as const };
    const e = (() => {
      try {
        evaluateRiskFile(ids, 'ids.csv', { ...opts, methods: [...opts.methods] });
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('id_like_columns');
    expect((e as AppError).message).toContain('ids.csv: la columna "matricula" parece un identificador');
    const ignored = evaluateRiskFile(ids, 'ids.csv', {
      ...opts,
      methods: ['logistic'],
      ignore: ['matricula'],
    });
    expect(ignored.columns.used).toEqual(['faltas', 'promedio', 'turno']);
    expect(ignored.warnings).toEqual([]);
    const allowed = evaluateRiskFile(ids, 'ids.csv', {
      ...opts,
      methods: ['logistic'],
      allowIdColumns: true,
    });
    expect(allowed.columns.used).toContain('matricula');
    expect(allowed.warnings.join(' ')).toContain('"matricula"');
    // A numeric column that is not an identifier (repeated values) is kept without comment.
    const codes = withColumn('plantel', (i) => String(i % 7));
    expect(evaluateRiskFile(codes, 'c.csv', { ...opts, methods: ['logistic'] }).columns.used).toContain(
      'plantel',
    );
  });

  it('warns on a small sample', () => {
    const r = evaluateRiskFile(csv(80, 9), 's.csv', {
      target: 'estado',
      positive: 'baja',
      folds: 3,
      methods: ['logistic'],
    });
    expect(r.warnings.join(' ')).toMatch(/^Muestra pequeña: 80 filas/);
    expect(
      evaluateRiskFile(data, 'x.csv', { target: 'estado', positive: 'baja', folds: 3, methods: ['logistic'] })
        .warnings,
    ).toEqual([]);
  });

  it('refuses a target with three values unless one-vs-rest is asked for, and then says so', () => {
    const text = new TextDecoder().decode(data).split('\n');
    const three = new TextEncoder().encode(
      text.map((l, i) => (i > 0 && i % 5 === 0 ? l.replace(/activo$/, 'egresado') : l)).join('\n'),
    );
    const opts = { target: 'estado', positive: 'baja', folds: 3, methods: ['logistic'] as 'logistic'[] };
    expect(() => evaluateRiskFile(three, 'm.csv', opts)).toThrow(
      /m\.csv, columna "estado": tiene 3 valores \("activo", "baja", "egresado"\)|m\.csv, columna "estado": tiene 3 valores/,
    );
    const r = evaluateRiskFile(three, 'm.csv', { ...opts, oneVsRest: true });
    expect(r.target_values).toHaveLength(3);
    expect(r.warnings.join(' ')).toContain('uno contra el resto');
  });
});
