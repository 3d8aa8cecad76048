/** Output formats: a readable table (es-MX numbers), CSV, or JSON at full precision. */
import { csvLine } from '../domain/csv-cell.js';
import { roundHalfUp } from '../domain/indicators.js';
import { label, type Lang } from './i18n.js';

export type Format = 'table' | 'csv' | 'json';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json'];

export type Cell = string | number | null | boolean;
export type Record_ = Readonly<Record<string, Cell>>;

/** Columns shown as percentages; ET keeps 2 decimals as CONALEP publishes it, the rest 1 as SEP does. */
const PERCENT_DECIMALS: Readonly<Record<string, number>> = {
  abandono: 1,
  abandono_intra: 1,
  abandono_inter: 1,
  retencion: 1,
  eficiencia_terminal: 2,
  reprobacion: 1,
  reprobacion_con_reg: 1,
  aprobacion: 1,
  aprobacion_con_reg: 1,
  survival_pct: 1,
};

export function render(
  rows: readonly Record_[],
  columns: readonly string[],
  format: Format,
  lang: Lang,
): string {
  if (format === 'json')
    return `${JSON.stringify(
      rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))),
      null,
      2,
    )}\n`;
  if (format === 'csv') {
    const lines = [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => r[c] ?? null)))];
    return `${lines.join('\n')}\n`;
  }
  const locale = lang === 'es' ? 'es-MX' : 'en-US';
  const ints = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const show = (c: string, v: Cell): string => {
    if (v === null) return '—';
    if (typeof v === 'number') {
      const d = PERCENT_DECIMALS[c];
      return d === undefined
        ? ints.format(v)
        : new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d }).format(
            roundHalfUp(v, d),
          );
    }
    return String(v);
  };
  const header = columns.map((c) => label(c, lang));
  const body = rows.map((r) => columns.map((c) => show(c, r[c] ?? null)));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (cells: readonly string[]) =>
    cells
      .map((s, i) => (numeric[i] ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n')}\n`;
}
