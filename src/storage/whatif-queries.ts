/**
 * The records the what-if scenarios read (services/effects/whatif.ts): students followed from one school year
 * to the next by grade, graduates and new entrants of a unit (campus, state, program). Every function takes
 * the database first.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** A unit: every filter given applies (none: the whole country). */
export interface UnitFilter {
  readonly campusId?: number;
  readonly stateId?: number;
  readonly programId?: number;
}

const LEFT = ['dropout', 'temporary_leave'];

/** The school years with records, oldest first. */
export async function schoolYearIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('school_years').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface PairRow {
  /** First-term semester in year t (null: not enrolled then). */
  readonly semesterT: number | null;
  /** First-term semester in year t + 1 (null: not enrolled then). */
  readonly semesterNext: number | null;
  /** Left (dropout or temporary leave) during the first term of year t. */
  readonly leftFirstTerm: boolean;
  readonly students: number;
}

/**
 * Students enrolled in the first term of year `t` in the unit (campus and program as of then), counted by
 * their first-term semester in `t` and in `next` and whether they left during the first term of `t`.
 */
export async function pairRows(db: Db, t: string, next: string, f: UnitFilter): Promise<PairRow[]> {
  const per = db
    .selectFrom('enrollments')
    .select('student_id')
    .select((eb) => [
      eb.fn
        .max<number | null>(
          eb
            .case()
            .when(eb.and([eb('school_year', '=', t), eb('term_no', '=', 1)]))
            .then(eb.ref('semester'))
            .end(),
        )
        .as('sem_t'),
      eb.fn
        .max<number | null>(
          eb
            .case()
            .when(eb.and([eb('school_year', '=', next), eb('term_no', '=', 1)]))
            .then(eb.ref('semester'))
            .end(),
        )
        .as('sem_next'),
      eb.fn
        .max<number | null>(
          eb
            .case()
            .when(eb.and([eb('school_year', '=', t), eb('term_no', '=', 1)]))
            .then(eb.ref('campus_id'))
            .end(),
        )
        .as('campus_t'),
      eb.fn
        .max<number | null>(
          eb
            .case()
            .when(eb.and([eb('school_year', '=', t), eb('term_no', '=', 1)]))
            .then(eb.ref('program_id'))
            .end(),
        )
        .as('program_t'),
      eb.fn
        .max<number>(
          eb
            .case()
            .when(eb.and([eb('school_year', '=', t), eb('term_no', '=', 1), eb('end_status', 'in', LEFT)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('left1'),
    ])
    .where('school_year', 'in', [t, next])
    .groupBy('student_id');
  let q = db
    .selectFrom(per.as('p'))
    .innerJoin('campuses as c', 'c.id', 'p.campus_t')
    .select(['p.sem_t', 'p.sem_next', 'p.left1'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.sem_t', 'is not', null);
  if (f.campusId !== undefined) q = q.where('p.campus_t', '=', f.campusId);
  if (f.stateId !== undefined) q = q.where('c.state_id', '=', f.stateId);
  if (f.programId !== undefined) q = q.where('p.program_t', '=', f.programId);
  const rows = await q.groupBy(['p.sem_t', 'p.sem_next', 'p.left1']).execute();
  return rows.map((r) => ({
    semesterT: r.sem_t === null ? null : Number(r.sem_t),
    semesterNext: r.sem_next === null ? null : Number(r.sem_next),
    leftFirstTerm: Number(r.left1) === 1,
    students: Number(r.n),
  }));
}

/** Students of the unit who graduated in school year `t`. */
export async function graduatesIn(db: Db, t: string, f: UnitFilter): Promise<number> {
  let g = db
    .selectFrom('year_results as y')
    .innerJoin('campuses as c', 'c.id', 'y.campus_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('y.school_year', '=', t)
    .where('y.graduated', '=', 1);
  if (f.campusId !== undefined) g = g.where('y.campus_id', '=', f.campusId);
  if (f.stateId !== undefined) g = g.where('c.state_id', '=', f.stateId);
  if (f.programId !== undefined) g = g.where('y.program_id', '=', f.programId);
  return Number((await g.executeTakeFirst())?.n ?? 0);
}

/** First-time entrants to semester 1 of the unit in the first term of `schoolYear`. */
export async function entrantsIn(db: Db, schoolYear: string, f: UnitFilter): Promise<number> {
  let q = db
    .selectFrom('enrollments as e')
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.school_year', '=', schoolYear)
    .where('e.term_no', '=', 1)
    .where('e.semester', '=', 1)
    .where('e.new_entry', '=', 1);
  if (f.campusId !== undefined) q = q.where('e.campus_id', '=', f.campusId);
  if (f.stateId !== undefined) q = q.where('c.state_id', '=', f.stateId);
  if (f.programId !== undefined) q = q.where('e.program_id', '=', f.programId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}
