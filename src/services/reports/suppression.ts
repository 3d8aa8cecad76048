/**
 * Small-count suppression for public tables. Pure.
 *
 * Primary suppression: every count from 1 to threshold − 1 (zeros are published: "nobody" identifies no one).
 * Complementary suppression: a reader knows every published cell and every additive constraint (a total is
 * the sum of its parts, in every table and across tables sharing a cell); a suppressed cell must not be
 * exactly recoverable from them. A suppressed cell is recoverable exactly when the unit vector of its column
 * lies in the row space of the constraint matrix restricted to the suppressed cells, i.e. when the reduced
 * row echelon form has a row with that cell alone. Cells are added cheapest first (smallest non-zero count,
 * zeros last) until no suppressed cell is recoverable. Deterministic: ties are broken by key.
 */
import type { Constraint } from './cube.js';

export const DEFAULT_THRESHOLD = 5;

export interface SuppressionResult {
  readonly suppressed: ReadonlySet<string>;
  readonly primary: ReadonlySet<string>;
}

type Line = readonly string[]; // total first, then parts

export function suppress(
  values: ReadonlyMap<string, number>,
  constraints: readonly Constraint[],
  threshold: number = DEFAULT_THRESHOLD,
): SuppressionResult {
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error(`Umbral inválido: ${threshold}`);
  const lines = uniqueLines(constraints);
  const linesOf = new Map<string, Line[]>();
  for (const l of lines) for (const k of l) linesOf.set(k, [...(linesOf.get(k) ?? []), l]);
  const primary = new Set([...values].filter(([, v]) => v > 0 && v < threshold).map(([k]) => k));
  const s = new Set(primary);
  const cost = (k: string) => {
    const v = values.get(k) ?? 0;
    return v > 0 ? v : Number.MAX_SAFE_INTEGER;
  };
  const byCost = (a: string, b: string) => cost(a) - cost(b) || (a < b ? -1 : a > b ? 1 : 0);
  for (let guard = 0; guard <= values.size; guard++) {
    closeLines(lines, s, byCost);
    const open = [...recoverable(lines, s)].sort();
    const k = open[0];
    if (k === undefined) break;
    const candidates = [...new Set((linesOf.get(k) ?? []).flat())].filter((c) => !s.has(c)).sort(byCost);
    const fix = candidates.slice(0, 8).find((c) => !recoverable(lines, new Set([...s, c])).has(k));
    const pick = fix ?? candidates[0] ?? cheapestNear(lines, s, byCost);
    if (pick === undefined) break; // every cell of every line touching a suppressed one is suppressed
    s.add(pick);
  }
  return { suppressed: s, primary };
}

function uniqueLines(constraints: readonly Constraint[]): Line[] {
  const seen = new Map<string, Line>();
  for (const c of constraints) {
    const line = [c.total, ...c.parts];
    seen.set([c.total, ...[...c.parts].sort()].join('\u0000'), line);
  }
  // In key order, so that the result does not depend on the order the constraints were listed in.
  return [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, l]) => l);
}

/** A line with exactly one suppressed cell gives it away: suppress the cheapest other cell, until none. */
function closeLines(lines: readonly Line[], s: Set<string>, byCost: (a: string, b: string) => number) {
  for (let changed = true; changed;) {
    changed = false;
    for (const l of lines) {
      const hidden = l.filter((k) => s.has(k));
      if (hidden.length !== 1) continue;
      const pick = l.filter((k) => !s.has(k)).sort(byCost)[0];
      if (pick !== undefined) {
        s.add(pick);
        changed = true;
      }
    }
  }
}

function cheapestNear(
  lines: readonly Line[],
  s: ReadonlySet<string>,
  byCost: (a: string, b: string) => number,
) {
  const near = lines.filter((l) => l.some((k) => s.has(k))).flat();
  return [...new Set(near)].filter((k) => !s.has(k)).sort(byCost)[0];
}

/**
 * The suppressed cells whose value follows from the published cells and the constraints: Gauss-Jordan
 * elimination of the constraint matrix restricted to the suppressed cells (entries 0/±1, small matrices).
 */
export function recoverable(lines: readonly Line[], s: ReadonlySet<string>): Set<string> {
  const vars = [...s].sort();
  const col = new Map(vars.map((k, i) => [k, i]));
  const rows: Float64Array[] = [];
  for (const l of lines) {
    if (!l.some((k) => s.has(k))) continue;
    const r = new Float64Array(vars.length);
    l.forEach((k, i) => {
      const j = col.get(k);
      if (j !== undefined) r[j] = (r[j] ?? 0) + (i === 0 ? 1 : -1);
    });
    rows.push(r);
  }
  const eps = 1e-9;
  let rank = 0;
  for (let j = 0; j < vars.length && rank < rows.length; j++) {
    let p = -1;
    for (let i = rank; i < rows.length; i++) if (Math.abs(rows[i]![j]!) > eps) p = p < 0 ? i : p;
    if (p < 0) continue;
    [rows[rank], rows[p]] = [rows[p]!, rows[rank]!];
    const pivot = rows[rank]!;
    const f = pivot[j]!;
    for (let c = 0; c < vars.length; c++) pivot[c] = pivot[c]! / f;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const g = r[j]!;
      if (i === rank || Math.abs(g) <= eps) continue;
      for (let c = 0; c < vars.length; c++) r[c] = r[c]! - g * pivot[c]!;
    }
    rank++;
  }
  const out = new Set<string>();
  for (let i = 0; i < rank; i++) {
    const r = rows[i]!;
    let only = -1;
    let count = 0;
    for (let c = 0; c < vars.length; c++) {
      if (Math.abs(r[c]!) > eps) {
        count++;
        only = c;
      }
    }
    if (count === 1) out.add(vars[only]!);
  }
  return out;
}
