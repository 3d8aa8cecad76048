import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import type { Database } from '../../storage/schema.js';
import { createTestStore, describeEachDialect, type TestStore } from '../../test-support/stores.js';
import { DEFAULT_SEED, loadDemo } from '../operations/index.js';
import { importCampuses } from './campuses.js';
import { importPublishedDropout } from './published.js';
import { pearson, publishedVsComputed } from '../indicators/index.js';

const CAMPUS_FILE = 'assets/data/conalep-planteles/GeoReferenciaPlanteles.csv';
const FILE = 'assets/data/conalep-abandono-2024-2025/abandono-por-plantel-2024-2025.csv';
const asset = (relative: string) => readFileSync(new URL(`../../../${relative}`, import.meta.url));
const PUBLISHED = asset(FILE);
const NOW = () => new Date('2026-11-28T12:00:00.000Z');
const LATER = () => new Date('2026-11-29T08:30:00.000Z');
const UNMATCHED = ['Pichucalco', 'Ing. Gustavo M. de la Garza Ortega', 'Lic. Bárbara Herrera de Garza'];

const edited = (edit: (text: string) => string) => Buffer.from(edit(PUBLISHED.toString('utf8')));

async function snapshot(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('published_indicators')
    .selectAll()
    .orderBy('school_year')
    .orderBy('indicator')
    .orderBy('state_id')
    .orderBy('campus_number')
    .orderBy('campus_name')
    .execute();
  const runs = await db.selectFrom('import_runs').select('id').execute();
  const checksum = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return { rows: rows.length, runs: runs.length, checksum };
}

const publishedRow = (db: Kysely<Database>, name: string) =>
  db.selectFrom('published_indicators').selectAll().where('campus_name', '=', name).executeTakeFirstOrThrow();

describeEachDialect('importPublishedDropout', ({ store, dialect }) => {
  beforeAll(async () => {
    await importCampuses(store().db, asset(CAMPUS_FILE), CAMPUS_FILE, { now: NOW });
  });

  it('refuses a database without campuses, changing nothing', async () => {
    const empty: TestStore = await createTestStore(dialect);
    try {
      const error = await importPublishedDropout(empty.store.db, PUBLISHED, FILE, { now: NOW }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ kind: 'unavailable', code: 'no_campuses' });
      expect(await snapshot(empty.store.db)).toMatchObject({ rows: 0, runs: 0 });
    } finally {
      await empty.dispose();
    }
  });

  it('a dry run reports what it would store and writes nothing', async () => {
    const db = store().db;
    const s = await importPublishedDropout(db, PUBLISHED, FILE, { dryRun: true, now: NOW });
    expect(s).toMatchObject({ rows: 313, inserted: 313, matched: 310, dryRun: true, runId: null });
    expect(await snapshot(db)).toMatchObject({ rows: 0, runs: 1 }); // the campus import's run only
  });

  it('stores the 313 published rows, reporting the known defects and the 3 unmatched campuses', async () => {
    const db = store().db;
    const s = await importPublishedDropout(db, PUBLISHED, FILE, { now: NOW });
    expect(s).toMatchObject({ rows: 313, inserted: 313, updated: 0, unchanged: 0, matched: 310, runId: 2 });
    expect(s.schoolYears).toEqual(['2024-2025']);
    expect(s.unmatched).toEqual(UNMATCHED);
    expect(s.defects).toContain(
      'línea 8 (Tepezalá, Aguascalientes): cve_ent 2 es Baja California, pero entidad dice "Aguascalientes"',
    );
    expect(s.defects.find((d) => d.includes('Tuxtepec'))).toMatch(
      /publicado en Nuevo León \(cve_ent 19\), pero la lista de planteles lo ubica en Oaxaca/,
    );
    for (const name of UNMATCHED)
      expect(s.defects.find((d) => d.includes(name))).toMatch(/no tiene plantel correspondiente/);
    expect(s.defects).toHaveLength(10);
    expect(await snapshot(db)).toMatchObject({ rows: 313, runs: 2 });
  });

  it('keeps each row as published, with the campus it matched', async () => {
    const db = store().db;
    const tepezala = await db
      .selectFrom('campuses')
      .select('id')
      .where('cct', '=', '01DPT0005F')
      .executeTakeFirstOrThrow();
    expect(await publishedRow(db, 'Tepezalá')).toMatchObject({
      school_year: '2024-2025',
      campus_id: tepezala.id,
      state_id: 2, // as published, although the campus is in Aguascalientes
      indicator: 'abandono',
      source: 'abandono-por-plantel-2024-2025.csv',
      imported_at: '2026-11-28T12:00:00.000Z',
    });
    expect((await publishedRow(db, 'Villa de Reyes')).value).toBe(-0.8);
    expect((await publishedRow(db, 'Pichucalco')).campus_id).toBeNull();
    const unmatched = await db
      .selectFrom('published_indicators')
      .select('campus_name')
      .where('campus_id', 'is', null)
      .execute();
    expect(unmatched.map((r) => r.campus_name).sort()).toEqual([...UNMATCHED].sort());
  });

  it('importing the same file again changes nothing: 0 inserted, 0 updated, 313 unchanged', async () => {
    const db = store().db;
    const before = await snapshot(db);
    const s = await importPublishedDropout(db, PUBLISHED, FILE, { now: LATER });
    expect(s).toMatchObject({ inserted: 0, updated: 0, unchanged: 313 });
    expect(await snapshot(db)).toEqual({ ...before, runs: before.runs + 1 });
  });

  it('a broken file or a repeated row changes nothing and names file, line, column and value', async () => {
    const db = store().db;
    const before = await snapshot(db);
    const bad = edited((t) =>
      t
        .replace('Aguascalientes II,2024-2025,6.1', 'Aguascalientes II,2024-2025,9.9') // valid, must not land
        .replace('Tepezalá,2024-2025,7.2', 'Tepezalá,2024-2025,n/d'),
    );
    const error = await importPublishedDropout(db, bad, 'abandono.csv', { now: NOW }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toContain(
      'abandono.csv:8: columna "porcentaje_abandono_escolar", valor "n/d": no es un número',
    );
    const lines = PUBLISHED.toString('utf8').split('\n');
    const repeated = Buffer.from([...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n'));
    const dup = await importPublishedDropout(db, repeated, 'abandono.csv', { now: NOW }).catch(
      (e: unknown) => e,
    );
    expect((dup as AppError).details).toEqual([
      expect.stringMatching(/^abandono\.csv:4: columna "plantel", valor ".+": fila repetida: .* línea 3$/),
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a corrected rate updates that row only', async () => {
    const db = store().db;
    const corrected = edited((t) =>
      t.replace('Villa de Reyes,2024-2025,-0.8', 'Villa de Reyes,2024-2025,0.4'),
    );
    const s = await importPublishedDropout(db, corrected, FILE, { now: LATER });
    expect(s).toMatchObject({ inserted: 0, updated: 1, unchanged: 312 });
    expect(await publishedRow(db, 'Villa de Reyes')).toMatchObject({
      value: 0.4,
      imported_at: '2026-11-29T08:30:00.000Z',
    });
  });

  it('compares with computed rates only where flow counts exist', async () => {
    const c = await publishedVsComputed(store().db, { schoolYear: '2024-2025' });
    expect(c.rows).toHaveLength(310);
    expect(c.rows.every((r) => r.computed === null && r.difference === null)).toBe(true);
    expect([c.count, c.correlation]).toEqual([0, null]);
    expect(c.rows.find((r) => r.cct === '01DPT0005F')).toMatchObject({
      name: 'Tepezalá',
      state: 'Aguascalientes',
    });
  });
});

// The demo is calibrated per campus, but a campus at scale s has s times its real students, so the computed rate
// carries sampling noise: measured r ≈ 1/√(1 + 0.061/s), i.e. 0.37-0.47 at 0.01 (seeds 1, 2, 3, 7, default),
// 0.66-0.74 at 0.05, 0.875 at 0.2 and ~0.97 at full scale. 0.05 is the smallest scale that clears 0.5 with margin.
const DEMO_SCALE = 0.05;

describe('published vs computed on the demo [sqlite]', () => {
  let test: TestStore;
  beforeAll(async () => {
    test = await createTestStore('sqlite');
    await loadDemo(test.store, { seed: DEFAULT_SEED, scale: DEMO_SCALE, force: false });
    await importPublishedDropout(test.store.db, PUBLISHED, FILE, { now: NOW });
  });
  afterAll(() => test.dispose());

  it('correlates the published rates with the ones computed from the generated records', async () => {
    const c = await publishedVsComputed(test.store.db, { schoolYear: '2024-2025' });
    console.log(
      `abandono 2024-2025 publicado vs. calculado (escala ${DEMO_SCALE}): r = ${c.correlation?.toFixed(3)}, n = ${c.count}`,
    );
    expect(c.count).toBeGreaterThanOrEqual(300);
    expect(c.correlation).toBeGreaterThan(0.5);
    for (const r of c.rows.filter((x) => x.computed !== null).slice(0, 20))
      expect(r.difference).toBeCloseTo((r.computed ?? 0) - r.published, 9);
  });
});

describe('pearson', () => {
  it.each([
    { xs: [1, 2, 3], ys: [2, 4, 6], r: 1 },
    { xs: [1, 2, 3], ys: [3, 2, 1], r: -1 },
    { xs: [1, 2, 3, 4], ys: [1, 3, 2, 4], r: 0.8 },
  ])('r($xs, $ys) = $r', ({ xs, ys, r }) => expect(pearson(xs, ys)).toBeCloseTo(r, 12));

  it('is undefined for fewer than two pairs or a constant series', () => {
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});
