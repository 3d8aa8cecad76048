/**
 * Module results: key (student, module, school year, term). The module belongs to the program and semester the
 * student is enrolled in at the row's campus that term; passed follows CONALEP's passing rule on the grade.
 */
import { passes, PASSING_GRADE } from '../../../domain/grades.js';
import { moduleKeys, moduleResultsInTerm } from '../../../storage/imports/record-queries.js';
import { recomputeYearResults } from '../../../storage/imports/year-results.js';
import { enrolledAt, termEnrollments } from './presence.js';
import {
  campusOf,
  classify,
  defineKind,
  firstTime,
  insertNew,
  num,
  rowIssue,
  str,
  studentOf,
} from './shared.js';

interface ModuleState {
  readonly modules: Awaited<ReturnType<typeof moduleKeys>>;
  /** The previous batch's insert, still running while the next batch is parsed (PostgreSQL). */
  pending: Promise<void>;
  /** School year → students whose module results the import inserted or changed: their yearly results follow. */
  readonly affected: Map<string, Set<number>>;
  /** The student and school year last added to `affected` (rows come grouped by student). */
  lastTouched: number;
  lastYear: string;
}

/** Notes a student whose results of a school year change (a Set lookup only when the student changes). */
function touch(st: ModuleState, year: string, studentId: number): void {
  if (studentId === st.lastTouched && year === st.lastYear) return;
  let set = st.affected.get(year);
  if (!set) st.affected.set(year, (set = new Set<number>()));
  set.add(studentId);
  st.lastTouched = studentId;
  st.lastYear = year;
}

export const moduleResults = defineKind<ModuleState>({
  table: 'module_results',
  // The yearly results (AP, REG) are derived from the module results: the years they change are recounted.
  refreshesFlowCounts: true,
  columns: [
    ['id', 'int'],
    ['student_id', 'int'],
    ['campus_id', 'int'],
    ['module_id', 'int'],
    ['school_year', 'text'],
    ['term_no', 'int'],
    ['grade', 'real'],
    ['attendance_pct', 'real'],
    ['passed', 'int'],
    ['regularization_grade', 'real'],
  ],
  setup: async (ctx) => ({
    modules: await moduleKeys(ctx.trx),
    pending: Promise.resolve(),
    affected: new Map(),
    lastTouched: -1,
    lastYear: '',
  }),
  async rows(ctx, st, rows, b) {
    const enrolled = await termEnrollments(ctx, b.terms);
    const byKey = new Map<string, Awaited<ReturnType<typeof moduleResultsInTerm>>[number]>();
    for (const { year, term, ids } of b.terms)
      for (const r of await moduleResultsInTerm(ctx.trx, ctx.store, ids, year, term))
        byKey.set(`${r.student_id}|${r.module_id}|${r.school_year}|${r.term_no}`, r);
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, b.byCurp, row);
      const code = str(row.v.module_code);
      const module = st.modules.get(code);
      if (!module) rowIssue(ctx, row, 'clave_modulo', code, 'no existe un módulo con esta clave');
      if (campusId === null || studentId === null || !module) continue;
      const year = str(row.v.school_year);
      const term = num(row.v.term_no);
      const e = enrolledAt(ctx, row, enrolled, studentId, campusId);
      if (!e) continue;
      if (module.programId !== e.program_id || module.semester !== e.semester) {
        rowIssue(
          ctx,
          row,
          'clave_modulo',
          code,
          `el módulo no corresponde a la carrera y el semestre (${e.semester}.º) en que está inscrito el alumno`,
        );
        continue;
      }
      const key = `${studentId}|${module.id}|${year}|${term}`;
      const old = byKey.get(key);
      if (!firstTime(ctx, st, row, key, old ? old.id : null, ['clave_modulo', code])) continue;
      const grade = num(row.v.grade);
      const attendance = num(row.v.attendance_pct);
      const passed = passes(grade) ? 1 : 0;
      const regularization = row.v.regularization_grade === null ? null : num(row.v.regularization_grade);
      if (!old) {
        // A new row (most rows of a semester's file): counted and queued without the plan's objects.
        insertNew(ctx, studentId);
        touch(st, year, studentId);
        b.inserts.push([
          st.base + row.line,
          studentId,
          campusId,
          module.id,
          year,
          term,
          grade,
          attendance,
          passed,
          regularization,
        ]);
        continue;
      }
      const next = { grade, attendance_pct: attendance, passed, regularization_grade: regularization };
      classify(
        ctx,
        old,
        next,
        (changes) => {
          b.update('module_results', old, changes);
          touch(st, year, studentId);
        },
        () => {},
        studentId,
        row.line,
      );
    }
  },
  // The insert runs while the next batch is parsed; drain() awaits it before the next batch's lookups.
  write(_ctx, st, b) {
    st.pending = st.writer?.insert(b.inserts) ?? Promise.resolve();
    st.pending.catch(() => {});
    return Promise.resolve();
  },
  drain: (st) => st.pending,
  // Inside the import's transaction: the yearly results of the students it touched, judged again from all their
  // module results of the year (pass, regularized, pending). Each (school year, campus) cell whose yearly results
  // changed goes to the footprint: records.ts rebuilds the flow counts of those cells only, and the change log
  // names them to the analyses that read yearly results.
  async finish(ctx, st) {
    for (const [year, ids] of st.affected) {
      const r = await recomputeYearResults(ctx.trx, ctx.store, year, [...ids], PASSING_GRADE);
      for (const campus of r.campuses) ctx.touched.add('year_results', year, campus);
    }
  },
});
