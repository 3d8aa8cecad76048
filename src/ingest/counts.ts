/**
 * Aggregate flow-count tables: one row per (school year, unit) with MT, NI1, EX, AP, REG, EG.
 * Header `school_year,unit,mt,ni1,ex,ap,reg,eg` in any order and case; `ciclo_escolar` and `unidad` are
 * accepted as Spanish names; other columns are ignored.
 */
import { parseSchoolYear, type SchoolYear } from '../domain/calendar.js';
import { FLOW_KEYS, type FlowCounts } from '../domain/indicators.js';
import type { Result } from '../domain/result.js';
import { cellAt, findColumns, type ColumnSpec, type CsvRow } from './csv.js';
import { CsvFileError, openCsvStream, type CsvSource } from './csv-stream.js';
import { capIssues, MAX_ISSUES, type CsvIssue } from './issues.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './limits.js';

export interface CountsRow {
  readonly schoolYear: SchoolYear;
  readonly unit: string;
  readonly counts: FlowCounts;
  readonly line: number;
}

type CountsColumn = 'school_year' | 'unit' | keyof FlowCounts;

const COLUMNS: readonly ColumnSpec<CountsColumn>[] = [
  { key: 'school_year', names: ['school_year', 'ciclo_escolar'] },
  { key: 'unit', names: ['unit', 'unidad'] },
  ...FLOW_KEYS.map((key) => ({ key, names: [key] })),
];

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A count: a non-negative whole number ("12" or "12.0"), else a Spanish reason. */
export function parseCount(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'falta el valor' };
  if (!NUMBER_RE.test(t)) return { ok: false, reason: 'no es un número' };
  const value = Number(t);
  if (!Number.isInteger(value)) return { ok: false, reason: 'no es un número entero' };
  if (value < 0) return { ok: false, reason: 'no puede ser negativo' };
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'es demasiado grande' };
  // "-0" is a valid zero; keep it from leaking out as -0.
  return { ok: true, value: value === 0 ? 0 : value };
}

function parseRow(
  row: CsvRow,
  cols: Record<CountsColumn, number>,
  header: readonly string[],
  file: string,
  issues: CsvIssue[],
): CountsRow | null {
  const before = issues.length;
  // Name the column as the file spells it ("Ciclo_Escolar"), not by our key.
  const issue = (column: CountsColumn, value: string, message: string) =>
    issues.push({ file, line: row.line, column: header[cols[column]] ?? column, value, message });

  const yearText = cellAt(row, cols.school_year);
  const year = parseSchoolYear(yearText);
  if (!year.ok)
    issue('school_year', yearText, 'ciclo escolar inválido: se espera AAAA-AAAA con años consecutivos');

  const unit = cellAt(row, cols.unit).trim();
  if (unit === '') issue('unit', cellAt(row, cols.unit), 'falta la unidad');

  const counts: Partial<Record<keyof FlowCounts, number>> = {};
  for (const key of FLOW_KEYS) {
    const text = cellAt(row, cols[key]);
    const parsed = parseCount(text);
    if (parsed.ok) counts[key] = parsed.value;
    else issue(key, text, `conteo inválido: ${parsed.reason}`);
  }
  if (issues.length > before || !year.ok) return null;
  return { schoolYear: year.value, unit, counts: counts as FlowCounts, line: row.line };
}

export interface CountsTable {
  /** Header names as the file spells them (trimmed), for messages. */
  readonly header: readonly string[];
  readonly rows: CountsRow[];
}

/**
 * Reads a count table through the bounded streaming reader of the record kinds (csv-stream.ts): encoding,
 * delimiter, RFC 4180 quotes, and the limits on line length, columns and rows checked while reading, so that
 * one 60 MB line or a million columns throws a FileLimitError naming the file and line within a second.
 * Structural problems (unclosed quotes, a row with more or fewer cells than the header) come back as issues.
 */
export async function readCountsTable(
  source: CsvSource,
  fileName: string,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<Result<{ header: readonly string[]; rows: CsvRow[] }, CsvIssue>> {
  let stream;
  try {
    stream = await openCsvStream(source, fileName, 5000, limits);
  } catch (e) {
    if (e instanceof CsvFileError) return { ok: false, issues: [e.issue] };
    throw e;
  }
  const { header } = stream.head;
  const rows: CsvRow[] = [];
  const widths: CsvIssue[] = [];
  try {
    for await (const batch of stream.batches)
      for (const row of batch) {
        if (row.cells.length === header.length) rows.push(row);
        else if (widths.length <= MAX_ISSUES)
          widths.push({
            file: fileName,
            line: row.line,
            message: `se esperaban ${header.length} celdas (como el encabezado) y se encontraron ${row.cells.length}`,
          });
      }
  } catch (e) {
    if (e instanceof CsvFileError) return { ok: false, issues: [e.issue] };
    throw e;
  }
  const syntax = stream.syntaxIssues.map((s) => ({ file: fileName, ...s }));
  if (syntax.length + widths.length > 0) return { ok: false, issues: capIssues([...syntax, ...widths]) };
  return { ok: true, value: { header, rows } };
}

/**
 * Reads (bounded, as readCountsTable) and validates a count table, collecting every problem (capped, with the
 * total) before failing.
 */
export async function parseCountsCsv(
  source: CsvSource | Uint8Array,
  fileName: string,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<Result<CountsTable, CsvIssue>> {
  const table = await readCountsTable(
    source instanceof Uint8Array ? { bytes: source } : source,
    fileName,
    limits,
  );
  if (!table.ok) return table;
  const { header } = table.value;
  const cols = findColumns(header, COLUMNS, fileName);
  if (!cols.ok) return cols;

  const issues: CsvIssue[] = [];
  const out: CountsRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const parsed = parseRow(row, cols.value, header, fileName, issues);
    // Duplicates are checked on the key alone, so a repeated pair is reported even when its counts are bad.
    const year = cellAt(row, cols.value.school_year).trim();
    const unit = cellAt(row, cols.value.unit).trim();
    if (!parseSchoolYear(year).ok || unit === '') continue;
    const key = `${year}\u0000${unit}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        file: fileName,
        line: row.line,
        column: header[cols.value.unit] ?? 'unit',
        value: unit,
        message: `(ciclo ${year}, unidad ${unit}) repetido: aparece en las líneas ${first} y ${row.line}`,
      });
      continue;
    }
    seen.set(key, row.line);
    if (parsed) out.push(parsed);
  }
  if (issues.length > 0) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: { header, rows: out } };
}
