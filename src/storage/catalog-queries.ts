/**
 * The catalog repository: states, campuses, programs and teachers as the services look them up (by key, by
 * unit, counted). Every function takes the database or a transaction first.
 */
import type { Kysely } from 'kysely';
import type { Level } from './flow-queries.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface CampusRow {
  readonly id: number;
  readonly cct: string;
  readonly name: string;
  readonly state_id: number;
}

/** One campus by its CCT, with its state's code and name. */
export async function campusByCct(
  db: Db,
  cct: string,
): Promise<(CampusRow & { code: string; state_name: string }) | undefined> {
  return db
    .selectFrom('campuses as c')
    .innerJoin('states as s', 's.id', 'c.state_id')
    .select(['c.id', 'c.cct', 'c.name', 'c.state_id', 's.code', 's.name as state_name'])
    .where('c.cct', '=', cct)
    .executeTakeFirst();
}

/** One state by its INEGI number. */
export async function stateById(
  db: Db,
  id: number,
): Promise<{ id: number; code: string; name: string } | undefined> {
  return db.selectFrom('states').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function allCampuses(db: Db): Promise<CampusRow[]> {
  return db.selectFrom('campuses').select(['id', 'cct', 'name', 'state_id']).execute();
}

export async function allStates(db: Db): Promise<{ id: number; code: string; name: string }[]> {
  return db.selectFrom('states').select(['id', 'code', 'name']).execute();
}

/** The campuses a unit covers (null = all): a state's campuses, one campus, or those offering a program. */
export async function campusIdsOfUnit(
  db: Db,
  level: Level,
  unitId: string | undefined,
): Promise<number[] | null> {
  if (level === 'national' || unitId === undefined) return null;
  if (level === 'state') {
    const rows = await db
      .selectFrom('campuses as c')
      .innerJoin('states as s', 's.id', 'c.state_id')
      .select('c.id')
      .where('s.code', '=', unitId)
      .execute();
    return rows.map((r) => r.id);
  }
  if (level === 'campus')
    return (await db.selectFrom('campuses').select('id').where('cct', '=', unitId).execute()).map(
      (r) => r.id,
    );
  const rows = await db
    .selectFrom('campus_programs as cp')
    .innerJoin('programs as p', 'p.id', 'cp.program_id')
    .select('cp.campus_id')
    .where('p.code', '=', unitId)
    .execute();
  return rows.map((r) => r.campus_id);
}

/** Active campuses, teachers and programs offered, among the given campuses (null = all). */
export async function unitSizes(
  db: Db,
  campusIds: readonly number[] | null,
): Promise<{ campuses: number; teachers: number; programs: number }> {
  const ids = campusIds === null ? null : campusIds.length > 0 ? campusIds : [-1];
  let campuses = db
    .selectFrom('campuses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active', '=', 1);
  if (ids) campuses = campuses.where('id', 'in', ids);
  let teachers = db.selectFrom('teachers').select((eb) => eb.fn.countAll<number>().as('n'));
  if (ids) teachers = teachers.where('campus_id', 'in', ids);
  const programs = ids
    ? await db
        .selectFrom('campus_programs')
        .select('program_id')
        .distinct()
        .where('campus_id', 'in', ids)
        .execute()
    : await db.selectFrom('programs').select('id as program_id').execute();
  return {
    campuses: Number((await campuses.executeTakeFirstOrThrow()).n),
    teachers: Number((await teachers.executeTakeFirstOrThrow()).n),
    programs: programs.length,
  };
}

export interface MapCampus {
  readonly cct: string;
  readonly name: string;
  readonly stateCode: string;
  readonly latitude: number;
  readonly longitude: number;
}

/** Active campuses with their coordinates, by CCT: of a state, offering a program, within a state or campus. */
export async function activeCampuses(
  db: Db,
  f: {
    readonly stateCode?: string;
    readonly programCode?: string;
    readonly stateId?: number;
    readonly campusId?: number;
  },
): Promise<MapCampus[]> {
  let q = db
    .selectFrom('campuses as c')
    .innerJoin('states as s', 's.id', 'c.state_id')
    .select(['c.cct', 'c.name', 's.code as stateCode', 'c.latitude', 'c.longitude'])
    .where('c.active', '=', 1)
    .orderBy('c.cct');
  if (f.stateCode !== undefined) q = q.where('s.code', '=', f.stateCode);
  if (f.programCode !== undefined) {
    const code = f.programCode;
    q = q.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('campus_programs as cp')
        .innerJoin('programs as p', 'p.id', 'cp.program_id')
        .select('cp.campus_id')
        .where('p.code', '=', code),
    );
  }
  if (f.stateId !== undefined) q = q.where('c.state_id', '=', f.stateId);
  if (f.campusId !== undefined) q = q.where('c.id', '=', f.campusId);
  return q.execute();
}

export async function allPrograms(db: Db): Promise<{ code: string; name: string; area: string }[]> {
  return db.selectFrom('programs').select(['code', 'name', 'area']).orderBy('code').execute();
}

export async function stateIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.selectFrom('states').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

/** One campus by its id; undefined when there is none. */
export async function campusById(db: Db, id: number): Promise<CampusRow | undefined> {
  return db
    .selectFrom('campuses')
    .select(['id', 'cct', 'name', 'state_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** How many campuses the database holds (0: no data loaded yet). */
export async function campusCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('campuses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The latest school year ("2025-2026") not after `upTo`; undefined when there is none. */
export async function latestSchoolYear(db: Db, upTo: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('school_years')
    .select('id')
    .where('id', '<=', upTo)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r?.id;
}
