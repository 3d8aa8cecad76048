/**
 * What DataTable does to its rows, pure so that it is tested without a browser: the filter box (every word
 * typed must appear in the row's text, accents and case ignored), the sort (lib/sort.ts) and the CSV of
 * exactly the rows shown, in the order shown (lib/csv.ts neutralises formulas).
 */
import { toCsv, type CsvCell } from './csv';
import { sortRows, type SortDir, type SortState, type SortValue } from './sort';

/** The part of a column that the pure functions need (components/DataTable.tsx adds header and cell). */
export interface ColumnData<T> {
  readonly key: string;
  /** The value the column sorts by; a column without it does not sort. */
  readonly sort?: (row: T) => SortValue;
  /** The first direction of a click (numbers usually 'desc', names 'asc'). */
  readonly firstDir?: SortDir;
  /** The value written to the CSV; without it the sort value; a column with neither is left out. */
  readonly csv?: (row: T) => CsvCell;
  /** The CSV header (the column's header when it is a text). */
  readonly csvHeader?: string;
  /** The text the filter box searches (default: the CSV value, else the sort value). */
  readonly text?: (row: T) => string;
}

/** Lower case without accents, for the filter box. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function cellText<T>(c: ColumnData<T>, row: T): string {
  if (c.text) return c.text(row);
  const v = c.csv ? c.csv(row) : c.sort?.(row);
  return v === null || v === undefined ? '' : String(v);
}

/** The rows whose text holds every word of the query (an empty query keeps all). */
export function filterRows<T>(rows: readonly T[], columns: readonly ColumnData<T>[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = fold(columns.map((c) => cellText(c, row)).join(' '));
    return words.every((w) => text.includes(w));
  });
}

/** Sorted by the column `sort.key` when it sorts; the given order otherwise. */
export function sortByColumn<T>(
  rows: readonly T[],
  columns: readonly ColumnData<T>[],
  sort: SortState<string> | null,
): T[] {
  const column = sort ? columns.find((c) => c.key === sort.key && c.sort) : undefined;
  if (!sort || !column?.sort) return [...rows];
  const valueOf = column.sort;
  return sortRows(rows, sort, (row) => valueOf(row));
}

/** Filtered, then sorted: the rows a table shows. */
export function visibleRows<T>(
  rows: readonly T[],
  columns: readonly ColumnData<T>[],
  query: string,
  sort: SortState<string> | null,
): T[] {
  return sortByColumn(filterRows(rows, columns, query), columns, sort);
}

/** The CSV of the rows given (those shown), one column per column that has a CSV or sort value. */
export function tableCsv<T>(rows: readonly T[], columns: readonly ColumnData<T>[]): string {
  const out = columns.filter((c) => c.csv || c.sort);
  return toCsv(
    out.map((c) => c.csvHeader ?? c.key),
    rows.map((row) => out.map((c) => (c.csv ? c.csv(row) : c.sort?.(row)))),
  );
}
