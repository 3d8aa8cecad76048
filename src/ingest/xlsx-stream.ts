/**
 * Streaming XLSX reader for record imports: the first sheet, or the one named, read row by row with exceljs's
 * streaming reader (memory does not grow with the sheet), turned into the same rows as the CSV reader. Cells
 * holding formulas are rejected (a formula's cached result may be stale): the user pastes values instead.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CsvRow } from './csv.js';
import { CsvFileError, sourceSize, type CsvSource } from './csv-stream.js';
import type { CsvIssue } from './issues.js';

export interface XlsxStream {
  readonly head: { readonly header: readonly string[]; readonly size: number; readonly sheet: string };
  readonly batches: AsyncGenerator<CsvRow[]>;
  /** Cell-level problems (formulas, error values), found while reading. */
  readonly cellIssues: CsvIssue[];
  readonly position: () => number;
}

const isXlsxName = (name: string) => /\.xlsx$/i.test(name);

/** Whether a source is an XLSX workbook: its name, or the ZIP signature of its first bytes. */
export async function looksLikeXlsx(source: CsvSource, name: string): Promise<boolean> {
  if (isXlsxName(name)) return true;
  if ('bytes' in source)
    return source.bytes[0] === 0x50 && source.bytes[1] === 0x4b && source.bytes[2] === 0x03;
  const { open } = await import('node:fs/promises');
  const fh = await open(source.path, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  } finally {
    await fh.close();
  }
}

const columnLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A cell's value as the text a CSV would hold; or a problem. */
function cellText(value: unknown): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? '1' : '0' };
  if (value instanceof Date)
    return { text: `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}` };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      const f = typeof v.formula === 'string' && v.formula ? ` (=${v.formula})` : '';
      return {
        problem: `la celda contiene una fórmula${f}: copie la columna y péguela como valores antes de importar`,
      };
    }
    if ('error' in v) return { problem: `la celda contiene un error de Excel (${String(v.error)})` };
    if (Array.isArray(v.richText))
      return { text: (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('') };
    if (typeof v.text === 'string' || typeof v.text === 'number') return { text: `${v.text}` };
    return { problem: 'la celda tiene un valor que no se puede leer como texto' };
  }
  return { text: typeof value === 'bigint' ? value.toString() : '' };
}

/** Opens a workbook's sheet (the first, or `sheet` by name) and streams its rows in batches. */
export async function openXlsxStream(
  source: CsvSource,
  file: string,
  sheet: string | undefined,
  batchSize = 5000,
): Promise<XlsxStream> {
  const size = await sourceSize(source);
  const input = 'path' in source ? source.path : Readable.from([Buffer.from(source.bytes)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  const cellIssues: CsvIssue[] = [];
  const sheets = reader[Symbol.asyncIterator]();
  type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string };
  let chosen: SheetReader | null = null;
  const seen: string[] = [];
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const ws = next.value as unknown as SheetReader;
      const name = ws.name ?? `Hoja${seen.length + 1}`;
      seen.push(name);
      if (sheet === undefined || name === sheet) {
        chosen = ws;
        break;
      }
      // Skip the rows of a sheet we do not read.
      for await (const row of ws) void row;
    }
  } catch (e) {
    throw new CsvFileError({
      file,
      line: 1,
      message: `no se pudo leer el libro de Excel: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  if (!chosen) {
    const message =
      sheet === undefined
        ? 'el libro de Excel no tiene hojas'
        : `el libro no tiene una hoja llamada "${sheet}" (hojas: ${seen.join(', ')})`;
    throw new CsvFileError({ file, line: 1, message });
  }
  const sheetName = chosen.name ?? sheet ?? 'Hoja1';
  const rows = chosen[Symbol.asyncIterator]();
  let header: string[] | null = null;
  let width = 0;

  const toRow = (row: ExcelJS.Row): CsvRow => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const r = cellText(values[c]);
      if ('problem' in r) {
        cellIssues.push({
          file,
          line: row.number,
          column: header?.[c - 1] ?? columnLetter(c),
          value: `${columnLetter(c)}${row.number}`,
          message: r.problem,
        });
        cells.push('');
      } else cells.push(r.text);
    }
    return { line: row.number, cells };
  };

  // The header: the first row with some text.
  for (;;) {
    const next = await rows.next();
    if (next.done) break;
    const values = (next.value.values as unknown[]).slice(1).map((v) => {
      const r = cellText(v);
      return 'text' in r ? r.text.trim() : '';
    });
    if (values.some((v) => v !== '')) {
      while (values.length > 0 && values[values.length - 1] === '') values.pop();
      header = values;
      width = values.length;
      break;
    }
  }
  if (!header)
    throw new CsvFileError({
      file,
      line: 1,
      message: `la hoja "${sheetName}" está vacía: falta el encabezado`,
    });

  let read = 0;
  async function* batches(): AsyncGenerator<CsvRow[]> {
    let batch: CsvRow[] = [];
    for (;;) {
      const next = await rows.next();
      if (next.done) break;
      read++;
      const row = toRow(next.value);
      if (row.cells.every((c) => c.trim() === '')) continue; // blank rows, as in CSV
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return {
    head: { header, size, sheet: sheetName },
    batches: batches(),
    cellIssues,
    position: () => read,
  };
}
