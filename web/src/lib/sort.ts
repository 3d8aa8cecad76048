/**
 * Sorting of table rows by a column, pure: numbers and texts (es-MX collation), nulls always last whatever the
 * direction (a missing figure is never the "best" or the "worst"), ties kept in their given order.
 */
export type SortDir = 'asc' | 'desc';
export type SortValue = number | string | null | undefined;

export interface SortState<K extends string> {
  readonly key: K;
  readonly dir: SortDir;
}

const collator = new Intl.Collator('es-MX', { numeric: true, sensitivity: 'base' });

export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows<T, K extends string>(
  rows: readonly T[],
  sort: SortState<K>,
  valueOf: (row: T, key: K) => SortValue,
): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: valueOf(row, sort.key) }))
    .sort((x, y) => {
      const xMissing = x.v === null || x.v === undefined || (typeof x.v === 'number' && Number.isNaN(x.v));
      const yMissing = y.v === null || y.v === undefined || (typeof y.v === 'number' && Number.isNaN(y.v));
      if (xMissing || yMissing) return xMissing === yMissing ? x.i - y.i : xMissing ? 1 : -1;
      return sign * compareValues(x.v, y.v) || x.i - y.i;
    })
    .map((e) => e.row);
}

/** A click on a column: the same column flips its direction; another starts with its own first direction. */
export function nextSort<K extends string>(current: SortState<K>, key: K, firstDir: SortDir): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: firstDir };
}
