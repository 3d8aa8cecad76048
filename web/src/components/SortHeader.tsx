/**
 * A sortable column header: a button inside the <th>, the current order announced by aria-sort and shown by an
 * arrow (aria-hidden: the button's name stays the column's name).
 */
import type { ReactNode } from 'react';
import type { SortDir, SortState } from '../lib/sort';
import styles from './SortHeader.module.css';

export function SortHeader<K extends string>({
  column,
  sort,
  onSort,
  firstDir = 'desc',
  numeric = false,
  children,
}: {
  readonly column: K;
  readonly sort: SortState<K>;
  readonly onSort: (column: K, firstDir: SortDir) => void;
  readonly firstDir?: SortDir;
  readonly numeric?: boolean;
  readonly children: ReactNode;
}) {
  const active = sort.key === column;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        className={styles.button}
        data-sort={column}
        onClick={() => onSort(column, firstDir)}
      >
        {children}
        <span className={styles.arrow} aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
