/**
 * Interventions: key (student, kind, start date). The start falls in the school year; the end, if any, after
 * the start. Imported rows have no assigning user; created_at / updated_at record the import.
 */
import { interventionsOf } from '../../../storage/imports/record-queries.js';
import { keyedHandler } from './keyed.js';
import { num, rowIssue, str } from './shared.js';

type InterventionRow = Awaited<ReturnType<typeof interventionsOf>>[number];

/** Whether a date (AAAA-MM-DD) falls in a school year (1 August to 31 July). */
const inSchoolYear = (date: string, year: string) =>
  date >= `${year.slice(0, 4)}-08-01` && date <= `${year.slice(5, 9)}-07-31`;

export const interventions = keyedHandler<InterventionRow, Partial<InterventionRow>>({
  table: 'interventions',
  columns: [
    ['id', 'int'],
    ['student_id', 'int'],
    ['campus_id', 'int'],
    ['school_year', 'text'],
    ['term_no', 'int'],
    ['kind', 'text'],
    ['start_date', 'text'],
    ['end_date', 'text'],
    ['sessions', 'int'],
    ['notes', 'text'],
    ['outcome', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  existing: (ctx, part) => interventionsOf(ctx.trx, ctx.store, part),
  presence: 'ever',
  check(ctx, row) {
    const year = str(row.v.school_year);
    const start = str(row.v.start_date);
    const end = row.v.end_date === null ? null : str(row.v.end_date);
    if (!inSchoolYear(start, year)) {
      rowIssue(
        ctx,
        row,
        'fecha_inicio',
        start,
        `la fecha de inicio no cae en el ciclo escolar ${year} (1 de agosto a 31 de julio)`,
      );
      return false;
    }
    if (end !== null && end < start) {
      rowIssue(ctx, row, 'fecha_fin', end, `la fecha de término es anterior a la de inicio (${start})`);
      return false;
    }
    return true;
  },
  key: (row) => `${str(row.v.kind)}|${str(row.v.start_date)}`,
  same: (i, row) => i.kind === str(row.v.kind) && i.start_date === str(row.v.start_date),
  duplicateAt: (row) => ['tipo', str(row.v.kind)],
  next: (_ctx, row, campusId) => ({
    campus_id: campusId,
    school_year: str(row.v.school_year),
    term_no: num(row.v.term_no),
    end_date: row.v.end_date === null ? null : str(row.v.end_date),
    sessions: num(row.v.sessions),
    notes: row.v.notes === null ? null : str(row.v.notes),
    outcome: row.v.outcome === null ? null : str(row.v.outcome),
  }),
  insert: (ctx, row, { id, studentId, campusId }, next) => [
    id,
    studentId,
    campusId,
    str(row.v.school_year),
    next.term_no ?? null,
    str(row.v.kind),
    str(row.v.start_date),
    next.end_date ?? null,
    next.sessions ?? null,
    next.notes ?? null,
    next.outcome ?? null,
    ctx.startedAt,
    ctx.startedAt,
  ],
  touched: (ctx) => ({ updated_at: ctx.startedAt }),
});
