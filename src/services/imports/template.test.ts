/**
 * Import templates (issue 12, finding 5): the example row of every kind imports cleanly, as the XLSX template
 * itself and as its "Datos" sheet saved as CSV; "Claves válidas" gives one list per kind of key, stacked, never
 * side by side (campuses; programs; modules with their program, semester and name).
 */
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { formatIssue } from '../../ingest/issues.js';
import { RECORD_KINDS, type RecordKind } from '../../ingest/record-kinds.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemo } from '../operations/index.js';
import { importRecords } from './records.js';
import { importTemplate } from './template.js';

/** The kinds in the order their examples build on each other (a student, then their enrollment, …). */
const CHAIN: readonly RecordKind[] = [
  'programs',
  'students',
  'enrollments',
  'module-results',
  'attendance',
  'status-events',
  'scholarship-payments',
  'interventions',
  'certifications',
];

const NOW = () => new Date('2026-12-07T12:00:00Z');

async function sheetRows(buffer: Buffer, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const sheet = wb.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cell.text));
    out.push(Array.from(cells, (c) => c ?? ''));
  });
  return out;
}

/** The "Datos" sheet as a spreadsheet saves it to CSV (quoted where needed). */
async function asCsv(buffer: Buffer): Promise<Buffer> {
  const rows = await sheetRows(buffer, 'Datos');
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return Buffer.from(rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** The sections of "Claves válidas": a title row, a header row, rows, a blank row between sections. */
function sections(rows: readonly string[][]): Map<string, { header: string[]; rows: string[][] }> {
  const out = new Map<string, { header: string[]; rows: string[][] }>();
  let i = 0;
  while (i < rows.length) {
    const title = rows[i]!.filter((c) => c !== '');
    if (title.length === 0) {
      i++;
      continue;
    }
    expect(title, `the title row of a section (row ${i + 1})`).toHaveLength(1);
    const header = rows[i + 1]!.filter((c) => c !== '');
    const body: string[][] = [];
    i += 2;
    while (i < rows.length && rows[i]!.some((c) => c !== '')) body.push(rows[i++]!.slice(0, header.length));
    out.set(title[0]!, { header, rows: body });
  }
  return out;
}

describeEachDialect('import templates', ({ store }) => {
  beforeAll(async () => {
    await loadDemo(store(), { seed: 11, scale: 0.005, force: false });
  }, 180_000);

  it('the example row of every kind imports with no error, as XLSX and as CSV', async () => {
    expect([...CHAIN].sort()).toEqual([...RECORD_KINDS].sort());
    for (const kind of CHAIN) {
      const xlsx = await importTemplate(store().db, kind);
      const csv = await importTemplate(store().db, kind, undefined, 'csv');
      for (const [name, source] of [
        [`plantilla-${kind}.xlsx`, xlsx],
        [`plantilla-${kind}.csv`, csv],
      ] as const) {
        const dry = await importRecords(store(), kind, { bytes: source }, name, { dryRun: true, now: NOW });
        expect(dry.issues.map(formatIssue), `${name}`).toEqual([]);
        expect(dry.rows, name).toBe(1);
      }
      const header = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      expect(header(csv.toString('utf8'))).toBe(header((await asCsv(xlsx)).toString('utf8')));
      // The next kinds' examples name this one's rows (the same fictitious student).
      const real = await importRecords(store(), kind, { bytes: xlsx }, `plantilla-${kind}.xlsx`, {
        now: NOW,
      });
      expect(real.issues.map(formatIssue), kind).toEqual([]);
    }
  }, 120_000);

  it('"Claves válidas" gives one list per kind of key, modules with program, semester and name', async () => {
    const db = store().db;
    const modules = await db
      .selectFrom('modules')
      .innerJoin('programs', 'programs.id', 'modules.program_id')
      .select(['programs.code as program', 'modules.semester', 'modules.code', 'modules.name'])
      .execute();
    const programs = await db.selectFrom('programs').select(['code', 'name']).execute();
    const campuses = await db.selectFrom('campuses').select(['cct']).execute();
    const lists = sections(await sheetRows(await importTemplate(db, 'module-results'), 'Claves válidas'));
    expect([...lists.keys()]).toEqual(['Planteles', 'Carreras', 'Módulos']);
    expect(
      lists
        .get('Planteles')!
        .rows.map((r) => r[0])
        .sort(),
    ).toEqual(campuses.map((c) => c.cct).sort());
    expect(
      lists
        .get('Carreras')!
        .rows.map((r) => r[0])
        .sort(),
    ).toEqual(programs.map((p) => p.code).sort());
    const m = lists.get('Módulos')!;
    expect(m.header).toEqual(['Clave de carrera', 'Semestre', 'Clave de módulo', 'Módulo']);
    const key = (r: readonly (string | number)[]) => r.map(String).join('|');
    expect(m.rows.map(key).sort()).toEqual(
      modules.map((x) => key([x.program, x.semester, x.code, x.name])).sort(),
    );
    // Every module row names its own program: never a program beside another program's module.
    const byCode = new Map(modules.map((x) => [x.code, x.program]));
    for (const r of m.rows) expect(byCode.get(r[2]!)).toBe(r[0]);

    const enrollments = sections(await sheetRows(await importTemplate(db, 'enrollments'), 'Claves válidas'));
    expect([...enrollments.keys()]).toEqual(['Planteles', 'Carreras', 'estatus_final']);
    const events = sections(await sheetRows(await importTemplate(db, 'status-events'), 'Claves válidas'));
    expect([...events.keys()]).toEqual(['Planteles', 'evento']);
    const interventions = sections(
      await sheetRows(await importTemplate(db, 'interventions'), 'Claves válidas'),
    );
    expect([...interventions.keys()]).toEqual(['Planteles', 'tipo', 'resultado']);
    expect(interventions.get('tipo')!.rows.map((r) => r[0])).toEqual([
      'tutoria',
      'orientacion',
      'nivelacion',
      'laboratorio_virtual',
      'contacto_con_la_familia',
      'seguimiento_de_beca',
      'canalizacion',
    ]);
    const own = sections(await sheetRows(await importTemplate(db, 'programs'), 'Claves válidas'));
    expect([...own.keys()]).toEqual(['Carreras']);
  });

  it('a campus user gets the campuses of their scope and an example at one of them', async () => {
    const db = store().db;
    const [campus] = await db
      .selectFrom('campus_programs')
      .innerJoin('campuses', 'campuses.id', 'campus_programs.campus_id')
      .select(['campuses.id', 'campuses.cct'])
      .orderBy('campuses.cct', 'desc')
      .limit(1)
      .execute();
    const buffer = await importTemplate(db, 'enrollments', new Set([campus!.id]));
    const lists = sections(await sheetRows(buffer, 'Claves válidas'));
    expect(lists.get('Planteles')!.rows.map((r) => r[0])).toEqual([campus!.cct]);
    const data = await sheetRows(buffer, 'Datos');
    expect(data[1]![data[0]!.indexOf('cct')]).toBe(campus!.cct);
  });
});
