/**
 * `trayecto import template <kind>` and GET /api/v1/imports/{kind}/template: an XLSX to fill in a spreadsheet,
 * with the Spanish headers and an example row (sheet "Datos"), the valid codes from the database (campuses,
 * programs, modules, closed lists) and a sheet of instructions per column.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
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
import { campusKeys, moduleKeysByProgram, programKeys } from '../../storage/imports/template-lists.js';
import type { Database } from '../../storage/schema.js';

const bold = { bold: true } as const;

/** Keys of a closed list in Spanish (the English aliases are accepted but not listed). */
const spanish = (values: Readonly<Record<string, string>>) =>
  Object.keys(values).filter((k) => !Object.values(values).includes(k) || k === 'titulacion');

export async function importTemplate(
  db: Kysely<Database>,
  kind: RecordKind,
  campusIds?: ReadonlySet<number>,
): Promise<Buffer> {
  const fields = RECORD_FIELDS[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trayecto';
  const data = wb.addWorksheet('Datos');
  data.addRow(fields.map((f) => f.names[0] ?? f.key)).font = bold;
  data.addRow(fields.map((f) => f.example));
  data.columns.forEach((c) => (c.width = 20));
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const codes = wb.addWorksheet('Claves válidas');
  let campuses = await campusKeys(db);
  if (campusIds) campuses = campuses.filter((c) => campusIds.has(c.id));
  const programs = await programKeys(db);
  const columns: [string, string[]][] = [
    ['CCT', campuses.map((c) => c.cct)],
    ['Plantel', campuses.map((c) => `${c.name} (${c.state})`)],
    ['Clave de carrera', programs.map((p) => p.code)],
    ['Carrera', programs.map((p) => p.name)],
  ];
  if (kind === 'module-results') {
    const modules = (await moduleKeysByProgram(db)).sort((a, b) => (a.code < b.code ? -1 : 1));
    columns.push(['Clave de módulo', modules.map((m) => m.code)]);
    columns.push(['Módulo (semestre)', modules.map((m) => `${m.name} (${m.semester}.º)`)]);
  }
  if (kind === 'enrollments') columns.push(['estatus_final', spanish(END_STATUSES)]);
  if (kind === 'status-events') columns.push(['evento', spanish(EVENT_KINDS)]);
  if (kind === 'interventions') {
    const spanishKind = (k: string) =>
      Object.keys(INTERVENTION_KIND_NAMES).find((n) => INTERVENTION_KIND_NAMES[n] === k) ?? k;
    columns.push(['tipo', INTERVENTION_KINDS.map(spanishKind)]);
    columns.push(['Intervención', INTERVENTION_KINDS.map((k) => kindLabel(k).es)]);
    columns.push(['resultado', [...INTERVENTION_OUTCOMES]]);
  }
  if (kind === 'certifications')
    columns.push(['resultado', [...new Set(Object.values(CERTIFICATION_RESULTS))]]);
  codes.addRow(columns.map(([h]) => h)).font = bold;
  const height = Math.max(...columns.map(([, v]) => v.length));
  for (let i = 0; i < height; i++) codes.addRow(columns.map(([, v]) => v[i] ?? ''));
  codes.columns.forEach((c) => (c.width = 24));
  codes.views = [{ state: 'frozen', ySplit: 1 }];

  const help = wb.addWorksheet('Instrucciones');
  help.addRow([`Plantilla de ${KIND_NAMES[kind]} (trayecto import ${kind})`]).font = bold;
  help.addRow([
    'Llene la hoja "Datos" a partir de la fila 2 (borre el ejemplo). Solo valores, sin fórmulas. ' +
      'Un archivo con errores no se importa: el reporte indica fila, columna y motivo.',
  ]);
  help.addRow([]);
  help.addRow(['Columna', 'Obligatoria', 'Contenido', 'Otros nombres aceptados']).font = bold;
  for (const f of fields)
    help.addRow([f.names[0] ?? f.key, f.required ? 'sí' : 'no', f.help, f.names.slice(1).join(', ')]);
  help.columns.forEach((c, i) => (c.width = [26, 12, 70, 40][i] ?? 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
