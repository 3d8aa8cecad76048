import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCurp } from '../../domain/identifiers.js';
import { AppError } from '../../domain/errors.js';
import { rebuildFlowCounts } from '../../storage/flow-counts.js';
import { createTestStore, describeEachDialect } from '../../test-support/stores.js';
import { loadDemo, type GenerateDemoResult } from './generate-demo.js';
import { indicatorRows } from '../indicators/index.js';

const SCALE = 0.004;

describeEachDialect('demo generation', ({ store }) => {
  let result: GenerateDemoResult;
  beforeAll(async () => {
    result = await loadDemo(store(), { seed: 7, scale: SCALE, force: false });
  });

  it('writes the real campus list, 313 of them active, 32 states and 67 programs', async () => {
    const db = store().db;
    const campuses = await db.selectFrom('campuses').select(['active', 'cct']).execute();
    expect(campuses).toHaveLength(315);
    expect(campuses.filter((c) => c.active === 1)).toHaveLength(313);
    expect(await db.selectFrom('states').select('id').execute()).toHaveLength(32);
    expect(await db.selectFrom('programs').select('id').execute()).toHaveLength(67);
    expect(result.summary.teachers).toBe(Math.round(14_840 * SCALE));
  });

  it('enrolls students only at active campuses, each with one valid, unique CURP', async () => {
    const db = store().db;
    const inactive = await db
      .selectFrom('enrollments as e')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.active', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(inactive.n)).toBe(0);
    const ids = await db.selectFrom('student_identities').select(['curp', 'student_id']).execute();
    expect(ids.length).toBe(result.summary.students);
    expect(new Set(ids.map((r) => r.curp)).size).toBe(ids.length);
    for (const r of ids.slice(0, 500)) expect(parseCurp(r.curp).ok).toBe(true);
  });

  it('derives flow counts that match the records they come from', async () => {
    const db = store().db;
    const year = '2020-2021';
    const mt = await db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_year', '=', year)
      .where('term_no', '=', 1)
      .executeTakeFirstOrThrow();
    const grads = await db
      .selectFrom('status_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_year', '=', year)
      .where('kind', '=', 'graduation')
      .executeTakeFirstOrThrow();
    const [row] = await indicatorRows(db, { level: 'national', year });
    expect(row?.mt).toBe(Number(mt.n));
    expect(row?.eg).toBe(Number(grads.n));
  });

  it('rebuilds the flow counts of some years to the same values as a full rebuild', async () => {
    const db = store().db;
    const before = await indicatorRows(db, { level: 'state', year: '2019-2020' });
    await rebuildFlowCounts(db, ['2019-2020', '2020-2021']);
    expect(await indicatorRows(db, { level: 'state', year: '2019-2020' })).toEqual(before);
  });

  it('keeps campus dropout unclamped and the intra + inter identity at every campus', async () => {
    const rows = await indicatorRows(store().db, { level: 'campus', year: '2024-2025' });
    expect(rows.length).toBeGreaterThan(290); // at 0.4 % scale a few small campuses have nobody enrolled
    expect(rows.length).toBeLessThanOrEqual(313);
    for (const r of rows) {
      if (r.abandono === null) continue;
      expect((r.abandono_intra ?? 0) + (r.abandono_inter ?? 0)).toBeCloseTo(r.abandono, 9);
    }
    const sexRows = await indicatorRows(store().db, { level: 'national', year: '2024-2025', bySex: true });
    expect(sexRows.map((r) => r.sex).sort()).toEqual(['H', 'M']);
    expect(sexRows.reduce((a, r) => a + r.mt, 0)).toBe(rows.reduce((a, r) => a + r.mt, 0));
  });

  it('refuses to generate into a database that has data, unless forced', async () => {
    await expect(loadDemo(store(), { seed: 7, scale: SCALE, force: false })).rejects.toBeInstanceOf(AppError);
    const n = await sql<{ n: number }>`select count(*) as n from enrollments`.execute(store().db);
    expect(Number(n.rows[0]?.n)).toBe(result.rows.enrollments);
  });
});

describe('demo generation is deterministic and calibrated', () => {
  it('reproduces the same flow counts from the same seed', async () => {
    const a = await createTestStore('sqlite');
    const b = await createTestStore('sqlite');
    try {
      await loadDemo(a.store, { seed: 11, scale: 0.002, force: false });
      await loadDemo(b.store, { seed: 11, scale: 0.002, force: false });
      const q = (s: typeof a) => indicatorRows(s.store.db, { level: 'state' });
      expect(await q(a)).toEqual(await q(b));
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('reproduces the published national figures at 5 % scale (full scale is checked by npm run bench)', async () => {
    const t = await createTestStore('sqlite');
    try {
      await loadDemo(t.store, { seed: 20_261_128, scale: 0.05, force: false });
      const rows = await indicatorRows(t.store.db, { level: 'national' });
      const by = new Map(rows.map((r) => [r.school_year, r]));
      // Enrollment is exact by construction (new entrants fill the target); ET is exact up to rounding.
      expect(by.get('2025-2026')?.mt).toBe(Math.round(324_335 * 0.05));
      expect(by.get('2024-2025')?.eficiencia_terminal).toBeCloseTo(62.57, 1);
      expect(by.get('2016-2017')?.eficiencia_terminal).toBeCloseTo(49.17, 1);
      // Dropout is drawn student by student: at 5 % scale its sampling error is about 0.25 points.
      for (const [year, target] of [
        ['2015-2016', 18.6],
        ['2016-2017', 17.6],
        ['2017-2018', 16.3],
        ['2024-2025', 12.9],
      ] as const) {
        expect(Math.abs((by.get(year)?.abandono ?? 0) - target)).toBeLessThan(0.8);
      }
    } finally {
      await t.dispose();
    }
  });
});
