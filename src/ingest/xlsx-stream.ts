/**
 * Streaming XLSX reader for record imports: the first sheet, or the one named, read row by row into the same
 * rows as the CSV reader. The workbook is read through its own parts (zip.ts, xml-scan.ts), not a general
 * library, so that every size is bounded while streaming (limits.ts): inflated bytes and their ratio to the
 * compressed ones, shared strings, rows, columns, cells. Cells are read through the cell model
 * (xlsx-cells.ts): types, number formats (percentages, dates), shared and inline strings, and cells or rows
 * without an r= reference take the next position. Formulas are rejected (a cached result may be stale).
 */
import type { CsvRow } from './csv.js';
import { CsvFileError, sourceSize, type CsvSource } from './csv-stream.js';
import type { CsvIssue } from './issues.js';
import { checkLimit, DEFAULT_FILE_LIMITS, FileLimitError, type FileLimits } from './limits.js';
import { cellText, NumberKind, unescapeOoxml } from './xlsx-cells.js';
import { Workbook, columnLetter, type PartReader } from './xlsx-parts.js';
import type { XmlAttrs, XmlHandler } from './xml-scan.js';

export interface XlsxStream {
  readonly head: { readonly header: readonly string[]; readonly size: number; readonly sheet: string };
  readonly batches: AsyncGenerator<CsvRow[]>;
  /** Cell-level problems (formulas, error values), found while reading. */
  readonly cellIssues: CsvIssue[];
  readonly position: () => number;
}

const isXlsxName = (name: string) => /\.xlsx$/i.test(name);
const MAX_CELL_ISSUES = 10_000;
/** Rows of a sheet in Excel (ECMA-376 allows no more). */
const XLSX_MAX_ROWS = 1_048_576;

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

/** The column number of a cell reference ("AB12" → 28); 0 when it has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  for (let k = 0; k < ref.length; k++) {
    const c = ref.charCodeAt(k) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    if (col > 1e6) break;
  }
  return col;
}

/** Reads a sheet's XML into rows: the header (first row with text), then data rows, blank rows skipped. */
class SheetRows implements XmlHandler {
  capture = false;
  header: string[] | null = null;
  readonly ready: CsvRow[] = [];
  readonly cellIssues: CsvIssue[] = [];
  private omittedIssues = 0;
  private width = 0;
  private row = 0;
  private nextCol = 1;
  private cells: string[] = [];
  private dataRows = 0;
  private rowElements = 0;
  // The cell being read.
  private col = 0;
  private type = 'n';
  private kind: NumberKind = NumberKind.General;
  private value = '';
  private formula: string | null = null;
  private inValue = false;
  private inFormula = false;
  private inInline = false;
  private phonetic = 0;

  constructor(
    private readonly file: string,
    private readonly limits: FileLimits,
    private readonly kinds: Uint8Array,
    private readonly shared: (i: number) => string | undefined,
    private readonly date1904: boolean,
  ) {}

  open(name: string, a: XmlAttrs, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const r = a.r === undefined ? NaN : Number(a.r);
        this.row = Number.isSafeInteger(r) && r > 0 ? r : this.row + 1;
        // Blank rows cost reading too: a sheet never holds more rows than Excel allows.
        if (this.row > XLSX_MAX_ROWS || ++this.rowElements > XLSX_MAX_ROWS)
          throw new FileLimitError(
            this.file,
            this.row,
            'maxRows',
            `la hoja pasa de ${XLSX_MAX_ROWS.toLocaleString('es-MX')} filas (contadas las vacías), el máximo de Excel`,
          );
        this.nextCol = 1;
        this.cells = [];
        return;
      }
      case 'c': {
        const byRef = a.r === undefined ? 0 : columnOf(a.r);
        this.col = byRef > 0 ? byRef : this.nextCol;
        this.nextCol = this.col + 1;
        this.type = a.t ?? 'n';
        const s = a.s === undefined ? 0 : Number(a.s);
        this.kind = (this.kinds[s] ?? NumberKind.General) as NumberKind;
        this.value = '';
        this.formula = null;
        if (selfClosing) this.endCell();
        return;
      }
      case 'v':
        this.inValue = true;
        break;
      case 'f':
        this.inFormula = true;
        this.formula = '';
        break;
      case 'is':
        this.inInline = true;
        break;
      case 'rPh':
        this.phonetic++;
        break;
    }
    this.capture = this.wantsText(name);
  }

  private wantsText(name: string): boolean {
    if (this.phonetic > 0) return false;
    return this.inValue || this.inFormula || (this.inInline && name === 't');
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.inValue = false;
        break;
      case 'f':
        this.inFormula = false;
        break;
      case 'is':
        this.inInline = false;
        this.type = 'inlineStr';
        this.value = unescapeOoxml(this.value);
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        this.endCell();
        break;
      case 'row':
        this.endRow();
        break;
    }
    this.capture = false;
  }

  text(t: string): void {
    if (this.inFormula) {
      if ((this.formula ?? '').length < 200) this.formula = (this.formula ?? '') + t;
      return;
    }
    this.value += t;
    if (this.value.length > this.limits.maxCellChars)
      checkLimit(
        this.limits,
        'maxCellChars',
        this.value.length,
        this.file,
        this.row,
        `la celda ${columnLetter(this.col)}${this.row} tiene más caracteres de los admitidos:`,
      );
  }

  private endCell(): void {
    const wanted = this.header === null ? this.limits.maxColumns + 1 : this.width;
    if (this.col > wanted && this.header !== null) return;
    const r = cellText(
      { type: this.type, value: this.value, formula: this.formula, kind: this.kind },
      this.shared,
      this.date1904,
    );
    const text = 'text' in r ? r.text : '';
    if (this.header === null && this.col > this.limits.maxColumns) {
      if (text.trim() !== '')
        checkLimit(
          this.limits,
          'maxColumns',
          this.col,
          this.file,
          this.row,
          'el encabezado llega a la columna ' + columnLetter(this.col) + ', que',
        );
      return;
    }
    if ('problem' in r) this.issue(r.problem);
    this.cells[this.col - 1] = text;
  }

  private issue(message: string): void {
    if (this.cellIssues.length >= MAX_CELL_ISSUES) {
      this.omittedIssues++;
      return;
    }
    this.cellIssues.push({
      file: this.file,
      line: this.row,
      column: this.header?.[this.col - 1] ?? columnLetter(this.col),
      value: `${columnLetter(this.col)}${this.row}`,
      message,
    });
  }

  private endRow(): void {
    const cells = this.cells;
    if (this.header === null) {
      const values = Array.from(cells, (v) => (v ?? '').trim());
      while (values.length > 0 && values[values.length - 1] === '') values.pop();
      if (values.length > 0) {
        this.header = values;
        this.width = values.length;
      }
      return;
    }
    let blank = true;
    const out = new Array<string>(this.width);
    for (let k = 0; k < this.width; k++) {
      const v = cells[k] ?? '';
      out[k] = v;
      if (blank && v.trim() !== '') blank = false;
    }
    if (blank) return;
    this.dataRows++;
    if (this.dataRows > this.limits.maxRows)
      checkLimit(
        this.limits,
        'maxRows',
        this.dataRows,
        this.file,
        this.row,
        'la hoja tiene más filas de datos de las admitidas:',
      );
    this.ready.push({ line: this.row, cells: out });
  }

  /** Called after the last part of the sheet. */
  finish(): void {
    if (this.omittedIssues > 0) {
      const first = this.cellIssues[this.cellIssues.length - 1];
      this.cellIssues.push({
        file: this.file,
        line: first?.line ?? 1,
        message: `y ${this.omittedIssues} celdas más con fórmulas o errores a partir de esta línea`,
      });
    }
  }
}

/** Opens a workbook's sheet (the first, or `sheet` by name) and streams its rows in batches. */
export async function openXlsxStream(
  source: CsvSource,
  file: string,
  sheet: string | undefined,
  batchSize = 5000,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<XlsxStream> {
  const size = await sourceSize(source);
  const book = await Workbook.open(source, size, file, limits);
  const chosen = sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === sheet);
  if (!chosen) {
    const message =
      sheet === undefined
        ? 'el libro de Excel no tiene hojas'
        : `el libro no tiene una hoja llamada "${sheet}" (hojas: ${book.sheets.map((s) => s.name).join(', ')})`;
    throw new CsvFileError({ file, line: 1, message });
  }
  const styles = await book.numberKinds();
  const shared = await book.sharedStrings();
  const reader = new SheetRows(file, limits, styles, shared, book.date1904);
  const part: PartReader = book.reader(chosen.path, reader);

  // The header: read on until a row with some text has been seen.
  while (reader.header === null && (await part.step())) {
    /* reading */
  }
  const header = reader.header;
  if (header === null)
    throw new CsvFileError({
      file,
      line: 1,
      message: `la hoja "${chosen.name}" está vacía: falta el encabezado`,
    });
  checkLimit(
    limits,
    'maxColumns',
    header.length,
    file,
    1,
    'el encabezado tiene más columnas de las admitidas:',
  );

  let read = 0;
  async function* batches(): AsyncGenerator<CsvRow[]> {
    let more = true;
    for (;;) {
      while (more && reader.ready.length < batchSize) more = await part.step();
      if (reader.ready.length === 0) break;
      const batch = reader.ready.splice(0, batchSize);
      read += batch.length;
      yield batch;
    }
    reader.finish();
  }
  return {
    head: { header, size, sheet: chosen.name },
    batches: batches(),
    cellIssues: reader.cellIssues,
    position: () => read,
  };
}
