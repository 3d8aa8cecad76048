import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCube, cellKey, cubeConstraints, type Constraint, type Cube, type Dimension } from './cube.js';
import { layoutTable, suppressTables } from './layout.js';
import { suppress } from './suppression.js';

/**
 * An independent attacker: exact integer Gaussian elimination (BigInt, fraction-free) over the constraints
 * with the published cells moved to the right-hand side; returns every suppressed cell whose value it can
 * solve for exactly, with that value.
 */
function attack(
  values: ReadonlyMap<string, number>,
  constraints: readonly Constraint[],
  hidden: ReadonlySet<string>,
): Map<string, bigint> {
  const vars = [...hidden].sort();
  const col = new Map(vars.map((k, i) => [k, i]));
  const rows: bigint[][] = [];
  for (const c of constraints) {
    const row = new Array<bigint>(vars.length + 1).fill(0n);
    let rhs = 0n;
    const add = (k: string, coef: bigint) => {
      const j = col.get(k);
      if (j === undefined) rhs -= coef * BigInt(values.get(k) ?? 0);
      else row[j] = row[j]! + coef;
    };
    add(c.total, 1n);
    for (const p of c.parts) add(p, -1n);
    row[vars.length] = rhs;
    if (row.slice(0, vars.length).some((x) => x !== 0n)) rows.push(row);
  }
  let r = 0;
  for (let j = 0; j < vars.length && r < rows.length; j++) {
    const p = rows.findIndex((row, i) => i >= r && row[j] !== 0n);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pivot = rows[r]!;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || rows[i]![j] === 0n) continue;
      const f = rows[i]![j]!;
      const a = pivot[j]!;
      rows[i] = rows[i]!.map((x, c) => x * a - pivot[c]! * f);
    }
    r++;
  }
  const solved = new Map<string, bigint>();
  for (const row of rows.slice(0, r)) {
    const nz = row.slice(0, vars.length).flatMap((x, j) => (x !== 0n ? [j] : []));
    if (nz.length === 1) solved.set(vars[nz[0]!]!, row[vars.length]! / row[nz[0]!]!);
  }
  return solved;
}

const dimsArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }).map((sizes) =>
  sizes.map((n, i): Dimension => ({
    name: `d${i}`,
    members: Array.from({ length: n }, (_, m) => `m${m}`),
  })),
);

/** Cubes with many small counts (0-9), some zeros, and a few large ones. */
const cubeArb = dimsArb.chain((dims) => {
  const cells = dims.reduce((n, d) => n * d.members.length, 1);
  return fc
    .array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 300 })), {
      minLength: cells,
      maxLength: cells,
    })
    .map((vals) => {
      let i = 0;
      return buildCube('x', dims, () => vals[i++] ?? 0);
    });
});

describe('small-count suppression', () => {
  it('hides every count below the threshold and leaves no hidden cell exactly recoverable', () => {
    fc.assert(
      fc.property(cubeArb, fc.integer({ min: 2, max: 10 }), (cube, t) => {
        const constraints = cubeConstraints(cube);
        const { suppressed, primary } = suppress(cube.values, constraints, t);
        for (const [k, v] of cube.values) {
          if (v > 0 && v < t) expect(suppressed.has(k)).toBe(true);
          if (primary.has(k)) expect(v > 0 && v < t).toBe(true);
        }
        expect(attack(cube.values, constraints, suppressed).size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and suppresses nothing when no count is small', () => {
    fc.assert(
      fc.property(cubeArb, (cube) => {
        const c = cubeConstraints(cube);
        expect([...suppress(cube.values, c, 5).suppressed].sort()).toEqual(
          [...suppress(cube.values, [...c].reverse(), 5).suppressed].sort(),
        );
        const big = buildCube('y', cube.dims, () => 7);
        expect(suppress(big.values, cubeConstraints(big), 5).suppressed.size).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('the attacker is not toothless: a lone small cell in a row is recovered when only primary cells are hidden', () => {
    const cube = buildCube('x', [{ name: 'sex', members: ['H', 'M'] }], (c) => (c.sex === 'H' ? 3 : 40));
    const hidden = new Set([cellKey('x', { sex: 'H' })]);
    expect(attack(cube.values, cubeConstraints(cube), hidden).get(cellKey('x', { sex: 'H' }))).toBe(3n);
    const s = suppress(cube.values, cubeConstraints(cube), 5).suppressed;
    expect(s.size).toBeGreaterThanOrEqual(2);
  });

  it('hides a figure shared by two tables in both, and keeps both safe together', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 18, maxLength: 18 }),
        fc.integer({ min: 2, max: 8 }),
        (vals, t) => {
          const grade: Dimension = { name: 'grade', members: ['1', '2', '3'] };
          const sex: Dimension = { name: 'sex', members: ['H', 'M'] };
          const status: Dimension = { name: 'status', members: ['a', 'b', 'c'] };
          // Two cubes of the same measure with the same grade × sex margins (as the 911 status and age cubes).
          const a = buildCube('mt', [grade, status, sex], (c) => vals[idx(c)] ?? 0);
          const byGradeSex = new Map<string, number>();
          for (const [k, v] of a.values) if (!k.includes('status=')) byGradeSex.set(k, v);
          const b = splitCube(byGradeSex);
          const tables = [
            layoutTable({
              title: 'A',
              cube: a,
              rows: 'grade',
              cols: ['status', 'sex'],
              labels: {},
              rowHeader: 'g',
            }),
            layoutTable({
              title: 'B',
              cube: b,
              rows: 'age',
              cols: ['grade', 'sex'],
              labels: {},
              rowHeader: 'e',
            }),
          ];
          const out = suppressTables(tables, [a, b], t);
          const status_ = new Map<string, boolean>();
          for (const tbl of out.tables)
            for (const c of tbl.cells.flat()) {
              const seen = status_.get(c.key);
              if (seen !== undefined) expect(c.suppressed).toBe(seen);
              status_.set(c.key, c.suppressed);
            }
          const all = new Map([...a.values, ...b.values]);
          const hidden = new Set([...status_].filter(([, s]) => s).map(([k]) => k));
          expect(attack(all, [...cubeConstraints(a), ...cubeConstraints(b)], hidden).size).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });
});

function idx(c: Readonly<Record<string, string>>): number {
  return (Number(c.grade) - 1) * 6 + ['a', 'b', 'c'].indexOf(c.status ?? 'a') * 2 + (c.sex === 'H' ? 0 : 1);
}

/** A second cube (age × grade × sex) whose grade × sex margins equal the given ones: each split in two ages. */
function splitCube(margins: ReadonlyMap<string, number>): Cube {
  const dims: Dimension[] = [
    { name: 'age', members: ['15', '16'] },
    { name: 'grade', members: ['1', '2', '3'] },
    { name: 'sex', members: ['H', 'M'] },
  ];
  return buildCube('mt', dims, (c) => {
    const total = margins.get(cellKey('mt', { grade: c.grade!, sex: c.sex! })) ?? 0;
    const first = Math.floor(total / 3);
    return c.age === '15' ? first : total - first;
  });
}
