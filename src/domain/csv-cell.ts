/**
 * CSV cells that a spreadsheet opens as data, never as a formula (the OWASP "CSV injection" rule): a text cell
 * that starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe. Numbers stay numbers,
 * negative ones included, and so does text that is only a number (it cannot run anything). Every CSV writer
 * (API downloads, CLI --format csv, reports, the audit export) goes through csvCell.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Text as a spreadsheet must read it: a leading apostrophe before what could start a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field: numbers and booleans as they are, text neutralized and quoted when needed. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const s = neutralizeFormula(typeof v === 'string' ? v : JSON.stringify(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (without its line break). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
