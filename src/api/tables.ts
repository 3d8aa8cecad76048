/** Table downloads: every table endpoint answers JSON, or CSV / XLSX with ?format=. */
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { canSeeIdentity } from '../domain/access.js';
import { csvCell, csvLine } from '../domain/csv-cell.js';
import { auditActor, recordAudit } from '../services/operations/index.js';
import type { Database } from '../storage/schema.js';
import type { ApiEnv } from './context.js';

export type TableFormat = 'json' | 'csv' | 'xlsx';
type Row = object;

/** An XLSX value: text, number or boolean only (an object could be read by ExcelJS as a formula or a link). */
function xlsxValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

export async function sendTable(
  c: Context,
  format: TableFormat,
  name: string,
  rows: readonly Row[],
  json: unknown,
) {
  if (format === 'json') return c.json(json as object);
  const columns = rows.length > 0 ? Object.keys(rows[0] ?? {}) : [];
  const cell = (r: Row, k: string): unknown => (r as Record<string, unknown>)[k];
  const file = `${name.replace(/[^a-z0-9_-]/gi, '_')}.${format}`;
  c.header('Content-Disposition', `attachment; filename="${file}"`);
  if (format === 'csv') {
    const text = [
      csvLine(columns),
      ...rows.map((r) => columns.map((k) => csvCell(cell(r, k))).join(',')),
    ].join('\r\n');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(`\uFEFF${text}\r\n`);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.columns = columns.map((k) => ({ header: k, key: k, width: Math.max(10, k.length + 2) }));
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((k) => [k, xlsxValue(cell(r, k))])));
  ws.getRow(1).font = { bold: true };
  const buffer = await wb.xlsx.writeBuffer();
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return c.body(new Uint8Array(buffer));
}

/**
 * Writes the audit row of a download of student-level rows: export.personal when the role sees names and CURP
 * (or any row carries one), export.pseudonymous otherwise (analysts). Call it for every table of individual students (not for aggregates).
 */
export async function auditDownload(
  c: Context<ApiEnv>,
  db: Kysely<Database>,
  download: {
    name: string;
    format: TableFormat | 'pdf';
    rows: readonly Row[];
    filters?: Record<string, unknown>;
  },
): Promise<void> {
  const scope = c.get('scope');
  const personal =
    canSeeIdentity(scope) ||
    download.rows.some((r) => {
      const x = r as Record<string, unknown>;
      return (x.name ?? null) !== null || (x.curp ?? null) !== null;
    });
  await recordAudit(db, {
    ...auditActor(c.get('user'), scope, c.get('requestId')),
    action: personal ? 'export.personal' : 'export.pseudonymous',
    target: `download:${download.name}`,
    details: { format: download.format, rows: download.rows.length, ...(download.filters ?? {}) },
  });
}
