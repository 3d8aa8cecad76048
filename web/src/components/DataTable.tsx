/**
 * The one table of the web app. Columns say their header, how a cell is drawn, and optionally how the column
 * sorts (a button in the header: click, Enter or Space; aria-sort tells the order), what goes to the CSV and
 * whether the cell is the row's header (<th scope="row">) or a number (right-aligned). The table may have a
 * filter box, a "Descargar CSV" button that saves exactly the rows shown (formulas neutralised), a caption
 * (visible or for screen readers only), an empty-state text and a sticky header. Rows keep their keys.
 * The pure parts (filter, sort, CSV) are in lib/table.ts.
 */
import { useId, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { csvFileName } from '../lib/csv';
import { cx } from '../lib/cx';
import { downloadText } from '../lib/download';
import { nextSort, type SortDir, type SortState } from '../lib/sort';
import { tableCsv, visibleRows, type ColumnData } from '../lib/table';
import styles from './DataTable.module.css';
import { SortHeader } from './SortHeader';
import { Empty } from './Status';

/** data-* attributes (tests and styles find rows and cells by them). */
type DataAttrs = { readonly [k: `data-${string}`]: string | number | undefined };
export type CellAttrs = DataAttrs & { readonly className?: string };
export type RowAttrs = DataAttrs & Pick<HTMLAttributes<HTMLTableRowElement>, 'className'>;

export interface Column<T> extends ColumnData<T> {
  readonly header: ReactNode;
  readonly cell: (row: T) => ReactNode;
  /** The row's header cell (<th scope="row">). */
  readonly rowHeader?: boolean;
  /** A number: right-aligned, no wrapping (class "num"), in the header too. */
  readonly numeric?: boolean;
  /** More attributes of the body cell (data-testid, extra classes). */
  readonly attrs?: (row: T) => CellAttrs;
}

export interface DataTableProps<T> {
  readonly rows: readonly T[];
  /** Columns; false, null or undefined leave a column out (columns shown to some roles only). */
  readonly columns: readonly (Column<T> | false | null | undefined)[];
  readonly rowKey: (row: T, index: number) => string | number;
  readonly rowAttrs?: (row: T) => RowAttrs;
  readonly caption?: ReactNode;
  /** The caption for screen readers only. */
  readonly captionHidden?: boolean;
  /** The name of the scrolling region (focusable, so that a keyboard scrolls it); without it a plain wrapper. */
  readonly region?: string;
  /** No wrapper at all (the table sits in the page as it is). */
  readonly bare?: boolean;
  readonly testId?: string;
  readonly className?: string;
  readonly initialSort?: SortState<string>;
  /**
   * Sorting done elsewhere (the server sorts every page): the headers show `sort` and a click calls `onSort`;
   * the rows are drawn in the order given.
   */
  readonly sort?: SortState<string>;
  readonly onSort?: (key: string, firstDir: SortDir) => void;
  /** A filter box above the table, with this label. */
  readonly filter?: string;
  /** A "Descargar CSV" button above the table that saves the rows shown, with this title (the file's name). */
  readonly csv?: string;
  /** Shown instead of the table when there are no rows (default: the table, even empty). */
  readonly empty?: ReactNode | true;
  /** Column headers stay in view while the region scrolls. */
  readonly sticky?: boolean;
}

const present = <T,>(c: Column<T> | false | null | undefined): c is Column<T> => Boolean(c);

function cellClass(numeric: boolean | undefined, extra: string | undefined): string | undefined {
  const names = [numeric ? 'num' : '', extra ?? ''].filter(Boolean).join(' ');
  return names || undefined;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useI18n();
  const columns = props.columns.filter(present);
  const [ownSort, setSort] = useState<SortState<string> | null>(props.initialSort ?? null);
  const [query, setQuery] = useState('');
  const filterId = useId();
  const controlled = props.onSort !== undefined;
  const sort = controlled ? (props.sort ?? null) : ownSort;
  const rows = visibleRows(props.rows, columns, query, controlled ? null : sort);
  // The CSV header of a column: its own, else its header when that is a text.
  const csvColumns = columns.map((c) => ({
    ...c,
    csvHeader: c.csvHeader ?? (typeof c.header === 'string' ? c.header : c.key),
  }));
  const onSort =
    props.onSort ??
    ((key: string, firstDir: SortDir) =>
      setSort((s) => nextSort(s ?? { key: '', dir: firstDir }, key, firstDir)));
  const tools = (props.filter !== undefined || props.csv !== undefined) && (
    <div className={styles.tools}>
      {props.filter !== undefined && (
        <span className={styles.filter}>
          <label htmlFor={filterId}>{props.filter}</label>
          <input
            id={filterId}
            type="search"
            data-testid="table-filter"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </span>
      )}
      {props.csv !== undefined && (
        <button
          type="button"
          className="link-button"
          data-testid="table-csv"
          onClick={() => downloadText(csvFileName(props.csv ?? ''), tableCsv(rows, csvColumns))}
        >
          {t('chart.csv')}
        </button>
      )}
      {query && (
        <span className="muted" role="status">
          {t('table.shown', { shown: rows.length, total: props.rows.length })}
        </span>
      )}
    </div>
  );
  if (props.empty !== undefined && rows.length === 0)
    return (
      <>
        {query ? tools : null}
        <Empty>{props.empty === true ? undefined : props.empty}</Empty>
      </>
    );
  const table = (
    <table data-testid={props.testId} className={props.className}>
      {props.caption !== undefined && (
        <caption className={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
      )}
      <thead>
        <tr>
          {columns.map((c) =>
            c.sort ? (
              <SortHeader
                key={c.key}
                column={c.key}
                sort={sort ?? { key: '', dir: 'asc' }}
                onSort={onSort}
                firstDir={c.firstDir ?? (c.numeric ? 'desc' : 'asc')}
                numeric={c.numeric}
              >
                {c.header}
              </SortHeader>
            ) : (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={props.rowKey(row, i)} {...props.rowAttrs?.(row)}>
            {columns.map((c) => {
              const { className, ...attrs } = c.attrs?.(row) ?? {};
              const cls = cellClass(c.numeric, className);
              return c.rowHeader ? (
                <th key={c.key} scope="row" className={cls} {...attrs}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.key} className={cls} {...attrs}>
                  {c.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  const wrapClass = cx(styles.wrap, props.sticky && styles.stickyHead);
  return (
    <>
      {tools}
      {props.bare ? (
        table
      ) : props.region !== undefined ? (
        <div className={wrapClass} tabIndex={0} role="region" aria-label={props.region}>
          {table}
        </div>
      ) : (
        <div className={wrapClass}>{table}</div>
      )}
    </>
  );
}
