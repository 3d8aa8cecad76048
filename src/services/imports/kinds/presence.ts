/**
 * Whether a row's student is at the row's campus: enrolled there in the row's term (module results,
 * attendance, scholarship payments), or there at some time (interventions, certifications).
 */
import { enrollmentsInTerm } from '../../../storage/imports/record-queries.js';
import type { HandlerContext, ParsedRow } from './context.js';
import { num, rowIssue, str, type TermStudents } from './shared.js';

export type TermEnrollment = Awaited<ReturnType<typeof enrollmentsInTerm>>[number];

/** Values by school year, term and student: no key string built per row. */
export class TermIndex<E> {
  private readonly years = new Map<string, Map<number, Map<number, E>>>();
  set(year: string, term: number, studentId: number, value: E): void {
    let terms = this.years.get(year);
    if (!terms) this.years.set(year, (terms = new Map<number, Map<number, E>>()));
    let students = terms.get(term);
    if (!students) terms.set(term, (students = new Map<number, E>()));
    students.set(studentId, value);
  }
  get(year: string, term: number, studentId: number): E | undefined {
    return this.years.get(year)?.get(term)?.get(studentId);
  }
}

/** The enrollment of each (student, school year, term) of a batch (Batch.terms). */
export async function termEnrollments(
  ctx: HandlerContext,
  terms: readonly TermStudents[],
): Promise<TermIndex<TermEnrollment>> {
  const out = new TermIndex<TermEnrollment>();
  // One lookup per school year and term in the batch (usually one), on the natural-key index.
  for (const { year, term, ids } of terms)
    for (const e of await enrollmentsInTerm(ctx.trx, ctx.store, ids, year, term))
      out.set(e.school_year, e.term_no, e.student_id, e);
  return out;
}

/**
 * The enrollment a row of a term refers to (student, school year, term), at the row's campus; null with an
 * issue when the student is not enrolled then or is enrolled at another campus.
 */
export function enrolledAt<E extends { readonly campus_id: number }>(
  ctx: HandlerContext,
  row: ParsedRow,
  enrolled: TermIndex<E>,
  studentId: number,
  campusId: number,
): E | null {
  const year = str(row.v.school_year);
  const term = num(row.v.term_no);
  const e = enrolled.get(year, term, studentId);
  if (!e) {
    rowIssue(
      ctx,
      row,
      'curp',
      str(row.v.curp),
      `el alumno no tiene inscripción en el ciclo ${year}, periodo ${term}: importe primero las inscripciones`,
    );
    return null;
  }
  if (e.campus_id !== campusId) {
    rowIssue(ctx, row, 'cct', str(row.v.cct), 'el alumno está inscrito en otro plantel en ese periodo');
    return null;
  }
  return e;
}

/** Whether the row's campus is one the student belongs or belonged to; an issue when not. */
export function belongsTo(
  ctx: HandlerContext,
  row: ParsedRow,
  campuses: Map<number, Set<number>>,
  studentId: number,
  campusId: number,
): boolean {
  if (campuses.get(studentId)?.has(campusId)) return true;
  rowIssue(ctx, row, 'cct', str(row.v.cct), 'el alumno no ha estado inscrito en este plantel');
  return false;
}

/** Rows grouped by student. */
export function byStudent<T extends { student_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const l = out.get(r.student_id) ?? [];
    l.push(r);
    out.set(r.student_id, l);
  }
  return out;
}
