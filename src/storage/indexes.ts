/**
 * Secondary indexes, in one list so that bulk loads can drop them, load, and build them once at the end.
 */
import { sql, type Kysely } from 'kysely';

export interface IndexDef {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /** A partial index: only the rows where this column equals this value, or is one of these values. */
  readonly where?:
    | { readonly column: string; readonly equals: number }
    | { readonly column: string; readonly in: readonly string[] };
}

/**
 * Natural keys of record imports (services/imports/record-kinds.ts), created by migration 0009; campus_id ends
 * each since migration 0019 (a key of a table distributed by campus includes it: storage/distribution.ts). One
 * row per student and term (and module) is kept by the imports, which match rows by the key without campus.
 */
export const IMPORT_KEY_INDEXES: readonly IndexDef[] = [
  {
    name: 'module_results_key_idx',
    table: 'module_results',
    columns: ['student_id', 'school_year', 'term_no', 'module_id', 'campus_id'],
    unique: true,
  },
  {
    name: 'enrollments_key_idx',
    table: 'enrollments',
    columns: ['student_id', 'school_year', 'term_no', 'campus_id'],
    unique: true,
  },
];

/** The status events scoring reads (storage/risk-queries.ts): the rows of status_events_risk_idx. */
export const RISK_EVENT_KINDS: readonly string[] = ['dropout', 'temporary_leave', 'graduation'];

/**
 * Scoring the active students (storage/risk-queries.ts): their status events of the kinds it counts, read
 * from the index alone (a third of the events); created by migration 0010.
 */
export const RISK_INDEXES: readonly IndexDef[] = [
  {
    name: 'status_events_risk_idx',
    table: 'status_events',
    columns: ['student_id', 'school_year', 'term_no', 'kind'],
    where: { column: 'kind', in: RISK_EVENT_KINDS },
  },
];

export const SECONDARY_INDEXES: readonly IndexDef[] = [
  { name: 'campuses_state_idx', table: 'campuses', columns: ['state_id'] },
  { name: 'modules_program_idx', table: 'modules', columns: ['program_id', 'semester'] },
  { name: 'teachers_campus_idx', table: 'teachers', columns: ['campus_id'] },
  // A campus's student list (newest first: in id order, hence id second) reads its page's columns from the
  // index alone (migration 0012).
  {
    name: 'students_campus_idx',
    table: 'students',
    columns: [
      'campus_id',
      'id',
      'sex',
      'entry_year',
      'program_id',
      'last_school_year',
      'last_semester',
      'last_status',
    ],
  },
  { name: 'students_entry_idx', table: 'students', columns: ['entry_year', 'entry_campus_id'] },
  { name: 'identities_curp_idx', table: 'student_identities', columns: ['curp'], unique: true },
  // The name search reads the names and CURP of a page of matches from the index alone (migration 0012).
  {
    name: 'identities_search_idx',
    table: 'student_identities',
    columns: ['search_key', 'first_surname', 'second_surname', 'given_names', 'curp'],
  },
  { name: 'identities_campus_search_idx', table: 'student_identities', columns: ['campus_id', 'search_key'] },
  { name: 'enrollments_student_idx', table: 'enrollments', columns: ['student_id'] },
  // Both cover the flow-count rebuild in its GROUP BY order (no sort) and serve lookups by year and campus; the
  // enrollment one holds term-1 rows only (MT is counted at the start of the year), half the size to build.
  {
    name: 'enrollments_flow_idx',
    table: 'enrollments',
    columns: ['school_year', 'campus_id', 'program_id', 'sex', 'semester', 'new_entry'],
    where: { column: 'term_no', equals: 1 },
  },
  {
    name: 'year_results_flow_idx',
    table: 'year_results',
    columns: [
      'school_year',
      'campus_id',
      'program_id',
      'sex',
      'semester',
      'passed_all',
      'regularized',
      'graduated',
    ],
  },
  // module_results has none by student: its key index starts with student_id (migration 0018).
  { name: 'status_events_student_idx', table: 'status_events', columns: ['student_id'] },
  ...RISK_INDEXES,
  { name: 'scholarship_student_idx', table: 'scholarship_payments', columns: ['student_id'] },
  { name: 'interventions_student_idx', table: 'interventions', columns: ['student_id'] },
  { name: 'interventions_campus_idx', table: 'interventions', columns: ['campus_id', 'school_year'] },
  { name: 'certifications_student_idx', table: 'certifications', columns: ['student_id'] },
  { name: 'flow_counts_campus_idx', table: 'flow_counts', columns: ['campus_id', 'school_year'] },
  ...IMPORT_KEY_INDEXES,
];

/**
 * Indexes whose columns a later migration changed, as the core migration first created them (its columns must
 * exist at that point: the last_* columns of students come with migration 0005).
 */
export const FIRST_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  identities_search_idx: ['search_key'],
  students_campus_idx: ['campus_id'],
};

/** SECONDARY_INDEXES as the core migration creates them (migration 0012 brings them to their current form). */
export const CORE_INDEXES: readonly IndexDef[] = SECONDARY_INDEXES.map((d) => {
  const first = FIRST_COLUMNS[d.name];
  return first ? { ...d, columns: first } : d;
});

/* eslint-disable @typescript-eslint/no-explicit-any -- used by migrations, which are untyped */
export async function createIndexes(db: Kysely<any>, defs: readonly IndexDef[]): Promise<void> {
  for (const d of defs) {
    let index = db.schema
      .createIndex(d.name)
      .ifNotExists()
      .on(d.table)
      .columns([...d.columns]);
    if (d.unique) index = index.unique();
    const w = d.where;
    if (w)
      index = index.where(
        'equals' in w
          ? sql<boolean>`${sql.ref(w.column)} = ${sql.lit(w.equals)}`
          : sql<boolean>`${sql.ref(w.column)} in (${sql.join(w.in.map((v) => sql.lit(v)))})`,
      );
    await index.execute();
  }
}

export async function dropIndexes(db: Kysely<any>, defs: readonly IndexDef[]): Promise<void> {
  for (const d of defs) await db.schema.dropIndex(d.name).ifExists().execute();
}
