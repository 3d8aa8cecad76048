/**
 * The rows the generator emits, as column lists in a fixed order. The generator calls `sink.row(table, values)`
 * with values in exactly this order; the service hands them to storage's bulk loader.
 */
export type SqlValue = string | number | null;

export const SYNTH_COLUMNS = {
  states: ['id', 'code', 'name', 'short_name'],
  campuses: [
    'id',
    'cct',
    'campus_number',
    'name',
    'state_id',
    'reporting_unit',
    'latitude',
    'longitude',
    'address',
    'active',
  ],
  programs: ['id', 'code', 'name', 'area'],
  campus_programs: ['campus_id', 'program_id'],
  modules: ['id', 'program_id', 'semester', 'code', 'name', 'hours'],
  teachers: ['id', 'campus_id', 'sex', 'hired_year', 'degree'],
  school_years: ['id', 'start_date', 'end_date'],
  terms: ['id', 'school_year', 'term_no', 'start_date', 'end_date'],
  students: [
    'id',
    'sex',
    'birth_date',
    'entry_year',
    'entry_campus_id',
    'campus_id',
    'program_id',
    'last_school_year',
    'last_term_no',
    'last_semester',
    'last_status',
  ],
  student_identities: [
    'student_id',
    'campus_id',
    'curp',
    'given_names',
    'first_surname',
    'second_surname',
    'search_key',
  ],
  enrollments: [
    'id',
    'student_id',
    'campus_id',
    'program_id',
    'school_year',
    'term_no',
    'semester',
    'group_code',
    'sex',
    'new_entry',
    'grade_avg',
    'failed_modules',
    'attendance_pct',
    'scholarship_delay_days',
    'end_status',
  ],
  year_results: [
    'student_id',
    'campus_id',
    'program_id',
    'school_year',
    'semester',
    'sex',
    'passed_all',
    'regularized',
    'pending_modules',
    'graduated',
  ],
  module_results: [
    'id',
    'student_id',
    'campus_id',
    'module_id',
    'school_year',
    'term_no',
    'grade',
    'attendance_pct',
    'passed',
    'regularization_grade',
  ],
  status_events: [
    'id',
    'student_id',
    'campus_id',
    'school_year',
    'term_no',
    'event_date',
    'kind',
    'reason',
    'from_campus_id',
    'to_campus_id',
    'from_program_id',
    'to_program_id',
  ],
  scholarship_payments: [
    'id',
    'student_id',
    'campus_id',
    'school_year',
    'term_no',
    'period',
    'amount',
    'due_date',
    'paid_date',
    'delay_days',
  ],
  interventions: [
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
  ],
  certifications: ['id', 'student_id', 'campus_id', 'standard_code', 'standard_name', 'issued_on', 'result'],
} as const satisfies Record<string, readonly string[]>;

export type SynthTable = keyof typeof SYNTH_COLUMNS;

export interface SynthSink {
  row(table: SynthTable, values: readonly SqlValue[]): void;
}

/** Campus as the generator needs it: from the real list, with its published 2024-2025 dropout if matched. */
export interface CampusInput {
  readonly cct: string;
  readonly campusNumber: number;
  readonly name: string;
  readonly stateId: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly address: string;
  readonly active: boolean;
  readonly publishedDropout: number | null;
}
