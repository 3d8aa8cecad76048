/** Certifications: key (student, standard code, issued date); a certificate cannot predate its holder. */
import { birthDatesOf, certificationsOf } from '../../../storage/imports/record-queries.js';
import { keyedHandler } from './keyed.js';
import { rowIssue, str } from './shared.js';

type CertificationRow = Awaited<ReturnType<typeof certificationsOf>>[number];

export const certifications = keyedHandler<CertificationRow, Partial<CertificationRow>, Map<number, string>>({
  table: 'certifications',
  columns: [
    ['id', 'int'],
    ['student_id', 'int'],
    ['campus_id', 'int'],
    ['standard_code', 'text'],
    ['standard_name', 'text'],
    ['issued_on', 'text'],
    ['result', 'text'],
  ],
  existing: (ctx, part) => certificationsOf(ctx.trx, ctx.store, part),
  presence: 'ever',
  // Birth dates, by student.
  prepare: (ctx, ids) => birthDatesOf(ctx.trx, ctx.store, ids),
  check(ctx, row, studentId, birth) {
    const issued = str(row.v.issued_on);
    const born = birth.get(studentId);
    if (!born || issued >= born) return true;
    rowIssue(ctx, row, 'fecha_emision', issued, 'la fecha de emisión es anterior al nacimiento del alumno');
    return false;
  },
  key: (row) => `${str(row.v.standard_code)}|${str(row.v.issued_on)}`,
  same: (c, row) =>
    c.standard_code.toUpperCase() === str(row.v.standard_code) && c.issued_on === str(row.v.issued_on),
  duplicateAt: (row) => ['clave_estandar', str(row.v.standard_code)],
  next: (_ctx, row, campusId) => ({
    campus_id: campusId,
    standard_name: str(row.v.standard_name),
    result: str(row.v.result),
  }),
  insert: (_ctx, row, { id, studentId, campusId }, next) => [
    id,
    studentId,
    campusId,
    str(row.v.standard_code),
    next.standard_name ?? null,
    str(row.v.issued_on),
    next.result ?? null,
  ],
});
