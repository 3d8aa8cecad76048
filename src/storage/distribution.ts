/**
 * How the tables would be placed on a distributed PostgreSQL (Citus; docs/SCALING.md, "Distribution"): every
 * table is in exactly one of three lists, and src/storage/distribution.test.ts holds the schema and the queries
 * to what that placement needs.
 *
 * - Fact tables are distributed by `campus_id` and co-located: each of their primary keys and unique indexes
 *   includes `campus_id` (a distributed table can only enforce uniqueness within a shard), and every join
 *   between two of them equates `campus_id` (so it runs on one worker, with no data moved between nodes).
 * - Reference tables are small catalogs copied to every worker: joined freely.
 * - Coordinator tables (accounts, sessions, audit, settings, analysis results, people) stay on the
 *   coordinator; a fact table is joined to them by key (students and identities: one row per person, whose
 *   current campus changes with a transfer, so they cannot be distributed by it).
 */
import type { TableName } from './schema.js';

/** Distributed by campus_id, co-located with enrollments. */
export const FACT_TABLES: readonly TableName[] = [
  'enrollments',
  'year_results',
  'module_results',
  'status_events',
  'scholarship_payments',
  'interventions',
  'intervention_notes',
  'certifications',
  'teachers',
  'flow_counts',
  'flow_counts_campus',
  'risk_scores',
];

/** Copied to every worker. */
export const REFERENCE_TABLES: readonly TableName[] = [
  'states',
  'campuses',
  'programs',
  'campus_programs',
  'modules',
  'school_years',
  'terms',
  'published_indicators',
  'reported_counts',
  'flow_counts_program', // by state and program: 32 × programs rows a year, read whole by program pages
];

/** Kept on the coordinator. */
export const COORDINATOR_TABLES: readonly TableName[] = [
  'students',
  'student_identities',
  'transfer_requests',
  'identity_changes',
  'queue_settings',
  'dataset_meta',
  'users',
  'tutor_groups',
  'sessions',
  'login_throttle',
  'import_runs',
  'risk_rule_sets',
  'risk_models',
  'audit_log',
  'audit_places',
  'analysis_results',
  'data_changes',
];

/** The column fact tables are distributed by. */
export const DISTRIBUTION_COLUMN = 'campus_id';

/**
 * Joins between fact tables that follow one student across campuses, on purpose: equating campus_id would drop
 * the rows of a student who changed campus and change what they compute. On Citus each is a join on student_id
 * between shards (a repartition join, or a per-student lookup on every shard); docs/SCALING.md says how they
 * run. `marker` is a fragment of the statement (as src/test-support/sql-joins.ts normalizes it: lower case, no
 * quotes); distribution.test.ts fails on any other join without campus_id, and on an entry no statement needs.
 */
export const CROSS_CAMPUS_JOINS: readonly {
  readonly marker: string;
  readonly where: string;
  readonly why: string;
}[] = [
  {
    marker: 'p.attendance_pct as prevattendancepct',
    where: 'storage/risk-queries.ts (risk features of the active students)',
    why: "the previous term's enrollment, the year's results and the status events of a student who may have come from another campus",
  },
  {
    marker: 'as sem_normal',
    where: 'storage/cohort-queries.ts (cohort survival of a unit)',
    why: "a unit's entrants are followed through their later enrollments and graduation, at whatever campus",
  },
  {
    marker: 'p.semester = e.semester and p.school_year < e.school_year',
    where: 'storage/report-queries.ts (911 report: repeaters)',
    why: 'a student repeating a semester may have taken it first at another campus',
  },
];
