/** Answers of the aggregate routes: the unit summary, the generation (cohort) report, the impact report. */
import { z } from '@hono/zod-openapi';
import { IndicatorRowSchema, LEVEL, list } from '../schemas.js';

const pct = z.number().nullable();
export const Bilingual = z.object({ es: z.string(), en: z.string() }).openapi('Bilingual');

export const KpiSchema = z
  .object({
    key: z.enum(['mt', 'abandono', 'eficiencia_terminal']),
    year: z.string(),
    value: z.number().nullable(),
    baseYear: z.string(),
    base: z.number().nullable(),
  })
  .openapi('Kpi');

export const SummarySchema = z
  .object({
    level: z.string().openapi({ description: 'national | state | campus | program' }),
    unitId: z.string(),
    unitName: z.string(),
    baseline: z.string(),
    latestYear: z.string().nullable().openapi({ description: 'Último ciclo con datos' }),
    latestComplete: z
      .string()
      .nullable()
      .openapi({ description: 'Último ciclo con tasa de abandono (necesita el siguiente)' }),
    years: list(IndicatorRowSchema).openapi({ description: 'Filas anuales de la unidad (ambos sexos)' }),
    campuses: z.number().int(),
    programs: z.number().int(),
    teachers: z.number().int(),
    headline: list(KpiSchema).openapi({ description: 'Tarjetas: matrícula, abandono, eficiencia terminal' }),
  })
  .openapi('UnitSummary');

export const ReportUnitSchema = z
  .object({ level: LEVEL, id: z.string(), name: z.string() })
  .openapi('ReportUnit');

export const CohortReportSchema = z
  .object({
    generation: z.string(),
    entryYear: z.number().int(),
    entrySchoolYear: z.string(),
    graduationYear: z.string(),
    cutoffYear: z.string(),
    unit: ReportUnitSchema,
    entrants: z.number().int(),
    semesters: list(
      z.object({
        semester: z.number().int(),
        enrolled: z.number().int(),
        survival_pct: pct,
        enrolled_by_cutoff: z.number().int(),
        survival_by_cutoff_pct: pct,
      }),
    ),
    trueCohort: z.object({
      eficienciaTerminalCohorte: pct,
      graduatedOnTime: z.number().int(),
      graduatedByCutoff: z.number().int(),
      graduationByCutoff: pct,
    }),
    apparent: z.object({
      schoolYear: z.string(),
      eficienciaTerminal: pct,
      eg: z.number().nullable(),
      ni1TwoBefore: z.number().nullable(),
    }),
    differencePoints: z.number().nullable(),
    explanation: Bilingual,
  })
  .openapi('CohortReport');

const counterfactual = <T extends z.ZodRawShape>(inputs: T) =>
  z.object({
    value: z.number().nullable(),
    inputs: z.object(inputs),
    formula: z.string(),
    definition: Bilingual,
  });
const cumulative = z.object({
  value: z.number().nullable(),
  formula: z.string(),
  definition: Bilingual,
  byYear: list(z.object({ year: z.string(), value: z.number().nullable() })),
  missingYears: list(z.string()),
});

export const ImpactReportSchema = z
  .object({
    unit: ReportUnitSchema,
    baseline: z.string(),
    year: z.string(),
    entryYearOfGraduates: z.string(),
    yearly: z.object({
      year: z.string(),
      studentsKept: counterfactual({ abandonoBase: pct, abandonoN: pct, mtN: z.number().nullable() }),
      additionalGraduates: counterfactual({
        eficienciaTerminalBase: pct,
        eficienciaTerminalN: pct,
        ni1TwoBefore: z.number().nullable(),
      }),
    }),
    cumulative: z.object({
      from: z.string(),
      to: z.string(),
      studentsKept: cumulative,
      additionalGraduates: cumulative,
    }),
  })
  .openapi('ImpactReport');

/** The `analysis` block every heavy analysis answer carries (routes/analyses.ts). */
export const analysisBlock = <J extends z.ZodType>(job: J) =>
  z.object({
    status: z.enum(['fresh', 'stale']),
    computedAt: z.string(),
    job: job.nullable(),
  });
