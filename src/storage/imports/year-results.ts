/**
 * Yearly results (AP, REG, pending modules: `year_results`) derived from the module results of a school year, as
 * an import of module results leaves them (docs/INDICATORS.md §2): a student passed everything when no module
 * failed in ordinary evaluation (`passed = 0` is CONALEP's passing rule on the exact grade); regularized when
 * some module failed and every failed one has a regularization grade that passes; pending modules are the failed
 * ones without such a grade. Only students who completed the year have a yearly result: an existing row is
 * updated (its graduation left alone), and a student with a completed second-term enrollment and no row gets one.
 */
import { sql, type Kysely } from 'kysely';
import { memberOf, type ImportTarget } from '../import-writes.js';
import type { Database } from '../schema.js';

/** Students judged per statement (one parameter whatever the count: memberOf). */
const CHUNK = 5000;

export interface YearResultsRecomputed {
  readonly updated: number;
  readonly inserted: number;
  /** The campuses of the rows updated or inserted (the import's footprint cells, with the school year). */
  readonly campuses: ReadonlySet<number>;
}

/**
 * Recomputes the yearly results of `studentIds` in `schoolYear` from their module results. `passingGrade` judges
 * regularization grades (domain/grades.ts PASSING_GRADE); ordinary grades are judged by `passed`, stored on import.
 * One statement per chunk judges the students and compares with their stored yearly result: only the students
 * whose result differs, or who have none, come back (a re-imported semester usually changes nothing).
 */
export async function recomputeYearResults(
  db: Kysely<Database>,
  store: ImportTarget,
  schoolYear: string,
  studentIds: readonly number[],
  passingGrade: number,
): Promise<YearResultsRecomputed> {
  let updated = 0;
  let inserted = 0;
  const campuses = new Set<number>();
  const ids = [...new Set(studentIds)].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const judged = db
      .selectFrom('module_results')
      .select('student_id')
      .select([
        sql<number>`sum(case when passed = 0 then 1 else 0 end)`.as('failed'),
        sql<number>`sum(case when passed = 0 and (regularization_grade is null
          or regularization_grade < ${passingGrade}) then 1 else 0 end)`.as('pending'),
      ])
      .where('school_year', '=', schoolYear)
      .where(memberOf(store, 'student_id', part, 'int'))
      .groupBy('student_id')
      .as('j');
    const differing = await db
      .selectFrom(judged)
      .leftJoin('year_results as y', (j) =>
        j.onRef('y.student_id', '=', 'j.student_id').on('y.school_year', '=', schoolYear),
      )
      .select(['j.student_id', 'j.failed', 'j.pending', 'y.campus_id'])
      .select(sql<number>`case when y.student_id is null then 0 else 1 end`.as('stored'))
      .where((eb) =>
        eb.or([
          eb('y.student_id', 'is', null),
          sql<boolean>`y.passed_all <> case when j.failed = 0 then 1 else 0 end`,
          sql<boolean>`y.regularized <> case when j.failed > 0 and j.pending = 0 then 1 else 0 end`,
          sql<boolean>`y.pending_modules <> j.pending`,
        ]),
      )
      .orderBy('j.student_id')
      .execute();
    if (differing.length === 0) continue;
    const missing = differing.filter((d) => Number(d.stored) === 0).map((d) => d.student_id);
    const completed = new Map(
      missing.length === 0
        ? []
        : (
            await db
              .selectFrom('enrollments')
              .select(['student_id', 'campus_id', 'program_id', 'semester', 'sex'])
              .where('school_year', '=', schoolYear)
              .where('term_no', '=', 2)
              .where('end_status', '=', 'completed')
              .where(memberOf(store, 'student_id', missing, 'int'))
              .execute()
          ).map((e) => [e.student_id, e]),
    );
    for (const j of differing) {
      const failed = Number(j.failed);
      const pending = Number(j.pending);
      const next = {
        passed_all: failed === 0 ? 1 : 0,
        regularized: failed > 0 && pending === 0 ? 1 : 0,
        pending_modules: pending,
      };
      if (Number(j.stored) === 1) {
        await db
          .updateTable('year_results')
          .set(next)
          .where('student_id', '=', j.student_id)
          .where('school_year', '=', schoolYear)
          .execute();
        updated++;
        campuses.add(Number(j.campus_id));
        continue;
      }
      const e = completed.get(j.student_id);
      if (!e) continue;
      await db
        .insertInto('year_results')
        .values({
          student_id: j.student_id,
          campus_id: e.campus_id,
          program_id: e.program_id,
          school_year: schoolYear,
          semester: e.semester,
          sex: e.sex,
          ...next,
          graduated: 0,
        })
        .execute();
      inserted++;
      campuses.add(Number(e.campus_id));
    }
  }
  return { updated, inserted, campuses };
}
