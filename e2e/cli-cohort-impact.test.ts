/** `trayecto cohort` and `trayecto impact`, run in-process on a generated SQLite demo database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { additionalGraduates, studentsKept } from '../src/domain/impact.js';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

let dir: string;
let db: string;

async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: {},
    errIsTty: false,
  };
  const code = await main([...argv, '--db', db], io);
  return { code, out, err };
}

/** Text with line wrapping undone, to look for a paragraph printed over several lines. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const NULLS = { abandonoBase: null, abandonoN: null, mtN: null };
const KEPT_ES = studentsKept(NULLS).definition.es;
const EXTRA_ES = additionalGraduates({
  eficienciaTerminalBase: null,
  eficienciaTerminalN: null,
  ni1TwoBefore: null,
}).definition.es;

describe('trayecto cohort and impact (CLI)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trayecto-cli-'));
    db = join(dir, 'demo.db');
    const generated = await run('generate', '--scale', '0.003');
    expect(generated.code, generated.err).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the cohort of a generation as readable Spanish text', async () => {
    const r = await run('cohort', '--generation', '2022-2025');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Generación 2022-2025');
    expect(r.out).toMatch(/^ +1 +[\d,]+ +100\.0 /m);
    expect(r.out).toContain('Eficiencia terminal de cohorte (ETC)');
    expect(r.out).toContain('Eficiencia terminal aparente (ET) 2024-2025');
    expect(flat(r.out)).toContain('Definición: ET_n = EG_n / NI1_{n−2} × 100');
    expect(flat(r.out)).toContain('Por qué difieren: La eficiencia terminal aparente del ciclo 2024-2025');
  });

  it('prints the full cohort report as JSON and a tidy CSV', async () => {
    const json = await run('cohort', '--generation', '2022', '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const report = JSON.parse(json.out) as {
      generation: string;
      entrants: number;
      semesters: { survival_pct: number }[];
      trueCohort: { eficienciaTerminalCohorte: number };
      apparent: { eficienciaTerminal: number };
      explanation: { es: string; en: string };
    };
    expect(report.generation).toBe('2022-2025');
    expect(report.semesters).toHaveLength(6);
    expect(report.semesters[0]?.survival_pct).toBe(100);
    expect(report.trueCohort.eficienciaTerminalCohorte).toBeGreaterThan(0);
    expect(report.apparent.eficienciaTerminal).toBeGreaterThan(0);
    expect(report.explanation.en.length).toBeGreaterThan(100);
    const csv = await run('cohort', '--generation', '2022-2025', '--format', 'csv');
    expect(csv.code, csv.err).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('generation,level,unit_id,indicator,semester,count,value_pct');
    expect(lines[1]).toBe(`2022-2025,national,MX,entrants,,${report.entrants},`);
  });

  it('prints the counterfactuals with their definitions, formulas and inputs', async () => {
    const r = await run('impact');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('año base 2017-2018');
    expect(flat(r.out)).toContain(`Definición: ${KEPT_ES}`);
    expect(flat(r.out)).toContain(`Definición: ${EXTRA_ES}`);
    expect(r.out).toContain('Fórmula: studentsKept = (AE_base − AE_n) / 100 × MT_n');
    expect(r.out).toContain('Fórmula: additionalGraduates = (ET_n − ET_base) / 100 × NI1_{n−2}');
    expect(r.out).toContain('Insumos: AE_base (abandono 2017-2018)');
    expect(r.out).toContain('Acumulado de 2018-2019 a 2024-2025');
    const en = await run('impact', '--lang', 'en', '--baseline', '2018-2019', '--year', '2023-2024');
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain('Students kept in 2023-2024');
    expect(en.out).toContain('baseline 2018-2019');
  });

  it('prints the impact report as JSON that parses, with the cumulative values labelled', async () => {
    const r = await run('impact', '--format', 'json', '--level', 'state', '--unit', '09');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as {
      unit: { id: string };
      baseline: string;
      yearly: { studentsKept: { value: number; definition: { es: string } } };
      cumulative: { from: string; studentsKept: { value: number; byYear: unknown[] } };
    };
    expect(report.unit.id).toBe('09');
    expect(report.baseline).toBe('2017-2018');
    expect(report.yearly.studentsKept.definition.es).toBe(KEPT_ES);
    expect(report.cumulative.from).toBe('2018-2019');
    expect(report.cumulative.studentsKept.byYear).toHaveLength(7);
  });

  it('exits with the code of the error kind and suggests the valid values', async () => {
    const unknown = await run('cohort', '--generation', '2030-2033');
    expect(unknown.code).toBe(3);
    expect(unknown.err).toContain('Generaciones válidas');
    expect(unknown.err).toContain('2022-2025');
    const missing = await run('cohort');
    expect(missing.code).toBe(2);
    // A mistyped key: the nearest ones are suggested, not all 313.
    const unit = await run('impact', '--level', 'campus', '--unit', '01DPT0002X');
    expect(unit.code).toBe(3);
    expect(unit.err).toContain('01DPT0002I');
    expect(unit.err).toContain('Claves más parecidas');
    const format = await run('impact', '--format', 'xml');
    expect(format.code).toBe(2);
  });
});
