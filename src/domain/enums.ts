/**
 * The enumerations that the server and the web app share, written once: indicators, levels, roles and record
 * kinds. The web imports this file directly (web/src/lib/indicators.ts, features/importar/shape.ts), so it stays
 * free of imports.
 */

/** The flow counts of a unit and year (docs/INDICATORS.md). */
export const COUNT_KEYS = ['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

/** The SEP rates computed from the counts (domain/indicators.ts), in the order of the indicator rows. */
export const RATE_KEYS = [
  'abandono',
  'abandono_intra',
  'abandono_inter',
  'retencion',
  'eficiencia_terminal',
  'reprobacion',
  'reprobacion_con_reg',
  'aprobacion',
  'aprobacion_con_reg',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/** Units indicators are summed over. */
export const LEVELS = ['national', 'state', 'campus', 'program'] as const;
export type Level = (typeof LEVELS)[number];

/** Account roles (domain/access.ts: what each may see). */
export const ROLES = ['national', 'state', 'campus', 'tutor', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Record files an import accepts (ingest/record-kinds.ts holds their columns; docs/IMPORTS.md). */
export const RECORD_KINDS = [
  'module-results',
  'enrollments',
  'students',
  'status-events',
  'scholarship-payments',
  'interventions',
  'certifications',
  'attendance',
  'programs',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
