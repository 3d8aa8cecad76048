/**
 * Reads and writes of the campus list import (services/imports/campuses.ts) and the campus lookups of the
 * other file imports (reported counts, published rates), inside the import's transaction.
 */
import type { Kysely } from 'kysely';
import type { CampusesTable, Database, StatesTable } from '../schema.js';

type Db = Kysely<Database>;

/** The INEGI ids of the states stored. */
export async function storedStateIds(db: Db): Promise<Set<number>> {
  return new Set((await db.selectFrom('states').select('id').execute()).map((s) => s.id));
}

export async function insertStates(db: Db, states: readonly StatesTable[]): Promise<void> {
  if (states.length > 0) await db.insertInto('states').values(states).execute();
}

/** Every campus row. */
export function allCampuses(db: Db): Promise<CampusesTable[]> {
  return db.selectFrom('campuses').selectAll().execute();
}

/** Inserts campus rows (100 a statement) and sets the others' columns by id. */
export async function writeCampuses(
  db: Db,
  inserts: readonly CampusesTable[],
  updates: readonly CampusesTable[],
): Promise<void> {
  for (let i = 0; i < inserts.length; i += 100)
    await db
      .insertInto('campuses')
      .values(inserts.slice(i, i + 100))
      .execute();
  for (const { id, ...row } of updates)
    await db.updateTable('campuses').set(row).where('id', '=', id).execute();
}

/** Every campus with its state's name, by id. */
export function campusesWithStates(db: Db) {
  return db
    .selectFrom('campuses as c')
    .innerJoin('states as s', 's.id', 'c.state_id')
    .select([
      'c.id',
      'c.state_id',
      's.name as state_name',
      'c.campus_number',
      'c.name',
      'c.cct',
      'c.latitude',
      'c.longitude',
      'c.address',
    ])
    .orderBy('c.id')
    .execute();
}

/** The CCTs among some that name a stored campus. */
export async function knownCcts(db: Db, ccts: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ccts.length; i += 500) {
    const found = await db
      .selectFrom('campuses')
      .select('cct')
      .where('cct', 'in', ccts.slice(i, i + 500))
      .execute();
    for (const f of found) known.add(f.cct);
  }
  return known;
}
