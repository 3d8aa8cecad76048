/**
 * Report tables: two-dimensional views of count cubes (rows by one dimension, columns by one or two nested
 * dimensions, totals included), and the public version of a set of tables (small-count suppression applied
 * to all the cubes of a report together, so a figure shared by two tables is hidden in both). Pure.
 */
import {
  cellKey,
  cubeConstraints,
  cubeValue,
  TOTAL,
  type Coords,
  type Cube,
  type Dimension,
} from './cube.js';
import { suppress } from './suppression.js';

export interface Labels {
  /** Label of each member code, and of the total ("*"). */
  readonly [code: string]: string;
}

export interface Cell {
  readonly key: string;
  readonly value: number;
  /** Hidden in the public version. */
  readonly suppressed: boolean;
  readonly total: boolean;
}

export interface ReportTable {
  readonly title: string;
  readonly rowHeader: string;
  readonly rowLabels: readonly string[];
  /** One or two header rows; in a two-row header, the top labels span `span` columns. */
  readonly header: readonly { readonly label: string; readonly span: number }[][];
  readonly cells: readonly (readonly Cell[])[];
  /** Rows holding totals (the last one, by construction). */
  readonly totalRows: readonly number[];
  /** Subject to suppression in public versions (counts of people). */
  readonly sensitive: boolean;
  readonly notes: readonly string[];
}

export interface TableSpec {
  readonly title: string;
  readonly cube: Cube;
  readonly rows: string; // dimension name
  readonly cols: readonly string[]; // one dimension, or outer then inner
  readonly fixed?: Coords; // other dimensions (total when not given)
  readonly labels: Readonly<Record<string, Labels>>; // by dimension
  readonly rowHeader: string;
  readonly sensitive?: boolean;
  readonly notes?: readonly string[];
  /** Leave out the total row (a dimension whose total is shown elsewhere). */
  readonly noTotalRow?: boolean;
}

function dim(cube: Cube, name: string): Dimension {
  const d = cube.dims.find((x) => x.name === name);
  if (!d) throw new Error(`Dimensión desconocida en ${cube.measure}: ${name}`);
  return d;
}

const withTotal = (d: Dimension) => [...d.members, TOTAL];
const label = (labels: Labels | undefined, code: string) =>
  labels?.[code] ?? (code === TOTAL ? 'Total' : code);

export function layoutTable(spec: TableSpec): ReportTable {
  const { cube } = spec;
  const rowDim = dim(cube, spec.rows);
  const colDims = spec.cols.map((c) => dim(cube, c));
  const rowCodes = spec.noTotalRow ? rowDim.members : withTotal(rowDim);
  const colCoords: Coords[] =
    colDims.length === 1
      ? withTotal(colDims[0]!).map((m) => ({ [colDims[0]!.name]: m }))
      : withTotal(colDims[0]!).flatMap((o) =>
          withTotal(colDims[1]!).map((i) => ({ [colDims[0]!.name]: o, [colDims[1]!.name]: i })),
        );
  const header =
    colDims.length === 1
      ? [withTotal(colDims[0]!).map((m) => ({ label: label(spec.labels[colDims[0]!.name], m), span: 1 }))]
      : [
          withTotal(colDims[0]!).map((o) => ({
            label: label(spec.labels[colDims[0]!.name], o),
            span: colDims[1]!.members.length + 1,
          })),
          withTotal(colDims[0]!).flatMap(() =>
            withTotal(colDims[1]!).map((i) => ({ label: label(spec.labels[colDims[1]!.name], i), span: 1 })),
          ),
        ];
  const cells = rowCodes.map((r) =>
    colCoords.map((cc) => {
      const coords: Coords = { ...spec.fixed, ...cc, [rowDim.name]: r };
      const total = r === TOTAL || Object.values(cc).includes(TOTAL);
      return { key: cellKey(cube.measure, coords), value: cubeValue(cube, coords), suppressed: false, total };
    }),
  );
  return {
    title: spec.title,
    rowHeader: spec.rowHeader,
    rowLabels: rowCodes.map((r) => label(spec.labels[rowDim.name], r)),
    header,
    cells,
    totalRows: spec.noTotalRow ? [] : [rowCodes.length - 1],
    sensitive: spec.sensitive ?? true,
    notes: spec.notes ?? [],
  };
}

/**
 * The public version of the tables built from `cubes`: suppression on every cube of sensitive tables at once
 * (shared keys are one cell), then the same cells marked in every table that shows them.
 */
export function suppressTables(
  tables: readonly ReportTable[],
  cubes: readonly Cube[],
  threshold: number,
): { tables: ReportTable[]; suppressed: number } {
  const sensitiveKeys = new Set(
    tables.filter((t) => t.sensitive).flatMap((t) => t.cells.flat().map((c) => c.key)),
  );
  const used = cubes.filter((c) => [...c.values.keys()].some((k) => sensitiveKeys.has(k)));
  const values = new Map<string, number>();
  for (const c of used) for (const [k, v] of c.values) values.set(k, v);
  const { suppressed } = suppress(values, used.flatMap(cubeConstraints), threshold);
  const out = tables.map((t) =>
    t.sensitive
      ? { ...t, cells: t.cells.map((row) => row.map((c) => ({ ...c, suppressed: suppressed.has(c.key) }))) }
      : t,
  );
  return { tables: out, suppressed: suppressed.size };
}
