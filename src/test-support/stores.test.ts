import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, type Store } from '../storage/db.js';
import {
  databaseOf,
  describeEachDialect,
  TEMPLATE_SCHEMA,
  testDialects,
  withDatabase,
  withSearchPath,
} from './stores.js';

/** The tables of the store's own database (SQLite file, or the suite's PostgreSQL schema). */
async function tableNames(store: Store): Promise<string[]> {
  const query =
    store.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() order by table_name`;
  return (await query.execute(store.db)).rows.map((r) => r.name);
}

describe('testDialects', () => {
  it('always offers SQLite and lists PostgreSQL', () => {
    const dialects = testDialects();
    expect(dialects.map((d) => d.dialect)).toEqual(['sqlite', 'postgres']);
    expect(dialects[0]?.available).toBe(true);
    if (!dialects[1]?.available) expect(dialects[1]?.reason).toMatch(/TRAYECTO_TEST_PG_URL/);
  });
});

describe('withSearchPath', () => {
  it('adds the schema to the connection options, keeping the other parameters', () => {
    const url = withSearchPath('postgres://root@/trayecto_test?host=/var/run/postgresql', 't_1_ab');
    const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    expect(url.startsWith('postgres://root@/trayecto_test?')).toBe(true);
    expect(params.get('host')).toBe('/var/run/postgresql');
    expect(params.get('options')).toBe('-c search_path=t_1_ab');
  });

  it('keeps existing options and works without a query string', () => {
    const url = withSearchPath('postgres://u:p@db:5432/x?options=-c%20statement_timeout%3D5000', 's');
    expect(new URLSearchParams(url.split('?')[1]).get('options')).toBe(
      '-c statement_timeout=5000 -c search_path=s',
    );
    expect(withSearchPath('postgres://u@db/x', 's')).toBe('postgres://u@db/x?options=-c+search_path%3Ds');
  });
});

describe('withDatabase and databaseOf', () => {
  it('names another database in the same URL, without the search_path but with the other options', () => {
    const url = withSearchPath('postgres://root@/trayecto_test?host=/var/run/postgresql', 't_1_ab');
    expect(databaseOf(url)).toBe('trayecto_test');
    const other = withDatabase(url, 'trayecto_test_t_1_cd');
    expect(other).toBe('postgres://root@/trayecto_test_t_1_cd?host=%2Fvar%2Frun%2Fpostgresql');
    expect(databaseOf(other)).toBe('trayecto_test_t_1_cd');
    expect(
      withDatabase(
        'postgres://u:p@db:5432/x?options=-c%20statement_timeout%3D5000%20-c%20search_path%3Ds',
        'y',
      ),
    ).toBe('postgres://u:p@db:5432/y?options=-c+statement_timeout%3D5000');
    expect(withDatabase('postgres://u@db/x', 'y')).toBe('postgres://u@db/y');
    expect(() => databaseOf('postgres://u@db/X-1')).toThrow(/plain identifier/);
  });
});

describeEachDialect('test store harness', ({ dialect, store }) => {
  it('opens a store of the requested dialect', () => {
    expect(store().dialect).toBe(dialect);
  });

  it('isolates the suite in its own database', async () => {
    if (dialect === 'postgres') {
      // A copy of the run's migrated template database, named after the test database, in a schema not public.
      const { rows } = await sql<{ database: string; schema: string }>`
        select current_database() as database, current_schema() as schema`.execute(store().db);
      expect(rows[0]?.database).toMatch(/^[a-z0-9_]+_t_\d+_[0-9a-f]{12}$/);
      expect(rows[0]?.schema).toBe(TEMPLATE_SCHEMA);
    } else {
      const { rows } = await sql<{
        file: string;
      }>`select file from pragma_database_list where name = 'main'`.execute(store().db);
      expect(rows[0]?.file).toMatch(/trayecto-test-.*test\.db$/);
    }
  });

  it('inserts a state and a campus and reads them back', async () => {
    const { db } = store();
    await db
      .insertInto('states')
      .values({ id: 9, code: '09', name: 'Ciudad de México', short_name: 'CDMX' })
      .execute();
    await db
      .insertInto('campuses')
      .values({
        id: 90001,
        cct: '09DPT0001X',
        campus_number: 1,
        name: 'Plantel Azcapotzalco',
        state_id: 9,
        reporting_unit: 'Ciudad de México',
        latitude: 19.4869,
        longitude: -99.1844,
        address: 'Av. Ejemplo 1, Azcapotzalco',
        active: 1,
      })
      .execute();

    const state = await db.selectFrom('states').selectAll().where('id', '=', 9).executeTakeFirstOrThrow();
    expect(state).toEqual({ id: 9, code: '09', name: 'Ciudad de México', short_name: 'CDMX' });

    const campus = await db
      .selectFrom('campuses')
      .innerJoin('states', 'states.id', 'campuses.state_id')
      .select([
        'campuses.id',
        'campuses.cct',
        'campuses.campus_number',
        'campuses.name',
        'campuses.latitude',
        'campuses.longitude',
        'campuses.active',
        'states.code as state_code',
      ])
      .where('campuses.cct', '=', '09DPT0001X')
      .executeTakeFirstOrThrow();
    expect(campus).toEqual({
      id: 90001,
      cct: '09DPT0001X',
      campus_number: 1,
      name: 'Plantel Azcapotzalco',
      latitude: expect.closeTo(19.4869, 4) as number,
      longitude: expect.closeTo(-99.1844, 4) as number,
      active: 1,
      state_code: '09',
    });
  });

  it('enforces the foreign key from campuses to states', async () => {
    await expect(
      store()
        .db.insertInto('campuses')
        .values({
          id: 90002,
          cct: '99XXX0000Z',
          campus_number: 2,
          name: 'Sin estado',
          state_id: 99,
          reporting_unit: '-',
          latitude: 0,
          longitude: 0,
          address: '-',
          active: 0,
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('migrates idempotently: a second migrateToLatest changes nothing', async () => {
    const { db } = store();
    const before = await tableNames(store());
    const statesBefore = await db.selectFrom('states').select('id').orderBy('id').execute();
    expect(before).toEqual(expect.arrayContaining(['states', 'campuses', 'enrollments', 'flow_counts']));
    expect(new Set(before).size).toBe(before.length);

    expect(await migrateToLatest(db)).toEqual([]);

    expect(await tableNames(store())).toEqual(before);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    const names = applied.rows.map((r) => r.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    // The data written before the second run is still there.
    expect(await db.selectFrom('states').select('id').orderBy('id').execute()).toEqual(statesBefore);
  });
});
