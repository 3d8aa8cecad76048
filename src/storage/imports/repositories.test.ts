/**
 * The imports repositories (storage/imports/) on both dialects: each answer checked against the rows read
 * another way (whole tables, filtered here); writes inside a transaction that is rolled back.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { openStore } from '../db.js';
import {
  allCampuses,
  campusesWithStates,
  insertStates,
  knownCcts,
  storedStateIds,
  writeCampuses,
} from './campus-writes.js';
import { openImportStore } from './import-store.js';
import { publishedOf, reportedCountsOf, writePublished, writeReportedCounts } from './indicator-writes.js';
import {
  birthDatesOf,
  campusesOfStudents,
  catalogKeys,
  certificationsOf,
  enrollmentsInTerm,
  enrollmentsOf,
  identitiesOf,
  interventionsOf,
  maxRecordId,
  maxSemesterOf,
  moduleKeys,
  moduleResultsInTerm,
  paymentsOf,
  programsByCode,
  readmissionsOf,
  statusEventsOf,
  studentsByIds,
  updateIdentity,
  updateRecord,
} from './record-queries.js';
import { insertImportRun } from './runs.js';
import { campusKeys, moduleKeysByProgram, offeredPrograms, programKeys } from './template-lists.js';

class Rollback extends Error {}

const sortIds = (xs: readonly { id: number }[]) => xs.map((x) => Number(x.id)).sort((a, b) => a - b);

describeEachDialect('imports repositories', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 5, scale: 0.005 });
  }, 180_000);

  /** Some students with enrollments, module results and events (the first 40 by id). */
  async function someStudents() {
    const rows = await store().db.selectFrom('students').select('id').orderBy('id').limit(40).execute();
    return rows.map((r) => Number(r.id));
  }

  it('reads the catalog keys, the largest ids and the program catalog', async () => {
    const db = store().db;
    const campuses = await db.selectFrom('campuses').selectAll().execute();
    const programs = await db.selectFrom('programs').selectAll().execute();
    const cat = await catalogKeys(db);
    expect(cat.campuses.size).toBe(campuses.length);
    expect(cat.campuses.get(campuses[0]!.cct)).toBe(campuses[0]!.id);
    expect(cat.programs.get(programs[0]!.code.toUpperCase())).toBe(programs[0]!.id);
    expect(await maxRecordId(db, 'programs')).toBe(Math.max(...programs.map((p) => p.id)));
    expect(await maxRecordId(db, 'certifications')).toBeGreaterThanOrEqual(0);
    expect((await programsByCode(db)).size).toBe(programs.length);
    const modules = await db.selectFrom('modules').selectAll().execute();
    const m = modules[3]!;
    expect((await moduleKeys(db)).get(m.code.toUpperCase())).toEqual({
      id: m.id,
      programId: m.program_id,
      semester: m.semester,
    });
  });

  it('finds the rows of some students: enrollments, results, events, payments, campuses', async () => {
    const db = store().db;
    const ids = await someStudents();
    const all = await db.selectFrom('enrollments').selectAll().execute();
    const mine = all.filter((e) => ids.includes(e.student_id));
    expect(sortIds(await enrollmentsOf(db, ids))).toEqual(sortIds(mine));
    const e = mine[0]!;
    const inTerm = mine.filter((x) => x.school_year === e.school_year && x.term_no === e.term_no);
    expect(sortIds(await enrollmentsInTerm(db, store(), ids, e.school_year, e.term_no))).toEqual(
      sortIds(inTerm),
    );
    const results = (await db.selectFrom('module_results').selectAll().execute()).filter(
      (r) => ids.includes(r.student_id) && r.school_year === e.school_year && r.term_no === e.term_no,
    );
    expect(sortIds(await moduleResultsInTerm(db, store(), ids, e.school_year, e.term_no))).toEqual(
      sortIds(results),
    );
    expect(sortIds(await studentsByIds(db, ids))).toEqual([...ids].sort((a, b) => a - b));
    expect((await identitiesOf(db, ids)).map((i) => i.student_id).sort((a, b) => a - b)).toEqual(
      [...ids].sort((a, b) => a - b),
    );
    const events = (await db.selectFrom('status_events').selectAll().execute()).filter((x) =>
      ids.includes(x.student_id),
    );
    expect(sortIds(await statusEventsOf(db, ids))).toEqual(sortIds(events));
    expect((await readmissionsOf(db, ids)).length).toBe(
      events.filter((x) => x.kind === 'readmission').length,
    );
    const top = await maxSemesterOf(db, ids);
    expect(top.get(e.student_id)).toBe(
      Math.max(...mine.filter((x) => x.student_id === e.student_id).map((x) => x.semester)),
    );
    const campuses = await campusesOfStudents(db, store(), ids);
    for (const x of mine) expect(campuses.get(x.student_id)?.has(x.campus_id)).toBe(true);
    const students = await db.selectFrom('students').selectAll().execute();
    const born = await birthDatesOf(db, store(), ids);
    expect(born.get(ids[0]!)).toBe(students.find((s) => s.id === ids[0])!.birth_date);
    const payments = (await db.selectFrom('scholarship_payments').selectAll().execute()).filter((p) =>
      ids.includes(p.student_id),
    );
    expect(sortIds(await paymentsOf(db, store(), ids))).toEqual(sortIds(payments));
    const interventions = (
      await db.selectFrom('interventions').select(['id', 'student_id']).execute()
    ).filter((p) => ids.includes(p.student_id));
    expect(sortIds(await interventionsOf(db, store(), ids))).toEqual(sortIds(interventions));
    const certs = (await db.selectFrom('certifications').select(['id', 'student_id']).execute()).filter((p) =>
      ids.includes(p.student_id),
    );
    expect(sortIds(await certificationsOf(db, store(), ids))).toEqual(sortIds(certs));
    expect(await enrollmentsOf(db, [])).toEqual([]);
  });

  it('updates one row by id and an identity, inside a transaction', async () => {
    const db = store().db;
    const [id] = await someStudents();
    const e = (await enrollmentsOf(db, [id!]))[0]!;
    await expect(
      db.transaction().execute(async (trx) => {
        await updateRecord(trx, 'enrollments', e.id, { attendance_pct: 12.5, group_code: 'ZZ' });
        await updateIdentity(trx, id!, { given_names: 'PRUEBA' });
        const [after] = await enrollmentsOf(trx, [id!]).then((l) => l.filter((x) => x.id === e.id));
        expect(after).toMatchObject({ attendance_pct: 12.5, group_code: 'ZZ' });
        expect((await identitiesOf(trx, [id!]))[0]!.given_names).toBe('PRUEBA');
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect((await enrollmentsOf(db, [id!])).find((x) => x.id === e.id)).toEqual(e);
  });

  it('writes campuses, states, import runs, counts and published rates', async () => {
    const db = store().db;
    const before = await allCampuses(db);
    const withStates = await campusesWithStates(db);
    expect(withStates.map((c) => c.id)).toEqual([...before.map((c) => c.id)].sort((a, b) => a - b));
    expect([...(await knownCcts(db, [before[0]!.cct, 'XXNOEXISTE']))]).toEqual([before[0]!.cct]);
    const states = await storedStateIds(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await insertStates(trx, []);
        const c = before[0]!;
        const fresh = { ...c, id: 9999, cct: '99ZZZ9999Z' };
        await writeCampuses(trx, [fresh], [{ ...c, name: 'Otro nombre' }]);
        const after = await allCampuses(trx);
        expect(after.find((x) => x.id === 9999)?.cct).toBe('99ZZZ9999Z');
        expect(after.find((x) => x.id === c.id)?.name).toBe('Otro nombre');
        const run = {
          kind: 'campuses',
          file_name: 'f.csv',
          file_sha256: 'x',
          rows: 1,
          inserted: 1,
          updated: 0,
          unchanged: 0,
          issues: 0,
          status: 'ok',
          started_at: '2026-01-01T00:00:00Z',
          finished_at: '2026-01-01T00:00:01Z',
        };
        const first = await insertImportRun(trx, run);
        expect(await insertImportRun(trx, run)).toBe(first + 1);
        const counts = {
          school_year: '2030-2031',
          level: 'national' as const,
          unit: 'MX',
          mt: 10,
          ni1: 3,
          ex: 1,
          ap: 8,
          reg: 1,
          eg: 2,
          source: 'f.csv',
          imported_at: '2026-01-01',
        };
        await writeReportedCounts(trx, [counts], []);
        await writeReportedCounts(trx, [], [{ ...counts, mt: 11 }]);
        expect((await reportedCountsOf(trx, ['2030-2031']))[0]).toMatchObject({ mt: 11 });
        expect(await reportedCountsOf(trx, [])).toEqual([]);
        const rate = {
          school_year: '2030-2031',
          indicator: 'abandono',
          state_id: c.state_id,
          campus_number: c.campus_number,
          campus_name: c.name,
          campus_id: c.id,
          value: 10.5,
          source: 'f.csv',
          imported_at: '2026-01-01',
        };
        await writePublished(trx, [rate], []);
        await writePublished(trx, [], [{ ...rate, value: 7.25 }]);
        expect((await publishedOf(trx, 'abandono', ['2030-2031']))[0]).toMatchObject({ value: 7.25 });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await allCampuses(db)).toEqual(before);
    expect(await storedStateIds(db)).toEqual(states);
  });

  it('lists the template keys: campuses by CCT, programs by code, modules by program and semester', async () => {
    const db = store().db;
    const campuses = await campusKeys(db);
    expect(campuses.map((c) => c.cct)).toEqual([...campuses.map((c) => c.cct)].sort());
    const programs = await programKeys(db);
    expect(programs.map((p) => p.code)).toEqual([...programs.map((p) => p.code)].sort());
    const modules = await moduleKeysByProgram(db);
    const stored = await db.selectFrom('modules').selectAll().execute();
    expect(modules).toHaveLength(stored.length);
    const keys = modules.map((m) => `${m.program}|${m.semester}|${m.code}`);
    expect(keys).toEqual([...keys].sort());
    const offered = await db
      .selectFrom('campus_programs as cp')
      .innerJoin('programs as p', 'p.id', 'cp.program_id')
      .select(['cp.campus_id', 'p.code'])
      .execute();
    const pairs = (await offeredPrograms(db)).map((o) => `${o.campus_id}|${o.code}`);
    expect([...pairs].sort()).toEqual(offered.map((o) => `${o.campus_id}|${o.code}`).sort());
  });
});

describe('the store a CLI import runs on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trayecto-import-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing SQLite file: a dry run validates in memory, a failed import removes the file it created', async () => {
    const file = join(dir, 'nuevo.db');
    const target = { dialect: 'sqlite' as const, file };
    const open = { existing: () => Promise.reject(new Error('no')), create: () => openStore(target) };
    const dry = await openImportStore(target, true, open);
    expect(dry.store.sqlite?.name).toBe(':memory:');
    await dry.store.close();
    expect(existsSync(file)).toBe(false);
    const real = await openImportStore(target, false, open);
    expect(existsSync(file)).toBe(true);
    await real.store.close();
    real.discard();
    expect(existsSync(file)).toBe(false);
  });

  it('PostgreSQL: a dry run opens the existing database and nothing is ever removed', async () => {
    const existing = openStore({ dialect: 'sqlite', file: ':memory:' });
    const target = { dialect: 'postgres' as const, url: 'postgres://nowhere/x' };
    const open = { existing: () => Promise.resolve(existing), create: () => existing };
    const dry = await openImportStore(target, true, open);
    expect(dry.store).toBe(existing);
    expect(() => dry.discard()).not.toThrow();
    await existing.close();
  });
});
