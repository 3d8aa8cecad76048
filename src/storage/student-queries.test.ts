/**
 * Student search: pages, totals (exact up to COUNT_CAP, counted in the page's own statement or alone for a
 * page past the end), scope filters, and campus and program names from the caller's catalog copy.
 */
import { beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../services/operations/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import { COUNT_CAP, catalogNames, searchStudents, type CatalogNames } from './student-queries.js';

describeEachDialect('student search', ({ store }) => {
  beforeAll(async () => {
    await loadDemo(store(), { seed: 5, scale: 0.01, force: false });
  }, 120_000);

  /** How many identities start with the prefix, counted directly. */
  async function prefixCount(prefix: string): Promise<number> {
    const rows = await store()
      .db.selectFrom('student_identities')
      .select('search_key')
      .where('search_key', 'like', `${prefix}%`)
      .execute();
    return rows.filter((r) => r.search_key.startsWith(prefix)).length;
  }

  /** The most common first surname, and a prefix with a few matches. */
  async function prefixes(): Promise<{ common: string; rare: string }> {
    const rows = await store().db.selectFrom('student_identities').select('search_key').execute();
    const bySurname = new Map<string, number>();
    for (const r of rows) {
      const s = r.search_key.split(' ')[0] ?? '';
      bySurname.set(s, (bySurname.get(s) ?? 0) + 1);
    }
    const common = [...bySurname].sort((a, b) => b[1] - a[1])[0]![0];
    // Both surnames, shared by a few students.
    const byBoth = new Map<string, number>();
    for (const r of rows) {
      const both = r.search_key.split(' ').slice(0, 2).join(' ');
      byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
    }
    const rare = [...byBoth].find(([, n]) => n > 3 && n < 40)![0];
    return { common: `${common} `, rare: `${rare} ` };
  }

  it('pages a name search in key order with the exact total, capped past COUNT_CAP', async () => {
    const db = store().db;
    const { common, rare } = await prefixes();
    const many = await prefixCount(common);
    expect(many).toBeGreaterThan(COUNT_CAP);
    const page = await searchStudents(db, {
      filter: { kind: 'all' },
      withIdentity: true,
      namePrefix: common,
      limit: 25,
      offset: 0,
    });
    expect(page.rows).toHaveLength(25);
    expect(page.total).toBe(COUNT_CAP + 1);
    const keys = page.rows.map((r) => r.name);
    expect(keys.every((n) => n !== null)).toBe(true);

    const few = await prefixCount(rare);
    const small = await searchStudents(db, {
      filter: { kind: 'all' },
      withIdentity: true,
      namePrefix: rare,
      limit: 2,
      offset: 0,
    });
    expect(small.rows).toHaveLength(2);
    expect(small.total).toBe(few);
    // A page past the end has no rows but the same total (counted on its own).
    const past = await searchStudents(db, {
      filter: { kind: 'all' },
      withIdentity: true,
      namePrefix: rare,
      limit: 25,
      offset: 500,
    });
    expect(past).toEqual({ rows: [], total: few });
    // Nothing matches: no rows, total 0.
    expect(
      await searchStudents(db, {
        filter: { kind: 'all' },
        withIdentity: false,
        namePrefix: 'ZZZZQ',
        limit: 25,
        offset: 0,
      }),
    ).toEqual({ rows: [], total: 0 });
  });

  it('lists a campus newest first and a state within the state, names from the catalog', async () => {
    const db = store().db;
    const catalog = await catalogNames(db);
    const campus = await db
      .selectFrom('students')
      .select((eb) => ['campus_id', eb.fn.countAll<number>().as('n')])
      .groupBy('campus_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const list = await searchStudents(
      db,
      { filter: { kind: 'campus', campusId: campus.campus_id }, withIdentity: false, limit: 25, offset: 0 },
      () => Promise.resolve(catalog),
    );
    expect(list.total).toBe(Math.min(Number(campus.n), COUNT_CAP + 1));
    const ids = list.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const info = catalog.campuses.get(campus.campus_id)!;
    for (const r of list.rows) {
      expect(r).toMatchObject({ campusCct: info.cct, campusName: info.name, name: null, curp: null });
      expect(r.programName).not.toBe('');
    }

    const stateId = info.stateId;
    const inState = new Set(
      [...catalog.campuses.values()].filter((c) => c.stateId === stateId).map((c) => c.cct),
    );
    const state = await searchStudents(db, {
      filter: { kind: 'state', stateId },
      withIdentity: true,
      limit: 50,
      offset: 0,
    });
    expect(state.rows.length).toBeGreaterThan(0);
    for (const r of state.rows) expect(inState.has(r.campusCct)).toBe(true);
  });

  it('reads the names afresh when the caller’s catalog copy lacks a campus or program', async () => {
    const db = store().db;
    const empty: CatalogNames = { campuses: new Map(), byCct: new Map(), programs: new Map() };
    const page = await searchStudents(
      db,
      { filter: { kind: 'all' }, withIdentity: false, limit: 5, offset: 0 },
      () => Promise.resolve(empty),
    );
    expect(page.rows).toHaveLength(5);
    for (const r of page.rows) {
      expect(r.campusCct).toMatch(/^\d{2}[A-Z]{3}\d{4}[A-Z]$/);
      expect(r.campusName).not.toBe('');
      expect(r.programName).not.toBe('');
    }
  });
});
