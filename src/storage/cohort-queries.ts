/**
 * Cohort reads from the student records: the aggregate counts of one generation (true-cohort survival and
 * ETC, domain/cohorts.ts) and the counts by grade of two consecutive years (UNESCO reconstructed cohort,
 * domain/cohort-flow.ts). Everything is counted in SQL with grouped aggregates; JavaScript only turns the
 * handful of grouped rows into cumulative counts.
 *
 * Plan (EXPLAIN QUERY PLAN on SQLite, timed on the full-scale demo database: 113k entrants, 7.8M
 * enrollment rows): the entrant set is read through the partial index of term-1 enrollments and kept as
 * a semi-join list (`student_id in (…)`, built once); the enrollments and graduation events of the
 * generation's school-year range are then fetched through the student_id indexes, about 0.8 s nationally.
 * Forcing a scan of the school-year range instead took about twice as long (1.5-2 s), so the planner's
 * choice is kept.
 */
import { sql, type Kysely } from 'kysely';
import { schoolYearOf, shiftYear, type SchoolYear } from '../domain/calendar.js';
import { SEMESTERS, type CohortCounts } from '../domain/cohorts.js';
import type { GradeFlowInput } from '../domain/cohort-flow.js';
import type { Database } from './schema.js';

/** Where a generation is counted: the campus and program of ENTRY (the new_entry enrollment row). */
export interface CohortFilter {
  /** INEGI state id (1-32) of the entry campus. */
  readonly stateId?: number;
  /** CCT of the entry campus. */
  readonly cct?: string;
  /** Code of the entry program. */
  readonly programCode?: string;
}

export interface GenerationCountsQuery {
  /** Start year of the generation (2022 for generation 2022-2025). */
  readonly entryYear: number;
  /** Last school year observed (the cut-off for late graduates): usually the last year in the data. */
  readonly cutoffYear: SchoolYear;
  readonly filter?: CohortFilter;
}

export interface GenerationCounts {
  /** Observed up to the generation's normal end (school year g+2): reached semesters and graduates on time. */
  readonly byNormalEnd: CohortCounts;
  /** Observed up to the cut-off year: semesters reached at any time, graduates on time or late. */
  readonly byCutoff: CohortCounts;
}

const NORMAL_YEARS = 3;

/** The entrant set of a generation at its entry unit, as a subquery of student ids. */
function entrantIds(db: Kysely<Database>, entryYear: SchoolYear, f: CohortFilter) {
  let q = db
    .selectFrom('enrollments as n')
    .select('n.student_id')
    .where('n.school_year', '=', entryYear)
    // Literal, not a parameter: lets the planners use the partial index enrollments_flow_idx (term_no = 1).
    .where(sql<boolean>`n.term_no = 1`)
    // Semester 1 only: an entrant into semester 3 or 5 (from another subsystem) belongs to no generation.
    .where(sql<boolean>`n.semester = 1`)
    .where('n.new_entry', '=', 1);
  if (f.stateId !== undefined) {
    const stateId = f.stateId;
    q = q.where('n.campus_id', 'in', (eb) =>
      eb.selectFrom('campuses').select('id').where('state_id', '=', stateId),
    );
  }
  if (f.cct !== undefined) {
    const cct = f.cct;
    q = q.where('n.campus_id', 'in', (eb) => eb.selectFrom('campuses').select('id').where('cct', '=', cct));
  }
  if (f.programCode !== undefined) {
    const code = f.programCode;
    q = q.where('n.program_id', 'in', (eb) =>
      eb.selectFrom('programs').select('id').where('code', '=', code),
    );
  }
  return q;
}

/**
 * Counts of one generation: its entrants (first-time entrants to semester 1 in school year g, at the entry
 * unit), the highest semester each reached by the normal end and by the cut-off, and who graduated on time
 * (graduation event by school year g+2) and by the cut-off. "Reached semester k" means the highest semester
 * enrolled in is k or more (cohortCountsFromPaths), so the counts never increase from one semester to the next.
 */
export async function generationCounts(
  db: Kysely<Database>,
  query: GenerationCountsQuery,
): Promise<GenerationCounts> {
  const entry = schoolYearOf(query.entryYear);
  const normalEnd = shiftYear(entry, NORMAL_YEARS - 1);
  const cutoff = query.cutoffYear < normalEnd ? normalEnd : query.cutoffYear;
  const ids = entrantIds(db, entry, query.filter ?? {});

  const enrolled = db
    .selectFrom('enrollments as e')
    .select([
      'e.student_id',
      sql<number>`case when e.school_year <= ${normalEnd} then e.semester else 0 end`.as('sem_normal'),
      'e.semester as sem_any',
      sql<number>`0`.as('grad_normal'),
      sql<number>`0`.as('grad_any'),
    ])
    .where('e.school_year', '>=', entry)
    .where('e.school_year', '<=', cutoff)
    .where('e.student_id', 'in', ids);
  const graduated = db
    .selectFrom('status_events as g')
    .select([
      'g.student_id',
      sql<number>`0`.as('sem_normal'),
      sql<number>`0`.as('sem_any'),
      sql<number>`case when g.school_year <= ${normalEnd} then 1 else 0 end`.as('grad_normal'),
      sql<number>`1`.as('grad_any'),
    ])
    .where('g.school_year', '>=', entry)
    .where('g.school_year', '<=', cutoff)
    .where('g.kind', '=', 'graduation')
    .where('g.student_id', 'in', ids);
  const perStudent = db
    .selectFrom(enrolled.unionAll(graduated).as('r'))
    .select((eb) => [
      eb.fn.max<number>('r.sem_normal').as('sem_normal'),
      eb.fn.max<number>('r.sem_any').as('sem_any'),
      eb.fn.max<number>('r.grad_normal').as('grad_normal'),
      eb.fn.max<number>('r.grad_any').as('grad_any'),
    ])
    .groupBy('r.student_id');
  const rows = await db
    .selectFrom(perStudent.as('s'))
    .select(['s.sem_normal', 's.sem_any', 's.grad_normal', 's.grad_any'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['s.sem_normal', 's.sem_any', 's.grad_normal', 's.grad_any'])
    .execute();

  const reachedNormal = new Array<number>(SEMESTERS).fill(0);
  const reachedAny = new Array<number>(SEMESTERS).fill(0);
  let entrants = 0;
  let onTime = 0;
  let graduatedBy = 0;
  for (const r of rows) {
    const n = Number(r.n);
    entrants += n;
    for (let k = 0; k < SEMESTERS; k++) {
      if (Number(r.sem_normal) > k) reachedNormal[k] = (reachedNormal[k] ?? 0) + n;
      if (Number(r.sem_any) > k) reachedAny[k] = (reachedAny[k] ?? 0) + n;
    }
    if (Number(r.grad_normal) === 1) onTime += n;
    if (Number(r.grad_any) === 1) graduatedBy += n;
  }
  return {
    byNormalEnd: { entrants, reachedBySemester: reachedNormal, graduatedOnTime: onTime, graduatedBy: onTime },
    byCutoff: { entrants, reachedBySemester: reachedAny, graduatedOnTime: onTime, graduatedBy },
  };
}

const GRADES = 3;
const gradeIndex = (semester: number) => Math.ceil(semester / 2) - 1;

/**
 * Counts by grade for the UNESCO reconstructed cohort, from the records of school years t and t+1:
 * enrolment by grade at the start of each year (students with a term-1 enrollment: semesters 1, 3, 5),
 * repeaters in t+1 (students whose term-1 enrollment in t+1 is in the same grade as their term-1 enrollment
 * in t) and the graduates of t (graduation events). One pass over the term-1 enrollments of both years,
 * grouped by student and then by the pair (semester in t, semester in t+1).
 */
export async function gradeFlowCounts(db: Kysely<Database>, year: SchoolYear): Promise<GradeFlowInput> {
  const next = shiftYear(year, 1);
  const perStudent = db
    .selectFrom('enrollments')
    .select((eb) => [
      eb.fn
        .max<number | null>(eb.case().when('school_year', '=', year).then(eb.ref('semester')).end())
        .as('sem_t'),
      eb.fn
        .max<number | null>(eb.case().when('school_year', '=', next).then(eb.ref('semester')).end())
        .as('sem_next'),
    ])
    .where('school_year', 'in', [year, next])
    .where(sql<boolean>`term_no = 1`)
    .groupBy('student_id');
  const pairs = await db
    .selectFrom(perStudent.as('p'))
    .select(['p.sem_t', 'p.sem_next'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['p.sem_t', 'p.sem_next'])
    .execute();
  const graduates = await db
    .selectFrom('status_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_year', '=', year)
    .where('kind', '=', 'graduation')
    .executeTakeFirstOrThrow();

  const enrolment = new Array<number>(GRADES).fill(0);
  const enrolmentNext = new Array<number>(GRADES).fill(0);
  const repeatersNext = new Array<number>(GRADES).fill(0);
  const add = (list: number[], grade: number, n: number) => {
    if (grade >= 0 && grade < GRADES) list[grade] = (list[grade] ?? 0) + n;
  };
  for (const r of pairs) {
    const n = Number(r.n);
    const gradeT = r.sem_t === null ? -1 : gradeIndex(Number(r.sem_t));
    const gradeNext = r.sem_next === null ? -1 : gradeIndex(Number(r.sem_next));
    add(enrolment, gradeT, n);
    add(enrolmentNext, gradeNext, n);
    if (gradeT === gradeNext) add(repeatersNext, gradeNext, n);
  }
  return { enrolment, enrolmentNext, repeatersNext, graduates: Number(graduates.n) };
}
