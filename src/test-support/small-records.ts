/**
 * Row builders for the hand-built worlds of repository tests (small-world.ts): a row with plausible defaults,
 * the test giving only what it is about.
 */
import type { Insertable } from 'kysely';
import type { Database } from '../storage/schema.js';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** A student of program 1 (sex M, entered 2018 at `campus_id`), with no enrollment yet. */
export const studentRow = (
  id: number,
  campus_id: number,
  over: Partial<Row<'students'>> = {},
): Row<'students'> => ({
  id,
  sex: 'M',
  birth_date: '2003-05-01',
  entry_year: 2018,
  entry_campus_id: campus_id,
  campus_id,
  program_id: 1,
  last_school_year: null,
  last_term_no: null,
  last_semester: null,
  last_status: null,
  ...over,
});

/** An enrollment of program 1, completed, attendance 90 %, in group "G<semester>". */
export const enrollmentRow = (
  id: number,
  student_id: number,
  campus_id: number,
  school_year: string,
  term_no: number,
  semester: number,
  over: Partial<Row<'enrollments'>> = {},
): Row<'enrollments'> => ({
  id,
  student_id,
  campus_id,
  program_id: 1,
  school_year,
  term_no,
  semester,
  group_code: `G${semester}`,
  sex: 'M',
  new_entry: semester === 1 && term_no === 1 ? 1 : 0,
  grade_avg: 8,
  failed_modules: 0,
  attendance_pct: 90,
  scholarship_delay_days: 0,
  end_status: 'completed',
  ...over,
});

/** A status event (a dropout unless `kind` says otherwise) dated inside its term. */
export const statusEventRow = (
  id: number,
  student_id: number,
  campus_id: number,
  school_year: string,
  term_no: number,
  kind: string,
  over: Partial<Row<'status_events'>> = {},
): Row<'status_events'> => ({
  id,
  student_id,
  campus_id,
  school_year,
  term_no,
  event_date: term_no === 1 ? `${school_year.slice(0, 4)}-10-15` : `${school_year.slice(5, 9)}-03-15`,
  kind,
  reason: null,
  from_campus_id: null,
  to_campus_id: null,
  from_program_id: null,
  to_program_id: null,
  ...over,
});

/** An identity row (CURP "CURP<id>", names "Nombre<id> Pérez López"). */
export const identityRow = (
  student_id: number,
  campus_id: number,
  over: Partial<Row<'student_identities'>> = {},
): Row<'student_identities'> => ({
  student_id,
  campus_id,
  curp: `CURP${student_id}`,
  given_names: `Nombre${student_id}`,
  first_surname: 'Pérez',
  second_surname: 'López',
  search_key: `PEREZ LOPEZ NOMBRE${student_id}`,
  ...over,
});

/** A stored risk score of `cutoff` (no model or rule set, no reasons, scored 2026-01-01). */
export const riskScoreRow = (
  student_id: number,
  campus_id: number,
  cutoff: string,
  flag: string,
  probability: number | null,
  over: Partial<Row<'risk_scores'>> = {},
): Row<'risk_scores'> => ({
  student_id,
  cutoff,
  campus_id,
  flag,
  probability,
  model_id: null,
  rule_set_id: null,
  reasons: '[]',
  scored_at: '2026-01-01T00:00:00Z',
  ...over,
});
