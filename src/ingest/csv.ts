/**
 * CSV reader shared by every importer: encoding detection (UTF-8 with or without BOM, else Windows-1252),
 * delimiter detection and RFC 4180 parsing that keeps the physical line where each record starts.
 * Structural problems come back as issues; nothing here throws on bad input.
 */
import type { Result } from '../domain/result.js';
import { capIssues, type CsvIssue } from './issues.js';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t' | '|';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

export interface CsvRow {
  /** 1-based physical line where the record starts (the header is line 1). */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  /** Header names, trimmed (spaces and tabs). */
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** A structural problem found by the tokenizer, before it is tied to a file. */
export interface CsvSyntaxIssue {
  readonly line: number;
  readonly message: string;
}

export interface CsvRecords {
  readonly records: CsvRow[];
  readonly issues: CsvSyntaxIssue[];
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F. Node 20's TextDecoder('windows-1252') decodes
// those bytes as Latin-1 C1 controls (0x80 stays U+0080, not €), so the table is ours. The five bytes
// Windows-1252 leaves undefined (81, 8D, 8F, 90, 9D) map to the same code point, as WHATWG does.
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? 0xfffd));
}

const lineOfOffset = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/** Decodes a CSV file: strips a UTF-8 BOM, takes UTF-8 when valid and Windows-1252 otherwise. */
export function decodeCsv(
  buffer: Uint8Array,
  file: string,
): Result<{ text: string; encoding: CsvEncoding }, CsvIssue> {
  const fail = (line: number, message: string) => ({ ok: false as const, issues: [{ file, line, message }] });
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    return fail(1, 'el archivo está en UTF-16; guárdelo como CSV UTF-8 o Windows-1252');
  }
  const nul = buffer.indexOf(0);
  if (nul !== -1) {
    return fail(
      lineOfOffset(buffer, nul),
      'el archivo contiene bytes nulos: parece binario (¿un XLSX?) o UTF-16 sin BOM, no un CSV de texto',
    );
  }
  const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const body = hasBom ? buffer.subarray(3) : buffer;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, value: { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' } };
  } catch {
    if (hasBom)
      return fail(1, 'el archivo empieza con BOM UTF-8 pero contiene bytes que no son UTF-8 válido');
    return { ok: true, value: { text: decodeWindows1252(body), encoding: 'windows-1252' } };
  }
}

const CR = 13;
const LF = 10;
const QUOTE = 34;

/**
 * RFC 4180 tokenizer over a decoded string. Quoted fields may hold doubled quotes, delimiters and line
 * breaks; CRLF, LF and CR all end a line. Blank lines are skipped wherever they are, and so are records whose
 * cells are all empty or spaces (the ",,,," rows a spreadsheet saves after its data), as the XLSX reader
 * skips blank rows. Stops after `maxRecords` records.
 */
export function tokenizeCsv(text: string, delimiter: string, maxRecords = Infinity): CsvRecords {
  const records: CsvRow[] = [];
  const issues: CsvSyntaxIssue[] = [];
  const delim = delimiter.charCodeAt(0);
  // A BOM left in a string by a caller that decoded the file itself is skipped.
  const cur: Cursor = { text, i: text.charCodeAt(0) === 0xfeff ? 1 : 0, line: 1 };
  while (cur.i < text.length && records.length < maxRecords) {
    if (isBreak(text.charCodeAt(cur.i))) {
      skipBreak(cur);
      continue;
    }
    const cells: string[] = [];
    const line = cur.line;
    for (;;) {
      const cell = text.charCodeAt(cur.i) === QUOTE ? readQuoted(cur, delim, issues) : readPlain(cur, delim);
      cells.push(cell);
      if (cur.i >= text.length) break;
      if (text.charCodeAt(cur.i) !== delim) {
        skipBreak(cur);
        break;
      }
      cur.i++;
    }
    if (cells.some((c) => c.trim() !== '')) records.push({ line, cells });
  }
  return { records, issues };
}

interface Cursor {
  readonly text: string;
  i: number;
  line: number;
}

const isBreak = (c: number): boolean => c === LF || c === CR;
const isEnd = (c: number, delim: number): boolean => c === delim || c === LF || c === CR;

function skipBreak(cur: Cursor): void {
  if (cur.text.charCodeAt(cur.i) === CR && cur.text.charCodeAt(cur.i + 1) === LF) cur.i++;
  cur.i++;
  cur.line++;
}

function readPlain(cur: Cursor, delim: number): string {
  const start = cur.i;
  while (cur.i < cur.text.length && !isEnd(cur.text.charCodeAt(cur.i), delim)) cur.i++;
  return cur.text.slice(start, cur.i);
}

/** Reads a quoted field from its opening quote; one never closed takes the rest of the text (and an issue). */
function readQuoted(cur: Cursor, delim: number, issues: CsvSyntaxIssue[]): string {
  const { text } = cur;
  const openLine = cur.line;
  let value = '';
  let start = ++cur.i;
  for (;;) {
    if (cur.i >= text.length) {
      issues.push({
        line: openLine,
        message: 'comillas sin cerrar: el campo sigue hasta el final del archivo',
      });
      return value + text.slice(start);
    }
    const c = text.charCodeAt(cur.i);
    if (c === QUOTE && text.charCodeAt(cur.i + 1) === QUOTE) {
      value += text.slice(start, cur.i + 1);
      cur.i += 2;
      start = cur.i;
      continue;
    }
    if (c === QUOTE) break;
    if (c === LF || (c === CR && text.charCodeAt(cur.i + 1) !== LF)) cur.line++;
    cur.i++;
  }
  value += text.slice(start, cur.i++);
  const rest = readPlain(cur, delim);
  if (rest !== '')
    issues.push({ line: cur.line, message: `texto después de las comillas de cierre: "${rest}"` });
  return value + rest;
}

const SNIFF_RECORDS = 20;

/**
 * Picks the delimiter that splits the header into columns the next lines agree with, quotes respected:
 * first the one whose sniffed lines parse without quote errors, then the most consistent cell count, then
 * the most columns. Falls back to a comma when no candidate splits the header.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; score: readonly number[] } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const { records, issues } = tokenizeCsv(text, delimiter, SNIFF_RECORDS);
    const columns = records[0]?.cells.length ?? 0;
    if (columns < 2) continue;
    const body = records.slice(1);
    const agreeing = body.filter((r) => r.cells.length === columns).length;
    const score = [-issues.length, body.length === 0 ? 1 : agreeing / body.length, columns];
    if (!best || isBetter(score, best.score)) best = { delimiter, score };
  }
  return best?.delimiter ?? ',';
}

const isBetter = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
};

/** Parses decoded text into header and rows; every record must have as many cells as the header. */
export function parseCsvText(
  text: string,
  file: string,
  delimiter: CsvDelimiter = detectDelimiter(text),
): Result<{ delimiter: CsvDelimiter; header: string[]; rows: CsvRow[] }, CsvIssue> {
  const { records, issues: syntax } = tokenizeCsv(text, delimiter);
  const issues: CsvIssue[] = syntax.map((s) => ({ file, ...s }));
  const [head, ...rows] = records;
  if (!head)
    return { ok: false, issues: [{ file, line: 1, message: 'el archivo está vacío: falta el encabezado' }] };
  const header = head.cells.map((h) => h.trim());
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      issues.push({
        file,
        line: row.line,
        message: `se esperaban ${header.length} celdas (como el encabezado) y se encontraron ${row.cells.length}`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: { delimiter, header, rows } };
}

/** Reads a CSV file's bytes: decode, detect the delimiter, parse. */
export function readCsv(buffer: Uint8Array, file: string): Result<CsvTable, CsvIssue> {
  const decoded = decodeCsv(buffer, file);
  if (!decoded.ok) return decoded;
  const parsed = parseCsvText(decoded.value.text, file);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { encoding: decoded.value.encoding, ...parsed.value } };
}

export interface ColumnSpec<K extends string> {
  readonly key: K;
  /** Accepted header names, lowercase; the first is the one named in messages. */
  readonly names: readonly string[];
}

/**
 * Finds each wanted column by name, case-insensitively and in any order; extra columns are ignored.
 * Reports, at line 1, all missing columns in one issue and each column given twice.
 */
export function findColumns<K extends string>(
  header: readonly string[],
  specs: readonly ColumnSpec<K>[],
  file: string,
): Result<Record<K, number>, CsvIssue> {
  const lower = header.map((h) => h.toLowerCase());
  const found: Partial<Record<K, number>> = {};
  const missing: string[] = [];
  const issues: CsvIssue[] = [];
  for (const spec of specs) {
    const hits = lower.flatMap((h, i) => (spec.names.includes(h) ? [i] : []));
    if (hits.length === 0) missing.push(spec.names[0] ?? spec.key);
    else if (hits.length > 1) {
      const names = hits.map((i) => `"${header[i] ?? ''}"`).join(', ');
      issues.push({ file, line: 1, column: spec.key, message: `columna repetida: ${names}` });
    } else found[spec.key] = hits[0];
  }
  if (missing.length > 0) {
    issues.unshift({ file, line: 1, message: `faltan columnas obligatorias: ${missing.join(', ')}` });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: found as Record<K, number> };
}

/** The cell at `index`, or '' when the row is short (rows are checked against the header beforehand). */
export const cellAt = (row: CsvRow, index: number): string => row.cells[index] ?? '';
