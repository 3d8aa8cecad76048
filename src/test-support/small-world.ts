/**
 * A hand-built world small enough to reason about in a test: two states with one campus each, one program,
 * three school years and students whose current campus and last school year the test chooses. Repository tests
 * on both dialects build on it (no generated demo).
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export const YEARS = [
  { id: '2018-2019', start_date: '2018-08-20', end_date: '2019-07-12' },
  { id: '2019-2020', start_date: '2019-08-19', end_date: '2020-07-10' },
  { id: '2024-2025', start_date: '2024-08-26', end_date: '2025-07-11' },
] as const;

/** Campus 1 is in state 9 (CDMX), campus 2 in state 15 (México). */
export async function buildPlaces(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('states')
    .values([
      { id: 9, code: '09', name: 'Ciudad de México', short_name: 'CDMX' },
      { id: 15, code: '15', name: 'México', short_name: 'MEX' },
    ])
    .execute();
  const campus = (id: number, state: number) => ({
    id,
    cct: `${String(state).padStart(2, '0')}DPT000${id}A`,
    campus_number: id,
    name: `Plantel ${id}`,
    state_id: state,
    reporting_unit: 'U',
    latitude: 19.25,
    longitude: -99.5,
    address: `Calle ${id}`,
    active: 1,
  });
  await db
    .insertInto('campuses')
    .values([campus(1, 9), campus(2, 15)])
    .execute();
  await db.insertInto('programs').values({ id: 1, code: 'P1', name: 'Programa', area: 'A' }).execute();
  await db
    .insertInto('school_years')
    .values([...YEARS])
    .execute();
}

/** Students `[id, campus, last school year]` (sex M, born 2002-03-15, sixth semester). */
export async function buildStudents(
  db: Kysely<Database>,
  students: readonly (readonly [number, number, string | null])[],
): Promise<void> {
  await db
    .insertInto('students')
    .values(
      students.map(([id, campus, last]) => ({
        id,
        sex: 'M',
        birth_date: '2002-03-15',
        entry_year: 2016,
        entry_campus_id: campus,
        campus_id: campus,
        program_id: 1,
        last_school_year: last,
        last_term_no: last === null ? null : 2,
        last_semester: last === null ? null : 6,
        last_status: last === null ? null : 'EG',
      })),
    )
    .execute();
}

/** The two states of the hand-built histories. */
export const STATES = [
  { id: 9, code: '09', name: 'Ciudad de México', short_name: 'CDMX' },
  { id: 15, code: '15', name: 'México', short_name: 'MEX' },
] as const;

/** A campus of a state in the hand-built histories ("0<state>DPT000<id>A"). */
export const campusRow = (id: number, stateId: number) => ({
  id,
  cct: `0${stateId}DPT000${id}A`,
  campus_number: id,
  name: `Plantel ${id}`,
  state_id: stateId,
  reporting_unit: 'x',
  latitude: 19,
  longitude: -99,
  address: 'Calle 1',
  active: 1,
});

/**
 * A small history written in dependency order: the two states, campuses `[id, state]`, programs, school
 * years, students and their enrollments (effects-queries.test.ts, risk-store.test.ts).
 */
export async function buildHistory(
  db: Kysely<Database>,
  h: {
    readonly campuses: readonly (readonly [number, number])[];
    readonly programs: readonly Insertable<Database['programs']>[];
    readonly years: readonly Insertable<Database['school_years']>[];
    readonly students: readonly Insertable<Database['students']>[];
    readonly enrollments: readonly Insertable<Database['enrollments']>[];
  },
): Promise<void> {
  await db
    .insertInto('states')
    .values([...STATES])
    .execute();
  await db
    .insertInto('campuses')
    .values(h.campuses.map(([id, state]) => campusRow(id, state)))
    .execute();
  await db
    .insertInto('programs')
    .values([...h.programs])
    .execute();
  await db
    .insertInto('school_years')
    .values([...h.years])
    .execute();
  await db
    .insertInto('students')
    .values([...h.students])
    .execute();
  if (h.enrollments.length > 0)
    await db
      .insertInto('enrollments')
      .values([...h.enrollments])
      .execute();
}
