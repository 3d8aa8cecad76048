/**
 * CSV for the "Descargar CSV" buttons: comma-separated, quoted where needed, CRLF line ends, with a BOM so
 * that spreadsheet programs read the accents as UTF-8. Numbers use a dot as decimal separator. Text that a
 * spreadsheet would run as a formula (= + - @ tab CR first) gets a leading apostrophe, by the same rule as the
 * server's downloads (src/domain/csv-cell.ts); numbers stay numbers, negative ones included.
 */
import { neutralizeFormula } from '../../../src/domain/csv-cell';

export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutralizeFormula(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A file name from a title: "Abandono escolar 2024-2025" → "abandono-escolar-2024-2025.csv". */
export function csvFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'datos'}.csv`;
}
