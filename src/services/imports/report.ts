/**
 * The row-level report of an import as a file a user can open: CSV (UTF-8 with BOM, so that Excel shows the
 * accents) or XLSX. Columns: archivo, línea, columna, valor, mensaje.
 */
import ExcelJS from 'exceljs';
import { csvCell } from '../../domain/csv-cell.js';
import type { CsvIssue } from '../../ingest/issues.js';
import type { RecordImportSummary } from './records.js';

const HEADER = ['archivo', 'línea', 'columna', 'valor', 'mensaje'] as const;

const cells = (i: CsvIssue) => [i.file, i.line, i.column ?? '', i.value ?? '', i.message] as const;

// The value column carries text from the uploaded file: csvCell keeps a formula there from running.
const quote = csvCell;

function noteOf(s: RecordImportSummary): string | null {
  return s.issueCount > s.issues.length
    ? `se incluyen ${s.issues.length} de ${s.issueCount} problemas`
    : null;
}

export function reportCsv(s: RecordImportSummary): Buffer {
  const lines = [HEADER.join(','), ...s.issues.map((i) => cells(i).map(quote).join(','))];
  const note = noteOf(s);
  if (note) lines.push(['', '', '', '', note].map(quote).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function reportXlsx(s: RecordImportSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Errores');
  ws.addRow([...HEADER]).font = { bold: true };
  for (const i of s.issues) ws.addRow([...cells(i)]);
  const note = noteOf(s);
  if (note) ws.addRow(['', '', '', '', note]);
  ws.columns.forEach((c, k) => (c.width = [28, 8, 22, 24, 80][k] ?? 20));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report in the format its file name asks for (.xlsx, else CSV). */
export async function reportFile(s: RecordImportSummary, fileName: string): Promise<Buffer> {
  return fileName.toLowerCase().endsWith('.xlsx') ? reportXlsx(s) : reportCsv(s);
}
