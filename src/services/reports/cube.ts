/**
 * Count cubes: a statistic (e.g. enrollment) broken down by a few dimensions (grade, sex, age…), each with a
 * total member "*". Every cell has a stable key built from the measure and its non-total coordinates, so the
 * same figure published in two tables of a report (a margin of two cubes) is one cell. The cube also states
 * the additive constraints a reader can use (a total equals the sum of its parts), which small-count
 * suppression must respect. Pure: no I/O.
 */

export const TOTAL = '*';

export interface Dimension {
  readonly name: string;
  /** Member codes in display order, without the total. */
  readonly members: readonly string[];
}

export interface Cube {
  readonly measure: string;
  readonly dims: readonly Dimension[];
  /** Value of every cell, totals included, by key. */
  readonly values: ReadonlyMap<string, number>;
}

export type Coords = Readonly<Record<string, string>>;

/** Key of a cell: measure plus the non-total coordinates in dimension-name order ("mt|grade=1|sex=H"). */
export function cellKey(measure: string, coords: Coords): string {
  const parts = Object.keys(coords)
    .filter((d) => coords[d] !== TOTAL && coords[d] !== undefined)
    .sort()
    .map((d) => `${d}=${coords[d]}`);
  return [measure, ...parts].join('|');
}

/** Every combination of members (totals included) of the dimensions. */
function combinations(dims: readonly Dimension[]): Coords[] {
  let out: Record<string, string>[] = [{}];
  for (const d of dims) {
    const next: Record<string, string>[] = [];
    for (const c of out) for (const m of [...d.members, TOTAL]) next.push({ ...c, [d.name]: m });
    out = next;
  }
  return out;
}

/**
 * A cube from its detailed cells: `detail` gives the count at each combination of non-total members (missing
 * combinations are 0); every margin is the sum of the cells below it.
 */
export function buildCube(
  measure: string,
  dims: readonly Dimension[],
  detail: (coords: Coords) => number,
): Cube {
  const values = new Map<string, number>();
  for (const c of combinations(dims)) values.set(cellKey(measure, c), 0);
  for (const c of combinations(dims)) {
    if (dims.some((d) => c[d.name] === TOTAL)) continue;
    const v = detail(c);
    if (v === 0) continue;
    // Add the value to the cell and to every margin above it (each subset of dimensions set to total).
    for (let mask = 0; mask < 1 << dims.length; mask++) {
      const m: Record<string, string> = { ...c };
      dims.forEach((d, i) => {
        if (mask & (1 << i)) m[d.name] = TOTAL;
      });
      const k = cellKey(measure, m);
      values.set(k, (values.get(k) ?? 0) + v);
    }
  }
  return { measure, dims, values };
}

/** A cube from rows of (coordinates, count); coordinates outside the listed members are rejected. */
export function cubeFromRows(
  measure: string,
  dims: readonly Dimension[],
  rows: readonly { readonly coords: Coords; readonly n: number }[],
): Cube {
  const acc = new Map<string, number>();
  for (const r of rows) {
    for (const d of dims) {
      const v = r.coords[d.name];
      if (v === undefined || !d.members.includes(v))
        throw new Error(`Coordenada fuera del cubo ${measure}: ${d.name}=${String(v)}`);
    }
    const k = cellKey(measure, r.coords);
    acc.set(k, (acc.get(k) ?? 0) + r.n);
  }
  return buildCube(measure, dims, (c) => acc.get(cellKey(measure, c)) ?? 0);
}

export function cubeValue(cube: Cube, coords: Coords): number {
  const k = cellKey(cube.measure, coords);
  const v = cube.values.get(k);
  if (v === undefined) throw new Error(`Celda desconocida: ${k}`);
  return v;
}

/** An additive constraint: the total cell equals the sum of the part cells. */
export interface Constraint {
  readonly total: string;
  readonly parts: readonly string[];
}

/** For each dimension and each combination of the others: cell(…, d=*, …) = Σ_m cell(…, d=m, …). */
export function cubeConstraints(cube: Cube): Constraint[] {
  const out: Constraint[] = [];
  cube.dims.forEach((d, i) => {
    const others = cube.dims.filter((_, j) => j !== i);
    for (const c of combinations(others)) {
      out.push({
        total: cellKey(cube.measure, { ...c, [d.name]: TOTAL }),
        parts: d.members.map((m) => cellKey(cube.measure, { ...c, [d.name]: m })),
      });
    }
  });
  return out;
}
