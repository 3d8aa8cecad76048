/**
 * A term of the demo's module results as the reference of an import round trip (the batched import's
 * equivalence test, the two-thread import's test, the CLI's record-import test and the dry run's): the rows in a
 * stable order, each as the line of a module-results file and as its stored columns, and the term deleted before
 * it is imported back.
 */
import type { Store } from '../storage/db.js';

/** The module-results header with the optional regularization column (every column a round trip carries). */
export const TERM_HEADER =
  'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion';

/** Term 1's module results of `year`, one object per row, by student and module; the first `limit` if given. */
export function termRows(store: Store, year: string, limit?: number) {
  const q = store.db
    .selectFrom('module_results as r')
    .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
    .innerJoin('campuses as c', 'c.id', 'r.campus_id')
    .innerJoin('modules as m', 'm.id', 'r.module_id')
    .select([
      'i.curp',
      'c.cct',
      'm.code',
      'r.student_id',
      'r.campus_id',
      'r.module_id',
      'r.school_year',
      'r.term_no',
      'r.grade',
      'r.attendance_pct',
      'r.passed',
      'r.regularization_grade',
    ])
    .where('r.school_year', '=', year)
    .where('r.term_no', '=', 1)
    .orderBy('r.student_id')
    .orderBy('r.module_id');
  return (limit === undefined ? q : q.limit(limit)).execute();
}

export type TermRow = Awaited<ReturnType<typeof termRows>>[number];

/** The stored columns of a row, numbers as numbers (PostgreSQL's reals come back as numbers too). */
export const termStored = (r: TermRow) =>
  [
    r.student_id,
    r.campus_id,
    r.module_id,
    r.school_year,
    r.term_no,
    Number(r.grade),
    Number(r.attendance_pct),
    r.passed,
    r.regularization_grade === null ? null : Number(r.regularization_grade),
  ].join('|');

/** The row as a line of a TERM_HEADER file. */
export const termLine = (r: TermRow) =>
  [
    r.curp,
    r.cct,
    r.school_year,
    r.term_no,
    r.code,
    r.grade,
    r.attendance_pct,
    r.regularization_grade ?? '',
  ].join(',');

/** The last school year with module results (the demo keeps them for its last year only). */
export async function lastModuleResultsYear(store: Store): Promise<string> {
  const last = await store.db
    .selectFrom('module_results')
    .select((eb) => eb.fn.max('school_year').as('y'))
    .executeTakeFirstOrThrow();
  return String(last.y);
}

/** Deletes term 1's module results of `year`. */
export const clearTerm = (store: Store, year: string) =>
  store.db.deleteFrom('module_results').where('school_year', '=', year).where('term_no', '=', 1).execute();
