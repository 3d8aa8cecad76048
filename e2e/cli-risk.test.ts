/**
 * `trayecto risk evaluate`, in process: the UCI dropout file reaches the ROC-AUC with the
 * gradient-boosted trees (stratified 5-fold, fixed seed), the JSON carries the documented fields, and
 * bad input fails with the column and line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/cli/main.js';
import type { EvaluationReport } from '../src/services/risk/index.js';
import { readFileSync } from 'node:fs';
import { countRows, generateDemoDb, run, runJson, tempDir, type TempDir } from './helpers.js';

const UCI = 'assets/data/uci-dropout/data.csv';
// The UCI target has three values (Dropout, Graduate, Enrolled): Dropout against the rest, asked for.
const UCI_ARGS = [
  'risk',
  'evaluate',
  '--data',
  UCI,
  '--target',
  'Target',
  '--positive',
  'Dropout',
  '--one-vs-rest',
];

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

describe('trayecto risk evaluate on the UCI dropout file', () => {
  let report: EvaluationReport;
  beforeAll(async () => {
    report = await runJson<EvaluationReport>([...UCI_ARGS, '--format', 'json', '--method', 'both']);
  });

  it('reaches ROC-AUC ≥ 0.92 with gradient-boosted trees on stratified 5-fold, seed 42', () => {
    const gbt = report.methods.find((m) => m.method === 'gbt');
    expect(gbt?.roc_auc).toBeGreaterThanOrEqual(0.92);
    expect(report.method).toBe('gbt');
    expect(report.roc_auc).toBe(gbt?.roc_auc);
    const logistic = report.methods.find((m) => m.method === 'logistic');
    expect(logistic?.roc_auc).toBeGreaterThan(0.9);
  });

  it('prints the documented JSON fields', () => {
    expect(report).toMatchObject({
      n: 4424,
      positives: 1421,
      rows_read: 4424,
      dropped_rows: 0,
      folds: 5,
      seed: 42,
      features: 36,
      target: 'Target',
      positive: 'Dropout',
      encoding: 'utf-8-bom',
      delimiter: ';',
    });
    expect(report.pr_auc).toBeGreaterThan(0.8);
    expect(report.brier).toBeGreaterThan(0.05);
    expect(report.brier).toBeLessThan(0.12);
    const gbt = report.methods[0];
    expect(gbt?.folds.map((f) => f.n).reduce((s, v) => s + v, 0)).toBe(4424);
    expect(gbt?.folds.map((f) => f.positives)).toEqual([284, 284, 284, 285, 284]);
    for (const f of gbt?.folds ?? []) expect(f.train_ms).toBeGreaterThan(0);
    expect(gbt?.calibration_curve.reduce((s, b) => s + b.count, 0)).toBe(4424);
  });

  it('refuses the three-valued target without --one-vs-rest, and says what it did with it', async () => {
    const r = await run(UCI_ARGS.filter((a) => a !== '--one-vs-rest'));
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toContain('columna "Target": tiene 3 valores');
    expect(r.err).toContain('--one-vs-rest');
    expect([...report.target_values].sort()).toEqual(['Dropout', 'Enrolled', 'Graduate']);
    expect(report.warnings.join(' ')).toContain('uno contra el resto');
    expect(report.columns.used.length).toBeGreaterThan(30);
    expect(report.columns.used).not.toContain('Target');
  });

  it('gives the same figures for the same seed', async () => {
    const again = await runJson<EvaluationReport>([...UCI_ARGS, '--format', 'json', '--method', 'logistic']);
    expect(again.roc_auc).toBe(report.methods.find((m) => m.method === 'logistic')?.roc_auc);
  });
});

describe('trayecto risk evaluate on small and bad files', () => {
  /** 200 rows where the risk rises with absences, in a Spanish-style CSV (semicolons, decimal commas). */
  function spanishCsv(extra: (i: number) => string = () => ''): string {
    const lines = ['faltas;promedio;turno;situación'];
    for (let i = 0; i < 200; i++) {
      const faltas = (i * 37) % 30;
      const promedio = (6 + ((i * 13) % 40) / 10).toFixed(1).replace('.', ',');
      lines.push(
        `${faltas};${promedio};${i % 3 ? 'matutino' : 'vespertino'};${faltas > 18 ? 'baja' : 'sigue'}${extra(i)}`,
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  it('evaluates a Spanish CSV in a table, in English on request, and reports dropped rows', async () => {
    const text = spanishCsv().replace(/\r\n5;([^;]*);([^;]*);sigue\r\n/, '\r\n5;$1;$2;\r\n');
    const file = dir.write('es.csv', text);
    const r = await run([
      'risk',
      'evaluate',
      '--data',
      file,
      '--target',
      'SITUACIÓN',
      '--positive',
      'baja',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Cross-validation · es\.csv · target "situación" = "baja"/);
    expect(r.out).toMatch(/dropped: 1/);
    expect(r.out).toMatch(/es\.csv:\d+: columna "situación", valor "": fila omitida/);
    expect(r.out).toMatch(/trees \(GBT\)\s+[01]\.\d{3}/);
    const json = await runJson<EvaluationReport>([
      'risk',
      'evaluate',
      '--data',
      file,
      '--target',
      'situación',
      '--positive',
      'baja',
      '--format',
      'json',
      '--folds',
      '3',
    ]);
    expect(json).toMatchObject({ n: 199, dropped_rows: 1, rows_read: 200, folds: 3, features: 4 });
    expect(json.roc_auc).toBeGreaterThan(0.95);
  });

  const bad = async (text: string, args: string[] = ['--target', 'situación', '--positive', 'baja']) => {
    const file = dir.write('bad.csv', text);
    return run(['risk', 'evaluate', '--data', file, ...args]);
  };

  it('rejects a file with no rows', async () => {
    const r = await bad('faltas;situación\r\n');
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toMatch(/bad\.csv:2: el archivo no tiene filas de datos/);
  });

  it('rejects a missing target column, naming it', async () => {
    const r = await bad(spanishCsv(), ['--target', 'estatus', '--positive', 'baja']);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toMatch(/bad\.csv:1: columna "estatus": no existe la columna objetivo/);
  });

  it('rejects a target with one class only', async () => {
    const r = await bad(spanishCsv(), ['--target', 'situación', '--positive', 'egreso']);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toMatch(
      /columna "situación", valor "egreso": ninguna fila tiene el valor positivo; valores encontrados: "sigue", "baja"/,
    );
  });

  it('rejects unparseable values in a numeric column with the column and line', async () => {
    const r = await bad(spanishCsv().replace('\r\n7;', '\r\nsiete;'));
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toMatch(
      /bad\.csv:\d+: columna "faltas", valor "siete": valor no numérico en una columna numérica/,
    );
  });

  it('rejects a missing file, a missing flag and an unknown method', async () => {
    expect(
      (await run(['risk', 'evaluate', '--data', dir.file('nope.csv'), '--target', 'a', '--positive', 'b']))
        .code,
    ).toBe(EXIT_CODES.not_found);
    const noTarget = await run(['risk', 'evaluate', '--data', UCI]);
    expect(noTarget.code).toBe(EXIT_CODES.invalid);
    expect(noTarget.err).toMatch(/Faltan opciones obligatorias: --target, --positive/);
    const method = await run([...UCI_ARGS, '--method', 'forest']);
    expect(method.err).toMatch(/--method desconocido: "forest"/);
    expect((await run(['risk', 'nada'])).err).toMatch(/Subcomando desconocido: "risk nada"/);
  });
});

describe('trayecto risk score --cutoff (issue 12, finding 6)', () => {
  const db = () => dir.file('demo.db');
  beforeAll(async () => {
    await generateDemoDb(db());
    const train = await run(['risk', 'train', '--db', db(), '--train-terms', '2']);
    expect(train.code, train.err).toBe(0);
  }, 240_000);

  it('writes the scores as known at a past cut-off to a CSV and stores nothing', async () => {
    const out = dir.file('corte.csv');
    const r = await run(['risk', 'score', '--cutoff', '2024-2025/1', '--out', out, '--db', db()]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^Corte 2024-2025\/1: \d+ estudiantes calificados en .*corte\.csv \(nada se guardó\)/,
    );
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,probability,band,reasons');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines.slice(1))
      // A pseudonym that starts with '-' is written '-…' behind a quote (formula-safe CSV, domain/csv-cell.ts).
      expect(line).toMatch(/^'?[A-Za-z0-9_-]{22},0\.\d+,(verde|amarillo|rojo),/);
    expect(countRows(db(), 'risk_scores')).toBe(0);
    const again = dir.file('corte2.csv');
    await run(['risk', 'score', '--cutoff', '2024-2025/1', '--out', again, '--db', db()]);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('asks for --out with --cutoff and rejects a bad cut-off', async () => {
    const noOut = await run(['risk', 'score', '--cutoff', '2024-2025/1', '--db', db()]);
    expect(noOut.code).toBe(EXIT_CODES.invalid);
    expect(noOut.err).toMatch(/--cutoff y --out van juntas/);
    const bad = await run([
      'risk',
      'score',
      '--cutoff',
      '2024-2026/1',
      '--out',
      dir.file('x.csv'),
      '--db',
      db(),
    ]);
    expect(bad.err).toMatch(/--cutoff inválido: "2024-2026\/1"/);
  });
});
