/** The valid keys an import template lists: campuses, programs, and the modules of each program. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

/** Campuses with their state's name, by CCT. */
export function campusKeys(db: Db) {
  return db
    .selectFrom('campuses')
    .innerJoin('states', 'states.id', 'campuses.state_id')
    .select(['campuses.id', 'campuses.cct', 'campuses.name', 'states.name as state'])
    .orderBy('campuses.cct')
    .execute();
}

/** Programs by code. */
export function programKeys(db: Db) {
  return db.selectFrom('programs').select(['code', 'name', 'area']).orderBy('code').execute();
}

/** The programs each campus offers (campus id, program code), by campus and program. */
export function offeredPrograms(db: Db) {
  return db
    .selectFrom('campus_programs')
    .innerJoin('programs', 'programs.id', 'campus_programs.program_id')
    .select(['campus_programs.campus_id', 'programs.code'])
    .orderBy('campus_programs.campus_id')
    .orderBy('programs.code')
    .execute();
}

/** Modules with their program's code, by program, semester and module code. */
export function moduleKeysByProgram(db: Db) {
  return db
    .selectFrom('modules')
    .innerJoin('programs', 'programs.id', 'modules.program_id')
    .select(['programs.code as program', 'modules.semester', 'modules.code', 'modules.name'])
    .orderBy('programs.code')
    .orderBy('modules.semester')
    .orderBy('modules.code')
    .execute();
}
