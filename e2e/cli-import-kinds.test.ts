/**
 * `trayecto import programs|scholarship-payments|template …`, in process: a good file imports (and again
 * changes nothing), a file with a typo exits 2 with the Spanish line, column and value and leaves the database
 * as it was.
 */
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/cli/main.js';
import { countRows, generateDemoDb, querySqlite, run, sha256File, tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
let db: string;

const state = () =>
  JSON.stringify(['programs', 'scholarship_payments', 'import_runs'].map((t) => countRows(db, t))) +
  sha256File(db);

beforeAll(async () => {
  dir = tempDir();
  db = dir.file('kinds.db');
  await generateDemoDb(db);
}, 180_000);
afterAll(() => dir?.remove());

describe('trayecto import of the catalog and scholarship kinds', () => {
  it('programs: a good file imports, again changes nothing; a typo is rejected with its line', async () => {
    const programs = querySqlite<{ code: string; name: string; area: string }>(
      db,
      'select code, name, area from programs order by code',
    );
    const lines = [...programs.map((p) => `${p.code};${p.name};${p.area}`), 'ENF-X;Enfermería general;Salud'];
    const good = dir.write('carreras.csv', `clave_carrera;nombre;area\n${lines.join('\n')}\n`);
    const r = await run(['import', 'programs', good, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`insertados: 1, actualizados: 0, sin cambios: ${programs.length}`);
    const again = await run(['import', 'programs', good, '--db', db]);
    expect(again.out).toContain(`insertados: 0, actualizados: 0, sin cambios: ${programs.length + 1}`);

    const typo = dir.write(
      'carreras-mal.csv',
      'clave_carrera;nombre;area\nENF-Y;Enfermería;\nENF-X;Otra;Salud\n',
    );
    const before = state();
    const bad = await run(['import', 'programs', typo, '--db', db]);
    expect(bad.code).toBe(EXIT_CODES.invalid);
    expect(bad.out).toContain('carreras-mal.csv:2: columna "area", valor "": falta el valor');
    expect(state()).toBe(before);
  });

  it('scholarship payments: a good file imports; a file with a typo exits 2 and writes its report', async () => {
    const rows = querySqlite<{
      id: number;
      line: string;
    }>(
      db,
      `select p.id, i.curp || ',' || c.cct || ',' || p.school_year || ',' || p.term_no || ',' || p.period || ',' ||
         p.amount || ',' || p.due_date || ',' || coalesce(p.paid_date, '') as line
       from scholarship_payments p join student_identities i on i.student_id = p.student_id
       join campuses c on c.id = p.campus_id order by p.id limit 200`,
    );
    expect(rows.length).toBeGreaterThan(20);
    const header = 'curp,cct,ciclo_escolar,periodo,bimestre,monto,fecha_programada,fecha_pago';
    const good = dir.write('becas.csv', `${header}\n${rows.map((r) => r.line).join('\n')}\n`);
    const sqlite = new SQLite(db);
    sqlite.prepare('delete from scholarship_payments where id <= ?').run(rows[rows.length - 1]?.id ?? 0);
    sqlite.close();
    const first = await run(['import', 'scholarship-payments', good, '--db', db]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`insertados: ${rows.length}, actualizados: 0, sin cambios: 0`);
    const again = await run(['import', 'scholarship-payments', good, '--db', db]);
    expect(again.out).toContain(`insertados: 0, actualizados: 0, sin cambios: ${rows.length}`);

    const cells = (rows[0]?.line ?? '').split(',');
    cells[4] = '7';
    const typo = dir.write('becas-mal.csv', `${header}\n${cells.join(',')}\n`);
    const report = dir.file('becas-errores.csv');
    const before = state();
    const bad = await run(['import', 'scholarship-payments', typo, '--db', db, '--report', report]);
    expect(bad.code).toBe(EXIT_CODES.invalid);
    expect(bad.out).toContain(
      'becas-mal.csv:2: columna "bimestre", valor "7": el bimestre de pago debe ser 1, 2 o 3 (dentro del periodo)',
    );
    expect(existsSync(report)).toBe(true);
    expect(state()).toBe(before);
  });

  it('writes the template of a new kind', async () => {
    const out = dir.file('plantilla.xlsx');
    const r = await run(['import', 'template', 'interventions', '--db', db, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
