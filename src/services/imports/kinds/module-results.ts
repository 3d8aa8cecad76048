/**
 * Module results: key (student, module, school year, term). The module belongs to the program and semester the
 * student is enrolled in at the row's campus that term; passed follows CONALEP's passing rule on the grade.
 */
import { passes, PASSING_GRADE } from '../../../domain/grades.js';
import { moduleKeys, moduleResultsInTerm } from '../../../storage/imports/record-queries.js';
import { recomputeYearResults } from '../../../storage/imports/year-results.js';
import { enrolledAt, termEnrollments, type TermEnrollment } from './presence.js';
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
  type NaturalKey,
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
  /** (school year, term) → a small number for the keys (keyOf), in the order met. */
  readonly terms: Map<string, Map<number, number>>;
}

/**
 * A module result's natural key (student, module, school year, term) as one number: the (school year, term)
 * numbered per import; a string when a part is out of range (no collision: the types differ).
 */
function keyOf(st: ModuleState, studentId: number, moduleId: number, year: string, term: number): NaturalKey {
  let terms = st.terms.get(year);
  if (!terms) st.terms.set(year, (terms = new Map<number, number>()));
  let yt = terms.get(term);
  if (yt === undefined) {
    yt = [...st.terms.values()].reduce((n, m) => n + m.size, 0);
    terms.set(term, yt);
  }
  if (yt < 32 && moduleId >= 0 && moduleId < 65_536 && studentId >= 0 && studentId < 2 ** 32)
    return (studentId * 65_536 + moduleId) * 32 + yt;
  return `${studentId}|${moduleId}|${year}|${term}`;
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
    terms: new Map(),
  }),
  async rows(ctx, st, rows, b) {
    const enrolled = await termEnrollments(ctx, b.terms);
    const byKey = new Map<NaturalKey, Awaited<ReturnType<typeof moduleResultsInTerm>>[number]>();
    for (const { year, term, ids } of b.terms)
      for (const r of await moduleResultsInTerm(ctx.trx, ctx.store, ids, year, term))
        byKey.set(keyOf(st, r.student_id, r.module_id, r.school_year, r.term_no), r);
    // Rows come grouped by student: the previous row's campus and enrollment, when found, serve the next rows
    // that name the same (no lookups per row; a row that fails a check is still judged on its own).
    let lastCct: unknown;
    let lastCampus = -1;
    let lastE: TermEnrollment | null = null;
    for (const row of rows) {
      const cct = row.v.cct;
      const campusId = lastCampus >= 0 && cct === lastCct ? lastCampus : campusOf(ctx, st.cat, row);
      if (campusId !== null && cct !== lastCct) {
        lastCct = cct;
        lastCampus = campusId;
      }
      const studentId = studentOf(ctx, b.byCurp, row);
      const code = str(row.v.module_code);
      const module = st.modules.get(code);
      if (!module) rowIssue(ctx, row, 'clave_modulo', code, 'no existe un módulo con esta clave');
      if (campusId === null || studentId === null || !module) continue;
      const year = str(row.v.school_year);
      const term = num(row.v.term_no);
      const e: TermEnrollment | null =
        lastE !== null &&
        lastE.student_id === studentId &&
        lastE.school_year === year &&
        lastE.term_no === term &&
        lastE.campus_id === campusId
          ? lastE
          : enrolledAt(ctx, row, enrolled, studentId, campusId);
      if (!e) continue;
      lastE = e;
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
      const key = keyOf(st, studentId, module.id, year, term);
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
