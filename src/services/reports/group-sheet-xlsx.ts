/**
 * The group sheet as an XLSX workbook: a title block (campus, program, semester, group, cut-off), one row per
 * student with the overall band and a semáforo per dimension (the word on a cell filled with its colour, the
 * value beside it), the last action, and the thresholds behind the colours. Styles as in the 911 workbook
 * (xlsx.ts): Arial, dark header, thin borders, frozen header.
 */
import ExcelJS from 'exceljs';
import { SHEET_DIMENSIONS } from '../../domain/group-sheet.js';
import type { RiskFlag } from '../../domain/interventions.js';
import type { GroupSheet } from '../interventions/index.js';
import { groupSheetColumns, sheetText, type SheetLang } from './group-sheet-text.js';

const FONT = 'Arial';
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const HEADER_FILL = fill('FF1F4E5F');
const FLAG_FILLS: Record<RiskFlag, ExcelJS.Fill> = {
  verde: fill('FFC8E6C9'),
  amarillo: fill('FFFFE082'),
  rojo: fill('FFEF9A9A'),
};
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB0B7BB' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The column titles of the student table in Spanish, in order (also what a test reads back). */
export const GROUP_SHEET_COLUMNS = groupSheetColumns('es');

export async function groupSheetXlsx(sheet: GroupSheet, lang: SheetLang = 'es'): Promise<Buffer> {
  const text = sheetText(sheet, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trayecto';
  wb.title = `${text.title} ${sheet.schoolYear}`;
  const ws = wb.addWorksheet(text.worksheet, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getCell('A1').value = text.title;
  ws.getCell('A1').font = { name: FONT, bold: true, size: 14 };
  const info = [text.place, text.summary];
  info.forEach((t, i) => {
    const cell = ws.getCell(2 + i, 1);
    cell.value = t;
    cell.font = { name: FONT, italic: true, color: { argb: 'FF555555' } };
  });
  const top = 5;
  text.xlsxColumns.forEach((t, i) => {
    const cell = ws.getCell(top, i + 1);
    cell.value = t;
    cell.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  ws.getRow(top).height = 30;
  const flagCell = (cell: ExcelJS.Cell, flag: RiskFlag | null) => {
    cell.value = flag === null ? text.noFlag : text.flag(flag);
    if (flag) cell.fill = FLAG_FILLS[flag];
    cell.font = { name: FONT, bold: flag === 'rojo' };
  };
  sheet.rows.forEach((r, ri) => {
    const row = ws.getRow(top + 1 + ri);
    let col = 1;
    const put = (v: string | number | null) => {
      row.getCell(col++).value = v;
    };
    put(r.student);
    put(r.name);
    put(r.semester);
    flagCell(row.getCell(col++), r.flag);
    for (const d of SHEET_DIMENSIONS) {
      const cell = r.dimensions?.[d] ?? null;
      flagCell(row.getCell(col++), cell?.flag ?? null);
      put(cell ? text.value(r, d) : null);
    }
    put(text.reasons(r));
    put(r.lastAction?.date ?? null);
    put(text.lastAction(r) ?? text.noAction);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.font ??= { name: FONT };
    });
  });
  const widths = [16, 32, 10, 16, ...SHEET_DIMENSIONS.flatMap(() => [14, 18]), 50, 14, 34];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: top }];
  const legendTop = top + sheet.rows.length + 2;
  ws.getCell(legendTop, 1).value = text.legendTitle;
  ws.getCell(legendTop, 1).font = { name: FONT, bold: true };
  SHEET_DIMENSIONS.forEach((d, i) => {
    const cell = ws.getCell(legendTop + 1 + i, 1);
    cell.value = text.legend(d);
    cell.font = { name: FONT, size: 9, color: { argb: 'FF555555' } };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
