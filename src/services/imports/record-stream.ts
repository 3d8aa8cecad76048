/**
 * The file side of a record import, with no database: a CSV or XLSX file read as rows in batches, and each batch's
 * rows parsed field by field (ingest/record-fields.ts) with the checks that need nothing else (cell count, a term
 * after the last school year accepted). Run in this thread or in the parse worker (parse-worker.ts), the same code.
 */
import { CsvFileError, fileSha256, openCsvStream, type CsvSource } from '../../ingest/csv-stream.js';
import type { CsvEncoding, CsvRow } from '../../ingest/csv.js';
import type { CsvIssue } from '../../ingest/issues.js';
import type { FileLimits } from '../../ingest/limits.js';
import { parseRecord, type ColumnMap, type FieldMemo } from '../../ingest/record-fields.js';
import { RECORD_FIELDS, type RecordKind } from '../../ingest/record-kinds.js';
import { looksLikeXlsx, openXlsxStream } from '../../ingest/xlsx-stream.js';
import { futureYearIssue } from './dates.js';
import type { ParsedRow } from './kinds/context.js';

export { CsvFileError };

export interface RecordHead {
  readonly encoding: CsvEncoding | 'xlsx';
  readonly header: readonly string[];
  readonly size: number;
  readonly sha256: string;
}

/** A CSV or XLSX file read as rows in batches. */
export interface RecordStream {
  readonly head: RecordHead;
  readonly batches: AsyncGenerator<CsvRow[]>;
  /** Issues found while reading (CSV syntax, XLSX formulas), collected after the last batch. */
  readonly trailingIssues: () => CsvIssue[];
  readonly position: () => number;
}

/** Where a file is read from and how (what the parse worker is given). */
export interface RecordSource {
  readonly source: CsvSource;
  readonly fileName: string;
  readonly sheet: string | undefined;
  readonly batchSize: number;
  readonly limits: FileLimits | undefined;
}

export async function openRecordStream(s: RecordSource): Promise<RecordStream> {
  const { source, fileName: file, sheet, batchSize, limits } = s;
  if (await looksLikeXlsx(source, file)) {
    const x = await openXlsxStream(source, file, sheet, batchSize, limits);
    return {
      head: { encoding: 'xlsx', header: x.head.header, size: x.head.size, sha256: await fileSha256(source) },
      batches: x.batches,
      trailingIssues: () => x.cellIssues,
      position: () => 0,
    };
  }
  const c = await openCsvStream(source, file, batchSize, limits);
  return {
    head: c.head,
    batches: c.batches,
    trailingIssues: () => c.syntaxIssues.map((i) => ({ file, ...i })),
    position: c.position,
  };
}

/** What parsing a batch needs besides its rows. */
export interface RowParsing {
  readonly kind: RecordKind;
  readonly fileName: string;
  readonly headerLength: number;
  readonly columns: ColumnMap;
  readonly lastYear: string;
  readonly memo: FieldMemo;
}

/**
 * Parses a batch: each row's fields, or its issues (a wrong cell count, an invalid field, a future term), pushed
 * in file order. Returns the valid rows.
 */
export function parseRows(
  p: RowParsing,
  batch: readonly CsvRow[],
  issue: (i: CsvIssue) => void,
): ParsedRow[] {
  const fields = RECORD_FIELDS[p.kind];
  const parsed: ParsedRow[] = [];
  for (const row of batch) {
    if (row.cells.length !== p.headerLength) {
      issue({
        file: p.fileName,
        line: row.line,
        message: `se esperaban ${p.headerLength} celdas (como el encabezado) y se encontraron ${row.cells.length}`,
      });
      continue;
    }
    const v = parseRecord(row.cells, row.line, fields, p.columns, p.fileName, issue, p.memo);
    if (!v) continue;
    const future = futureYearIssue(p.fileName, row.line, v, p.lastYear);
    if (future) issue(future);
    else parsed.push({ line: row.line, v });
  }
  return parsed;
}
