/** A student's profile and timeline (GET /students/{id}): records as stored, in snake_case. */
import { z } from '@hono/zod-openapi';
import { list } from '../schemas.js';

const bit = z.number().int().openapi({ description: '1 sí, 0 no' });

export const StudentProfileSchema = z
  .object({
    student: z.object({
      id: z.string().openapi({ description: 'Identificador seudónimo' }),
      name: z.string().nullable().openapi({ description: 'null para quien no ve identidades' }),
      curp: z.string().nullable(),
      sex: z.string(),
      birthDate: z.string().nullable(),
      entryYear: z.number().int(),
      generation: z.string(),
      campusCct: z.string(),
      campusName: z.string(),
      programCode: z.string(),
      programName: z.string(),
    }),
    terms: list(
      z.object({
        school_year: z.string(),
        term_no: z.number().int(),
        semester: z.number().int(),
        group_code: z.string(),
        cct: z.string(),
        campus_name: z.string(),
        program_name: z.string(),
        grade_avg: z.number().nullable(),
        failed_modules: z.number().int(),
        attendance_pct: z.number(),
        scholarship_delay_days: z.number(),
        end_status: z
          .string()
          .openapi({ description: 'completed | dropout | temporary_leave | transfer_out' }),
        new_entry: bit,
      }),
    ),
    years: list(
      z.object({
        school_year: z.string(),
        semester: z.number().int(),
        sex: z.string(),
        passed_all: bit,
        regularized: bit,
        pending_modules: z.number().int(),
        graduated: bit,
      }),
    ),
    events: list(
      z.object({
        school_year: z.string(),
        term_no: z.number().int(),
        event_date: z.string(),
        kind: z.string(),
        reason: z.string().nullable(),
        from_campus_id: z.number().int().nullable(),
        to_campus_id: z.number().int().nullable(),
      }),
    ),
    modules: list(
      z.object({
        school_year: z.string(),
        term_no: z.number().int(),
        semester: z.number().int(),
        code: z.string(),
        name: z.string(),
        grade: z.number(),
        attendance_pct: z.number(),
        passed: bit,
        regularization_grade: z.number().nullable(),
      }),
    ),
    interventions: list(
      z.object({
        school_year: z.string(),
        term_no: z.number().int(),
        kind: z.string(),
        start_date: z.string(),
        end_date: z.string().nullable(),
        sessions: z.number().int(),
        outcome: z.string().nullable(),
      }),
    ),
    payments: list(
      z.object({
        school_year: z.string(),
        term_no: z.number().int(),
        period: z.number().int(),
        amount: z.number(),
        due_date: z.string(),
        paid_date: z.string().nullable(),
        delay_days: z.number(),
      }),
    ),
  })
  .openapi('StudentProfile');
