/**
 * Student-level reads, always restricted by a scope filter built from the user's role (services/students/students.ts).
 * Names and CURP are selected only when the caller asks for them.
 */
import { sql, type ExpressionBuilder, type InferResult, type Kysely, type SelectQueryBuilder } from 'kysely';
import { templated } from './query-templates.js';
import type { Database } from './schema.js';

export type StudentFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'state'; readonly stateId: number }
  | { readonly kind: 'campus'; readonly campusId: number }
  | {
      readonly kind: 'groups';
      readonly campusId: number;
      readonly groupCodes: readonly string[];
      readonly schoolYear: string;
    };

export interface StudentSearch {
  readonly filter: StudentFilter;
  readonly withIdentity: boolean;
  /** Upper-case, accent-free name prefix (surnames first), or a full CURP. */
  readonly namePrefix?: string;
  readonly curp?: string;
  readonly studentId?: number;
  readonly campusId?: number;
  readonly groupCode?: string;
  /**
   * Order by the latest stored risk score (highest probability, then red, amber, green; unscored last) or by
   * the group of the latest enrollment; by default names (with a name prefix) or the newest students first.
   */
  readonly sort?: StudentSort;
  readonly limit: number;
  readonly offset: number;
}

export type StudentSort = 'risk' | 'group';

export interface StudentListRow {
  readonly id: number;
  readonly name: string | null;
  readonly curp: string | null;
  readonly campusCct: string;
  readonly campusName: string;
  readonly programName: string;
  readonly sex: string;
  readonly entryYear: number;
  /** Semester, status and school year of the student's latest enrollment. */
  readonly semester: number | null;
  readonly status: string | null;
  readonly lastSchoolYear: string | null;
}

type Q = SelectQueryBuilder<Database, 'students' | 'campuses' | 'student_identities', object>;

function applyFilter(q: Q, filter: StudentFilter): Q {
  switch (filter.kind) {
    case 'all':
      return q;
    case 'state':
      return q.where('campuses.state_id', '=', filter.stateId);
    case 'campus':
      return q.where('students.campus_id', '=', filter.campusId);
    case 'groups':
      // Correlated on the student: a few thousand index lookups at one campus, never a scan of enrollments.
      return q.where('students.campus_id', '=', filter.campusId).where((eb) =>
        eb.exists(
          eb
            .selectFrom('enrollments')
            .select('enrollments.id')
            .whereRef('enrollments.student_id', '=', 'students.id')
            .where('enrollments.campus_id', '=', filter.campusId)
            .where('enrollments.school_year', '=', filter.schoolYear)
            .where('enrollments.group_code', 'in', filter.groupCodes.length ? filter.groupCodes : ['']),
        ),
      );
  }
}

/** A search as the query builders read it: the prefix's key range may be given (as placeholders). */
type SearchQuery = StudentSearch & { readonly range?: readonly [string, string] };

function base(db: Kysely<Database>, s: SearchQuery): Q {
  // Joined for the state filter only: names of campuses and programs come from CatalogNames.
  const from = db.selectFrom('students');
  let q = (
    s.filter.kind === 'state' ? from.innerJoin('campuses', 'campuses.id', 'students.campus_id') : from
  ).innerJoin('student_identities', 'student_identities.student_id', 'students.id') as Q;
  q = applyFilter(q, s.filter);
  if (s.studentId !== undefined) q = q.where('students.id', '=', s.studentId);
  if (s.campusId !== undefined) q = q.where('students.campus_id', '=', s.campusId);
  if (s.curp) q = q.where('student_identities.curp', '=', s.curp);
  if (s.namePrefix) {
    const [from, to] = s.range ?? prefixRange(s.namePrefix);
    q = q.where('student_identities.search_key', '>=', from).where('student_identities.search_key', '<', to);
  }
  if (s.groupCode) {
    const code = s.groupCode;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enrollments')
          .select('enrollments.id')
          .whereRef('enrollments.student_id', '=', 'students.id')
          .where('enrollments.group_code', '=', code),
      ),
    );
  }
  return q;
}

/**
 * How many match, up to COUNT_CAP + 1, as a query (run alone, or as a column of the page's query). The two
 * common searches count on one index without joins: a name prefix over everyone,
 * and a whole campus.
 */
function countQuery(db: Kysely<Database>, s: SearchQuery) {
  const plain = s.curp === undefined && s.studentId === undefined && s.groupCode === undefined;
  const cap = COUNT_CAP + 1;
  let sub;
  if (plain && s.filter.kind === 'all' && s.namePrefix && s.campusId === undefined) {
    const [from, to] = s.range ?? prefixRange(s.namePrefix);
    sub = db
      .selectFrom('student_identities')
      .select('student_id')
      .where('search_key', '>=', from)
      .where('search_key', '<', to)
      .limit(cap)
      .as('c');
  } else if (
    plain &&
    !s.namePrefix &&
    s.filter.kind !== 'groups' &&
    (s.filter.kind === 'campus' || s.campusId !== undefined)
  ) {
    // (A campus other than the campus filter's never gets here: searchStudents answers it at once.)
    const campusId = s.campusId ?? (s.filter.kind === 'campus' ? s.filter.campusId : -1);
    sub = db
      .selectFrom('students')
      .select('id as student_id')
      .where('campus_id', '=', campusId)
      .limit(cap)
      .as('c');
  } else {
    sub = base(db, s).select('students.id as student_id').limit(cap).as('c');
  }
  return db.selectFrom(sub).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** The page of a search, with the capped count as the column `total`. */
function pageQuery(db: Kysely<Database>, s: SearchQuery) {
  const q = base(db, s)
    .select(countQuery(db, s).as('total'))
    .select([
      'students.id as id',
      'students.sex as sex',
      'students.entry_year as entry_year',
      'students.campus_id as campus_id',
      'students.program_id as program_id',
      'student_identities.curp as curp',
      'student_identities.given_names as given',
      'student_identities.first_surname as s1',
      'student_identities.second_surname as s2',
      'students.last_school_year as last_year',
      'students.last_semester as last_semester',
      'students.last_status as last_status',
    ]);
  return sorted(q, s.sort)
    .orderBy(s.namePrefix ? 'student_identities.search_key' : 'students.id', s.namePrefix ? 'asc' : 'desc')
    .limit(s.limit)
    .offset(s.offset);
}

/**
 * The sort keys first: the latest stored risk score, or the group of the latest enrollment (one index lookup
 * per student: risk_scores by its key, enrollments by enrollments_key_idx). Missing values go last on both
 * dialects (SQLite and PostgreSQL order NULLs differently, so a flag column comes first).
 */
function sorted<O>(
  q: SelectQueryBuilder<Database, 'students' | 'campuses' | 'student_identities', O>,
  sort?: StudentSort,
) {
  if (sort === 'risk') {
    const r = (eb: ExpressionBuilder<Database, 'students'>) =>
      eb
        .selectFrom('risk_scores')
        .whereRef('risk_scores.student_id', '=', 'students.id')
        .where(
          'risk_scores.cutoff',
          '=',
          eb.selectFrom('risk_scores as latest').select((e) => e.fn.max('latest.cutoff').as('c')),
        );
    // Scored with a probability (0), scored by the rules only (1), not scored (2); then the probability, the flag.
    return q
      .orderBy((eb) =>
        eb.fn.coalesce(
          r(eb).select(sql<number>`case when risk_scores.probability is null then 1 else 0 end`.as('k')),
          sql<number>`2`,
        ),
      )
      .orderBy((eb) => r(eb).select('risk_scores.probability'), 'desc')
      .orderBy((eb) =>
        eb.fn.coalesce(
          r(eb).select(
            sql<number>`case risk_scores.flag when 'rojo' then 0 when 'amarillo' then 1 when 'verde' then 2 else 3 end`.as(
              'f',
            ),
          ),
          sql<number>`4`,
        ),
      );
  }
  if (sort === 'group') {
    const g = (eb: ExpressionBuilder<Database, 'students'>) =>
      eb
        .selectFrom('enrollments')
        .select('enrollments.group_code')
        .whereRef('enrollments.student_id', '=', 'students.id')
        .whereRef('enrollments.school_year', '=', 'students.last_school_year')
        .whereRef('enrollments.term_no', '=', 'students.last_term_no');
    return q.orderBy((eb) => sql`case when ${g(eb)} is null then 1 else 0 end`).orderBy((eb) => g(eb));
  }
  return q;
}

/**
 * The search's values in a fixed order, the search rebuilt from them (real values or placeholders), and the
 * shape that decides the SQL (null for a tutor's groups, whose list of groups varies in length).
 */
function searchShape(s: StudentSearch) {
  const f = s.filter;
  const range = s.namePrefix ? prefixRange(s.namePrefix) : undefined;
  const values = [
    f.kind === 'state' ? f.stateId : f.kind === 'all' ? undefined : f.campusId,
    s.studentId,
    s.campusId,
    s.curp || undefined,
    range?.[0],
    range?.[1],
    s.groupCode || undefined,
    s.limit,
    s.offset,
  ];
  const rebuild = (v: readonly unknown[]): SearchQuery => {
    const at = <T>(i: number) => v[i] as T;
    const filter: StudentFilter =
      f.kind === 'state'
        ? { kind: 'state', stateId: at(0) }
        : f.kind === 'campus'
          ? { kind: 'campus', campusId: at(0) }
          : f.kind === 'groups'
            ? { ...f, campusId: at(0) }
            : f;
    return {
      filter,
      withIdentity: s.withIdentity,
      ...(s.studentId !== undefined ? { studentId: at(1) } : {}),
      ...(s.campusId !== undefined ? { campusId: at(2) } : {}),
      ...(s.curp ? { curp: at(3) } : {}),
      ...(range ? { namePrefix: s.namePrefix, range: [at(4), at(5)] as const } : {}),
      ...(s.groupCode ? { groupCode: at(6) } : {}),
      ...(s.sort ? { sort: s.sort } : {}),
      limit: at(7),
      offset: at(8),
    };
  };
  const key =
    f.kind === 'groups'
      ? null
      : `student-search:${f.kind}:${s.sort ?? ''}:${values.map((v) => (v === undefined ? '-' : '+')).join('')}`;
  return { values, rebuild, key };
}

/** [prefix, the next string after every string starting with prefix). */
function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`];
}

/** Search totals are exact up to this many; beyond it the total is a lower bound. */
export const COUNT_CAP = 200;

/** Campus codes and names and program names by id: small, and the same for every search. */
export interface CatalogNames {
  readonly campuses: ReadonlyMap<number, CatalogCampus>;
  /** The same campuses by CCT. */
  readonly byCct: ReadonlyMap<string, CatalogCampus>;
  readonly programs: ReadonlyMap<number, string>;
}

export interface CatalogCampus {
  readonly id: number;
  readonly cct: string;
  readonly name: string;
  readonly stateId: number;
}

export async function catalogNames(db: Kysely<Database>): Promise<CatalogNames> {
  const [campuses, programs] = await Promise.all([
    db.selectFrom('campuses').select(['id', 'cct', 'name', 'state_id']).execute(),
    db.selectFrom('programs').select(['id', 'name']).execute(),
  ]);
  const list = campuses.map((c) => ({ id: c.id, cct: c.cct, name: c.name, stateId: c.state_id }));
  return {
    campuses: new Map(list.map((c) => [c.id, c])),
    byCct: new Map(list.map((c) => [c.cct, c])),
    programs: new Map(programs.map((p) => [p.id, p.name])),
  };
}

/**
 * A page of students matching the search, with the total (capped). Campus and program names come from
 * `names` (a copy the caller may keep until the data changes; a name missing from it is read afresh), which
 * saves two lookups per row.
 */
export async function searchStudents(
  db: Kysely<Database>,
  s: StudentSearch,
  names: () => Promise<CatalogNames> = () => catalogNames(db),
): Promise<{ rows: StudentListRow[]; total: number }> {
  // One index range gives the page in order (names, or the newest students of a campus first: ids grow with
  // each generation's entry) with its columns, the latest status included; nothing is sorted, so only the
  // page's rows are read. The count rides along as a column (one statement; SQLite computes it once): a page
  // that comes back empty says nothing about it, and is counted on its own. Compiled once per shape.
  if (s.filter.kind === 'campus' && s.campusId !== undefined && s.campusId !== s.filter.campusId)
    return { rows: [], total: 0 }; // another campus than the scope's: nothing matches
  const shape = searchShape(s);
  const compiled = templated(db, shape.key, shape.values, (v) => pageQuery(db, shape.rebuild(v)));
  const details = (await db.executeQuery(compiled)).rows as InferResult<ReturnType<typeof pageQuery>>;
  // Counting stops past COUNT_CAP: the client then shows "more than 200".
  const total =
    details[0] !== undefined
      ? Number(details[0].total)
      : s.offset === 0
        ? 0
        : Number((await countQuery(db, s).executeTakeFirstOrThrow()).n);
  let catalog = await names();
  if (details.some((r) => !catalog.campuses.has(r.campus_id) || !catalog.programs.has(r.program_id)))
    catalog = await catalogNames(db); // added since the caller's copy was made
  const rows: StudentListRow[] = details.map((r) => ({
    id: r.id,
    name: s.withIdentity ? `${r.given} ${r.s1} ${r.s2}`.trim() : null,
    curp: s.withIdentity ? r.curp : null,
    campusCct: catalog.campuses.get(r.campus_id)?.cct ?? '',
    campusName: catalog.campuses.get(r.campus_id)?.name ?? '',
    programName: catalog.programs.get(r.program_id) ?? '',
    sex: r.sex,
    entryYear: r.entry_year,
    semester: r.last_semester,
    status: r.last_status,
    lastSchoolYear: r.last_year,
  }));
  return { total, rows };
}

/** Is this student inside the filter? (Profile access check: outside means "does not exist".) */
export async function studentInScope(
  db: Kysely<Database>,
  id: number,
  filter: StudentFilter,
): Promise<boolean> {
  const r = await base(db, { filter, withIdentity: false, studentId: id, limit: 1, offset: 0 })
    .select('students.id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function studentTimeline(db: Kysely<Database>, id: number) {
  const [terms, years, events, modules, interventions, payments] = await Promise.all([
    db
      .selectFrom('enrollments as e')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .innerJoin('programs as p', 'p.id', 'e.program_id')
      .select([
        'e.school_year',
        'e.term_no',
        'e.semester',
        'e.group_code',
        'c.cct',
        'c.name as campus_name',
        'p.name as program_name',
        'e.grade_avg',
        'e.failed_modules',
        'e.attendance_pct',
        'e.scholarship_delay_days',
        'e.end_status',
        'e.new_entry',
      ])
      .where('e.student_id', '=', id)
      .orderBy('e.school_year')
      .orderBy('e.term_no')
      .execute(),
    // Named columns: the answer carries no internal ids (student, campus, program).
    db
      .selectFrom('year_results')
      .select(['school_year', 'semester', 'sex', 'passed_all', 'regularized', 'pending_modules', 'graduated'])
      .where('student_id', '=', id)
      .orderBy('school_year')
      .execute(),
    db
      .selectFrom('status_events')
      .select(['school_year', 'term_no', 'event_date', 'kind', 'reason', 'from_campus_id', 'to_campus_id'])
      .where('student_id', '=', id)
      .orderBy('event_date')
      .execute(),
    db
      .selectFrom('module_results as m')
      .innerJoin('modules as mo', 'mo.id', 'm.module_id')
      .select([
        'm.school_year',
        'm.term_no',
        'mo.semester',
        'mo.code',
        'mo.name',
        'm.grade',
        'm.attendance_pct',
        'm.passed',
        'm.regularization_grade',
      ])
      .where('m.student_id', '=', id)
      .orderBy('m.school_year')
      .orderBy('m.term_no')
      .orderBy('mo.code')
      .execute(),
    db
      .selectFrom('interventions')
      .select(['school_year', 'term_no', 'kind', 'start_date', 'end_date', 'sessions', 'outcome'])
      .where('student_id', '=', id)
      .orderBy('start_date')
      .execute(),
    db
      .selectFrom('scholarship_payments')
      .select(['school_year', 'term_no', 'period', 'amount', 'due_date', 'paid_date', 'delay_days'])
      .where('student_id', '=', id)
      .orderBy('due_date')
      .execute(),
  ]);
  return { terms, years, events, modules, interventions, payments };
}

export async function studentHeader(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('students as s')
    .innerJoin('campuses as c', 'c.id', 's.campus_id')
    .innerJoin('programs as p', 'p.id', 's.program_id')
    .innerJoin('student_identities as i', 'i.student_id', 's.id')
    .select([
      's.sex',
      's.birth_date',
      's.entry_year',
      's.campus_id',
      'c.cct',
      'c.name as campus_name',
      'c.state_id',
      'p.code as program_code',
      'p.name as program_name',
      'i.curp',
      'i.given_names',
      'i.first_surname',
      'i.second_surname',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
