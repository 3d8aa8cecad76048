/**
 * Row types of every table, as Kysely sees them. They stay inside storage/: repositories return domain
 * types. Conventions: snake_case columns; dates are ISO text (YYYY-MM-DD) and booleans are 0/1 integers on
 * both dialects; every fact table carries campus_id so that it can be partitioned or distributed by campus.
 * Names and CURP live only in student_identities.
 */
import type { Generated } from 'kysely';

export interface StatesTable {
  id: number; // INEGI cve_ent 1-32
  code: string; // "01".."32"
  name: string; // INEGI name
  short_name: string;
}

export interface CampusesTable {
  id: number;
  cct: string;
  campus_number: number; // CONALEP clave_plantel, unique within a state only
  name: string;
  state_id: number;
  reporting_unit: string; // colegio estatal (kept apart from geography)
  latitude: number;
  longitude: number;
  address: string;
  active: number;
}

export interface ProgramsTable {
  id: number;
  code: string;
  name: string;
  area: string; // occupational area
}

export interface CampusProgramsTable {
  campus_id: number;
  program_id: number;
}

export interface ModulesTable {
  id: number;
  program_id: number;
  semester: number;
  code: string;
  name: string;
  hours: number;
}

export interface TeachersTable {
  id: number;
  campus_id: number;
  sex: string;
  hired_year: number;
  degree: string;
}

export interface SchoolYearsTable {
  id: string; // "2024-2025"
  start_date: string;
  end_date: string;
}

export interface TermsTable {
  id: string; // "2024-2025/1"
  school_year: string;
  term_no: number;
  start_date: string;
  end_date: string;
}

export interface StudentsTable {
  id: number;
  sex: string; // 'H' | 'M' as in the CURP
  birth_date: string;
  entry_year: number; // generation start year
  entry_campus_id: number;
  campus_id: number; // current (last) campus
  program_id: number; // current (last) program
  /** The latest enrollment: school year, term, semester and end status. */
  last_school_year: string | null;
  last_term_no: number | null;
  last_semester: number | null;
  last_status: string | null;
}

export interface StudentIdentitiesTable {
  student_id: number;
  campus_id: number;
  curp: string;
  given_names: string;
  first_surname: string;
  second_surname: string;
  /** Surnames then given names, upper case without accents, for prefix search. */
  search_key: string;
}

export interface EnrollmentsTable {
  id: number;
  student_id: number;
  campus_id: number;
  program_id: number;
  school_year: string;
  term_no: number;
  semester: number;
  group_code: string;
  sex: string; // reporting dimension copied from the student at enrollment time
  new_entry: number; // 1 for a first-time entrant to semester 1 (NI1)
  grade_avg: number | null;
  failed_modules: number;
  attendance_pct: number;
  scholarship_delay_days: number;
  end_status: string; // completed | dropout | temporary_leave | transfer_out
}

export interface YearResultsTable {
  student_id: number;
  campus_id: number;
  program_id: number;
  school_year: string;
  semester: number; // semester completed at year end
  sex: string;
  passed_all: number; // AP: passed every module in ordinary evaluation
  regularized: number; // REG
  pending_modules: number; // still failed after regularization
  graduated: number; // EG
}

export interface ModuleResultsTable {
  id: number;
  student_id: number;
  campus_id: number;
  module_id: number;
  school_year: string;
  term_no: number;
  grade: number;
  attendance_pct: number;
  passed: number;
  regularization_grade: number | null;
}

export interface TransferRequestsTable {
  id: Generated<number>;
  student_id: number;
  from_campus_id: number;
  to_campus_id: number;
  status: string; // pending | confirmed | rejected
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}

/** Names changed by an import, before and after (JSON): personal data, read by audit readers only. */
export interface IdentityChangesTable {
  id: Generated<number>;
  at: string;
  actor: string;
  import_run_id: number | null;
  student_id: number;
  state_id: number | null;
  campus_id: number | null;
  before_values: string;
  after_values: string;
}

export interface StatusEventsTable {
  id: number;
  student_id: number;
  campus_id: number;
  school_year: string;
  term_no: number;
  event_date: string;
  kind: string; // see domain/status.ts
  reason: string | null;
  from_campus_id: number | null;
  to_campus_id: number | null;
  from_program_id: number | null;
  to_program_id: number | null;
}

export interface ScholarshipPaymentsTable {
  id: number;
  student_id: number;
  campus_id: number;
  school_year: string;
  term_no: number;
  period: number; // bimester within the term
  amount: number;
  due_date: string;
  paid_date: string | null;
  delay_days: number;
}

export interface InterventionsTable {
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
  /** The user who assigned it; null for generated or imported rows. */
  assigned_by: number | null;
  created_at: string | null;
  updated_at: string | null;
}

/** Dated follow-up notes on an intervention, with their author. */
export interface InterventionNotesTable {
  id: number;
  intervention_id: number;
  student_id: number;
  campus_id: number;
  author_id: number | null;
  author_name: string;
  note_date: string;
  body: string;
  created_at: string;
}

/** Work-queue capacity and escalation settings per scope: national (scope_id 0), state or campus. */
export interface QueueSettingsTable {
  scope_level: string;
  scope_id: number;
  tutor_capacity: number | null;
  campus_capacity: number | null;
  escalate_after_days: number | null;
  updated_by: string;
  updated_at: string;
}

export interface CertificationsTable {
  id: number;
  student_id: number;
  campus_id: number;
  standard_code: string;
  standard_name: string;
  issued_on: string;
  result: string;
}

export interface FlowCountsTable {
  school_year: string;
  campus_id: number;
  program_id: number;
  sex: string;
  semester: number;
  mt: number;
  ni1: number;
  ex: number;
  ap: number;
  reg: number;
  eg: number;
}

interface Counts {
  mt: number;
  ni1: number;
  ex: number;
  ap: number;
  reg: number;
  eg: number;
}

export interface FlowCountsCampusTable extends Counts {
  school_year: string;
  campus_id: number;
  state_id: number;
  sex: string;
}

export interface FlowCountsProgramTable extends Counts {
  school_year: string;
  state_id: number;
  program_id: number;
  sex: string;
}

/** Results of the heavy analyses by key (services/analyses/); JSON text. */
export interface AnalysisResultsTable {
  key: string;
  analysis: string;
  data_version: string;
  result: string;
  computed_at: string;
  ms: number;
}

/** The cells each record import wrote (migrations/20261207_0016_data_changes.ts). */
export interface DataChangesTable {
  id: Generated<number>;
  run_id: number | null;
  at: string;
  footprint: string; // JSON: table → ["school year|campus", …], '*' for all
}

export interface DatasetMetaTable {
  key: string;
  value: string; // JSON
  updated_at: Generated<string>;
}

export interface UsersTable {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  state_id: number | null;
  campus_id: number | null;
  disabled: Generated<number>;
  failed_logins: Generated<number>;
  created_at: string;
}

export interface TutorGroupsTable {
  user_id: number;
  campus_id: number;
  group_code: string;
}

/** Sign-in failure counters and known account-address pairs (services/accounts/login-throttle.ts). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

/** Indicators as a ministry file publishes them, keyed by the published row's own identifiers. */
export interface PublishedIndicatorsTable {
  school_year: string;
  campus_id: number | null; // the campus matched by state and name; null when none
  state_id: number; // cve_ent as published (may disagree with the campus list)
  campus_number: number; // cve_plantel as published
  campus_name: string; // plantel as published
  indicator: string; // 'abandono'
  value: number; // percent as published
  source: string; // file name
  imported_at: string; // ISO timestamp of the import that last wrote the row
}

/** Aggregate flow counts as reported by a unit (trayecto import counts), beside the computed ones. */
export interface ReportedCountsTable {
  school_year: string;
  level: 'campus' | 'state' | 'national';
  unit: string; // CCT, 2-digit INEGI state code, or 'MX'
  mt: number;
  ni1: number;
  ex: number;
  ap: number;
  reg: number;
  eg: number;
  source: string; // file name
  imported_at: string; // ISO timestamp of the import that last wrote the row
}

/** One row per completed import (dry runs and rejected files leave none). */
export interface ImportRunsTable {
  id: number;
  kind: string; // 'campuses' | 'published-dropout'
  file_name: string;
  file_sha256: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  issues: number; // source defects reported (rows imported anyway)
  status: string; // 'ok' | 'with_defects'
  started_at: string;
  finished_at: string;
}

/** Append-only (triggers reject UPDATE and DELETE): who did what, when, to which target. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string; // ISO timestamp
  actor: string; // username, 'cli:<os user>' or 'system'
  role: string | null;
  action: string; // services/operations/audit.ts AuditAction
  target: string | null; // 'student:123', 'user:ana', 'file:planteles.csv' (never a student's name or CURP)
  state_id: number | null; // scope of the row: the target's state, else the actor's
  campus_id: number | null;
  details: string | null; // JSON
  request_id: string | null;
}

/** Append-only like audit_log: the states and campuses an audit row touched besides its own scope. */
export interface AuditPlacesTable {
  audit_id: number;
  state_id: number;
  campus_id: number | null;
}

/** Versioned early-warning thresholds: the latest row is in force; earlier rows are the audit trail. */
export interface RiskRuleSetsTable {
  id: Generated<number>;
  thresholds: string; // JSON (domain/risk/rules.ts Thresholds)
  created_at: string;
  created_by: string;
  note: string | null;
}

/** Trained risk model versions with their data cut-off, metrics and model card. */
export interface RiskModelsTable {
  id: Generated<number>;
  created_at: string;
  created_by: string;
  data_cutoff: string; // "2025-2026/1"
  method: string; // 'logistic' | 'gbt'
  parameters: string; // JSON
  metrics: string; // JSON
  model: string; // JSON (serialized)
  card_es: string; // Markdown
  card_en: string;
}

/** Scores per student and cut-off, written by `risk score` (history on the risk panel). */
export interface RiskScoresTable {
  student_id: number;
  cutoff: string; // "2025-2026/2"
  campus_id: number;
  flag: string; // verde | amarillo | rojo
  probability: number | null;
  model_id: number | null;
  rule_set_id: number | null;
  reasons: string; // JSON: rule reason codes
  scored_at: string;
}

export interface Database {
  states: StatesTable;
  campuses: CampusesTable;
  programs: ProgramsTable;
  campus_programs: CampusProgramsTable;
  modules: ModulesTable;
  teachers: TeachersTable;
  school_years: SchoolYearsTable;
  terms: TermsTable;
  students: StudentsTable;
  student_identities: StudentIdentitiesTable;
  enrollments: EnrollmentsTable;
  year_results: YearResultsTable;
  module_results: ModuleResultsTable;
  status_events: StatusEventsTable;
  transfer_requests: TransferRequestsTable;
  identity_changes: IdentityChangesTable;
  scholarship_payments: ScholarshipPaymentsTable;
  interventions: InterventionsTable;
  intervention_notes: InterventionNotesTable;
  queue_settings: QueueSettingsTable;
  certifications: CertificationsTable;
  flow_counts: FlowCountsTable;
  flow_counts_campus: FlowCountsCampusTable;
  flow_counts_program: FlowCountsProgramTable;
  dataset_meta: DatasetMetaTable;
  users: UsersTable;
  tutor_groups: TutorGroupsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  published_indicators: PublishedIndicatorsTable;
  reported_counts: ReportedCountsTable;
  import_runs: ImportRunsTable;
  risk_rule_sets: RiskRuleSetsTable;
  risk_models: RiskModelsTable;
  risk_scores: RiskScoresTable;
  audit_log: AuditLogTable;
  audit_places: AuditPlacesTable;
  analysis_results: AnalysisResultsTable;
  data_changes: DataChangesTable;
}

export type TableName = keyof Database;
