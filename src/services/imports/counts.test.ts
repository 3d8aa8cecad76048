import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../storage/db.js';
import { flowYears } from '../../storage/flow-queries.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { importReportedCounts } from './counts.js';
import { reportedVsComputed } from '../indicators/index.js';

const HEADER = 'ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg';
const csv = (lines: readonly string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');

interface Sums {
  mt: number;
  ni1: number;
  ex: number;
  ap: number;
  reg: number;
  eg: number;
}

/** The demo's flow counts of one campus (by CCT) or one state (by code) in a year, as a reporting unit sends them. */
async function sums(store: Store, year: string, where: { cct?: string; state?: string }): Promise<Sums> {
  const r = await sql<Sums>`select sum(fc.mt) as mt, sum(fc.ni1) as ni1, sum(fc.ex) as ex, sum(fc.ap) as ap,
      sum(fc.reg) as reg, sum(fc.eg) as eg
    from flow_counts_campus fc join campuses c on c.id = fc.campus_id join states s on s.id = fc.state_id
    where fc.school_year = ${year} and (c.cct = ${where.cct ?? null} or s.code = ${where.state ?? null})`.execute(
    store.db,
  );
  const row = r.rows[0]!;
  return {
    mt: Number(row.mt),
    ni1: Number(row.ni1),
    ex: Number(row.ex),
    ap: Number(row.ap),
    reg: Number(row.reg),
    eg: Number(row.eg),
  };
}

const line = (year: string, unit: string, s: Sums) =>
  [year, unit, s.mt, s.ni1, s.ex, s.ap, s.reg, s.eg].join(',');

async function snapshot(store: Store): Promise<string> {
  const rows = await store.db
    .selectFrom('reported_counts')
    .selectAll()
    .orderBy('school_year')
    .orderBy('level')
    .orderBy('unit')
    .execute();
  const runs = await sql<{ n: number }>`select count(*) as n from import_runs`.execute(store.db);
  return JSON.stringify([rows, Number(runs.rows[0]?.n)]);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('the import was not rejected');
}

describeEachDialect('import counts', ({ store }) => {
  let year: string;
  let cct: string;
  let stateCode: string;
  let good: Buffer;
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
    const years = await flowYears(store().db);
    year = years.at(-2)!; // has a next year, so both dropout rates exist
    const campus = await store()
      .db.selectFrom('flow_counts_campus as fc')
      .innerJoin('campuses as c', 'c.id', 'fc.campus_id')
      .innerJoin('states as s', 's.id', 'c.state_id')
      .select(['c.cct', 's.code'])
      .where('fc.school_year', '=', year)
      .orderBy('c.cct')
      .executeTakeFirstOrThrow();
    cct = campus.cct;
    stateCode = campus.code;
    const next = years.at(-1)!;
    good = csv([
      HEADER,
      line(year, cct, await sums(store(), year, { cct })),
      line(next, cct, await sums(store(), next, { cct })),
      line(year, stateCode, await sums(store(), year, { state: stateCode })),
      line(next, stateCode, await sums(store(), next, { state: stateCode })),
    ]);
  }, 120_000);

  it('imports a campus and a state; their counts agree with the records (differences 0, same dropout)', async () => {
    const s = await importReportedCounts(store().db, good, 'conteos.csv', { actor: 'tester' });
    expect([s.rows, s.inserted, s.updated, s.unchanged]).toEqual([4, 4, 0, 0]);
    expect(s.levels).toEqual({ campus: 2, state: 2, national: 0 });
    expect(s.runId).not.toBeNull();
    const run = await store()
      .db.selectFrom('import_runs')
      .select(['kind', 'rows', 'inserted'])
      .where('id', '=', s.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ kind: 'counts', rows: 4, inserted: 4 });
    const audit = await store()
      .db.selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('action', '=', 'import.file')
      .execute();
    expect(audit).toContainEqual({ actor: 'tester', action: 'import.file' });

    const c = await reportedVsComputed(store().db, { schoolYear: year });
    expect(c.rows.map((r) => [r.level, r.unit])).toEqual([
      ['campus', cct],
      ['state', stateCode],
    ]);
    expect([c.compared, c.matching]).toEqual([2, 2]);
    for (const r of c.rows) {
      expect(r.difference_mt).toBe(0);
      expect(r.difference_eg).toBe(0);
      expect(r.abandono_reported).not.toBeNull();
      expect(r.abandono_computed).toBeCloseTo(r.abandono_reported!, 9);
      expect(r.abandono_difference).toBeCloseTo(0, 9);
    }
    const states = await reportedVsComputed(store().db, { level: 'state' });
    expect(states.rows.every((r) => r.level === 'state')).toBe(true);
    expect(states.rows).toHaveLength(2);
  });

  it('a scoped reader sees only the units of its state or campus', async () => {
    const st = await store()
      .db.selectFrom('states')
      .select('id')
      .where('code', '=', stateCode)
      .executeTakeFirstOrThrow();
    const scope = (role: 'state' | 'campus', stateId: number | null, campusId: number | null) => ({
      scope: { userId: 1, role, stateId, campusId, groups: [] },
      schoolYear: year,
    });
    const own = await reportedVsComputed(store().db, scope('state', st.id, null));
    expect(own.rows.map((r) => r.unit)).toEqual([cct, stateCode]);
    const other = await reportedVsComputed(store().db, scope('state', st.id === 1 ? 2 : 1, null));
    expect(other.rows).toEqual([]);
    const campus = await reportedVsComputed(store().db, scope('campus', st.id, -5));
    expect(campus.rows.map((r) => r.unit)).toEqual([stateCode]);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await snapshot(store());
    const s = await importReportedCounts(store().db, good, 'conteos.csv');
    expect([s.inserted, s.updated, s.unchanged]).toEqual([0, 0, 4]);
    const after = JSON.parse(await snapshot(store())) as [unknown[], number];
    const was = JSON.parse(before) as [unknown[], number];
    expect(after[0]).toEqual(was[0]); // rows and their import time kept
    expect(after[1]).toBe(was[1] + 1); // the run itself is recorded
  });

  it('a changed count is an update and shows as a difference', async () => {
    const changed = good.toString('utf8').replace(`${year},${stateCode},`, `${year},${stateCode},1`);
    const s = await importReportedCounts(store().db, Buffer.from(changed), 'conteos-2.csv', { dryRun: true });
    expect([s.inserted, s.updated, s.unchanged, s.runId]).toEqual([0, 1, 3, null]);
    // --dry-run wrote nothing
    const c = await reportedVsComputed(store().db, { schoolYear: year, level: 'state' });
    expect(c.rows[0]?.difference_mt).toBe(0);
  });

  it('a typo names file, line, column and value, and changes nothing', async () => {
    const before = await snapshot(store());
    const typo = good.toString('utf8').split('\n');
    typo[2] = typo[2]!.replace(/,(\d+)$/, ',1O');
    const e = await rejection(importReportedCounts(store().db, Buffer.from(typo.join('\n')), 'typo.csv'));
    expect(e.code).toBe('invalid_counts_file');
    expect(e.details.join('\n')).toContain(
      'typo.csv:3: columna "eg", valor "1O": conteo inválido: no es un número',
    );
    expect(await snapshot(store())).toBe(before);
  });

  it('rejects an unknown CCT, a bad unit and duplicates, changing nothing', async () => {
    const before = await snapshot(store());
    const z = '10,2,9,8,1,3';
    const e = await rejection(
      importReportedCounts(
        store().db,
        csv([HEADER, `${year},${cct},${z}`, `${year},01ZZZ9999Z,${z}`]),
        'desconocido.csv',
      ),
    );
    expect(e.details.join('\n')).toContain(
      'desconocido.csv:3: columna "unidad", valor "01ZZZ9999Z": plantel desconocido',
    );
    const bad = await rejection(
      importReportedCounts(
        store().db,
        csv([HEADER, `${year},33,${z}`, `${year},MX,${z}`, `${year},nacional,${z}`, `${year},X1,${z}`]),
        'malos.csv',
      ),
    );
    const text = bad.details.join('\n');
    expect(text).toContain('malos.csv:2: columna "unidad", valor "33": clave de entidad fuera de rango');
    expect(text).toContain('malos.csv:4: columna "unidad", valor "nacional": (ciclo');
    expect(text).toContain('repetido: aparece en las líneas 3 y 4');
    expect(text).toContain('malos.csv:5: columna "unidad", valor "X1": unidad inválida');
    expect(await snapshot(store())).toBe(before);
  });
});
