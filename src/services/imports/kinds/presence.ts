/**
 * Whether a row's student is at the row's campus: enrolled there in the row's term (module results,
 * attendance, scholarship payments), or there at some time (interventions, certifications).
 */
import { enrollmentsInTerm } from '../../../storage/imports/record-queries.js';
import type { HandlerContext, ParsedRow } from './context.js';
import { num, rowIssue, str, studentsPerTerm } from './shared.js';

export type TermEnrollment = Awaited<ReturnType<typeof enrollmentsInTerm>>[number];

/** The enrollment of each (student, school year, term) of a batch, by `student|year|term`. */
export async function termEnrollments(
  ctx: HandlerContext,
  rows: readonly ParsedRow[],
  byCurp: Map<string, number>,
): Promise<Map<string, TermEnrollment>> {
  const out = new Map<string, TermEnrollment>();
  // One lookup per school year and term in the batch (usually one), on the natural-key index.
  for (const { year, term, ids } of studentsPerTerm(rows, byCurp))
    for (const e of await enrollmentsInTerm(ctx.trx, ctx.store, ids, year, term))
      out.set(`${e.student_id}|${e.school_year}|${e.term_no}`, e);
  return out;
}

/**
 * The enrollment a row of a term refers to (student, school year, term), at the row's campus; null with an
 * issue when the student is not enrolled then or is enrolled at another campus.
 */
export function enrolledAt<E extends { readonly campus_id: number }>(
  ctx: HandlerContext,
  row: ParsedRow,
  enrolled: ReadonlyMap<string, E>,
  studentId: number,
  campusId: number,
): E | null {
  const year = str(row.v.school_year);
  const term = num(row.v.term_no);
  const e = enrolled.get(`${studentId}|${year}|${term}`);
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
