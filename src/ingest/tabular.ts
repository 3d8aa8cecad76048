/**
 * Reads an arbitrary tabular CSV into a numeric design matrix and a binary target, for model evaluation
 * on data the product did not produce (`trayecto risk evaluate`).
 *
 * Decoding, delimiter and BOM detection are csv.ts's. Then, per column other than the target:
 * - missing cells: empty, `NA`, `N/A`, `NaN`, `null`, `?` (any case) → NaN;
 * - numeric when every present cell is a number: `1234.5`, `-1e3`, `1,234.5` (comma thousands), quoted
 *   or not; or, with decimal commas, `1234,5` / `1.234,5`. A column is read with decimal commas only when
 *   that reading is the only one that fits all its cells; when both fit (every comma value looks like
 *   `1,234`) the column is ambiguous and reported;
 * - a column that is mostly numbers (≥ 90 % of present cells) with a few cells that are not is an error
 *   naming the column and the lines, not a silent category;
 * - otherwise categorical, one-hot encoded: a 0/1 feature per category (the `maxCategories` most frequent;
 *   the rest share one "(otras)" feature; a missing cell is all zeros). Text columns with a distinct value
 *   in almost every row (identifiers) are left out and listed with the reason.
 * Rows with an empty target are dropped, counted and each one reported; nothing else is dropped.
 */
import type { Result } from '../domain/result.js';
import { readCsv, type CsvDelimiter, type CsvEncoding, type CsvRow } from './csv.js';
import { capIssues, type CsvIssue } from './issues.js';

export interface TabularOptions {
  /** Target column name (matched trimmed, case-insensitively). */
  readonly target: string;
  /** Target value that counts as positive (matched trimmed, case-insensitively). */
  readonly positive: string;
  /** Columns to one-hot encode even though they hold numbers (integer codes). */
  readonly categorical?: readonly string[];
  /** Columns to leave out. */
  readonly ignore?: readonly string[];
  /** Most frequent categories kept per categorical column (default 50). */
  readonly maxCategories?: number;
}

export type ColumnKind = 'numeric' | 'categorical' | 'ignored';

export interface TabularColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Numbers were written with a decimal comma. */
  readonly decimalComma: boolean;
  /** Missing cells among the kept rows. */
  readonly missing: number;
  /** Categories with their own feature (categorical columns), most frequent first. */
  readonly categories: readonly string[];
  /** Indices of this column's features in `featureNames`. */
  readonly features: readonly number[];
  /** Why an ignored column was left out (Spanish). */
  readonly reason?: string;
}

export interface TabularDataset {
  readonly file: string;
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly target: string;
  readonly positive: string;
  readonly columns: readonly TabularColumn[];
  /** One name per feature: the column name, or `column=category` for one-hot features. */
  readonly featureNames: readonly string[];
  /** Row-major features; NaN marks a missing numeric value. */
  readonly X: readonly Float64Array[];
  readonly y: Uint8Array;
  /** Source line of each kept row. */
  readonly lines: Int32Array;
  readonly positives: number;
  /** Rows left out (empty target), each with its line and reason. */
  readonly dropped: readonly CsvIssue[];
  /** Total rows in the file (kept + dropped). */
  readonly rowsRead: number;
}

export const OTHER_CATEGORY = '(otras)';
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?', '#n/a', 'none']);
const isMissing = (s: string): boolean => MISSING.has(s.toLowerCase());

const DOT_PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DOT_THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const COMMA_PLAIN = /^[+-]?(\d+(,\d*)?|,\d+)$/;
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;

const parseDot = (s: string): number =>
  DOT_PLAIN.test(s) ? Number(s) : DOT_THOUSANDS.test(s) ? Number(s.replace(/,/g, '')) : NaN;
const parseComma = (s: string): number =>
  COMMA_PLAIN.test(s)
    ? Number(s.replace(',', '.'))
    : COMMA_THOUSANDS.test(s)
      ? Number(s.replace(/\./g, '').replace(',', '.'))
      : NaN;

/** Share of present cells a numeric column must parse for stray text to be an error, not a category. */
const NUMERIC_MAJORITY = 0.9;
const MAX_BAD_LINES = 20;

export function readTabular(
  buffer: Uint8Array,
  file: string,
  options: TabularOptions,
): Result<TabularDataset, CsvIssue> {
  const table = readCsv(buffer, file);
  if (!table.ok) return table;
  const { header, rows, encoding, delimiter } = table.value;
  const fail = (issues: CsvIssue[]) => ({ ok: false as const, issues: capIssues(issues) });
  const lower = header.map((h) => h.toLowerCase());
  const targetName = options.target.trim();
  const ti = lower.indexOf(targetName.toLowerCase());
  if (ti < 0) {
    return fail([
      {
        file,
        line: 1,
        column: targetName,
        message: `no existe la columna objetivo; columnas del archivo: ${header.join(', ')}`,
      },
    ]);
  }
  for (const name of [...(options.categorical ?? []), ...(options.ignore ?? [])]) {
    if (!lower.includes(name.trim().toLowerCase()))
      return fail([{ file, line: 1, column: name, message: 'la columna indicada no existe en el archivo' }]);
  }
  if (rows.length === 0) return fail([{ file, line: 2, message: 'el archivo no tiene filas de datos' }]);

  // Target: drop (and report) rows without one.
  const positive = options.positive.trim().toLowerCase();
  const kept: CsvRow[] = [];
  const dropped: CsvIssue[] = [];
  for (const row of rows) {
    const v = (row.cells[ti] ?? '').trim();
    if (isMissing(v))
      dropped.push({
        file,
        line: row.line,
        column: header[ti],
        value: v,
        message: 'fila omitida: la columna objetivo está vacía',
      });
    else kept.push(row);
  }
  if (kept.length === 0)
    return fail([
      { file, line: 2, column: header[ti], message: 'ninguna fila tiene valor en la columna objetivo' },
    ]);
  const n = kept.length;
  const y = new Uint8Array(n);
  let positives = 0;
  const seen = new Map<string, number>();
  kept.forEach((row, i) => {
    const v = (row.cells[ti] ?? '').trim();
    seen.set(v, (seen.get(v) ?? 0) + 1);
    if (v.toLowerCase() === positive) {
      y[i] = 1;
      positives++;
    }
  });
  const values = [...seen.keys()]
    .slice(0, 20)
    .map((v) => `"${v}"`)
    .join(', ');
  if (positives === 0)
    return fail([
      {
        file,
        line: 1,
        column: header[ti],
        value: options.positive,
        message: `ninguna fila tiene el valor positivo; valores encontrados: ${values}`,
      },
    ]);
  if (positives === n)
    return fail([
      {
        file,
        line: 1,
        column: header[ti],
        value: options.positive,
        message: 'todas las filas tienen el valor positivo: hace falta una segunda clase',
      },
    ]);

  const forcedCat = new Set((options.categorical ?? []).map((c) => c.trim().toLowerCase()));
  const ignored = new Set((options.ignore ?? []).map((c) => c.trim().toLowerCase()));
  const maxCategories = options.maxCategories ?? 50;
  const columns: TabularColumn[] = [];
  const featureNames: string[] = [];
  const featureColumns: Float64Array[] = [];
  const issues: CsvIssue[] = [];

  header.forEach((name, c) => {
    if (c === ti) return;
    const base = { name, decimalComma: false, categories: [] as string[], features: [] as number[] };
    if (ignored.has(name.toLowerCase())) {
      columns.push({ ...base, kind: 'ignored', missing: 0, reason: 'excluida por el usuario' });
      return;
    }
    const cells = kept.map((r) => (r.cells[c] ?? '').trim());
    let missing = 0;
    let present = 0;
    let dotOk = 0;
    let commaOk = 0;
    let anyComma = false;
    for (const s of cells) {
      if (isMissing(s)) {
        missing++;
        continue;
      }
      present++;
      if (!Number.isNaN(parseDot(s))) dotOk++;
      if (!Number.isNaN(parseComma(s))) commaOk++;
      if (s.includes(',')) anyComma = true;
    }
    const asCategorical = forcedCat.has(name.toLowerCase());
    if (!asCategorical && present > 0 && (dotOk === present || commaOk === present)) {
      let decimalComma = false;
      if (commaOk === present && dotOk === present && anyComma) {
        issues.push({
          file,
          line: kept[cells.findIndex((s) => s.includes(','))]?.line ?? 1,
          column: name,
          message:
            'números ambiguos: la coma puede ser decimal o separador de miles (p. ej. "1,234"); escriba los decimales con punto o sin separador de miles',
        });
        return;
      }
      if (dotOk !== present) decimalComma = true;
      const parse = decimalComma ? parseComma : parseDot;
      const col = new Float64Array(n);
      cells.forEach((s, i) => (col[i] = isMissing(s) ? NaN : parse(s)));
      columns.push({ ...base, kind: 'numeric', decimalComma, missing, features: [featureNames.length] });
      featureNames.push(name);
      featureColumns.push(col);
      return;
    }
    const best = Math.max(dotOk, commaOk);
    if (!asCategorical && present > 0 && best >= NUMERIC_MAJORITY * present) {
      const parse = best === dotOk ? parseDot : parseComma;
      const bad = kept.flatMap((r, i) => {
        const s = cells[i] ?? '';
        return !isMissing(s) && Number.isNaN(parse(s)) ? [{ line: r.line, value: s }] : [];
      });
      for (const b of bad.slice(0, MAX_BAD_LINES)) {
        issues.push({
          file,
          line: b.line,
          column: name,
          value: b.value,
          message: `valor no numérico en una columna numérica (${present - bad.length} de ${present} celdas son números)`,
        });
      }
      if (bad.length > MAX_BAD_LINES)
        issues.push({
          file,
          line: bad[MAX_BAD_LINES]?.line ?? 1,
          column: name,
          message: `y ${bad.length - MAX_BAD_LINES} valores no numéricos más en esta columna`,
        });
      return;
    }
    // Categorical.
    const counts = new Map<string, number>();
    for (const s of cells) if (!isMissing(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
    if (!asCategorical && counts.size > 50 && counts.size > 0.5 * present) {
      columns.push({
        ...base,
        kind: 'ignored',
        missing,
        reason: `texto con ${counts.size} valores distintos en ${present} filas: parece un identificador`,
      });
      return;
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const categories = ranked.slice(0, maxCategories).map(([v]) => v);
    const hasOther = ranked.length > maxCategories;
    const index = new Map(categories.map((v, k) => [v, k]));
    const features = categories.map((_, k) => featureNames.length + k);
    const cols = categories.map(() => new Float64Array(n));
    const other = hasOther ? new Float64Array(n) : null;
    cells.forEach((s, i) => {
      if (isMissing(s)) return;
      const k = index.get(s);
      if (k !== undefined) (cols[k] as Float64Array)[i] = 1;
      else if (other) other[i] = 1;
    });
    for (const v of categories) featureNames.push(`${name}=${v}`);
    featureColumns.push(...cols);
    if (other) {
      features.push(featureNames.length);
      featureNames.push(`${name}=${OTHER_CATEGORY}`);
      featureColumns.push(other);
    }
    columns.push({ ...base, kind: 'categorical', missing, categories, features });
  });
  if (issues.length > 0) return fail(issues);
  if (featureNames.length === 0)
    return fail([
      { file, line: 1, message: 'no queda ninguna columna utilizable como variable además del objetivo' },
    ]);

  const p = featureNames.length;
  const X = kept.map((_, i) => {
    const row = new Float64Array(p);
    for (let j = 0; j < p; j++) row[j] = (featureColumns[j] as Float64Array)[i] ?? NaN;
    return row;
  });
  return {
    ok: true,
    value: {
      file,
      encoding,
      delimiter,
      target: header[ti] ?? targetName,
      positive: options.positive.trim(),
      columns,
      featureNames,
      X,
      y,
      lines: Int32Array.from(kept.map((r) => r.line)),
      positives,
      dropped,
      rowsRead: rows.length,
    },
  };
}
