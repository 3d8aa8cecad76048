/** A chart's data as a table (the "Tabla" button): caption, column headers and a row header per row. */
import { DataTable, type Column } from '../DataTable';
import type { Table } from './spec';

type Row = Table['rows'][number];

export function ChartTable({ table, caption }: { readonly table: Table; readonly caption: string }) {
  const columns: Column<Row>[] = table.headers.map((header, i) => ({
    key: String(i),
    header,
    cell: (row) => row.cells[i],
    rowHeader: i === 0,
    numeric: i !== 0,
  }));
  return (
    <DataTable
      rows={table.rows}
      columns={columns}
      rowKey={(row) => row.key}
      caption={caption}
      captionHidden
      region={caption}
    />
  );
}
