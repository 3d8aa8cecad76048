/**
 * Streaming CSV reader for record imports: the same rules as csv.ts (UTF-8 with or without BOM, else
 * Windows-1252; comma, semicolon, tab or pipe; RFC 4180 quotes; physical line numbers) over a file read in
 * chunks, so that memory does not grow with the file. Rows come out in batches.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  decodeWindows1252,
  detectDelimiter,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvRow,
} from './csv.js';
import type { CsvIssue } from './issues.js';
import { checkLimit, DEFAULT_FILE_LIMITS, refuse, type FileLimits } from './limits.js';

/** A file to read: a path on disk, or bytes already in memory (an upload). */
export type CsvSource = { readonly path: string } | { readonly bytes: Uint8Array };

export interface CsvStreamHead {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly header: readonly string[];
  /** Size of the file in bytes, for progress. */
  readonly size: number;
  readonly sha256: string;
}

/** A file-level problem that stops the import before any row is read. */
export class CsvFileError extends Error {
  constructor(readonly issue: CsvIssue) {
    super(issue.message);
  }
}

const CHUNK = 1 << 20;
const SNIFF_CHARS = 64 * 1024;

export async function sourceSize(source: CsvSource): Promise<number> {
  return 'path' in source ? (await stat(source.path)).size : source.bytes.byteLength;
}

async function* chunksOf(source: CsvSource): AsyncGenerator<Uint8Array> {
  if ('bytes' in source) {
    for (let i = 0; i < source.bytes.byteLength; i += CHUNK) yield source.bytes.subarray(i, i + CHUNK);
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) yield chunk as Buffer;
}

export async function fileSha256(source: CsvSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunksOf(source)) hash.update(chunk);
  return hash.digest('hex');
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Decides the encoding in one pass over the bytes (nothing kept): UTF-16 and binary files are rejected, a
 * file that is valid UTF-8 is UTF-8 and anything else is Windows-1252.
 */
export async function detectEncoding(
  source: CsvSource,
  file: string,
): Promise<{ encoding: CsvEncoding; sha256: string }> {
  const fail = (line: number, message: string) => new CsvFileError({ file, line, message });
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let first = true;
  let bom = false;
  let utf8 = true;
  let line = 1;
  const hash = createHash('sha256');
  for await (const chunk of chunksOf(source)) {
    hash.update(chunk);
    if (first) {
      first = false;
      if (isZip(chunk))
        throw fail(1, 'el archivo es un libro de Excel (XLSX) o un ZIP, no un CSV: guárdelo como CSV');
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        throw fail(1, 'el archivo está en UTF-16; guárdelo como CSV UTF-8 o Windows-1252');
      bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    }
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      for (let i = 0; i < nul; i++) if (chunk[i] === 0x0a) line++;
      throw fail(
        line,
        'el archivo contiene bytes nulos: parece binario (¿un XLSX?) o UTF-16 sin BOM, no un CSV de texto',
      );
    }
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) line++;
    if (utf8) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (first) throw fail(1, 'el archivo está vacío: falta el encabezado');
  if (utf8) {
    try {
      decoder.decode();
    } catch {
      utf8 = false; // truncated in the middle of a character
    }
  }
  if (!utf8 && bom)
    throw fail(1, 'el archivo empieza con BOM UTF-8 pero contiene bytes que no son UTF-8 válido');
  const encoding: CsvEncoding = utf8 ? (bom ? 'utf-8-bom' : 'utf-8') : 'windows-1252';
  return { encoding, sha256: hash.digest('hex') };
}

async function* textOf(source: CsvSource, encoding: CsvEncoding): AsyncGenerator<string> {
  if (encoding === 'windows-1252') {
    for await (const chunk of chunksOf(source)) yield decodeWindows1252(chunk);
    return;
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  for await (const chunk of chunksOf(source)) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const CR = 13;
const LF = 10;
const QUOTE = 34;

/** What the tokenizer does past a limit: throw (openCsvStream names the file). */
export type CsvLimitHandler = (line: number, limit: 'maxColumns' | 'maxLineChars', value: number) => never;

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

const indexOrEnd = (text: string, c: string, from: number) => {
  const at = text.indexOf(c, from);
  return at === -1 ? text.length : at;
};

/**
 * Incremental RFC 4180 tokenizer: push text, take the complete records; a record cut by the chunk boundary is
 * parsed again with the next chunk. Blank lines are skipped, as in tokenizeCsv, and so are records whose cells
 * are all empty or spaces (the ",,,," rows a spreadsheet saves after its data), as the XLSX reader does. A
 * record longer than `maxLineChars` or wider than `maxColumns` calls `onLimit` as soon as it is seen, so that
 * neither re-parsing a cut record nor one huge row can hold the process.
 */
export class CsvTokenizer {
  private rest = '';
  private line = 1;
  readonly issues: { line: number; message: string }[] = [];
  private readonly delim: number;
  constructor(
    delimiter: string,
    private readonly limits: Pick<FileLimits, 'maxColumns' | 'maxLineChars'> = DEFAULT_FILE_LIMITS,
    private readonly onLimit: CsvLimitHandler = (line, limit, value) => {
      throw new Error(`CSV record at line ${line} past ${limit} (${value})`);
    },
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  push(text: string, out: CsvRow[]): void {
    this.parse(this.rest + text, false, out);
  }

  end(out: CsvRow[]): void {
    this.parse(this.rest, true, out);
    this.rest = '';
  }

  private parse(text: string, final: boolean, out: CsvRow[]): void {
    const delim = this.delim;
    const delimiter = String.fromCharCode(delim);
    const { maxColumns, maxLineChars } = this.limits;
    const n = text.length;
    let i = 0;
    let line = this.line;
    // The next quote and CR at or after i (n: none): lines free of both take the fast path.
    let quoteAt = -1;
    let crAt = -1;
    while (i < n) {
      const c0 = text.charCodeAt(i);
      if (c0 === LF || c0 === CR) {
        if (c0 === CR && i + 1 >= n && !final) break; // might be CRLF split across chunks
        i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      // Fast path: a whole line in this text with no quote and no CR is its cells split at the delimiter (the
      // same cells, limits and blank-row rule as the scan below, which handles everything else).
      const lf = text.indexOf('\n', i);
      if (lf !== -1) {
        if (quoteAt < i) quoteAt = indexOrEnd(text, '"', i);
        if (crAt < i) crAt = indexOrEnd(text, '\r', i);
        if (quoteAt > lf && crAt > lf) {
          const cells = text.slice(i, lf).split(delimiter);
          if (cells.length > maxColumns) this.onLimit(line, 'maxColumns', maxColumns + 1);
          if (lf + 1 - i > maxLineChars) this.onLimit(line, 'maxLineChars', lf + 1 - i);
          if (!isBlank(cells)) out.push({ line, cells });
          i = lf + 1;
          line++;
          continue;
        }
      }
      const recordStart = i;
      const recordLine = line;
      const cells: string[] = [];
      let complete = false;
      const pendingIssues: { line: number; message: string }[] = [];
      for (;;) {
        let cell: string;
        if (text.charCodeAt(i) === QUOTE) {
          const openLine = line;
          let value = '';
          let start = ++i;
          let closed = false;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === QUOTE) {
              if (i + 1 >= n && !final) break;
              if (text.charCodeAt(i + 1) === QUOTE) {
                value += text.slice(start, i + 1);
                i += 2;
                start = i;
                continue;
              }
              closed = true;
              break;
            }
            if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
            i++;
          }
          if (!closed) {
            if (!final) break;
            pendingIssues.push({
              line: openLine,
              message: 'comillas sin cerrar: el campo sigue hasta el final del archivo',
            });
            cell = value + text.slice(start);
            i = n;
          } else {
            value += text.slice(start, i++);
            const s = i;
            while (i < n) {
              const c = text.charCodeAt(i);
              if (c === delim || c === LF || c === CR) break;
              i++;
            }
            if (i >= n && !final) break;
            if (i > s)
              pendingIssues.push({
                line,
                message: `texto después de las comillas de cierre: "${text.slice(s, i)}"`,
              });
            cell = value + text.slice(s, i);
          }
        } else {
          const s = i;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === delim || c === LF || c === CR) break;
            i++;
          }
          if (i >= n && !final) break;
          cell = text.slice(s, i);
        }
        cells.push(cell);
        if (cells.length > this.limits.maxColumns) this.onLimit(recordLine, 'maxColumns', cells.length);
        if (i >= n) {
          complete = true;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === delim) {
          i++;
          continue;
        }
        if (c === CR && i + 1 >= n && !final) break;
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        complete = true;
        break;
      }
      if (i - recordStart > this.limits.maxLineChars)
        this.onLimit(recordLine, 'maxLineChars', i - recordStart);
      if (!complete) {
        this.rest = text.slice(recordStart);
        this.line = recordLine;
        return;
      }
      for (const p of pendingIssues) this.issues.push(p);
      if (!isBlank(cells)) out.push({ line: recordLine, cells });
    }
    // A lone CR at the end of a chunk may be the first half of a CRLF: kept for the next chunk.
    this.rest = text.slice(i);
    this.line = line;
  }
}

export interface CsvStream {
  readonly head: CsvStreamHead;
  /** Batches of data rows (the header excluded), in file order. */
  readonly batches: AsyncGenerator<CsvRow[]>;
  /** Structural problems met so far (unclosed quotes, text after a closing quote). */
  readonly syntaxIssues: readonly { line: number; message: string }[];
  /** Bytes decoded so far (approximate: characters), for progress. */
  readonly position: () => number;
}

/**
 * Opens a CSV source: detects encoding and delimiter, reads the header, and streams the rows in batches.
 * Past a limit (rows, columns, record length) it throws a FileLimitError naming the file and line.
 */
export async function openCsvStream(
  source: CsvSource,
  file: string,
  batchSize = 5000,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<CsvStream> {
  const size = await sourceSize(source);
  const { encoding, sha256 } = await detectEncoding(source, file);
  const texts = textOf(source, encoding);
  let sniff = '';
  let pending: string[] = [];
  // Enough text to see the header and some lines for the delimiter.
  for (;;) {
    const next = await texts.next();
    if (next.done) break;
    pending.push(next.value);
    sniff += next.value;
    if (sniff.length >= SNIFF_CHARS) break;
  }
  const start = sniff.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (start === 1) pending = [sniff.slice(1)];
  else pending = [sniff];
  if (sniff.slice(start).trim() === '')
    throw new CsvFileError({ file, line: 1, message: 'el archivo está vacío: falta el encabezado' });
  const delimiter = detectDelimiter(sniff.slice(start, start + SNIFF_CHARS));
  const tokenizer = new CsvTokenizer(delimiter, limits, (line, limit) =>
    refuse(
      limits,
      limit,
      file,
      line,
      limit === 'maxColumns'
        ? 'la fila tiene más celdas de las admitidas:'
        : 'la fila (¿unas comillas sin cerrar?) tiene más caracteres de los admitidos:',
    ),
  );
  let consumed = 0;
  let carry: CsvRow[] = [];
  let dataRows = 0;
  const counted = (rows: CsvRow[]): CsvRow[] => {
    dataRows += rows.length;
    if (dataRows > limits.maxRows) {
      const first = rows[rows.length - (dataRows - limits.maxRows)];
      refuse(
        limits,
        'maxRows',
        file,
        first?.line ?? 1,
        'el archivo tiene más filas de datos de las admitidas:',
      );
    }
    return rows;
  };

  async function* rows(): AsyncGenerator<CsvRow[]> {
    let batch: CsvRow[] = carry;
    carry = [];
    const flushFull = function* () {
      while (batch.length >= batchSize) {
        yield counted(batch.slice(0, batchSize));
        batch = batch.slice(batchSize);
      }
    };
    yield* flushFull();
    for (;;) {
      const next = await texts.next();
      if (next.done) break;
      consumed += next.value.length;
      tokenizer.push(next.value, batch);
      yield* flushFull();
    }
    tokenizer.end(batch);
    yield* flushFull();
    if (batch.length > 0) yield counted(batch);
  }

  // Read the header from the sniffed text.
  const firstRows: CsvRow[] = [];
  for (const t of pending) {
    consumed += t.length;
    tokenizer.push(t, firstRows);
  }
  // A header longer than the sniffed text: read on until it ends.
  while (firstRows.length === 0) {
    const rest = await texts.next();
    if (rest.done) {
      tokenizer.end(firstRows);
      break;
    }
    consumed += rest.value.length;
    tokenizer.push(rest.value, firstRows);
  }
  const head = firstRows.shift();
  if (!head) throw new CsvFileError({ file, line: 1, message: 'el archivo está vacío: falta el encabezado' });
  const header = head.cells.map((h) => h.trim());
  checkLimit(
    limits,
    'maxColumns',
    header.length,
    file,
    head.line,
    'el encabezado tiene más columnas de las admitidas:',
  );
  carry = firstRows;
  return {
    head: { encoding, delimiter, header, size, sha256 },
    batches: rows(),
    syntaxIssues: tokenizer.issues,
    position: () => consumed,
  };
}
