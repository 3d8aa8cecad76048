/**
 * `trayecto import template <kind>` and GET /api/v1/imports/{kind}/template: an XLSX to fill in a spreadsheet,
 * with the Spanish headers and an example row (sheet "Datos"), the valid keys from the database (sheet "Claves
 * válidas": one list per kind of key, stacked: campuses; programs; modules with their program and semester;
 * closed lists) and a sheet of instructions per column; or the "Datos" sheet alone as CSV.
 *
 * The example row imports cleanly: its campus, program and module come from the database (a campus of the
 * user's scope, a program it offers, a first-semester module of that program), and the examples of every kind
 * describe the same fictitious student, so that importing them in the order students, enrollments, then the
 * rest, gives no error (docs/IMPORTS.md).
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { csvCell } from '../../domain/csv-cell.js';
import { INTERVENTION_KINDS, INTERVENTION_OUTCOMES, kindLabel } from '../../domain/interventions.js';
import {
  CERTIFICATION_RESULTS,
  END_STATUSES,
  EVENT_KINDS,
  INTERVENTION_KIND_NAMES,
  KIND_NAMES,
  RECORD_FIELDS,
  type RecordKind,
} from '../../ingest/record-kinds.js';
import {
  campusKeys,
  moduleKeysByProgram,
  offeredPrograms,
  programKeys,
} from '../../storage/imports/template-lists.js';
import type { Database } from '../../storage/schema.js';

const bold = { bold: true } as const;

export type TemplateFormat = 'xlsx' | 'csv';

/** Keys of a closed list in Spanish (the English aliases are accepted but not listed). */
const spanish = (values: Readonly<Record<string, string>>) =>
  Object.keys(values).filter((k) => !Object.values(values).includes(k) || k === 'titulacion');

/** One list of valid keys: a title, its columns and its rows. */
interface KeyList {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

type Lists = Awaited<ReturnType<typeof readLists>>;

async function readLists(db: Kysely<Database>, campusIds: ReadonlySet<number> | undefined) {
  const campuses = (await campusKeys(db)).filter((c) => !campusIds || campusIds.has(c.id));
  return {
    campuses,
    programs: await programKeys(db),
    modules: await moduleKeysByProgram(db),
    offered: await offeredPrograms(db),
  };
}

/** The lists a kind's "Claves válidas" gives, in order. */
function keyLists(kind: RecordKind, l: Lists): KeyList[] {
  const out: KeyList[] = [];
  if (kind !== 'programs')
    out.push({
      title: 'Planteles',
      header: ['CCT', 'Plantel', 'Entidad'],
      rows: l.campuses.map((c) => [c.cct, c.name, c.state]),
    });
  if (kind === 'programs' || kind === 'enrollments' || kind === 'students' || kind === 'module-results')
    out.push({
      title: 'Carreras',
      header: ['Clave de carrera', 'Carrera'],
      rows: l.programs.map((p) => [p.code, p.name]),
    });
  if (kind === 'module-results')
    out.push({
      title: 'Módulos',
      header: ['Clave de carrera', 'Semestre', 'Clave de módulo', 'Módulo'],
      rows: l.modules.map((m) => [m.program, m.semester, m.code, m.name]),
    });
  const closed = (title: string, values: readonly string[], label?: (v: string) => string): KeyList => ({
    title,
    header: label ? ['Clave', 'Significado'] : ['Clave'],
    rows: values.map((v) => (label ? [v, label(v)] : [v])),
  });
  if (kind === 'enrollments') out.push(closed('estatus_final', spanish(END_STATUSES)));
  if (kind === 'status-events') out.push(closed('evento', spanish(EVENT_KINDS)));
  if (kind === 'interventions') {
    const code = (name: string) => INTERVENTION_KIND_NAMES[name] ?? name;
    const names = INTERVENTION_KINDS.map(
      (k) => Object.keys(INTERVENTION_KIND_NAMES).find((n) => INTERVENTION_KIND_NAMES[n] === k) ?? k,
    );
    out.push(closed('tipo', names, (n) => kindLabel(code(n)).es));
    out.push(closed('resultado', [...INTERVENTION_OUTCOMES]));
  }
  if (kind === 'certifications')
    out.push(closed('resultado', [...new Set(Object.values(CERTIFICATION_RESULTS))]));
  return out;
}

/**
 * The example values that must name rows of the database: a campus of the scope that offers a program with a
 * first-semester module (the first such, by CCT), that program and module; for programs, a stored program.
 */
function exampleKeys(l: Lists): Record<string, string> {
  const firstModule = new Map<string, string>();
  for (const m of l.modules)
    if (m.semester === 1 && !firstModule.has(m.program)) firstModule.set(m.program, m.code);
  for (const c of l.campuses) {
    const offer = l.offered.find((o) => o.campus_id === c.id && firstModule.has(o.code));
    if (offer)
      return { cct: c.cct, program_code: offer.code, module_code: firstModule.get(offer.code) ?? '' };
  }
  const c = l.campuses[0];
  return c ? { cct: c.cct } : {};
}

function exampleRow(kind: RecordKind, l: Lists): string[] {
  const keys = exampleKeys(l);
  const program = l.programs[0];
  const own: Record<string, string> =
    kind === 'programs' && program
      ? { program_code: program.code, name: program.name, area: program.area }
      : keys;
  return RECORD_FIELDS[kind].map((f) => own[f.key] ?? f.example);
}

export async function importTemplate(
  db: Kysely<Database>,
  kind: RecordKind,
  campusIds?: ReadonlySet<number>,
  format: TemplateFormat = 'xlsx',
): Promise<Buffer> {
  const fields = RECORD_FIELDS[kind];
  const lists = await readLists(db, campusIds);
  const header = fields.map((f) => f.names[0] ?? f.key);
  const example = exampleRow(kind, lists);
  if (format === 'csv')
    return Buffer.from(
      `\uFEFF${[header, example].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`,
      'utf8',
    );

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trayecto';
  const data = wb.addWorksheet('Datos');
  data.addRow(header).font = bold;
  data.addRow(example);
  data.columns.forEach((c) => (c.width = 20));
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const codes = wb.addWorksheet('Claves válidas');
  for (const [i, list] of keyLists(kind, lists).entries()) {
    if (i > 0) codes.addRow([]);
    codes.addRow([list.title]).font = { bold: true, size: 12 };
    codes.addRow([...list.header]).font = bold;
    for (const r of list.rows) codes.addRow([...r]);
  }
  codes.columns.forEach((c) => (c.width = 24));

  const help = wb.addWorksheet('Instrucciones');
  help.addRow([`Plantilla de ${KIND_NAMES[kind]} (trayecto import ${kind})`]).font = bold;
  help.addRow([
    'Llene la hoja "Datos" a partir de la fila 2 (borre el ejemplo). Solo valores, sin fórmulas. ' +
      'Un archivo con errores no se importa: el reporte indica fila, columna y motivo.',
  ]);
  help.addRow([
    'La fila de ejemplo describe a una alumna ficticia en un plantel, una carrera y un módulo válidos; ' +
      'las claves válidas están en la hoja "Claves válidas", una lista debajo de otra.',
  ]);
  help.addRow([]);
  help.addRow(['Columna', 'Obligatoria', 'Contenido', 'Otros nombres aceptados']).font = bold;
  for (const f of fields)
    help.addRow([f.names[0] ?? f.key, f.required ? 'sí' : 'no', f.help, f.names.slice(1).join(', ')]);
  help.columns.forEach((c, i) => (c.width = [26, 12, 70, 40][i] ?? 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
