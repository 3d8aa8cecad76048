/** Attendance: key (student, school year, term); updates the attendance of an existing enrollment. */
import { enrolledAt, termEnrollments } from './presence.js';
import { campusOf, classify, defineKind, firstTime, num, str, studentOf } from './shared.js';

export const attendance = defineKind({
  table: 'enrollments',
  async rows(ctx, st, rows, b) {
    const enrolled = await termEnrollments(ctx, b.terms);
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, b.byCurp, row);
      if (campusId === null || studentId === null) continue;
      const e = enrolledAt(ctx, row, enrolled, studentId, campusId);
      if (!e) continue;
      if (!firstTime(ctx, st, row, `${e.id}`, e.id, ['curp', str(row.v.curp)])) continue;
      classify(
        ctx,
        e,
        { attendance_pct: num(row.v.attendance_pct) },
        (changes) => b.update('enrollments', e, changes),
        () => undefined,
        studentId,
        row.line,
      );
    }
  },
});
