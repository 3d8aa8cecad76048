/**
 * Status events: key (student, date, kind). Graduation needs semester 6; nothing but a readmission after a
 * dropout. A transfer moves the student to the receiving campus when it comes after their latest enrollment.
 */
import { refreshPlacement } from '../../../storage/import-lookups.js';
import { maxSemesterOf, statusEventsOf } from '../../../storage/imports/record-queries.js';
import { byStudent } from './presence.js';
import {
  campusOf,
  classify,
  defineKind,
  firstTime,
  notePlacement,
  num,
  rowIssue,
  str,
  studentOf,
} from './shared.js';

export const statusEvents = defineKind<{ readonly moved: Set<number> }>({
  table: 'status_events',
  columns: [
    ['id', 'int'],
    ['student_id', 'int'],
    ['campus_id', 'int'],
    ['school_year', 'text'],
    ['term_no', 'int'],
    ['event_date', 'text'],
    ['kind', 'text'],
    ['reason', 'text'],
    ['from_campus_id', 'int'],
    ['to_campus_id', 'int'],
  ],
  // Students with a transfer written by this import: their current campus is derived again at the end.
  setup: () => Promise.resolve({ moved: new Set<number>() }),
  async rows(ctx, st, rows, b) {
    const events = byStudent(await statusEventsOf(ctx.trx, b.ids));
    const maxSemester = await maxSemesterOf(ctx.trx, b.ids);
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, b.byCurp, row);
      if (campusId === null || studentId === null) continue;
      const date = str(row.v.event_date);
      const kind = str(row.v.kind);
      const list = events.get(studentId) ?? [];
      const old = list.find((e) => e.event_date === date && e.kind === kind);
      const key = `${studentId}|${date}|${kind}`;
      if (!firstTime(ctx, st, row, key, old ? old.id : null, ['evento', kind])) continue;
      if (kind === 'graduation' && (maxSemester.get(studentId) ?? 0) < 6) {
        rowIssue(
          ctx,
          row,
          'evento',
          str(row.v.kind),
          'trayectoria imposible: egreso sin haber cursado el 6.º semestre',
        );
        continue;
      }
      const lastBefore = list
        .filter((e) => e !== old && e.event_date <= date)
        .sort((a, b) => b.event_date.localeCompare(a.event_date))[0];
      if (lastBefore?.kind === 'dropout' && kind !== 'readmission' && kind !== 'dropout') {
        rowIssue(
          ctx,
          row,
          'fecha',
          date,
          `trayectoria imposible: evento posterior a la baja del ${lastBefore.event_date} sin reingreso`,
        );
        continue;
      }
      const reason = row.v.reason === null ? null : str(row.v.reason);
      classify(
        ctx,
        old,
        { reason, campus_id: campusId },
        (changes) => {
          const moves = kind === 'transfer' && changes.campus_id !== undefined;
          if (moves) st.moved.add(studentId);
          if (old) b.update('status_events', old, moves ? { ...changes, to_campus_id: campusId } : changes);
        },
        () => {
          const id = st.base + row.line;
          const transfer = kind === 'transfer';
          if (transfer) st.moved.add(studentId);
          b.inserts.push([
            id,
            studentId,
            campusId,
            str(row.v.school_year),
            num(row.v.term_no),
            date,
            kind,
            reason,
            transfer ? (b.campusNow.get(studentId) ?? null) : null,
            transfer ? campusId : null,
          ]);
          list.push({
            id,
            student_id: studentId,
            school_year: str(row.v.school_year),
            event_date: date,
            kind,
            reason,
            campus_id: campusId,
          });
          events.set(studentId, list);
        },
        studentId,
        row.line,
      );
    }
  },
  finish: async (ctx, st) => notePlacement(ctx, await refreshPlacement(ctx.trx, [...st.moved])),
});
