import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { formatIssue } from '../../ingest/issues.js';
import type { Database } from '../../storage/schema.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { importCampuses } from './campuses.js';

const FILE = 'assets/data/conalep-planteles/GeoReferenciaPlanteles.csv';
const asset = (relative: string) => readFileSync(new URL(`../../../${relative}`, import.meta.url));
const ORIGINAL = asset(FILE); // Latin-1, CRLF
const NOW = () => new Date('2026-11-28T12:00:00.000Z');

/** The original file's text (Latin-1) with `edit` applied to its lines, encoded back to Latin-1. */
function editedFile(edit: (lines: string[]) => void): Buffer {
  const lines = ORIGINAL.toString('latin1').split('\r\n');
  edit(lines);
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

/** Row counts and a checksum of every campus and state row, to show that a failed import changed nothing. */
async function snapshot(db: Kysely<Database>) {
  const campuses = await db.selectFrom('campuses').selectAll().orderBy('id').execute();
  const states = await db.selectFrom('states').selectAll().orderBy('id').execute();
  const runs = await db.selectFrom('import_runs').select('id').execute();
  const checksum = createHash('sha256')
    .update(JSON.stringify([campuses, states]))
    .digest('hex');
  return { campuses: campuses.length, states: states.length, runs: runs.length, checksum };
}

const campusByCct = (db: Kysely<Database>, cct: string) =>
  db.selectFrom('campuses').selectAll().where('cct', '=', cct).executeTakeFirstOrThrow();

describeEachDialect('importCampuses', ({ store }) => {
  it('a dry run counts 315 new campuses and 32 states and writes nothing', async () => {
    const db = store().db;
    const s = await importCampuses(db, ORIGINAL, FILE, { dryRun: true, now: NOW });
    expect(s).toMatchObject({ rows: 315, inserted: 315, updated: 0, unchanged: 0, statesAdded: 32 });
    expect([s.dryRun, s.runId]).toEqual([true, null]);
    expect(await snapshot(db)).toMatchObject({ campuses: 0, states: 0, runs: 0 });
  });

  it('imports the Latin-1 original: 315 campuses with their accents, 32 states, the source defects', async () => {
    const db = store().db;
    const s = await importCampuses(db, ORIGINAL, FILE, { now: NOW });
    expect(s).toMatchObject({ rows: 315, inserted: 315, updated: 0, unchanged: 0, statesAdded: 32 });
    expect([s.encoding, s.runId]).toEqual(['windows-1252', 1]);
    // Placeholder coordinates on five rows and the placeholder CCT of one (see src/ingest/campuses.test.ts).
    expect(s.defects.map((d) => `${d.line} ${d.column ?? ''}`)).toEqual([
      '78 latitud',
      '78 longitud',
      '106 latitud',
      '106 longitud',
      '107 latitud',
      '107 longitud',
      '133 latitud',
      '133 longitud',
      '133 cct',
      '232 latitud',
      '232 longitud',
    ]);
    expect(formatIssue(s.defects[0]!)).toBe(`${FILE}:78: columna "latitud", valor "(null)": no es un número`);
    const snap = await snapshot(db);
    expect([snap.campuses, snap.states]).toEqual([315, 32]);
    expect(await campusByCct(db, '01DPT0003H')).toMatchObject({
      id: 3,
      name: 'Ing. Miguel Ángel Barberena Vega',
      campus_number: 47,
      state_id: 1,
      reporting_unit: 'Colegio Estatal Aguascalientes',
      active: 1,
      address: 'Av. Emiliano Zapata Esq. Francisco I. Madero S/N',
    });
    expect((await campusByCct(db, '07DPT0006Z')).name).toBe('San Cristóbal de las Casas');
    expect(
      (await db.selectFrom('states').selectAll().where('id', '=', 19).executeTakeFirstOrThrow()).name,
    ).toBe('Nuevo León');
  });

  it('makes incorporated private schools inactive and places campuses without coordinates in their state', async () => {
    const db = store().db;
    const inactive = await db
      .selectFrom('campuses')
      .select('name')
      .where('active', '=', 0)
      .orderBy('id')
      .execute();
    expect(inactive.map((c) => c.name)).toEqual(['Instituto Antares A.C.', 'Josefina Dueñas Montoya A.C.']);
    // Instituto Antares (Ciudad de México, line 78) gets the mean point of the 27 other campuses of the city.
    const cdmx = await db
      .selectFrom('campuses')
      .select(['latitude', 'longitude'])
      .where('state_id', '=', 9)
      .where('cct', '!=', '09PPT0001G')
      .execute();
    const antares = await campusByCct(db, '09PPT0001G');
    const mean = (k: 'latitude' | 'longitude') => cdmx.reduce((a, c) => a + c[k], 0) / cdmx.length;
    expect(antares.latitude).toBeCloseTo(mean('latitude'), 4);
    expect(antares.longitude).toBeCloseTo(mean('longitude'), 4);
  });

  it('records the import: file, sha-256, counts, defects and times', async () => {
    const run = await store().db.selectFrom('import_runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toEqual({
      id: 1,
      kind: 'campuses',
      file_name: FILE,
      file_sha256: 'cdd44c43d9034a88ec0ba5e7ba805f0207177de99873140cfee1ea3f34b74d52',
      rows: 315,
      inserted: 315,
      updated: 0,
      unchanged: 0,
      issues: 11,
      status: 'with_defects',
      started_at: '2026-11-28T12:00:00.000Z',
      finished_at: '2026-11-28T12:00:00.000Z',
    });
  });

  it('importing the same file again changes nothing: 0 inserted, 0 updated, 315 unchanged', async () => {
    const db = store().db;
    const before = await snapshot(db);
    const s = await importCampuses(db, ORIGINAL, FILE, { now: NOW });
    expect(s).toMatchObject({ inserted: 0, updated: 0, unchanged: 315, statesAdded: 0, runId: 2 });
    expect(await snapshot(db)).toEqual({ ...before, runs: before.runs + 1 });
  });

  it('the UTF-8 copy is the same list: nothing to change', async () => {
    const db = store().db;
    const before = await snapshot(db);
    const utf8 = asset('assets/data/conalep-planteles/GeoReferenciaPlanteles.utf8.csv');
    const s = await importCampuses(db, utf8, 'utf8.csv', { dryRun: true, now: NOW });
    expect(s).toMatchObject({ encoding: 'utf-8', inserted: 0, updated: 0, unchanged: 315 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a file with a broken row changes nothing and names file, line, column and value', async () => {
    const db = store().db;
    const before = await snapshot(db);
    const broken = editedFile((lines) => {
      lines[3] = lines[3]!.replace('Barberena Vega', 'Barberena Vega (renombrado)'); // valid, must not land
      lines[9] = lines[9]!.replace(/^\d+,/, 'dos,'); // line 10: state code not a number
    });
    const error = await importCampuses(db, broken, 'planteles.csv', { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_campus_file' });
    expect((error as AppError).details).toEqual([
      'planteles.csv:10: columna "clave_entidad", valor "dos": no es un número',
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('an edited file updates what changed and keeps ids, active flags and current coordinates', async () => {
    const db = store().db;
    await db.updateTable('campuses').set({ active: 0 }).where('cct', '=', '01DPT0004G').execute();
    const kept = await campusByCct(db, '01DPT0005F');
    const edited = editedFile((lines) => {
      lines[3] = lines[3]!.replace('Barberena Vega', 'Barberena Vega Ñ'); // renamed
      lines[5] = lines[5]!.replace('22.22240111,-102.1666781', ','); // coordinates dropped
      lines.splice(316, 0, '1,Aguascalientes,99,Colegio Nuevo A.C.,01PPT0099Z,21.9,-102.3,Calle 1');
    });
    const s = await importCampuses(db, edited, 'planteles.csv', { now: NOW });
    expect(s).toMatchObject({ rows: 316, inserted: 1, updated: 1, unchanged: 314 });
    expect(await campusByCct(db, '01DPT0003H')).toMatchObject({
      id: 3,
      name: 'Ing. Miguel Ángel Barberena Vega Ñ',
    });
    expect((await campusByCct(db, '01DPT0004G')).active).toBe(0);
    expect(await campusByCct(db, '01DPT0005F')).toEqual(kept);
    expect(await campusByCct(db, '01PPT0099Z')).toMatchObject({ id: 316, active: 0, latitude: 21.9 });
  });
});
