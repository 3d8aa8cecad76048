/**
 * Set-based reads for the risk engine: the raw facts of every student at a cut-off in a few queries (one
 * join over the term's enrollments, one range over the year results, one grouped read of campus counts),
 * never a query per student. Two drivers:
 *
 * - `current`: the students whose latest enrollment is the cut-off term, completed (read from the student
 *   rows' last_* columns, then the enrollments index by student): the students active now;
 * - `history`: every completed enrollment of the cut-off term (the enrollments of that term), with the
 *   outcome of the next term as a label: for training and evaluation.
 *
 * Graduates at the cut-off, and students recorded as leaving after the cut-off term (an exit event of that
 * term with a completed enrollment: they did not return), are not active and are excluded from `current`.
 */
import { sql, type Kysely } from 'kysely';
import { abandono } from '../domain/indicators.js';
import { cutoffSchoolYear, type Cutoff, type RawRiskRow } from '../domain/risk/features.js';
import { selectArrays } from './db.js';
import { RISK_EVENT_KINDS } from './indexes.js';
import type { Database } from './schema.js';

export interface RiskRowFilter {
  readonly campusId?: number;
  readonly stateId?: number;
  readonly studentIds?: readonly number[];
  /** Students with `from` ≤ id < `to` (a slice of the work of parallel scorers). Active students (`current`) only. */
  readonly idRange?: { readonly from: number; readonly to: number };
}

export interface RiskRow extends RawRiskRow {
  readonly stateId: number;
  /** 1 when the student left (dropout or temporary leave) in the term after the cut-off; history only. */
  readonly label: 0 | 1 | null;
}

const EXIT_KINDS = ['dropout', 'temporary_leave'];
const ID_CHUNK = 5000;

/** The latest term with records, as a cut-off (null on an empty database). */
export async function latestCutoff(db: Kysely<Database>): Promise<Cutoff | null> {
  const r = await db
    .selectFrom('enrollments')
    .select('school_year')
    .where('term_no', '=', 1)
    .orderBy('school_year', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  const year = Number(r.school_year.slice(0, 4));
  const t2 = await db
    .selectFrom('terms')
    .select('id')
    .where('school_year', '=', r.school_year)
    .where('term_no', '=', 2)
    .executeTakeFirst();
  // A school year whose second term has no enrollment yet ends at term 1.
  const hasT2 =
    t2 !== undefined &&
    (await db
      .selectFrom('students')
      .select('id')
      .where('last_school_year', '=', r.school_year)
      .where('last_term_no', '=', 2)
      .limit(1)
      .executeTakeFirst()) !== undefined;
  return { year, term: hasT2 ? 2 : 1 };
}

/** School years that have enrollments, oldest first. */
export async function schoolYearsWithRecords(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('school_years').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Each campus's total dropout rate (abandono, percent) of the school year before the cut-off's year, known at
 * the start of the cut-off's year. Campuses without counts are absent.
 */
export async function campusExitRates(db: Kysely<Database>, cutoff: Cutoff): Promise<Map<number, number>> {
  const prev = `${cutoff.year - 1}-${cutoff.year}`;
  const cur = cutoffSchoolYear(cutoff);
  const rows = await db
    .selectFrom('flow_counts_campus')
    .select((eb) => [
      'campus_id',
      'school_year',
      eb.fn.sum<number>('mt').as('mt'),
      eb.fn.sum<number>('ni1').as('ni1'),
      eb.fn.sum<number>('eg').as('eg'),
    ])
    .where('school_year', 'in', [prev, cur])
    .groupBy(['campus_id', 'school_year'])
    .execute();
  const byCampus = new Map<number, { prev?: (typeof rows)[number]; cur?: (typeof rows)[number] }>();
  for (const r of rows) {
    const e = byCampus.get(r.campus_id) ?? {};
    if (r.school_year === prev) e.prev = r;
    else e.cur = r;
    byCampus.set(r.campus_id, e);
  }
  const out = new Map<number, number>();
  for (const [campus, { prev: p, cur: c }] of byCampus) {
    if (!p || !c) continue;
    const v = abandono(Number(p.mt), Number(p.eg), Number(c.mt), Number(c.ni1));
    if (v !== null && Number.isFinite(v)) out.set(campus, Math.max(-20, Math.min(100, v)));
  }
  return out;
}

/** Enrollment at the start of the latest year per campus (campus size for the audit) and its state. */
export async function campusSizes(
  db: Kysely<Database>,
  schoolYear: string,
): Promise<Map<number, { stateId: number; mt: number }>> {
  const rows = await db
    .selectFrom('flow_counts_campus')
    .select((eb) => ['campus_id', 'state_id', eb.fn.sum<number>('mt').as('mt')])
    .where('school_year', '=', schoolYear)
    .groupBy(['campus_id', 'state_id'])
    .execute();
  return new Map(rows.map((r) => [r.campus_id, { stateId: r.state_id, mt: Number(r.mt) }]));
}

const prevTerm = (c: Cutoff): { schoolYear: string; term: number } =>
  c.term === 2
    ? { schoolYear: cutoffSchoolYear(c), term: 1 }
    : { schoolYear: `${c.year - 1}-${c.year}`, term: 2 };

/** The year result known at the cut-off: the cut-off's year at the end of the year, else the year before. */
const resultYear = (c: Cutoff): string => (c.term === 2 ? cutoffSchoolYear(c) : `${c.year - 1}-${c.year}`);

/**
 * The student and term facts both row readers select (the cut-off term `e`, the term before `p`), under the
 * names RiskRow uses.
 */
const FACT_COLUMNS = [
  's.sex as sex',
  's.birth_date as birthDate',
  's.entry_year as entryYear',
  'e.semester as semester',
  'e.attendance_pct as attendancePct',
  'e.grade_avg as gradeAvg',
  'e.failed_modules as failedModules',
  'e.scholarship_delay_days as scholarshipDelayDays',
  'p.attendance_pct as prevAttendancePct',
  'p.grade_avg as prevGradeAvg',
  'p.failed_modules as prevFailedModules',
] as const;

/** Positions of the columns currentRows selects (its rows are read as arrays). */
const CURRENT_COLUMNS = [
  'studentId',
  'campusId',
  ...FACT_COLUMNS.map((c) => c.slice(c.lastIndexOf(' ') + 1)),
  'pendingModules',
  'events',
] as const;
const C = Object.fromEntries(CURRENT_COLUMNS.map((name, i) => [name, i])) as Record<
  'studentId' | 'campusId' | 'pendingModules' | 'events' | FactName,
  number
>;
type FactName = (typeof FACT_COLUMNS)[number] extends `${string} as ${infer N}` ? N : never;

/**
 * The raw facts of the students at `cutoff`: active now (`current`) or every completed enrollment of the
 * term with its label (`history`).
 */
export async function riskRows(
  db: Kysely<Database>,
  cutoff: Cutoff,
  mode: 'current' | 'history',
  filter: RiskRowFilter = {},
): Promise<RiskRow[]> {
  if (filter.studentIds !== undefined) {
    const out: RiskRow[] = [];
    for (let i = 0; i < filter.studentIds.length; i += ID_CHUNK) {
      const ids = filter.studentIds.slice(i, i + ID_CHUNK);
      if (ids.length > 0) out.push(...(await riskRowsOnce(db, cutoff, mode, { ...filter, studentIds: ids })));
    }
    return out;
  }
  return riskRowsOnce(db, cutoff, mode, filter);
}

const PAGE = 16384;

/**
 * The active students at `cutoff` (the `current` rows), handed over in chunks as they are read: all of them
 * in pages of student ids (each page's rows become garbage as soon as they are scored, instead of a quarter of
 * a million rows held at once), a campus or state in one read, listed students in chunks of ids.
 */
export async function forEachActiveChunk(
  db: Kysely<Database>,
  cutoff: Cutoff,
  filter: RiskRowFilter,
  onChunk: (rows: readonly RiskRow[]) => void,
  pageSize = PAGE,
): Promise<void> {
  const stateOf = await campusStates(db);
  if (filter.studentIds !== undefined) {
    for (let i = 0; i < filter.studentIds.length; i += ID_CHUNK) {
      const ids = filter.studentIds.slice(i, i + ID_CHUNK);
      if (ids.length > 0)
        onChunk((await currentRows(db, cutoff, { ...filter, studentIds: ids }, stateOf)).rows);
    }
    return;
  }
  if (filter.campusId !== undefined || filter.stateId !== undefined) {
    onChunk((await currentRows(db, cutoff, filter, stateOf)).rows);
    return;
  }
  let after: number | null = null;
  for (;;) {
    const page = await currentRows(db, cutoff, filter, stateOf, { after, limit: pageSize });
    onChunk(page.rows);
    if (page.read < pageSize || page.lastId === null) return;
    after = page.lastId;
  }
}

/**
 * The state of each campus, from the small campus table (a join in the students query would lead SQLite to
 * read the students campus by campus, by random access, instead of scanning them once).
 */
async function campusStates(db: Kysely<Database>): Promise<Map<number, number>> {
  const cs = await db.selectFrom('campuses').select(['id', 'state_id']).execute();
  return new Map(cs.map((c) => [c.id, c.state_id]));
}

async function riskRowsOnce(
  db: Kysely<Database>,
  cutoff: Cutoff,
  mode: 'current' | 'history',
  filter: RiskRowFilter,
): Promise<RiskRow[]> {
  return mode === 'current'
    ? (await currentRows(db, cutoff, filter, await campusStates(db))).rows
    : historyRows(db, cutoff, filter, await yearResults(db, cutoff, filter));
}

type YearResultMap = Map<number, { pending: number; graduated: number }>;

/** The year result known at the cut-off (pending modules; graduation at the end of the year), by student. */
async function yearResults(
  db: Kysely<Database>,
  cutoff: Cutoff,
  filter: RiskRowFilter,
): Promise<YearResultMap> {
  let yq = db
    .selectFrom('year_results')
    .select(['student_id', 'pending_modules', 'graduated'])
    .where('school_year', '=', resultYear(cutoff));
  if (filter.campusId !== undefined) yq = yq.where('campus_id', '=', filter.campusId);
  if (filter.studentIds !== undefined) yq = yq.where('student_id', 'in', filter.studentIds as number[]);
  const results: YearResultMap = new Map();
  for (const r of await yq.execute())
    results.set(r.student_id, { pending: Number(r.pending_modules), graduated: Number(r.graduated) });
  return results;
}

/**
 * Active students: the student rows whose latest enrollment is the cut-off term and completed, then their
 * enrollments of the cut-off term and the term before and their year result by primary-key lookups (graduates
 * of the cut-off's year dropped in the database), and their status events once (one index lookup): temporary
 * leaves so far, and an exit recorded after the completed term (they did not return; dropped here, since a
 * filter on the subquery's value in SQL would evaluate it a second time).
 */
async function currentRows(
  db: Kysely<Database>,
  cutoff: Cutoff,
  filter: RiskRowFilter,
  stateOf: ReadonlyMap<number, number>,
  page?: { readonly after: number | null; readonly limit: number },
): Promise<{ rows: RiskRow[]; read: number; lastId: number | null }> {
  const sy = cutoffSchoolYear(cutoff);
  const prev = prevTerm(cutoff);
  let q = db
    .selectFrom('students as s')
    .innerJoin('enrollments as e', (j) =>
      j.onRef('e.student_id', '=', 's.id').on('e.school_year', '=', sy).on('e.term_no', '=', cutoff.term),
    )
    .leftJoin('enrollments as p', (j) =>
      j
        .onRef('p.student_id', '=', 's.id')
        .on('p.school_year', '=', prev.schoolYear)
        .on('p.term_no', '=', prev.term),
    )
    .leftJoin('year_results as y', (j) =>
      j.onRef('y.student_id', '=', 's.id').on('y.school_year', '=', resultYear(cutoff)),
    )
    .select((eb) => [
      's.id as studentId',
      's.campus_id as campusId',
      ...FACT_COLUMNS,
      'y.pending_modules as pendingModules',
      // Packed in one lookup: temporary leaves so far + 1000 × (exits recorded in the cut-off term and
      // graduation in its year).
      eb
        .selectFrom('status_events as x')
        .select((x) =>
          x.fn
            .sum<number>(
              x
                .case()
                .when(
                  x.and([
                    x('x.school_year', '=', sy),
                    x('x.term_no', '=', cutoff.term),
                    x('x.kind', 'in', EXIT_KINDS),
                  ]),
                )
                .then(1000)
                .when(x.and([x('x.school_year', '=', sy), x('x.kind', '=', 'graduation')]))
                .then(1000)
                .when('x.kind', '=', 'temporary_leave')
                .then(1)
                .else(0)
                .end(),
            )
            .as('n'),
        )
        .whereRef('x.student_id', '=', 's.id')
        // The kinds counted above, as literals: SQLite answers the lookup from the small partial index
        // status_events_risk_idx only when its condition is written out in the query.
        .where(
          'x.kind',
          'in',
          RISK_EVENT_KINDS.map((k) => sql.lit(k)),
        )
        .as('events'),
    ])
    .where('s.last_school_year', '=', sy)
    .where('s.last_term_no', '=', cutoff.term)
    .where('s.last_status', '=', 'completed');
  // Graduated at the end of the cut-off's year: not active.
  if (cutoff.term === 2)
    q = q.where((eb) => eb.or([eb('y.graduated', 'is', null), eb('y.graduated', '=', 0)]));
  if (filter.campusId !== undefined) q = q.where('s.campus_id', '=', filter.campusId);
  if (filter.stateId !== undefined)
    q = q.where('s.campus_id', 'in', (eb) =>
      eb
        .selectFrom('campuses')
        .select('id')
        .where('state_id', '=', filter.stateId as number),
    );
  if (filter.studentIds !== undefined) q = q.where('s.id', 'in', filter.studentIds as number[]);
  if (filter.idRange !== undefined)
    q = q.where('s.id', '>=', filter.idRange.from).where('s.id', '<', filter.idRange.to);
  if (page) {
    q = q.orderBy('s.id').limit(page.limit);
    if (page.after !== null) q = q.where('s.id', '>', page.after);
  }
  // Arrays in the order of CURRENT_COLUMNS: a quarter of a million rows are read at full scale.
  const rows = await selectArrays(db, q);
  const out: RiskRow[] = [];
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  for (const r of rows) {
    const events = Number(r[C.events] ?? 0);
    if (events >= 1000) continue; // recorded as leaving after the term: no longer active
    const campusId = Number(r[C.campusId]);
    out.push({
      studentId: Number(r[C.studentId]),
      campusId,
      stateId: stateOf.get(campusId) ?? 0,
      sex: r[C.sex] as string,
      birthDate: r[C.birthDate] as string,
      entryYear: Number(r[C.entryYear]),
      semester: Number(r[C.semester]),
      attendancePct: Number(r[C.attendancePct]),
      gradeAvg: num(r[C.gradeAvg]),
      failedModules: Number(r[C.failedModules]),
      scholarshipDelayDays: Number(r[C.scholarshipDelayDays]),
      prevAttendancePct: num(r[C.prevAttendancePct]),
      prevGradeAvg: num(r[C.prevGradeAvg]),
      prevFailedModules: num(r[C.prevFailedModules]),
      pendingModules: num(r[C.pendingModules]),
      temporaryLeaves: events % 1000,
      label: null,
    });
  }
  const last = rows.at(-1);
  return { rows: out, read: rows.length, lastId: last ? Number(last[C.studentId]) : null };
}

/** Every completed enrollment of the cut-off term, with the next term's outcome as the label. */
async function historyRows(
  db: Kysely<Database>,
  cutoff: Cutoff,
  filter: RiskRowFilter,
  results: YearResultMap,
): Promise<RiskRow[]> {
  const sy = cutoffSchoolYear(cutoff);
  const prev = prevTerm(cutoff);
  const nextSy = `${cutoff.year + 1}-${cutoff.year + 2}`;
  const history = db.selectFrom('enrollments as e').innerJoin('students as s', 's.id', 'e.student_id');
  let q = history
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .leftJoin('enrollments as p', (j) =>
      j
        .onRef('p.student_id', '=', 'e.student_id')
        .on('p.school_year', '=', prev.schoolYear)
        .on('p.term_no', '=', prev.term),
    )
    .select((eb) => [
      'e.student_id as studentId',
      'e.campus_id as campusId',
      'c.state_id as stateId',
      ...FACT_COLUMNS,
      eb
        .selectFrom('status_events as x')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('x.student_id', '=', 'e.student_id')
        .where('x.kind', '=', 'temporary_leave')
        // Leaves of earlier terms only: a leave recorded in the cut-off term after a completed enrollment is
        // the leaving between terms the label counts, known only after the cut-off (issue 12, finding 6).
        .where((w) =>
          w.or([
            w('x.school_year', '<', sy),
            w.and([w('x.school_year', '=', sy), w('x.term_no', '<', cutoff.term)]),
          ]),
        )
        .as('temporaryLeaves'),
      // An exit recorded in the cut-off term although its enrollment was completed: left between terms.
      eb
        .selectFrom('status_events as x')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('x.student_id', '=', 'e.student_id')
        .where('x.kind', 'in', EXIT_KINDS)
        .where((w) =>
          cutoff.term === 2
            ? w.or([
                w.and([w('x.school_year', '=', sy), w('x.term_no', '=', 2)]),
                w.and([w('x.school_year', '=', nextSy), w('x.term_no', '=', 1)]),
              ])
            : w.and([w('x.school_year', '=', sy), w('x.term_no', '=', 1)]),
        )
        .as('exits'),
    ])
    .where('e.end_status', '=', 'completed');
  if (cutoff.term === 1)
    q = q
      .leftJoin('enrollments as n', (j) =>
        j.onRef('n.student_id', '=', 'e.student_id').on('n.school_year', '=', sy).on('n.term_no', '=', 2),
      )
      .select('n.end_status as nextStatus');
  q = q.where('e.school_year', '=', sy).where('e.term_no', '=', cutoff.term);
  if (filter.campusId !== undefined) q = q.where('e.campus_id', '=', filter.campusId);
  if (filter.stateId !== undefined) q = q.where('c.state_id', '=', filter.stateId);
  if (filter.studentIds !== undefined) q = q.where('e.student_id', 'in', filter.studentIds as number[]);
  const rows = (await q.execute()) as (Awaited<ReturnType<typeof q.execute>>[number] & {
    nextStatus?: string | null;
  })[];

  const out: RiskRow[] = [];
  for (const r of rows) {
    const yr = results.get(r.studentId);
    if (cutoff.term === 2 && yr?.graduated === 1) continue;
    const exits = Number(r.exits ?? 0);
    const label: 0 | 1 =
      cutoff.term === 1
        ? r.nextStatus === 'dropout' || r.nextStatus === 'temporary_leave'
          ? 1
          : 0
        : exits > 0
          ? 1
          : 0;
    out.push({
      studentId: r.studentId,
      campusId: r.campusId,
      stateId: r.stateId,
      sex: r.sex,
      birthDate: r.birthDate,
      entryYear: Number(r.entryYear),
      semester: Number(r.semester),
      attendancePct: Number(r.attendancePct),
      gradeAvg: r.gradeAvg === null ? null : Number(r.gradeAvg),
      failedModules: Number(r.failedModules),
      scholarshipDelayDays: Number(r.scholarshipDelayDays),
      prevAttendancePct: r.prevAttendancePct === null ? null : Number(r.prevAttendancePct),
      prevGradeAvg: r.prevGradeAvg === null ? null : Number(r.prevGradeAvg),
      prevFailedModules: r.prevFailedModules === null ? null : Number(r.prevFailedModules),
      pendingModules: yr ? yr.pending : null,
      temporaryLeaves: Number(r.temporaryLeaves ?? 0),
      label,
    });
  }
  return out;
}
