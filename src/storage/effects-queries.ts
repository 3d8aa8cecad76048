/**
 * The records the effect estimates read (services/effects/estimate.ts): first- and second-term enrollments
 * of the school years with recorded interventions, and the interventions themselves, within a state or a
 * campus, optionally a deterministic subsample by student id. Every function takes the database first.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** The unit estimated over: the whole country, a state (by id) or a campus (by id). */
export interface EffectsUnit {
  readonly level: 'national' | 'state' | 'campus';
  readonly id: number | null;
}

export interface EffectEnrollment {
  readonly studentId: number;
  readonly schoolYear: string;
  readonly termNo: number;
  readonly semester: number;
  readonly campusId: number;
  readonly attendancePct: number;
  readonly gradeAvg: number | null;
  readonly failedModules: number;
  readonly scholarshipDelayDays: number;
  readonly endStatus: string;
  /** The student's sex as in the CURP ('H' | 'M'). */
  readonly sex: string;
}

export interface EffectIntervention {
  readonly studentId: number;
  readonly schoolYear: string;
  readonly termNo: number;
  readonly kind: string;
}

/** The first school year with a recorded intervention, null when there is none. */
export async function firstInterventionYear(db: Db): Promise<string | null> {
  const first = await db
    .selectFrom('interventions')
    .select((eb) => eb.fn.min('school_year').as('y'))
    .executeTakeFirst();
  return first?.y ?? null;
}

const campusesOfState = (db: Db, stateId: number) =>
  db.selectFrom('campuses').select('id').where('state_id', '=', stateId);

/** First-term enrollments from the school year `from` on, within the unit. */
export async function countFirstTerms(db: Db, from: string, unit: EffectsUnit): Promise<number> {
  let q = db
    .selectFrom('enrollments as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.school_year', '>=', from)
    .where('e.term_no', '=', 1);
  if (unit.level === 'campus') q = q.where('e.campus_id', '=', unit.id ?? -1);
  if (unit.level === 'state') q = q.where('e.campus_id', 'in', campusesOfState(db, unit.id ?? -1));
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/**
 * Enrollments (with the student's sex) and interventions from the school year `from` on, within the unit;
 * with `modulus` > 1 only the students whose id is a multiple of it.
 */
export async function effectRecords(
  db: Db,
  from: string,
  unit: EffectsUnit,
  modulus: number,
): Promise<{ enrollments: EffectEnrollment[]; interventions: EffectIntervention[] }> {
  let q = db
    .selectFrom('enrollments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select([
      'e.student_id',
      'e.school_year',
      'e.term_no',
      'e.semester',
      'e.campus_id',
      'e.attendance_pct',
      'e.grade_avg',
      'e.failed_modules',
      'e.scholarship_delay_days',
      'e.end_status',
      's.sex',
    ])
    .where('e.school_year', '>=', from);
  let iq = db
    .selectFrom('interventions as i')
    .select(['i.student_id', 'i.school_year', 'i.term_no', 'i.kind'])
    .where('i.school_year', '>=', from);
  if (unit.level === 'campus') {
    q = q.where('e.campus_id', '=', unit.id ?? -1);
    iq = iq.where('i.campus_id', '=', unit.id ?? -1);
  }
  if (unit.level === 'state') {
    q = q.where('e.campus_id', 'in', campusesOfState(db, unit.id ?? -1));
    iq = iq.where('i.campus_id', 'in', campusesOfState(db, unit.id ?? -1));
  }
  if (modulus > 1) {
    q = q.where((eb) => eb(eb('e.student_id', '%', modulus), '=', 0));
    iq = iq.where((eb) => eb(eb('i.student_id', '%', modulus), '=', 0));
  }
  const [rows, ivs] = await Promise.all([q.execute(), iq.execute()]);
  return {
    enrollments: rows.map((r) => ({
      studentId: Number(r.student_id),
      schoolYear: r.school_year,
      termNo: Number(r.term_no),
      semester: Number(r.semester),
      campusId: Number(r.campus_id),
      attendancePct: Number(r.attendance_pct),
      gradeAvg: r.grade_avg === null ? null : Number(r.grade_avg),
      failedModules: Number(r.failed_modules),
      scholarshipDelayDays: Number(r.scholarship_delay_days),
      endStatus: r.end_status,
      sex: r.sex,
    })),
    interventions: ivs.map((i) => ({
      studentId: Number(i.student_id),
      schoolYear: i.school_year,
      termNo: Number(i.term_no),
      kind: i.kind,
    })),
  };
}
