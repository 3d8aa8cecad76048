/**
 * Enrollments: key (student, school year, term); the trajectory is checked against the student's other
 * enrollments (no term after a dropout without a readmission, no skipped semester, no change of campus
 * without a transfer).
 */
import { refreshPlacement, termOrder, transfersOf } from '../../../storage/import-lookups.js';
import type { ColumnType } from '../../../storage/import-writes.js';
import { enrollmentsOf, readmissionsOf, studentsByIds } from '../../../storage/imports/record-queries.js';
import type { HandlerContext, ParsedRow } from './context.js';
import { byStudent } from './presence.js';
import {
  campusOf,
  classify,
  defineKind,
  firstTime,
  notePlacement,
  num,
  programOf,
  rowIssue,
  str,
  studentOf,
} from './shared.js';

type EnrollmentRow = Awaited<ReturnType<typeof enrollmentsOf>>[number];

/** The enrollment before a term among a student's others, and the problem with the row's trajectory if any. */
function trajectoryProblem(
  row: ParsedRow,
  studentId: number,
  campusId: number,
  at: number,
  prev: EnrollmentRow | undefined,
  old: EnrollmentRow | undefined,
  readmitted: ReadonlySet<string>,
  transfers: Awaited<ReturnType<typeof transfersOf>>,
  campusNow: number | undefined,
): readonly [string, string, string] | null {
  const semester = num(row.v.semester);
  if (
    prev &&
    prev.end_status === 'dropout' &&
    ![...Array(at - termOrder(prev.school_year, prev.term_no) + 1).keys()].some((k) =>
      readmitted.has(`${studentId}|${termOrder(prev.school_year, prev.term_no) + k}`),
    )
  )
    return [
      'curp',
      str(row.v.curp),
      `trayectoria imposible: el alumno causó baja en ${prev.school_year} periodo ${prev.term_no} y no tiene reingreso registrado`,
    ];
  // A change of campus is a transfer, recorded as such (a status event "traslado" to this campus, imported
  // by a state or national user or confirmed through /api/v1/transfers), never a side effect of this row.
  // Where the student was: at the term before, else (a first enrollment) where the stored row of this term
  // puts them, else where they were before their first transfer after this term, else where they are now.
  const from = prev ? prev.campus_id : (old?.campus_id ?? campusBefore(studentId, at, transfers, campusNow));
  const after = prev ? termOrder(prev.school_year, prev.term_no) : -Infinity;
  if (
    from !== undefined &&
    from !== campusId &&
    !transfers.some(
      (t) =>
        t.studentId === studentId &&
        t.toCampusId === campusId &&
        termOrder(t.schoolYear, t.termNo) > after &&
        termOrder(t.schoolYear, t.termNo) <= at,
    )
  )
    return [
      'cct',
      str(row.v.cct),
      'cambio de plantel sin traslado: el alumno estaba en otro plantel; registre primero el traslado (evento "traslado" o solicitud de traslado)',
    ];
  if (prev && semester > prev.semester + 1)
    return [
      'semestre',
      String(semester),
      `trayectoria imposible: semestre saltado (cursó el ${prev.semester}.º en ${prev.school_year} periodo ${prev.term_no})`,
    ];
  return null;
}

/** The sending campus of a student's first transfer after a term (where they were then), else `now`. */
function campusBefore(
  studentId: number,
  at: number,
  transfers: Awaited<ReturnType<typeof transfersOf>>,
  now: number | undefined,
): number | undefined {
  let first: { order: number; from: number } | null = null;
  for (const t of transfers) {
    const order = termOrder(t.schoolYear, t.termNo);
    if (t.studentId === studentId && t.fromCampusId !== null && order > at && (!first || order < first.order))
      first = { order, from: t.fromCampusId };
  }
  return first ? first.from : now;
}

/** The facts a batch's checks need: sex and current campus, enrollments, transfers and readmissions. */
async function history(ctx: HandlerContext, ids: readonly number[]) {
  const students = await studentsByIds(ctx.trx, ids);
  return {
    sexOf: new Map(students.map((s) => [s.id, s.sex])),
    campusNow: new Map(students.map((s) => [s.id, Number(s.campus_id)])),
    transfers: await transfersOf(ctx.trx, ctx.store, ids),
    enrolled: byStudent(await enrollmentsOf(ctx.trx, ids)),
    readmitted: new Set(
      (await readmissionsOf(ctx.trx, ids)).map(
        (r) => `${r.student_id}|${termOrder(r.school_year, r.term_no)}`,
      ),
    ),
  };
}

/**
 * An enrollment row as the import writes it, column by column (the benchmark's PostgreSQL copy,
 * bench/import/prepare.ts, copies rows in this shape through the wing's door).
 */
export const ENROLLMENT_COLUMNS: readonly (readonly [string, ColumnType])[] = [
  ['id', 'int'],
  ['student_id', 'int'],
  ['campus_id', 'int'],
  ['program_id', 'int'],
  ['school_year', 'text'],
  ['term_no', 'int'],
  ['semester', 'int'],
  ['group_code', 'text'],
  ['sex', 'text'],
  ['new_entry', 'int'],
  ['grade_avg', 'real'],
  ['failed_modules', 'int'],
  ['attendance_pct', 'real'],
  ['scholarship_delay_days', 'int'],
  ['end_status', 'text'],
];

export const enrollments = defineKind<{ readonly touched: Set<number> }>({
  table: 'enrollments',
  refreshesFlowCounts: true,
  columns: ENROLLMENT_COLUMNS,
  // Students whose latest enrollment may have changed.
  setup: () => Promise.resolve({ touched: new Set<number>() }),
  async rows(ctx, st, rows, b) {
    const h = await history(ctx, b.ids);
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, b.byCurp, row);
      const programId = programOf(ctx, st.cat, row);
      if (campusId === null || studentId === null || programId === undefined) continue;
      const year = str(row.v.school_year);
      const term = num(row.v.term_no);
      const semester = num(row.v.semester);
      if ((semester % 2 === 1 ? 1 : 2) !== term) {
        rowIssue(
          ctx,
          row,
          'semestre',
          String(semester),
          `el semestre ${semester} no se cursa en el periodo ${term} (los semestres impares van en el periodo 1, los pares en el 2)`,
        );
        continue;
      }
      const list = h.enrolled.get(studentId) ?? [];
      const old = list.find((e) => e.school_year === year && e.term_no === term);
      const key = `${studentId}|${year}|${term}`;
      if (!firstTime(ctx, st, row, key, old ? old.id : null, ['curp', str(row.v.curp)])) continue;
      const at = termOrder(year, term);
      const prev = list
        .filter((e) => e !== old && termOrder(e.school_year, e.term_no) < at)
        .sort((a, b) => termOrder(b.school_year, b.term_no) - termOrder(a.school_year, a.term_no))[0];
      const problem = trajectoryProblem(
        row,
        studentId,
        campusId,
        at,
        prev,
        old,
        h.readmitted,
        h.transfers,
        h.campusNow.get(studentId),
      );
      if (problem) {
        rowIssue(ctx, row, ...problem);
        continue;
      }
      const next = {
        campus_id: campusId,
        program_id: programId,
        semester,
        group_code: str(row.v.group_code),
        new_entry: num(row.v.new_entry),
        grade_avg: row.v.grade_avg === null ? null : num(row.v.grade_avg),
        failed_modules: num(row.v.failed_modules),
        attendance_pct: num(row.v.attendance_pct),
        scholarship_delay_days: row.v.scholarship_delay_days === null ? 0 : num(row.v.scholarship_delay_days),
        end_status: str(row.v.end_status),
      };
      const sex = h.sexOf.get(studentId) ?? 'H';
      classify(
        ctx,
        old,
        next,
        (changes) => {
          st.touched.add(studentId);
          if (old) {
            b.update('enrollments', old, changes);
            Object.assign(old, changes);
          }
        },
        () => {
          st.touched.add(studentId);
          const id = st.base + row.line;
          b.inserts.push([
            id,
            studentId,
            campusId,
            programId,
            year,
            term,
            semester,
            next.group_code,
            sex,
            next.new_entry,
            next.grade_avg,
            next.failed_modules,
            next.attendance_pct,
            next.scholarship_delay_days,
            next.end_status,
          ]);
          list.push({ id, student_id: studentId, school_year: year, term_no: term, sex, ...next });
          h.enrolled.set(studentId, list);
        },
        studentId,
        row.line,
      );
    }
  },
  finish: async (ctx, st) => notePlacement(ctx, await refreshPlacement(ctx.trx, [...st.touched])),
});
