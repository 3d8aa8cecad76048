/**
 * Per-kind checks and writes of record imports (see records.ts). Each handler receives batches of rows
 * whose fields already parsed, resolves references (campus by CCT, program and module by code, student by
 * CURP), checks natural keys against the database and the rows imported earlier from the same file, checks
 * trajectories, and writes. New rows get id = (largest id at the start) + line, so a row written earlier in
 * this import is recognised, and its line named, when the same key comes again.
 */
import type { Kysely, Transaction } from 'kysely';
import { passes } from '../../domain/grades.js';
import { curpBirthDate, type Curp } from '../../domain/identifiers.js';
import { searchKey } from '../../domain/names.js';
import type { CsvIssue } from '../../ingest/issues.js';
import type { FieldValue } from '../../ingest/record-fields.js';
import type { RecordKind } from '../../ingest/record-kinds.js';
import { refreshPlacement, studentsAtByCurp, termOrder, transfersOf } from '../../storage/import-lookups.js';
import {
  memberOf,
  tableWriter,
  type ColumnType,
  type ImportTarget,
  type TableWriter,
} from '../../storage/import-writes.js';
import type { Database } from '../../storage/schema.js';

export interface ParsedRow {
  readonly line: number;
  readonly v: Record<string, FieldValue>;
}

export interface HandlerContext {
  readonly store: ImportTarget;
  readonly trx: Transaction<Database>;
  readonly file: string;
  readonly issue: (i: CsvIssue) => void;
  readonly counts: { inserted: number; updated: number; unchanged: number };
  readonly touchedYears: Set<string>;
  /**
   * The campuses the importer may write for (undefined: any). A student is in scope when their current campus
   * is one of them; a CURP of a student outside it is answered exactly as a CURP that exists nowhere.
   */
  readonly campusScope: ReadonlySet<number> | undefined;
  /** Students created or changed by the import (for the audit row). */
  readonly changed: Set<number>;
  /** Students outside the scope whose CURP a row named (for the audit row; never written). */
  readonly hidden: Map<string, number>;
  /** Names changed on existing students: before and after (identity audit, see audit.ts). */
  readonly identityChanges: IdentityChange[];
  /** When the import started (ISO), for created_at / updated_at columns. */
  readonly startedAt: string;
  /** Whether some issue was found already (writes may stop: the import will be rolled back). */
  readonly failed: () => boolean;
  /**
   * The optional fields whose column the file lacks (see absentFields). An update never writes them, nor the
   * values derived from them: an absent column leaves stored values alone, an empty cell in a present column
   * clears them.
   */
  readonly absent: ReadonlySet<string>;
}

/** The optional fields of a mapped header whose column is absent (index -1). */
export function absentFields(columns: ReadonlyMap<string, number>): Set<string> {
  return new Set([...columns].filter(([, index]) => index < 0).map(([key]) => key));
}

/** Stored columns computed from an optional field: kept too when that field's column is absent. */
const DERIVED_FROM: Readonly<Record<string, string>> = { delay_days: 'paid_date' };

export interface IdentityChange {
  readonly studentId: number;
  readonly before: Readonly<Record<string, string>>;
  readonly after: Readonly<Record<string, string>>;
}

export interface RecordHandler<S> {
  /** Whether the import changes what flow counts derive from (enrollments, year results). */
  readonly refreshesFlowCounts: boolean;
  begin(ctx: HandlerContext): Promise<S>;
  batch(ctx: HandlerContext, state: S, rows: readonly ParsedRow[]): Promise<void>;
  /** After the last batch when no issue was found: derived updates. */
  finish(ctx: HandlerContext, state: S): Promise<void>;
  /** After the last batch, always: waits for writes still in flight. */
  drain?(state: S): Promise<void>;
}

const str = (v: FieldValue | undefined): string => String(v ?? '');
const num = (v: FieldValue | undefined): number => Number(v ?? 0);

const LOOKUP_CHUNK = 1000;

async function chunked<T, R>(items: readonly T[], f: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += LOOKUP_CHUNK)
    out.push(...(await f(items.slice(i, i + LOOKUP_CHUNK))));
  return out;
}

/**
 * CURP → student id for the CURPs of a batch, for students within the importer's scope only: the others are
 * kept aside (ctx.hidden) and every check that follows treats their CURP as unknown.
 */
async function studentsByCurp(
  ctx: HandlerContext,
  curps: readonly string[],
  campusNow?: Map<number, number>,
) {
  const out = new Map<string, number>();
  for (const r of await studentsAtByCurp(ctx.trx, ctx.store, curps)) {
    if (ctx.campusScope && !ctx.campusScope.has(r.campusId)) ctx.hidden.set(r.curp, r.studentId);
    else {
      out.set(r.curp, r.studentId);
      campusNow?.set(r.studentId, r.campusId);
    }
  }
  return out;
}

async function maxId(
  trx: Kysely<Database>,
  table:
    | 'module_results'
    | 'enrollments'
    | 'students'
    | 'status_events'
    | 'scholarship_payments'
    | 'interventions'
    | 'certifications'
    | 'programs',
) {
  const r = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}

interface Catalog {
  readonly campuses: Map<string, number>;
  readonly programs: Map<string, number>;
}

async function loadCatalog(trx: Kysely<Database>): Promise<Catalog> {
  const campuses = await trx.selectFrom('campuses').select(['id', 'cct']).execute();
  const programs = await trx.selectFrom('programs').select(['id', 'code']).execute();
  return {
    campuses: new Map(campuses.map((c) => [c.cct, Number(c.id)])),
    programs: new Map(programs.map((p) => [p.code.toUpperCase(), Number(p.id)])),
  };
}

/** Resolves the CCT of a row (and checks the user's campus scope); null when the row cannot go on. */
function campusOf(ctx: HandlerContext, cat: Catalog, row: ParsedRow): number | null {
  const cct = str(row.v.cct);
  const id = cat.campuses.get(cct);
  if (id === undefined) {
    ctx.issue({
      file: ctx.file,
      line: row.line,
      column: 'cct',
      value: cct,
      message: 'no existe un plantel con esta CCT',
    });
    return null;
  }
  if (ctx.campusScope && !ctx.campusScope.has(id)) {
    ctx.issue({
      file: ctx.file,
      line: row.line,
      column: 'cct',
      value: cct,
      message: 'solo puede importar filas de su plantel',
    });
    return null;
  }
  return id;
}

function studentOf(ctx: HandlerContext, byCurp: Map<string, number>, row: ParsedRow): number | null {
  const curp = str(row.v.curp);
  const id = byCurp.get(curp);
  if (id === undefined)
    ctx.issue({
      file: ctx.file,
      line: row.line,
      column: 'curp',
      value: curp,
      message: 'no hay un alumno con esta CURP: importe primero el archivo de alumnos',
    });
  return id ?? null;
}

/**
 * Natural keys seen in this import, in memory that does not grow with the file: rows of the current batch by
 * key; rows inserted earlier by their id (base + line); existing rows matched earlier by a bit per id.
 */
class KeyTracker {
  private readonly batch = new Map<string, number>();
  private readonly seen: Uint8Array;
  constructor(private readonly base: number) {
    this.seen = new Uint8Array((base >> 3) + 1);
  }
  /** The line of an earlier row of this file with the same key; 0 when it is known but not its line. */
  earlier(key: string, existingId: number | null): number | null {
    const line = this.batch.get(key);
    if (line !== undefined) return line;
    if (existingId === null) return null;
    if (existingId > this.base) return existingId - this.base;
    return (this.seen[existingId >> 3] ?? 0) & (1 << (existingId & 7)) ? 0 : null;
  }
  remember(key: string, line: number, existingId: number | null): void {
    this.batch.set(key, line);
    if (existingId !== null && existingId <= this.base) {
      const i = existingId >> 3;
      this.seen[i] = (this.seen[i] ?? 0) | (1 << (existingId & 7));
    }
  }
  /** At the end of a batch (its new rows are written: their ids tell from now on). */
  endBatch(): void {
    this.batch.clear();
  }
}

function duplicate(ctx: HandlerContext, row: ParsedRow, column: string, value: string, first: number): void {
  ctx.issue({
    file: ctx.file,
    line: row.line,
    column,
    value,
    message:
      first > 0
        ? `fila repetida: la misma clave aparece en la línea ${first}`
        : 'fila repetida: la misma clave aparece antes en el archivo',
  });
}

/** The distinct (school year, term) pairs of a batch with the students (found by CURP) of each. */
function studentsPerTerm(rows: readonly ParsedRow[], byCurp: Map<string, number>) {
  const pairs = new Map<string, { year: string; term: number; ids: Set<number> }>();
  for (const r of rows) {
    const id = byCurp.get(str(r.v.curp));
    if (id === undefined) continue;
    const year = str(r.v.school_year);
    const term = num(r.v.term_no);
    const k = `${year}|${term}`;
    let p = pairs.get(k);
    if (!p) pairs.set(k, (p = { year, term, ids: new Set() }));
    p.ids.add(id);
  }
  return [...pairs.values()].map((p) => ({ year: p.year, term: p.term, ids: [...p.ids] }));
}

/** Plans rows against the database: insert, update (changed columns), unchanged. */
function classify<T extends object>(
  ctx: HandlerContext,
  existing: T | undefined,
  next: Partial<T>,
  onUpdate: (changes: Partial<T>) => void,
  onInsert: () => void,
  studentId?: number,
): void {
  if (!existing) {
    ctx.counts.inserted++;
    if (studentId !== undefined) ctx.changed.add(studentId);
    onInsert();
    return;
  }
  const changes: Partial<T> = {};
  let changed = false;
  for (const k of Object.keys(next) as (keyof T)[]) {
    const name = String(k);
    if (ctx.absent.has(name) || ctx.absent.has(DERIVED_FROM[name] ?? '')) continue;
    const a = existing[k];
    const b = next[k];
    const same =
      typeof a === 'number' || typeof b === 'number'
        ? Number(a) === Number(b) && (a === null) === (b === null)
        : a === b;
    if (!same) {
      changes[k] = b;
      changed = true;
    }
  }
  if (changed) {
    ctx.counts.updated++;
    if (studentId !== undefined) ctx.changed.add(studentId);
    onUpdate(changes);
  } else ctx.counts.unchanged++;
}

// ---------------------------------------------------------------------------------------------------------
// Module results: key (student, module, school year, term).

interface ModuleState {
  readonly cat: Catalog;
  readonly modules: Map<string, { id: number; programId: number; semester: number }>;
  readonly base: number;
  readonly keys: KeyTracker;
  readonly writer: TableWriter;
  /** The previous batch's insert, still running while the next batch is parsed (PostgreSQL). */
  pending: Promise<void>;
}

const MODULE_RESULT_COLUMNS: readonly (readonly [string, ColumnType])[] = [
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
];

const moduleResults: RecordHandler<ModuleState> = {
  refreshesFlowCounts: false,
  async begin(ctx) {
    const cat = await loadCatalog(ctx.trx);
    const modules = await ctx.trx
      .selectFrom('modules')
      .select(['id', 'code', 'program_id', 'semester'])
      .execute();
    const base = await maxId(ctx.trx, 'module_results');
    return {
      cat,
      modules: new Map(
        modules.map((m) => [
          m.code.toUpperCase(),
          { id: m.id, programId: m.program_id, semester: m.semester },
        ]),
      ),
      base,
      keys: new KeyTracker(base),
      writer: tableWriter(ctx.store, ctx.trx, 'module_results', MODULE_RESULT_COLUMNS),
      pending: Promise.resolve(),
    };
  },
  async batch(ctx, st, rows) {
    // The lookups below must see the previous batch's rows (duplicates within the file).
    await st.pending;
    const byCurp = await studentsByCurp(
      ctx,
      rows.map((r) => str(r.v.curp)),
    );
    const enrollments: {
      student_id: number;
      school_year: string;
      term_no: number;
      campus_id: number;
      program_id: number;
      semester: number;
    }[] = [];
    const existing: {
      id: number;
      student_id: number;
      module_id: number;
      school_year: string;
      term_no: number;
      grade: number;
      attendance_pct: number;
      passed: number;
      regularization_grade: number | null;
    }[] = [];
    // One pair of lookups per school year and term in the batch (usually one), on the natural-key indexes.
    for (const { year, term, ids } of studentsPerTerm(rows, byCurp)) {
      for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
        const part = ids.slice(i, i + LOOKUP_CHUNK);
        enrollments.push(
          ...(await ctx.trx
            .selectFrom('enrollments')
            .select(['student_id', 'school_year', 'term_no', 'campus_id', 'program_id', 'semester'])
            .where(memberOf(ctx.store, 'student_id', part, 'int'))
            .where('school_year', '=', year)
            .where('term_no', '=', term)
            .execute()),
        );
        existing.push(
          ...(await ctx.trx
            .selectFrom('module_results')
            .select([
              'id',
              'student_id',
              'module_id',
              'school_year',
              'term_no',
              'grade',
              'attendance_pct',
              'passed',
              'regularization_grade',
            ])
            .where(memberOf(ctx.store, 'student_id', part, 'int'))
            .where('school_year', '=', year)
            .where('term_no', '=', term)
            .execute()),
        );
      }
    }
    const enrolled = new Map(enrollments.map((e) => [`${e.student_id}|${e.school_year}|${e.term_no}`, e]));
    const byKey = new Map(
      existing.map((r) => [`${r.student_id}|${r.module_id}|${r.school_year}|${r.term_no}`, r]),
    );
    const inserts: (string | number | null)[][] = [];
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, byCurp, row);
      const code = str(row.v.module_code);
      const module = st.modules.get(code);
      if (!module)
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'clave_modulo',
          value: code,
          message: 'no existe un módulo con esta clave',
        });
      if (campusId === null || studentId === null || !module) continue;
      const year = str(row.v.school_year);
      const term = num(row.v.term_no);
      const e = enrolledAt(ctx, row, enrolled, studentId, campusId);
      if (!e) continue;
      if (module.programId !== e.program_id || module.semester !== e.semester) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'clave_modulo',
          value: code,
          message: `el módulo no corresponde a la carrera y el semestre (${e.semester}.º) en que está inscrito el alumno`,
        });
        continue;
      }
      const key = `${studentId}|${module.id}|${year}|${term}`;
      const old = byKey.get(key);
      const first = st.keys.earlier(key, old ? old.id : null);
      if (first !== null) {
        duplicate(ctx, row, 'clave_modulo', code, first);
        continue;
      }
      st.keys.remember(key, row.line, old ? old.id : null);
      const grade = num(row.v.grade);
      const next = {
        grade,
        attendance_pct: num(row.v.attendance_pct),
        passed: passes(grade) ? 1 : 0,
        regularization_grade: row.v.regularization_grade === null ? null : num(row.v.regularization_grade),
      };
      classify(
        ctx,
        old,
        next,
        (changes) => {
          if (old)
            pendingUpdates.push(
              ctx.trx.updateTable('module_results').set(changes).where('id', '=', old.id).execute(),
            );
        },
        () => {
          inserts.push([
            st.base + row.line,
            studentId,
            campusId,
            module.id,
            year,
            term,
            next.grade,
            next.attendance_pct,
            next.passed,
            next.regularization_grade,
          ]);
        },
        studentId,
      );
    }
    await Promise.all(pendingUpdates.splice(0));
    st.pending = st.writer.insert(inserts);
    st.pending.catch(() => {}); // awaited by the next batch or drain()
    st.keys.endBatch();
  },
  finish: () => Promise.resolve(),
  drain: (st) => st.pending,
};

// Updates queued during a synchronous classification loop, awaited at the end of the batch.
const pendingUpdates: Promise<unknown>[] = [];

// ---------------------------------------------------------------------------------------------------------
// Enrollments: key (student, school year, term); trajectory checked against the student's other enrollments.

interface EnrollmentRow {
  id: number;
  student_id: number;
  campus_id: number;
  program_id: number;
  school_year: string;
  term_no: number;
  semester: number;
  group_code: string;
  new_entry: number;
  grade_avg: number | null;
  failed_modules: number;
  attendance_pct: number;
  scholarship_delay_days: number;
  end_status: string;
}

interface EnrollmentState {
  readonly cat: Catalog;
  readonly base: number;
  readonly keys: KeyTracker;
  readonly writer: TableWriter;
  /** Students whose latest enrollment may have changed. */
  readonly touched: Set<number>;
}

const ENROLLMENT_COLUMNS: readonly (readonly [string, ColumnType])[] = [
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

const enrollments: RecordHandler<EnrollmentState> = {
  refreshesFlowCounts: true,
  async begin(ctx) {
    const base = await maxId(ctx.trx, 'enrollments');
    return {
      cat: await loadCatalog(ctx.trx),
      base,
      keys: new KeyTracker(base),
      writer: tableWriter(ctx.store, ctx.trx, 'enrollments', ENROLLMENT_COLUMNS),
      touched: new Set(),
    };
  },
  async batch(ctx, st, rows) {
    const byCurp = await studentsByCurp(
      ctx,
      rows.map((r) => str(r.v.curp)),
    );
    const ids = [...new Set(byCurp.values())];
    const students = await chunked(ids, (part) =>
      ctx.trx.selectFrom('students').select(['id', 'sex', 'campus_id']).where('id', 'in', part).execute(),
    );
    const sexOf = new Map(students.map((s) => [s.id, s.sex]));
    const campusNow = new Map(students.map((s) => [s.id, Number(s.campus_id)]));
    const transfers = await transfersOf(ctx.trx, ctx.store, ids);
    const history = new Map<number, EnrollmentRow[]>();
    for (const e of await chunked(ids, (part) =>
      ctx.trx.selectFrom('enrollments').selectAll().where('student_id', 'in', part).execute(),
    )) {
      const list = history.get(e.student_id) ?? [];
      list.push(e);
      history.set(e.student_id, list);
    }
    const readmitted = new Set(
      (
        await chunked(ids, (part) =>
          ctx.trx
            .selectFrom('status_events')
            .select(['student_id', 'school_year', 'term_no'])
            .where('student_id', 'in', part)
            .where('kind', '=', 'readmission')
            .execute(),
        )
      ).map((r) => `${r.student_id}|${termOrder(r.school_year, r.term_no)}`),
    );
    const inserts: (string | number | null)[][] = [];
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, byCurp, row);
      const code = str(row.v.program_code);
      const programId = st.cat.programs.get(code);
      if (programId === undefined)
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'clave_carrera',
          value: code,
          message: 'no existe una carrera con esta clave',
        });
      if (campusId === null || studentId === null || programId === undefined) continue;
      const year = str(row.v.school_year);
      const term = num(row.v.term_no);
      const semester = num(row.v.semester);
      if ((semester % 2 === 1 ? 1 : 2) !== term) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'semestre',
          value: String(semester),
          message: `el semestre ${semester} no se cursa en el periodo ${term} (los semestres impares van en el periodo 1, los pares en el 2)`,
        });
        continue;
      }
      const list = history.get(studentId) ?? [];
      const old = list.find((e) => e.school_year === year && e.term_no === term);
      const key = `${studentId}|${year}|${term}`;
      const first = st.keys.earlier(key, old ? old.id : null);
      if (first !== null) {
        duplicate(ctx, row, 'curp', str(row.v.curp), first);
        continue;
      }
      st.keys.remember(key, row.line, old ? old.id : null);
      const at = termOrder(year, term);
      const others = list.filter((e) => e !== old);
      const prev = others
        .filter((e) => termOrder(e.school_year, e.term_no) < at)
        .sort((a, b) => termOrder(b.school_year, b.term_no) - termOrder(a.school_year, a.term_no))[0];
      if (
        prev &&
        prev.end_status === 'dropout' &&
        ![...Array(at - termOrder(prev.school_year, prev.term_no) + 1).keys()].some((k) =>
          readmitted.has(`${studentId}|${termOrder(prev.school_year, prev.term_no) + k}`),
        )
      ) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'curp',
          value: str(row.v.curp),
          message: `trayectoria imposible: el alumno causó baja en ${prev.school_year} periodo ${prev.term_no} y no tiene reingreso registrado`,
        });
        continue;
      }
      // A change of campus is a transfer, recorded as such (a status event "traslado" to this campus, imported
      // by a state or national user or confirmed through /api/v1/transfers), never a side effect of this row.
      const from = prev ? prev.campus_id : campusNow.get(studentId);
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
      ) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'cct',
          value: str(row.v.cct),
          message:
            'cambio de plantel sin traslado: el alumno estaba en otro plantel; registre primero el traslado (evento "traslado" o solicitud de traslado)',
        });
        continue;
      }
      if (prev && semester > prev.semester + 1) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'semestre',
          value: String(semester),
          message: `trayectoria imposible: semestre saltado (cursó el ${prev.semester}.º en ${prev.school_year} periodo ${prev.term_no})`,
        });
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
      const sex = sexOf.get(studentId) ?? 'H';
      classify(
        ctx,
        old,
        next,
        (changes) => {
          ctx.touchedYears.add(year);
          st.touched.add(studentId);
          if (old)
            pendingUpdates.push(
              ctx.trx.updateTable('enrollments').set(changes).where('id', '=', old.id).execute(),
            );
          if (old) Object.assign(old, changes);
        },
        () => {
          ctx.touchedYears.add(year);
          st.touched.add(studentId);
          const id = st.base + row.line;
          inserts.push([
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
          list.push({ id, student_id: studentId, school_year: year, term_no: term, ...next });
          history.set(studentId, list);
        },
        studentId,
      );
    }
    await Promise.all(pendingUpdates.splice(0));
    await st.writer.insert(inserts);
    st.keys.endBatch();
  },
  async finish(ctx, st) {
    await refreshPlacement(ctx.trx, [...st.touched]);
  },
};

/** A students row whose CURP belongs to a student outside the importer's scope. */
export const OUT_OF_SCOPE_STUDENT =
  'la CURP ya está registrada en un plantel fuera de su alcance: si el alumno viene de otro plantel, solicite su traslado';

// ---------------------------------------------------------------------------------------------------------
// Students: key CURP. The student row holds no name or CURP: those go to student_identities only.

interface StudentState {
  readonly cat: Catalog;
  readonly base: number;
  readonly keys: KeyTracker;
  readonly students: TableWriter;
  readonly identities: TableWriter;
}

const students: RecordHandler<StudentState> = {
  refreshesFlowCounts: false,
  async begin(ctx) {
    const base = await maxId(ctx.trx, 'students');
    return {
      cat: await loadCatalog(ctx.trx),
      base,
      keys: new KeyTracker(base),
      students: tableWriter(ctx.store, ctx.trx, 'students', [
        ['id', 'int'],
        ['sex', 'text'],
        ['birth_date', 'text'],
        ['entry_year', 'int'],
        ['entry_campus_id', 'int'],
        ['campus_id', 'int'],
        ['program_id', 'int'],
      ]),
      identities: tableWriter(ctx.store, ctx.trx, 'student_identities', [
        ['student_id', 'int'],
        ['campus_id', 'int'],
        ['curp', 'text'],
        ['given_names', 'text'],
        ['first_surname', 'text'],
        ['second_surname', 'text'],
        ['search_key', 'text'],
      ]),
    };
  },
  async batch(ctx, st, rows) {
    const byCurp = await studentsByCurp(
      ctx,
      rows.map((r) => str(r.v.curp)),
    );
    const ids = [...new Set(byCurp.values())];
    const olds = new Map(
      (
        await chunked(ids, (part) =>
          ctx.trx.selectFrom('students').selectAll().where('id', 'in', part).execute(),
        )
      ).map((s) => [s.id, s]),
    );
    const idents = new Map(
      (
        await chunked(ids, (part) =>
          ctx.trx.selectFrom('student_identities').selectAll().where('student_id', 'in', part).execute(),
        )
      ).map((s) => [s.student_id, s]),
    );
    const newStudents: (string | number | null)[][] = [];
    const newIdentities: (string | number | null)[][] = [];
    for (const row of rows) {
      const curp = str(row.v.curp) as Curp;
      const campusId = campusOf(ctx, st.cat, row);
      const code = str(row.v.program_code);
      const programId = st.cat.programs.get(code);
      if (programId === undefined)
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'clave_carrera',
          value: code,
          message: 'no existe una carrera con esta clave',
        });
      const sex = curp.charAt(10) === 'M' ? 'M' : 'H';
      const birth = curpBirthDate(curp);
      if (row.v.sex !== null && row.v.sex !== sex) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'sexo',
          value: str(row.v.sex),
          message: `el sexo no coincide con la CURP (${sex})`,
        });
        continue;
      }
      if (row.v.birth_date !== null && row.v.birth_date !== birth) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'fecha_nacimiento',
          value: str(row.v.birth_date),
          message: `la fecha de nacimiento no coincide con la CURP (${birth})`,
        });
        continue;
      }
      const entryYear = num(row.v.entry_year);
      if (entryYear < Number(birth.slice(0, 4)) + 12) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'anio_ingreso',
          value: String(entryYear),
          message: 'el año de ingreso es anterior a los 12 años de edad del alumno',
        });
        continue;
      }
      if (campusId === null || programId === undefined) continue;
      if (ctx.hidden.has(curp)) {
        // The CURP is unique in the country: a student registered elsewhere comes by transfer, not by a new
        // registration. Nothing of the other record is told (no name, campus or history).
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'curp',
          value: curp,
          message: OUT_OF_SCOPE_STUDENT,
        });
        continue;
      }
      const oldId = byCurp.get(curp) ?? null;
      const first = st.keys.earlier(curp, oldId);
      if (first !== null) {
        duplicate(ctx, row, 'curp', curp, first);
        continue;
      }
      st.keys.remember(curp, row.line, oldId);
      const old = oldId === null ? undefined : olds.get(oldId);
      const ident = oldId === null ? undefined : idents.get(oldId);
      const names = {
        given_names: str(row.v.given_names),
        first_surname: str(row.v.first_surname),
        // An absent segundo_apellido column keeps the stored one; an empty cell clears it.
        second_surname:
          ident && ctx.absent.has('second_surname')
            ? ident.second_surname
            : row.v.second_surname === null
              ? ''
              : str(row.v.second_surname),
      };
      const search = searchKey(`${names.first_surname} ${names.second_surname} ${names.given_names}`);
      if (!old || !ident) {
        ctx.counts.inserted++;
        const id = st.base + row.line;
        ctx.changed.add(id);
        newStudents.push([id, sex, birth, entryYear, campusId, campusId, programId]);
        newIdentities.push([
          id,
          campusId,
          curp,
          names.given_names,
          names.first_surname,
          names.second_surname,
          search,
        ]);
        continue;
      }
      // The campus and program of an existing student follow their enrollments; the file may fix the entry.
      const studentChanges = old.entry_year !== entryYear || old.entry_campus_id !== campusId;
      const identChanges =
        ident.given_names !== names.given_names ||
        ident.first_surname !== names.first_surname ||
        ident.second_surname !== names.second_surname;
      if (!studentChanges && !identChanges) {
        ctx.counts.unchanged++;
        continue;
      }
      ctx.counts.updated++;
      ctx.changed.add(old.id);
      if (identChanges)
        ctx.identityChanges.push({
          studentId: old.id,
          before: {
            given_names: ident.given_names,
            first_surname: ident.first_surname,
            second_surname: ident.second_surname,
          },
          after: names,
        });
      if (studentChanges)
        pendingUpdates.push(
          ctx.trx
            .updateTable('students')
            .set({ entry_year: entryYear, entry_campus_id: campusId })
            .where('id', '=', old.id)
            .execute(),
        );
      if (identChanges)
        pendingUpdates.push(
          ctx.trx
            .updateTable('student_identities')
            .set({ ...names, search_key: search })
            .where('student_id', '=', old.id)
            .execute(),
        );
    }
    await Promise.all(pendingUpdates.splice(0));
    await st.students.insert(newStudents);
    await st.identities.insert(newIdentities);
    st.keys.endBatch();
  },
  finish: () => Promise.resolve(),
};

// ---------------------------------------------------------------------------------------------------------
// Status events: key (student, date, kind). Graduation needs semester 6; nothing but a readmission after a
// dropout.

interface EventState {
  readonly cat: Catalog;
  readonly base: number;
  readonly keys: KeyTracker;
  readonly writer: TableWriter;
  /** Students with a transfer written by this import: their current campus is derived again at the end. */
  readonly moved: Set<number>;
}

const statusEvents: RecordHandler<EventState> = {
  refreshesFlowCounts: false,
  async begin(ctx) {
    const base = await maxId(ctx.trx, 'status_events');
    return {
      cat: await loadCatalog(ctx.trx),
      base,
      keys: new KeyTracker(base),
      writer: tableWriter(ctx.store, ctx.trx, 'status_events', [
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
      ]),
      moved: new Set(),
    };
  },
  async batch(ctx, st, rows) {
    const campusNow = new Map<number, number>();
    const byCurp = await studentsByCurp(
      ctx,
      rows.map((r) => str(r.v.curp)),
      campusNow,
    );
    const ids = [...new Set(byCurp.values())];
    const events = new Map<
      number,
      { id: number; event_date: string; kind: string; reason: string | null; campus_id: number }[]
    >();
    for (const e of await chunked(ids, (part) =>
      ctx.trx
        .selectFrom('status_events')
        .select(['id', 'student_id', 'event_date', 'kind', 'reason', 'campus_id'])
        .where('student_id', 'in', part)
        .execute(),
    )) {
      const l = events.get(e.student_id) ?? [];
      l.push(e);
      events.set(e.student_id, l);
    }
    const maxSemester = new Map(
      (
        await chunked(ids, (part) =>
          ctx.trx
            .selectFrom('enrollments')
            .select(['student_id', (eb) => eb.fn.max('semester').as('s')])
            .where('student_id', 'in', part)
            .groupBy('student_id')
            .execute(),
        )
      ).map((r) => [r.student_id, Number(r.s)]),
    );
    const inserts: (string | number | null)[][] = [];
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, byCurp, row);
      if (campusId === null || studentId === null) continue;
      const date = str(row.v.event_date);
      const kind = str(row.v.kind);
      const list = events.get(studentId) ?? [];
      const old = list.find((e) => e.event_date === date && e.kind === kind);
      const key = `${studentId}|${date}|${kind}`;
      const first = st.keys.earlier(key, old ? old.id : null);
      if (first !== null) {
        duplicate(ctx, row, 'evento', kind, first);
        continue;
      }
      st.keys.remember(key, row.line, old ? old.id : null);
      if (kind === 'graduation' && (maxSemester.get(studentId) ?? 0) < 6) {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'evento',
          value: str(row.v.kind),
          message: 'trayectoria imposible: egreso sin haber cursado el 6.º semestre',
        });
        continue;
      }
      const lastBefore = list
        .filter((e) => e !== old && e.event_date <= date)
        .sort((a, b) => b.event_date.localeCompare(a.event_date))[0];
      if (lastBefore?.kind === 'dropout' && kind !== 'readmission' && kind !== 'dropout') {
        ctx.issue({
          file: ctx.file,
          line: row.line,
          column: 'fecha',
          value: date,
          message: `trayectoria imposible: evento posterior a la baja del ${lastBefore.event_date} sin reingreso`,
        });
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
          if (old)
            pendingUpdates.push(
              ctx.trx
                .updateTable('status_events')
                .set(moves ? { ...changes, to_campus_id: campusId } : changes)
                .where('id', '=', old.id)
                .execute(),
            );
        },
        () => {
          const id = st.base + row.line;
          const transfer = kind === 'transfer';
          if (transfer) st.moved.add(studentId);
          inserts.push([
            id,
            studentId,
            campusId,
            str(row.v.school_year),
            num(row.v.term_no),
            date,
            kind,
            reason,
            transfer ? (campusNow.get(studentId) ?? null) : null,
            transfer ? campusId : null,
          ]);
          list.push({ id, event_date: date, kind, reason, campus_id: campusId });
          events.set(studentId, list);
        },
        studentId,
      );
    }
    await Promise.all(pendingUpdates.splice(0));
    await st.writer.insert(inserts);
    st.keys.endBatch();
  },
  // A transfer moves the student to the receiving campus when it comes after their latest enrollment.
  finish: (ctx, st) => refreshPlacement(ctx.trx, [...st.moved]),
};

// ---------------------------------------------------------------------------------------------------------
// Shared by the kinds below: the enrollment of each (student, school year, term) of a batch.

interface TermEnrollment {
  id: number;
  student_id: number;
  school_year: string;
  term_no: number;
  campus_id: number;
  attendance_pct: number;
}

async function termEnrollments(
  ctx: HandlerContext,
  rows: readonly ParsedRow[],
  byCurp: Map<string, number>,
): Promise<Map<string, TermEnrollment>> {
  const out = new Map<string, TermEnrollment>();
  for (const { year, term, ids } of studentsPerTerm(rows, byCurp))
    for (const e of await chunked(ids, (part) =>
      ctx.trx
        .selectFrom('enrollments')
        .select(['id', 'student_id', 'school_year', 'term_no', 'campus_id', 'attendance_pct'])
        .where(memberOf(ctx.store, 'student_id', part, 'int'))
        .where('school_year', '=', year)
        .where('term_no', '=', term)
        .execute(),
    ))
      out.set(`${e.student_id}|${e.school_year}|${e.term_no}`, e);
  return out;
}

/**
 * The enrollment a row of a term refers to (student, school year, term), at the row's campus; null with an
 * issue when the student is not enrolled then or is enrolled at another campus.
 */
function enrolledAt<E extends { readonly campus_id: number }>(
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
    ctx.issue({
      file: ctx.file,
      line: row.line,
      column: 'curp',
      value: str(row.v.curp),
      message: `el alumno no tiene inscripción en el ciclo ${year}, periodo ${term}: importe primero las inscripciones`,
    });
    return null;
  }
  if (e.campus_id !== campusId) {
    ctx.issue({
      file: ctx.file,
      line: row.line,
      column: 'cct',
      value: str(row.v.cct),
      message: 'el alumno está inscrito en otro plantel en ese periodo',
    });
    return null;
  }
  return e;
}

/** Rows of a table by student, for the students (found by CURP) of a batch. */
async function rowsByStudent<T extends { student_id: number }>(
  ids: readonly number[],
  query: (part: number[]) => Promise<T[]>,
): Promise<Map<number, T[]>> {
  const out = new Map<number, T[]>();
  for (const r of await chunked(ids, query)) {
    const l = out.get(r.student_id) ?? [];
    l.push(r);
    out.set(r.student_id, l);
  }
  return out;
}

/** The campuses each student has belonged to (enrollments, entry and current campus). */
async function studentCampuses(ctx: HandlerContext, ids: readonly number[]) {
  const out = new Map<number, Set<number>>();
  const add = (student: number, campus: number) => {
    let set = out.get(student);
    if (!set) out.set(student, (set = new Set()));
    set.add(campus);
  };
  for (const r of await chunked(ids, (part) =>
    ctx.trx
      .selectFrom('enrollments')
      .select(['student_id', 'campus_id'])
      .distinct()
      .where(memberOf(ctx.store, 'student_id', part, 'int'))
      .execute(),
  ))
    add(r.student_id, r.campus_id);
  for (const r of await chunked(ids, (part) =>
    ctx.trx
      .selectFrom('students')
      .select(['id', 'campus_id', 'entry_campus_id'])
      .where(memberOf(ctx.store, 'id', part, 'int'))
      .execute(),
  )) {
    add(r.id, r.campus_id);
    add(r.id, r.entry_campus_id);
  }
  return out;
}

/** Whether the row's campus is one the student belongs or belonged to; an issue when not. */
function belongsTo(
  ctx: HandlerContext,
  row: ParsedRow,
  campuses: Map<number, Set<number>>,
  studentId: number,
  campusId: number,
): boolean {
  if (campuses.get(studentId)?.has(campusId)) return true;
  ctx.issue({
    file: ctx.file,
    line: row.line,
    column: 'cct',
    value: str(row.v.cct),
    message: 'el alumno no ha estado inscrito en este plantel',
  });
  return false;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Whether a date (AAAA-MM-DD) falls in a school year (1 August to 31 July). */
const inSchoolYear = (date: string, year: string) =>
  date >= `${year.slice(0, 4)}-08-01` && date <= `${year.slice(5, 9)}-07-31`;

// ---------------------------------------------------------------------------------------------------------
// Scholarship payments: key (student, school year, term, period); the student is enrolled at the campus then.
// The delay is the days from the due date to the payment (0 when paid on time or not paid yet).

interface PaymentRow {
  id: number;
  student_id: number;
  campus_id: number;
  school_year: string;
  term_no: number;
  period: number;
  amount: number;
  due_date: string;
  paid_date: string | null;
  delay_days: number;
}

interface SimpleState {
  readonly cat: Catalog;
  readonly base: number;
  readonly keys: KeyTracker;
  readonly writer: TableWriter;
}

/**
 * A table of facts about students keyed by the student and a natural key within them (scholarship payments,
 * interventions, certifications), in one handler: rows whose campus or student is unknown, or whose student
 * is not at that campus, are refused; a key met again in the file is a duplicate naming the first line; an
 * existing row with the key is updated when something changed; anything else is inserted.
 */
interface KeyedSpec<R extends { id: number; student_id: number }, N extends Partial<R>, B> {
  readonly table: 'scholarship_payments' | 'interventions' | 'certifications';
  readonly columns: readonly (readonly [string, ColumnType])[];
  /** These students' existing rows. */
  existing(ctx: HandlerContext, ids: number[]): Promise<R[]>;
  /** 'term': enrolled at the campus in the row's term; 'ever': at the campus at some time. */
  readonly presence: 'term' | 'ever';
  /** Facts the checks need, read once per batch. */
  prepare?(ctx: HandlerContext, ids: readonly number[]): Promise<B>;
  /** Further checks: reports the problem and answers false. */
  check?(ctx: HandlerContext, row: ParsedRow, studentId: number, batch: B): boolean;
  /** The key within the student, and whether an existing row has it. */
  key(row: ParsedRow): string;
  same(old: R, row: ParsedRow): boolean;
  /** The column and value a duplicate is reported on. */
  duplicateAt(row: ParsedRow): readonly [string, string];
  /** The values compared with (and written to) an existing row. */
  next(ctx: HandlerContext, row: ParsedRow, campusId: number): N;
  /** A new row, in the order of `columns`. */
  insert(
    ctx: HandlerContext,
    row: ParsedRow,
    ids: { readonly id: number; readonly studentId: number; readonly campusId: number },
    next: N,
  ): (string | number | null)[];
  /** Columns set besides the changes when a row is updated. */
  touched?(ctx: HandlerContext): Record<string, string>;
}

function keyedHandler<R extends { id: number; student_id: number }, N extends Partial<R>, B = undefined>(
  spec: KeyedSpec<R, N, B>,
): RecordHandler<SimpleState> {
  return {
    refreshesFlowCounts: false,
    async begin(ctx) {
      const base = await maxId(ctx.trx, spec.table);
      return {
        cat: await loadCatalog(ctx.trx),
        base,
        keys: new KeyTracker(base),
        writer: tableWriter(ctx.store, ctx.trx, spec.table, spec.columns),
      };
    },
    async batch(ctx, st, rows) {
      const byCurp = await studentsByCurp(
        ctx,
        rows.map((r) => str(r.v.curp)),
      );
      const ids = [...new Set(byCurp.values())];
      const enrolled = spec.presence === 'term' ? await termEnrollments(ctx, rows, byCurp) : null;
      const campuses = spec.presence === 'ever' ? await studentCampuses(ctx, ids) : null;
      const existing = await rowsByStudent<R>(ids, (part) => spec.existing(ctx, part));
      const batch = (spec.prepare ? await spec.prepare(ctx, ids) : undefined) as B;
      const updates: Promise<unknown>[] = [];
      const inserts: (string | number | null)[][] = [];
      for (const row of rows) {
        const campusId = campusOf(ctx, st.cat, row);
        const studentId = studentOf(ctx, byCurp, row);
        if (campusId === null || studentId === null) continue;
        const present = enrolled
          ? enrolledAt(ctx, row, enrolled, studentId, campusId) !== null
          : belongsTo(ctx, row, campuses ?? new Map<number, Set<number>>(), studentId, campusId);
        if (!present || (spec.check && !spec.check(ctx, row, studentId, batch))) continue;
        const old = (existing.get(studentId) ?? []).find((r) => spec.same(r, row));
        const key = `${studentId}|${spec.key(row)}`;
        const first = st.keys.earlier(key, old ? old.id : null);
        if (first !== null) {
          const [column, value] = spec.duplicateAt(row);
          duplicate(ctx, row, column, value, first);
          continue;
        }
        st.keys.remember(key, row.line, old ? old.id : null);
        const next = spec.next(ctx, row, campusId);
        classify(
          ctx,
          old,
          next,
          (changes) => {
            if (old)
              updates.push(
                ctx.trx
                  .updateTable(spec.table)
                  .set({ ...changes, ...spec.touched?.(ctx) } as never)
                  .where('id', '=', old.id)
                  .execute(),
              );
          },
          () => inserts.push(spec.insert(ctx, row, { id: st.base + row.line, studentId, campusId }, next)),
          studentId,
        );
      }
      await Promise.all(updates);
      await st.writer.insert(inserts);
      st.keys.endBatch();
    },
    finish: () => Promise.resolve(),
  };
}

const scholarshipPayments = keyedHandler<PaymentRow, Partial<PaymentRow>>({
  table: 'scholarship_payments',
  columns: [
    ['id', 'int'],
    ['student_id', 'int'],
    ['campus_id', 'int'],
    ['school_year', 'text'],
    ['term_no', 'int'],
    ['period', 'int'],
    ['amount', 'real'],
    ['due_date', 'text'],
    ['paid_date', 'text'],
    ['delay_days', 'int'],
  ],
  existing: (ctx, part) =>
    ctx.trx
      .selectFrom('scholarship_payments')
      .selectAll()
      .where(memberOf(ctx.store, 'student_id', part, 'int'))
      .execute(),
  presence: 'term',
  check(ctx, row) {
    const due = str(row.v.due_date);
    const paid = row.v.paid_date === null ? null : str(row.v.paid_date);
    if (paid === null || paid >= due || daysBetween(paid, due) <= 366) return true;
    ctx.issue({
      file: ctx.file,
      line: row.line,
      column: 'fecha_pago',
      value: paid,
      message: 'la fecha de pago es más de un año anterior a la fecha programada',
    });
    return false;
  },
  key: (row) => `${str(row.v.school_year)}|${num(row.v.term_no)}|${num(row.v.period)}`,
  same: (p, row) =>
    p.school_year === str(row.v.school_year) &&
    p.term_no === num(row.v.term_no) &&
    p.period === num(row.v.period),
  duplicateAt: (row) => ['bimestre', String(num(row.v.period))],
  next(_ctx, row, campusId) {
    const due = str(row.v.due_date);
    const paid = row.v.paid_date === null ? null : str(row.v.paid_date);
    return {
      campus_id: campusId,
      amount: num(row.v.amount),
      due_date: due,
      paid_date: paid,
      delay_days: paid === null ? 0 : Math.max(0, daysBetween(due, paid)),
    };
  },
  insert: (_ctx, row, { id, studentId, campusId }, next) => [
    id,
    studentId,
    campusId,
    str(row.v.school_year),
    num(row.v.term_no),
    num(row.v.period),
    next.amount ?? null,
    next.due_date ?? null,
    next.paid_date ?? null,
    next.delay_days ?? null,
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Interventions: key (student, kind, start date). The start falls in the school year; the end, if any, after
// the start. Imported rows have no assigning user; created_at / updated_at record the import.

interface InterventionRow {
  id: number;
  student_id: number;
  campus_id: number;
  school_year: string;
  term_no: number;
  kind: string;
  start_date: string;
  end_date: string | null;
  sessions: number;
  notes: string | null;
  outcome: string | null;
}

const interventions = keyedHandler<InterventionRow, Partial<InterventionRow>>({
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
  existing: (ctx, part) =>
    ctx.trx
      .selectFrom('interventions')
      .select([
        'id',
        'student_id',
        'campus_id',
        'school_year',
        'term_no',
        'kind',
        'start_date',
        'end_date',
        'sessions',
        'notes',
        'outcome',
      ])
      .where(memberOf(ctx.store, 'student_id', part, 'int'))
      .execute(),
  presence: 'ever',
  check(ctx, row) {
    const year = str(row.v.school_year);
    const start = str(row.v.start_date);
    const end = row.v.end_date === null ? null : str(row.v.end_date);
    if (!inSchoolYear(start, year)) {
      ctx.issue({
        file: ctx.file,
        line: row.line,
        column: 'fecha_inicio',
        value: start,
        message: `la fecha de inicio no cae en el ciclo escolar ${year} (1 de agosto a 31 de julio)`,
      });
      return false;
    }
    if (end !== null && end < start) {
      ctx.issue({
        file: ctx.file,
        line: row.line,
        column: 'fecha_fin',
        value: end,
        message: `la fecha de término es anterior a la de inicio (${start})`,
      });
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

// ---------------------------------------------------------------------------------------------------------
// Certifications: key (student, standard code, issued date).

interface CertificationRow {
  id: number;
  student_id: number;
  campus_id: number;
  standard_code: string;
  standard_name: string;
  issued_on: string;
  result: string;
}

const certifications = keyedHandler<CertificationRow, Partial<CertificationRow>, Map<number, string>>({
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
  existing: (ctx, part) =>
    ctx.trx
      .selectFrom('certifications')
      .selectAll()
      .where(memberOf(ctx.store, 'student_id', part, 'int'))
      .execute(),
  presence: 'ever',
  // Birth dates, by student: a certificate cannot predate its holder.
  prepare: async (ctx, ids) =>
    new Map(
      (
        await chunked(ids, (part) =>
          ctx.trx
            .selectFrom('students')
            .select(['id', 'birth_date'])
            .where(memberOf(ctx.store, 'id', part, 'int'))
            .execute(),
        )
      ).map((s) => [s.id, s.birth_date]),
    ),
  check(ctx, row, studentId, birth) {
    const issued = str(row.v.issued_on);
    const born = birth.get(studentId);
    if (!born || issued >= born) return true;
    ctx.issue({
      file: ctx.file,
      line: row.line,
      column: 'fecha_emision',
      value: issued,
      message: 'la fecha de emisión es anterior al nacimiento del alumno',
    });
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

// ---------------------------------------------------------------------------------------------------------
// Attendance: key (student, school year, term); updates the attendance of an existing enrollment.

interface AttendanceState {
  readonly cat: Catalog;
  readonly keys: KeyTracker;
}

const attendance: RecordHandler<AttendanceState> = {
  refreshesFlowCounts: false,
  async begin(ctx) {
    return {
      cat: await loadCatalog(ctx.trx),
      keys: new KeyTracker(await maxId(ctx.trx, 'enrollments')),
    };
  },
  async batch(ctx, st, rows) {
    const byCurp = await studentsByCurp(
      ctx,
      rows.map((r) => str(r.v.curp)),
    );
    const enrolled = await termEnrollments(ctx, rows, byCurp);
    const updates: Promise<unknown>[] = [];
    for (const row of rows) {
      const campusId = campusOf(ctx, st.cat, row);
      const studentId = studentOf(ctx, byCurp, row);
      if (campusId === null || studentId === null) continue;
      const e = enrolledAt(ctx, row, enrolled, studentId, campusId);
      if (!e) continue;
      const key = `${e.id}`;
      const first = st.keys.earlier(key, e.id);
      if (first !== null) {
        duplicate(ctx, row, 'curp', str(row.v.curp), first);
        continue;
      }
      st.keys.remember(key, row.line, e.id);
      classify(
        ctx,
        e,
        { attendance_pct: num(row.v.attendance_pct) },
        (changes) =>
          updates.push(ctx.trx.updateTable('enrollments').set(changes).where('id', '=', e.id).execute()),
        () => undefined,
        studentId,
      );
    }
    await Promise.all(updates);
    st.keys.endBatch();
  },
  finish: () => Promise.resolve(),
};

// ---------------------------------------------------------------------------------------------------------
// Programs: key code. The catalog is national: a campus or state user cannot import it.

interface ProgramState {
  readonly programs: Map<string, { id: number; code: string; name: string; area: string }>;
  readonly base: number;
  readonly keys: KeyTracker;
  readonly writer: TableWriter;
}

const programs: RecordHandler<ProgramState> = {
  refreshesFlowCounts: false,
  async begin(ctx) {
    if (ctx.campusScope)
      ctx.issue({
        file: ctx.file,
        line: 1,
        message: 'solo un usuario con alcance nacional puede importar el catálogo de carreras',
      });
    const base = await maxId(ctx.trx, 'programs');
    const rows = await ctx.trx.selectFrom('programs').select(['id', 'code', 'name', 'area']).execute();
    return {
      programs: new Map(rows.map((p) => [p.code.toUpperCase(), p])),
      base,
      keys: new KeyTracker(base),
      writer: tableWriter(ctx.store, ctx.trx, 'programs', [
        ['id', 'int'],
        ['code', 'text'],
        ['name', 'text'],
        ['area', 'text'],
      ]),
    };
  },
  async batch(ctx, st, rows) {
    if (ctx.campusScope) return;
    const updates: Promise<unknown>[] = [];
    const inserts: (string | number | null)[][] = [];
    for (const row of rows) {
      const code = str(row.v.program_code);
      const old = st.programs.get(code);
      const first = st.keys.earlier(code, old ? old.id : null);
      if (first !== null) {
        duplicate(ctx, row, 'clave_carrera', code, first);
        continue;
      }
      st.keys.remember(code, row.line, old ? old.id : null);
      const next = { name: str(row.v.name), area: str(row.v.area) };
      classify(
        ctx,
        old,
        next,
        (changes) => {
          if (old)
            updates.push(ctx.trx.updateTable('programs').set(changes).where('id', '=', old.id).execute());
        },
        () => {
          const id = st.base + row.line;
          inserts.push([id, code, next.name, next.area]);
          st.programs.set(code, { id, code, ...next });
        },
      );
    }
    await Promise.all(updates);
    await st.writer.insert(inserts);
    st.keys.endBatch();
  },
  finish: () => Promise.resolve(),
};

export const RECORD_HANDLERS: Readonly<Record<RecordKind, RecordHandler<never>>> = {
  'module-results': moduleResults as RecordHandler<never>,
  enrollments: enrollments as RecordHandler<never>,
  students: students as RecordHandler<never>,
  'status-events': statusEvents as RecordHandler<never>,
  'scholarship-payments': scholarshipPayments as RecordHandler<never>,
  interventions: interventions as RecordHandler<never>,
  certifications: certifications as RecordHandler<never>,
  attendance: attendance as RecordHandler<never>,
  programs: programs as RecordHandler<never>,
};
