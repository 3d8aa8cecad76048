/**
 * `trayecto import module-results|students|…`, in process: exit codes, the Spanish summary and error list
 * (first N plus a count), the downloadable report, encodings, and that a rejected file or a dry run leaves
 * the database exactly as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/storage/db.js';
import {
  lastModuleResultsYear,
  TERM_HEADER,
  termLine,
  termRows,
  type TermRow,
} from '../src/test-support/module-results-term.js';
import { EXIT_CODES } from '../src/cli/main.js';
import { curpCheckDigit } from '../src/domain/identifiers.js';
import { countRows, generateDemoDb, querySqlite, run, sha256File, tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
let db: string;

let rows: TermRow[];
let goodFile: string;

/** The tables an import may write, as a checksum (WAL checkpointed by closing every connection). */
const state = () =>
  JSON.stringify(
    ['module_results', 'enrollments', 'students', 'student_identities', 'import_runs'].map((t) =>
      countRows(db, t),
    ),
  ) + sha256File(db);

beforeAll(async () => {
  dir = tempDir();
  db = dir.file('records.db');
  await generateDemoDb(db);
  // The first 2,000 module results of the last term with any, then deleted: the file imports them back.
  const store = openStore({ dialect: 'sqlite', file: db });
  try {
    const year = await lastModuleResultsYear(store);
    rows = await termRows(store, year, 2000);
    const last = rows[rows.length - 1] as TermRow;
    // The rows come by student and module: those of earlier students, and the last student's up to its module.
    const deleted = await store.db
      .deleteFrom('module_results')
      .where('school_year', '=', year)
      .where('term_no', '=', 1)
      .where((eb) =>
        eb.or([
          eb('student_id', '<', last.student_id),
          eb.and([eb('student_id', '=', last.student_id), eb('module_id', '<=', last.module_id)]),
        ]),
      )
      .executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(rows.length);
  } finally {
    await store.close();
  }
  goodFile = dir.write('calificaciones.csv', `${TERM_HEADER}\n${rows.map(termLine).join('\n')}\n`);
}, 180_000);
afterAll(() => dir?.remove());

describe('trayecto import module-results', () => {
  it('imports a semester file, then the same file again changes nothing', async () => {
    const r = await run(['import', 'module-results', goodFile, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`${rows.length} filas de module-results`);
    expect(r.out).toContain(`insertados: ${rows.length}, actualizados: 0, sin cambios: 0`);
    expect(r.err).toMatch(/filas\/s/);
    const again = await run(['import', 'module-results', goodFile, '--db', db]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(`insertados: 0, actualizados: 0, sin cambios: ${rows.length}`);
    expect(countRows(db, 'import_runs')).toBeGreaterThanOrEqual(2);
  });

  it('rejects a file with 100,000 bad rows: summary, first errors, a count, a full report; nothing changes', async () => {
    const r0 = rows[0] as TermRow;
    const bad = Array.from({ length: 100_000 }, (_, i) => termLine({ ...r0, grade: 11 + (i % 5) }));
    const file = dir.write('malas.csv', `${TERM_HEADER}\n${bad.join('\n')}\n`);
    const before = state();
    const report = dir.file('errores.csv');
    const r = await run(['import', 'module-results', file, '--db', db, '--report', report]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.out).toContain('Archivo rechazado: 100000 problemas; no se importó nada');
    expect(r.out).toContain(
      'malas.csv:2: columna "calificacion", valor "11": la calificación debe estar entre 0 y 10',
    );
    expect(r.out).toContain(`… y 99980 problemas más (todos en ${report})`);
    const text = readFileSync(report, 'utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(100_001);
    expect(state()).toBe(before);
  }, 120_000);

  it('writes the report as XLSX, and a dry run changes nothing', async () => {
    const r0 = rows[0] as TermRow;
    const file = dir.write(
      'dos.csv',
      `${TERM_HEADER}\n${termLine({ ...r0, grade: 4.5 })}\n${termLine({ ...r0, cct: 'X' })}\n`,
    );
    const report = dir.file('errores.xlsx');
    const before = state();
    const r = await run(['import', 'module-results', file, '--db', db, '--report', report, '--dry-run']);
    expect(r.code).toBe(EXIT_CODES.invalid);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([undefined, 'archivo', 'línea', 'columna', 'valor', 'mensaje']);
    expect(ws?.getRow(2).getCell(5).text).toContain('la CCT debe tener 10 caracteres');
    const dry = await run([
      'import',
      'module-results',
      dir.write('uno.csv', `${TERM_HEADER}\n${termLine({ ...r0, grade: 4.5 })}\n`),
      '--db',
      db,
      '--dry-run',
    ]);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('actualizados: 1');
    // The stored values it would change, before → after (issue 12).
    expect(dry.out).toMatch(/Valores guardados que cambiarían: [12]\n/);
    expect(dry.out).toContain(`: calificacion ${r0.grade} → 4.5\n`);
    expect(dry.out).toMatch(/ {2}línea 2, alumno \S+: calificacion /);
    expect(dry.out).toContain('--dry-run');
    expect(state()).toBe(before);
  });

  it('rejects truncated, wrong-header, over-size and binary files with exit code 2', async () => {
    const text = readFileSync(goodFile, 'utf8');
    const cases: [string, string | Buffer, string, string[]?][] = [
      ['vacio.csv', '', 'el archivo está vacío'],
      ['cortado.csv', text.slice(0, text.indexOf('\n', 500) + 20), 'se esperaban 8 celdas'],
      [
        'otro.csv',
        'curp,nombre,primer_apellido,cct,clave_carrera,anio_ingreso\n',
        'corresponde a un archivo de alumnos',
      ],
      ['libro.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'libro de Excel'],
      ['grande.csv', text, 'el máximo es', ['--max-bytes', '1000']],
    ];
    const before = state();
    for (const [name, content, message, extra] of cases) {
      const file = dir.file(name);
      writeFileSync(file, content);
      const r = await run(['import', 'module-results', file, '--db', db, ...(extra ?? [])]);
      expect(r.code, name).toBe(EXIT_CODES.invalid);
      expect(r.out + r.err, name).toContain(message);
    }
    expect(state()).toBe(before);
  });
});

describe('trayecto import students', () => {
  it('reads a Windows-1252 file with accents and keeps them', async () => {
    const [c] = querySqlite<{ cct: string }>(db, 'select cct from campuses order by id limit 1');
    const [p] = querySqlite<{ code: string }>(db, 'select code from programs order by id limit 1');
    const first17 = 'PEXA080512HDFRRRA';
    const curp = first17 + curpCheckDigit(first17);
    const csv = `curp;nombre;primer_apellido;segundo_apellido;cct;clave_carrera;anio_ingreso\r\n${curp};José Ángel;Peña;Núñez;${c?.cct};${p?.code};2024\r\n`;
    const file = dir.file('alumnos-1252.csv');
    writeFileSync(file, Buffer.from(csv, 'latin1'));
    const r = await run(['import', 'students', file, '--db', db]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('codificación windows-1252');
    const [ident] = querySqlite<{ given_names: string; first_surname: string }>(
      db,
      `select given_names, first_surname from student_identities where curp = '${curp}'`,
    );
    expect(ident).toEqual({ given_names: 'José Ángel', first_surname: 'Peña' });
  });
});

describe('XLSX: template and import', () => {
  it('writes a template; filled in a spreadsheet it imports; a formula cell is rejected', async () => {
    const template = dir.file('plantilla.xlsx');
    const t = await run(['import', 'template', 'module-results', '--out', template, '--db', db]);
    expect(t.code, t.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Datos', 'Claves válidas', 'Instrucciones']);
    const data = wb.getWorksheet('Datos');
    if (!data) throw new Error('no "Datos" sheet');
    expect(data.getRow(1).values).toEqual([undefined, ...TERM_HEADER.split(',')]);
    const codes = wb.getWorksheet('Claves válidas');
    const [cct] = querySqlite<{ cct: string }>(db, 'select cct from campuses order by cct limit 1');
    // The campus list first: its title, its header, then the campuses by CCT.
    expect(codes?.getRow(1).getCell(1).value).toBe('Planteles');
    expect(codes?.getRow(3).getCell(1).value).toBe(cct?.cct);
    // The campus administrator fills it in: the example row replaced by a real one (grade changed).
    const r0 = rows[2] as TermRow;
    data.spliceRows(2, 1);
    data.addRow([r0.curp, r0.cct, r0.school_year, r0.term_no, r0.code, 9.5, r0.attendance_pct]);
    const filled = dir.file('llena.xlsx');
    await wb.xlsx.writeFile(filled);
    const ok = await run(['import', 'module-results', filled, '--db', db]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain('codificación xlsx');
    expect(ok.out).toContain('actualizados: 1');
    const [g] = querySqlite<{ grade: number }>(
      db,
      `select grade from module_results r join modules m on m.id = r.module_id join student_identities i on i.student_id = r.student_id
       where i.curp = '${r0.curp}' and m.code = '${r0.code}' and r.school_year = '${r0.school_year}' and r.term_no = 1`,
    );
    expect(g?.grade).toBe(9.5);
    // A formula: rejected, naming the cell.
    data.getRow(2).getCell(6).value = { formula: '5+4', result: 9 };
    await wb.xlsx.writeFile(filled);
    const before = state();
    const bad = await run(['import', 'module-results', filled, '--db', db]);
    expect(bad.code).toBe(EXIT_CODES.invalid);
    expect(bad.out).toContain('valor "F2": la celda contiene una fórmula (=5+4)');
    expect(state()).toBe(before);
    // --sheet names a sheet that does not exist.
    const noSheet = await run(['import', 'module-results', filled, '--db', db, '--sheet', 'Otra']);
    expect(noSheet.out).toContain('el libro no tiene una hoja llamada "Otra"');
  });
});
