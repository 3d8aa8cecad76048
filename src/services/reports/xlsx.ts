/**
 * The 911-style statistics as an XLSX workbook: a cover sheet (unit, school year, generation date, source,
 * version) and one sheet per section, each table with its title, a one- or two-row header (frozen), totals in
 * bold on a shaded background, thousands separators, and suppressed cells shown as "*".
 */
import ExcelJS from 'exceljs';
import type { Form911 } from './form911.js';
import type { ReportTable } from './layout.js';

export const SUPPRESSED_MARK = '*';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E5F' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF0' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB0B7BB' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const NUMBER_FORMAT = '#,##0';
/** Metric-compatible fonts exist everywhere (Liberation Sans stands in for Arial on Linux). */
const FONT = 'Arial';

export const SOURCE_TEXT =
  'Trayecto: registros de control escolar (inscripciones por periodo, resultados de fin de ciclo, eventos de baja, plantilla docente).';

export async function form911Xlsx(report: Form911): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trayecto';
  wb.created = new Date(report.generatedAt);
  wb.title = `${report.title} ${report.schoolYear}`;
  coverSheet(wb, report);
  for (const section of report.sections) {
    const ws = wb.addWorksheet(section.sheet, {
      properties: { defaultColWidth: 14 },
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.getColumn(1).width = 40;
    ws.getCell('A1').value = section.title;
    ws.getCell('A1').font = { name: FONT, bold: true, size: 13 };
    ws.getCell('A2').value =
      `${report.unit.title} · Ciclo escolar ${report.schoolYear}${report.public ? ' · Versión pública' : ''}`;
    ws.getCell('A2').font = { name: FONT, italic: true, color: { argb: 'FF555555' } };
    let row = 4;
    section.tables.forEach((t, i) => {
      const headerEnd = writeTable(ws, t, row, report.public);
      // Freeze the first table's header (and the row labels) so long tables stay readable.
      if (i === 0) ws.views = [{ state: 'frozen', xSplit: 1, ySplit: headerEnd }];
      row = headerEnd + t.cells.length + 2 + t.notes.length;
    });
  }
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data);
}

/** Writes one table from `top`; returns the last header row. */
function writeTable(ws: ExcelJS.Worksheet, t: ReportTable, top: number, isPublic: boolean): number {
  ws.getCell(top, 1).value = t.title;
  ws.getCell(top, 1).font = { name: FONT, bold: true };
  const h0 = top + 1;
  const headerRows = t.header.length;
  const headerCell = (r: number, c: number, value: string) => {
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  };
  headerCell(h0, 1, t.rowHeader);
  if (headerRows > 1) ws.mergeCells(h0, 1, h0 + headerRows - 1, 1);
  t.header.forEach((level, li) => {
    let c = 2;
    for (const h of level) {
      headerCell(h0 + li, c, h.label);
      if (h.span > 1) ws.mergeCells(h0 + li, c, h0 + li, c + h.span - 1);
      c += h.span;
    }
  });
  const headerEnd = h0 + headerRows - 1;
  t.cells.forEach((cells, ri) => {
    const r = headerEnd + 1 + ri;
    const isTotalRow = t.totalRows.includes(ri);
    const labelCell = ws.getCell(r, 1);
    labelCell.value = t.rowLabels[ri] ?? '';
    labelCell.border = BORDER;
    if (isTotalRow) Object.assign(labelCell, { font: { name: FONT, bold: true }, fill: TOTAL_FILL });
    cells.forEach((cell, ci) => {
      const x = ws.getCell(r, ci + 2);
      if (isPublic && cell.suppressed) {
        x.value = SUPPRESSED_MARK;
        x.alignment = { horizontal: 'right' };
      } else {
        x.value = cell.value;
        x.numFmt = NUMBER_FORMAT;
      }
      x.border = BORDER;
      if (cell.total) {
        x.font = { name: FONT, bold: true };
        x.fill = TOTAL_FILL;
      }
    });
  });
  t.notes.forEach((n, i) => {
    const cell = ws.getCell(headerEnd + t.cells.length + 1 + i, 1);
    cell.value = n;
    cell.font = { name: FONT, italic: true, size: 9, color: { argb: 'FF555555' } };
  });
  return headerEnd;
}

function coverSheet(wb: ExcelJS.Workbook, report: Form911): void {
  const ws = wb.addWorksheet('Portada', {
    properties: { defaultColWidth: 20 },
    pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 80;
  ws.getCell('A1').value = report.title;
  ws.getCell('A1').font = { name: FONT, bold: true, size: 15 };
  ws.getCell('A2').value = 'Subsistema: Colegio Nacional de Educación Profesional Técnica (CONALEP)';
  const version = report.public
    ? `Pública: se suprimen (${SUPPRESSED_MARK}) los conteos de 1 a ${(report.threshold ?? 0) - 1} y los necesarios para que no puedan deducirse de los totales (${report.suppressedCells} celdas)`
    : 'Interna: conteos completos, no apta para publicación';
  const rows: [string, string][] = [
    ['Unidad', report.unit.title],
    ['Nivel', { campus: 'Plantel', state: 'Entidad federativa', national: 'Nacional' }[report.unit.level]],
    ['Ciclo escolar', report.schoolYear],
    ['Momento', report.kind === 'inicio' ? 'Inicio de cursos' : 'Fin de cursos'],
    ['Fecha de generación', report.generatedAt.replace('T', ' ').slice(0, 16) + ' UTC'],
    ['Fuente', SOURCE_TEXT],
    ['Versión', version],
    ['Secciones', report.sections.map((s) => s.title).join('; ')],
    [
      'Notas',
      'Formato basado en el cuestionario 911.7 de la SEP (bachillerato tecnológico); los grados agrupan dos semestres. Los conteos provienen de los registros, no de captura manual.',
    ],
  ];
  rows.forEach(([k, v], i) => {
    const r = 4 + i;
    ws.getCell(r, 1).value = k;
    ws.getCell(r, 1).font = { name: FONT, bold: true };
    ws.getCell(r, 2).value = v;
    ws.getCell(r, 2).alignment = { wrapText: true, vertical: 'top' };
    ws.getCell(r, 1).alignment = { vertical: 'top' };
    // Readers do not grow rows for wrapped text on their own: about 75 characters per line at width 80.
    ws.getRow(r).height = 15 * Math.max(1, Math.ceil(v.length / 75));
  });
}
