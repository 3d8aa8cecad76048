/**
 * A batch of parsed rows in a compact form for passing between threads: lines and numeric fields as typed arrays
 * (their buffers transferred, not cloned), other fields as a small dictionary of the batch's distinct values with
 * a code per row (a student's CURP, the campus, the term repeat over many rows). Unpacked, the rows are the same
 * values parseRecord gave.
 */
import type { CsvIssue } from '../../ingest/issues.js';
import type { FieldValue } from '../../ingest/record-fields.js';
import type { ParsedRow } from './kinds/context.js';

/** One field's values: numbers (null marked) or codes into the batch's dictionary (-1: null). */
export type PackedColumn =
  | { readonly kind: 'num'; readonly values: Float64Array; readonly nulls: Uint8Array | null }
  | { readonly kind: 'dict'; readonly dict: FieldValue[]; readonly codes: Int32Array };

export interface PackedBatch {
  /** Rows read from the file (valid or not). */
  readonly rows: number;
  /** Bytes read so far (progress). */
  readonly position: number;
  /** The valid rows' lines. */
  readonly lines: Int32Array;
  /** One column per key, in the order of the keys given to packRows. */
  readonly columns: PackedColumn[];
  /** The batch's issues, in file order. */
  readonly issues: CsvIssue[];
}

function packColumn(rows: readonly ParsedRow[], key: string): PackedColumn {
  const n = rows.length;
  let numeric = true;
  for (let i = 0; i < n && numeric; i++) {
    const v = (rows[i] as ParsedRow).v[key] ?? null;
    if (v !== null && typeof v !== 'number') numeric = false;
  }
  if (numeric) {
    const values = new Float64Array(n);
    let nulls: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      const v = (rows[i] as ParsedRow).v[key] ?? null;
      if (v === null) (nulls ??= new Uint8Array(n))[i] = 1;
      else values[i] = v as number;
    }
    return { kind: 'num', values, nulls };
  }
  const dict: FieldValue[] = [];
  const index = new Map<FieldValue, number>();
  const codes = new Int32Array(n);
  let last: FieldValue | undefined;
  let lastCode = -1;
  for (let i = 0; i < n; i++) {
    const v = (rows[i] as ParsedRow).v[key] ?? null;
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    // Consecutive rows often repeat the value: no Map lookup then.
    if (v !== last) {
      let c = index.get(v);
      if (c === undefined) {
        c = dict.length;
        dict.push(v);
        index.set(v, c);
      }
      last = v;
      lastCode = c;
    }
    codes[i] = lastCode;
  }
  return { kind: 'dict', dict, codes };
}

/** Packs parsed rows by `keys` (every field of the kind). */
export function packRows(
  rows: readonly ParsedRow[],
  keys: readonly string[],
  issues: CsvIssue[],
  read: number,
  position: number,
): PackedBatch {
  const lines = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = (rows[i] as ParsedRow).line;
  return { rows: read, position, lines, columns: keys.map((k) => packColumn(rows, k)), issues };
}

/** The buffers of a packed batch, to transfer with it. */
export function transferList(b: PackedBatch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [b.lines.buffer as ArrayBuffer];
  for (const c of b.columns) {
    if (c.kind === 'num') {
      out.push(c.values.buffer as ArrayBuffer);
      if (c.nulls) out.push(c.nulls.buffer as ArrayBuffer);
    } else out.push(c.codes.buffer as ArrayBuffer);
  }
  return out;
}

/** The rows of a packed batch, as parseRecord gave them. */
export function unpackRows(b: PackedBatch, keys: readonly string[]): ParsedRow[] {
  const n = b.lines.length;
  const out: ParsedRow[] = new Array<ParsedRow>(n);
  const columns = b.columns;
  // Every row's values start as a copy of one object with every key (one shape for all, no transitions per row).
  const template: Record<string, FieldValue> = {};
  for (const k of keys) template[k] = null;
  for (let i = 0; i < n; i++) {
    const v: Record<string, FieldValue> = { ...template };
    for (let k = 0; k < keys.length; k++) {
      const c = columns[k] as PackedColumn;
      v[keys[k] as string] =
        c.kind === 'num'
          ? c.nulls && c.nulls[i] === 1
            ? null
            : (c.values[i] as number)
          : (c.codes[i] as number) < 0
            ? null
            : (c.dict[c.codes[i] as number] as FieldValue);
    }
    out[i] = { line: b.lines[i] as number, v };
  }
  return out;
}
