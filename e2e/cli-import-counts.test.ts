/**
 * `trayecto import counts`, in process: a campus's reported counts equal to the records' are stored and
 * reconciled (no differences), a second import changes nothing, a typo exits 2 naming line, column and value.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/cli/main.js';
import { countRows, generateDemoDb, querySqlite, run, tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
let db: string;
let file: string;
let lines: string[];

beforeAll(async () => {
  dir = tempDir();
  db = dir.file('counts.db');
  await generateDemoDb(db);
  const [{ y } = { y: '' }] = querySqlite<{ y: string }>(
    db,
    'select max(school_year) as y from flow_counts_campus',
  );
  const rows = querySqlite<{
    cct: string;
    mt: number;
    ni1: number;
    ex: number;
    ap: number;
    reg: number;
    eg: number;
  }>(
    db,
    `select c.cct, sum(fc.mt) as mt, sum(fc.ni1) as ni1, sum(fc.ex) as ex, sum(fc.ap) as ap, sum(fc.reg) as reg,
       sum(fc.eg) as eg from flow_counts_campus fc join campuses c on c.id = fc.campus_id
     where fc.school_year = '${y}' group by c.cct order by c.cct limit 2`,
  );
  lines = [
    'ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg',
    ...rows.map((r) => [y, r.cct, r.mt, r.ni1, r.ex, r.ap, r.reg, r.eg].join(',')),
  ];
  file = dir.file('conteos.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
}, 180_000);
afterAll(() => dir?.remove());

describe('trayecto import counts', () => {
  it('stores the rows and prints that they agree with the records', async () => {
    const r = await run(['import', 'counts', file, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Conteos reportados de ${file}: 2 filas`);
    expect(r.out).toContain('insertados: 2, actualizados: 0, sin cambios: 0');
    expect(r.out).toContain(
      'Reportado vs. calculado: 2 de 2 unidades con conteos de los registros, 2 coinciden',
    );
    expect(countRows(db, 'reported_counts')).toBe(2);
    const [run1] = querySqlite<{ kind: string }>(db, 'select kind from import_runs order by id desc limit 1');
    expect(run1?.kind).toBe('counts');
  });

  it('a second import changes nothing; --format json carries the comparison', async () => {
    const r = await run(['import', 'counts', file, '--db', db, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as {
      unchanged: number;
      reportedVsComputed: { difference_mt: number | null }[];
    };
    expect(s.unchanged).toBe(2);
    expect(s.reportedVsComputed.map((x) => x.difference_mt)).toEqual([0, 0]);
  });

  it('a typo exits 2, names file, line, column and value, and stores nothing', async () => {
    const bad = dir.file('typo.csv');
    writeFileSync(bad, `${[lines[0], lines[1]!.replace(/,(\d+)$/, ',x7')].join('\n')}\n`);
    const before = querySqlite(db, 'select * from reported_counts order by unit');
    const r = await run(['import', 'counts', bad, '--db', db]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toContain(`${bad}:2: columna "eg", valor "x7": conteo inválido: no es un número`);
    expect(querySqlite(db, 'select * from reported_counts order by unit')).toEqual(before);
  });
});
