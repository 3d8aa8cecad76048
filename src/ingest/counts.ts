/**
 * Aggregate flow-count tables: one row per (school year, unit) with MT, NI1, EX, AP, REG, EG.
 * Header `school_year,unit,mt,ni1,ex,ap,reg,eg` in any order and case; `ciclo_escolar` and `unidad` are
 * accepted as Spanish names; other columns are ignored.
 */
import { parseSchoolYear, type SchoolYear } from '../domain/calendar.js';
import { FLOW_KEYS, type FlowCounts } from '../domain/indicators.js';
import type { Result } from '../domain/result.js';
import { cellAt, findColumns, readCsv, type ColumnSpec, type CsvRow } from './csv.js';
import { capIssues, type CsvIssue } from './issues.js';

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

/** Parses and validates a count table, collecting every problem (capped, with the total) before failing. */
export function parseCountsCsv(buffer: Buffer, fileName: string): Result<CountsRow[], CsvIssue> {
  const table = readCsv(buffer, fileName);
  if (!table.ok) return table;
  const cols = findColumns(table.value.header, COLUMNS, fileName);
  if (!cols.ok) return cols;

  const issues: CsvIssue[] = [];
  const out: CountsRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const parsed = parseRow(row, cols.value, table.value.header, fileName, issues);
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
        column: table.value.header[cols.value.unit] ?? 'unit',
        value: unit,
        message: `(ciclo ${year}, unidad ${unit}) repetido: aparece en las líneas ${first} y ${row.line}`,
      });
      continue;
    }
    seen.set(key, row.line);
    if (parsed) out.push(parsed);
  }
  if (issues.length > 0) return { ok: false, issues: capIssues(issues) };
  return { ok: true, value: out };
}
