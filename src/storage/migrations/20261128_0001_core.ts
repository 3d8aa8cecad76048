import type { Kysely } from 'kysely';
import { CORE_INDEXES, createIndexes } from '../indexes.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('states')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('campuses')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('cct', 'text', (c) => c.notNull().unique())
    .addColumn('campus_number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state_id', 'integer', (c) => c.notNull().references('states.id'))
    .addColumn('reporting_unit', 'text', (c) => c.notNull())
    .addColumn('latitude', 'real', (c) => c.notNull())
    .addColumn('longitude', 'real', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();
  await s
    .createTable('programs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('campus_programs')
    .addColumn('campus_id', 'integer', (c) => c.notNull().references('campuses.id'))
    .addColumn('program_id', 'integer', (c) => c.notNull().references('programs.id'))
    .addPrimaryKeyConstraint('campus_programs_pk', ['campus_id', 'program_id'])
    .execute();
  await s
    .createTable('modules')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('programs.id'))
    .addColumn('semester', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .execute();
  await s
    .createTable('teachers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('campus_id', 'integer', (c) => c.notNull().references('campuses.id'))
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('hired_year', 'integer', (c) => c.notNull())
    .addColumn('degree', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('school_years')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_year', 'text', (c) => c.notNull().references('school_years.id'))
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('students')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('entry_year', 'integer', (c) => c.notNull())
    .addColumn('entry_campus_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .execute();
  await s
    .createTable('student_identities')
    .addColumn('student_id', 'integer', (c) => c.primaryKey())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('curp', 'text', (c) => c.notNull()) // unique index in indexes.ts (built after bulk loads)
    .addColumn('given_names', 'text', (c) => c.notNull())
    .addColumn('first_surname', 'text', (c) => c.notNull())
    .addColumn('second_surname', 'text', (c) => c.notNull())
    .addColumn('search_key', 'text', (c) => c.notNull()) // "GARCIA LOPEZ MARIA": upper case, no accents
    .execute();
  await s
    .createTable('enrollments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('semester', 'integer', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('new_entry', 'integer', (c) => c.notNull())
    .addColumn('grade_avg', 'real')
    .addColumn('failed_modules', 'integer', (c) => c.notNull())
    .addColumn('attendance_pct', 'real', (c) => c.notNull())
    .addColumn('scholarship_delay_days', 'integer', (c) => c.notNull())
    .addColumn('end_status', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('year_results')
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('semester', 'integer', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('passed_all', 'integer', (c) => c.notNull())
    .addColumn('regularized', 'integer', (c) => c.notNull())
    .addColumn('pending_modules', 'integer', (c) => c.notNull())
    .addColumn('graduated', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('year_results_pk', ['student_id', 'school_year'])
    .execute();
  await s
    .createTable('module_results')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('module_id', 'integer', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('grade', 'real', (c) => c.notNull())
    .addColumn('attendance_pct', 'real', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('regularization_grade', 'real')
    .execute();
  await s
    .createTable('status_events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('from_campus_id', 'integer')
    .addColumn('to_campus_id', 'integer')
    .addColumn('from_program_id', 'integer')
    .addColumn('to_program_id', 'integer')
    .execute();
  await s
    .createTable('scholarship_payments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('amount', 'real', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('paid_date', 'text')
    .addColumn('delay_days', 'integer', (c) => c.notNull())
    .execute();
  await s
    .createTable('interventions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await s
    .createTable('certifications')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('standard_code', 'text', (c) => c.notNull())
    .addColumn('standard_name', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('flow_counts')
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('semester', 'integer', (c) => c.notNull())
    .addColumn('mt', 'integer', (c) => c.notNull())
    .addColumn('ni1', 'integer', (c) => c.notNull())
    .addColumn('ex', 'integer', (c) => c.notNull())
    .addColumn('ap', 'integer', (c) => c.notNull())
    .addColumn('reg', 'integer', (c) => c.notNull())
    .addColumn('eg', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_counts_pk', ['school_year', 'campus_id', 'program_id', 'sex', 'semester'])
    .execute();
  await s
    .createTable('dataset_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo('1970-01-01T00:00:00Z'))
    .execute();
  await createIndexes(db, CORE_INDEXES);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'dataset_meta',
    'flow_counts',
    'certifications',
    'interventions',
    'scholarship_payments',
    'status_events',
    'module_results',
    'year_results',
    'enrollments',
    'student_identities',
    'students',
    'terms',
    'school_years',
    'teachers',
    'modules',
    'campus_programs',
    'programs',
    'campuses',
    'states',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
