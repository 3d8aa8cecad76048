/** Answers of the intervention routes (routes/interventions.ts): queues, the log, effects, what-if. */
import { z } from '@hono/zod-openapi';
import { list } from '../schemas.js';
import { Bilingual } from './aggregates.js';
import { FLAG } from './risk.js';

const n = z.number();
const maybe = z.number().nullable();
const int = z.number().int();

export const QueueItemSchema = z
  .object({
    rank: int,
    student: z.string().openapi({ description: 'Identificador seudónimo' }),
    name: z.string().nullable(),
    campusCct: z.string(),
    group: z.string().nullable(),
    semester: int.nullable(),
    flag: FLAG,
    probability: maybe,
    reasons: list(z.string()),
    reasonsEn: list(z.string()).openapi({ description: 'Las mismas razones en inglés, en el mismo orden' }),
    lastAction: z
      .object({
        date: z.string(),
        type: z.enum(['intervention', 'note']),
        kind: z.string(),
        label: Bilingual,
      })
      .nullable(),
    daysSinceAction: int.nullable(),
    escalated: z.boolean(),
    openInterventions: int,
  })
  .openapi('QueueItem');

export const WorkQueueSchema = z
  .object({
    owner: z.object({ level: z.enum(['tutor', 'campus']), unit: z.string() }),
    capacity: int,
    escalateAfterDays: int,
    atRisk: int.openapi({ description: 'Estudiantes en amarillo o rojo antes del corte por capacidad' }),
    red: int,
    modelVersion: int.nullable(),
    today: z.string(),
    shown: int.openapi({ description: 'Filas después de los filtros de la página' }),
    items: list(QueueItemSchema),
  })
  .openapi('WorkQueue');

export const EscalationsSchema = z
  .object({ today: z.string(), total: int, items: list(QueueItemSchema) })
  .openapi('Escalations');

export const QueueSettingsSchema = z
  .object({
    level: z.enum(['national', 'state', 'campus']),
    unit: z.string(),
    settings: z.object({ tutorCapacity: int, campusCapacity: int, escalateAfterDays: int }),
  })
  .openapi('QueueSettings');

export const InterventionSchema = z
  .object({
    id: int,
    student: z.string(),
    studentName: z.string().nullable(),
    campusCct: z.string(),
    schoolYear: z.string(),
    termNo: int,
    kind: z.string(),
    kindLabel: Bilingual,
    startDate: z.string(),
    endDate: z.string().nullable(),
    sessions: int,
    description: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeLabel: Bilingual,
    assignedBy: z.string().nullable(),
    notes: int,
    lastNoteDate: z.string().nullable(),
  })
  .openapi('Intervention');

export const NoteSchema = z
  .object({ id: int, interventionId: int, date: z.string(), author: z.string(), body: z.string() })
  .openapi('InterventionNote');

export const InterventionWithNotesSchema = InterventionSchema.extend({ followUps: list(NoteSchema) }).openapi(
  'InterventionWithNotes',
);

const Interval = z.object({ estimate: n, low: n, high: n, se: n });
const Estimate = z.object({
  units: int,
  treated: int,
  controls: int,
  treatedRate: n,
  controlRate: n,
  weightedControlRate: n,
  naive: Interval,
  att: Interval,
  crossoverShare: n,
  effectiveControls: n,
  overlap: z.object({
    treatedDeciles: list(n),
    controlDeciles: list(n),
    trimmedTreatedShare: n,
    trimmedUnits: int,
    trim: n,
  }),
  sensitivity: z.object({
    riskRatio: n,
    eValue: n,
    eValueLimit: n,
    fragile: z.boolean(),
    threshold: n,
  }),
  folds: int,
  splits: int.openapi({ description: 'Particiones en pliegues de las que la estimación es la mediana' }),
  level: n,
});

export const EffectsReportSchema = z
  .object({
    scope: z.object({ level: z.enum(['national', 'state', 'campus']), id: int.nullable() }),
    outcome: z.string(),
    method: z.string(),
    fromSchoolYear: z.string().nullable(),
    studentYears: int,
    sampled: z.boolean(),
    covariates: list(z.string()),
    effects: list(
      z.object({
        kind: z.string(),
        label: Bilingual,
        estimate: Estimate.nullable(),
        note: z.string().nullable(),
        truth: z
          .object({
            logOdds: n,
            attYearExitRiskDifference: n,
            insideInterval: z.boolean().nullable(),
            naiveInsideInterval: z.boolean().nullable(),
          })
          .nullable()
          .openapi({ description: 'La respuesta del generador, solo en datos de demostración' }),
        capacity: list(z.object({ share: n, reached: int, rule: n, risk: n, benefit: n })).nullable(),
        benefit: z.object({ mean: n, meanTreated: n, deciles: list(n) }).nullable(),
      }),
    ),
  })
  .openapi('EffectsReport');

const Projection = z.object({
  entrants: n,
  graduatesOnTime: n,
  eficienciaTerminal: n,
  graduationEventual: n,
  dropoutPct: n,
  survivalToGradePct: list(n),
  coefficientOfEfficiencyPct: maybe,
  abandono: maybe,
});
const GradeRates = z.object({
  grade: int,
  fromYear: z.string(),
  promotion: n,
  repetition: n,
  dropout: n,
  firstSemesterShareOfDropout: n,
});

export const WhatIfReportSchema = z
  .object({
    generation: z.string(),
    unit: z.object({
      level: z.enum(['national', 'state', 'campus']),
      id: z.string(),
      name: z.string(),
      program: z.string().nullable(),
    }),
    changes: list(z.object({ semester: int, change: n })),
    baselineRates: list(GradeRates),
    scenarioRates: list(GradeRates),
    baseline: Projection,
    scenario: Projection,
    difference: z.object({
      eficienciaTerminalPoints: n,
      dropoutPoints: n,
      abandonoPoints: maybe,
      studentsKept: n,
      extraGraduatesOnTime: n,
    }),
    observed: z.object({ eficienciaTerminalCohorte: maybe, scenarioEficienciaTerminal: maybe }),
    nationalEtPoints: maybe,
    method: z.string(),
  })
  .openapi('WhatIfReport');
