/** Answers of the early-warning routes (routes/risk.ts): student panel, campus views, model report, rules. */
import { z } from '@hono/zod-openapi';
import { list } from '../schemas.js';
import { Bilingual } from './aggregates.js';

export const FLAG = z.enum(['verde', 'amarillo', 'rojo']);
const n = z.number();
const maybe = z.number().nullable();

const ReasonSchema = z
  .object({
    code: z.string(),
    level: z.enum(['amarillo', 'rojo', 'modelo']),
    es: z.string(),
    en: z.string(),
  })
  .openapi('RiskReason');
const RuleReasonSchema = ReasonSchema.extend({ level: z.enum(['amarillo', 'rojo']) });

export const StudentRiskPanelSchema = z
  .object({
    id: z.string(),
    active: z.boolean(),
    cutoff: z.string().nullable(),
    flag: FLAG.nullable(),
    probability: maybe,
    modelVersion: z.number().int().nullable(),
    ruleSetVersion: z.number().int(),
    reasons: list(ReasonSchema).openapi({
      description: 'Del modelo (nivel modelo), o de las reglas sin modelo',
    }),
    rules: list(RuleReasonSchema),
    contributions: list(
      z.object({ feature: z.string(), logOdds: n, value: n, es: z.string(), en: z.string() }),
    ),
    features: list(z.object({ feature: z.string(), value: n, es: z.string(), en: z.string() })),
    history: list(
      z.object({
        cutoff: z.string(),
        flag: FLAG,
        probability: maybe,
        modelVersion: z.number().int().nullable(),
        reasons: list(z.string()),
        scoredAt: z.string(),
      }),
    ),
  })
  .openapi('StudentRiskPanel');

const byFlag = { verde: z.number().int(), amarillo: z.number().int(), rojo: z.number().int() };

export const CampusRiskOverviewSchema = z
  .object({
    campus: z.object({ cct: z.string(), name: z.string() }),
    cutoff: z.string().nullable(),
    total: z.number().int(),
    byFlag: z.object(byFlag),
    meanProbability: maybe,
    bySemester: list(z.object({ semester: z.number().int(), ...byFlag })),
    reasons: list(z.object({ code: z.string(), es: z.string(), en: z.string(), count: z.number().int() })),
    students: list(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        semester: z.number().int(),
        flag: FLAG,
        probability: maybe,
        reasons: list(ReasonSchema),
        rules: list(RuleReasonSchema),
      }),
    ),
  })
  .openapi('CampusRiskOverview');

export const CampusRiskListSchema = z
  .object({
    cutoff: z.string().nullable().openapi({ description: 'null: aún no hay calificaciones guardadas' }),
    campuses: list(
      z.object({
        cct: z.string(),
        name: z.string(),
        state: z.string(),
        total: z.number().int(),
        ...byFlag,
        rojoShare: n,
        meanProbability: maybe,
      }),
    ),
  })
  .openapi('CampusRiskList');

const Bin = z.object({ lower: n, upper: n, count: z.number().int(), meanPredicted: n, observedRate: n });
const CUTOFF_KIND = z.enum(['termEnd', 'yearEnd']);
const CalibrationCheck = z.object({
  cutoff: z.string(),
  kind: CUTOFF_KIND,
  n: z.number().int(),
  positives: z.number().int(),
  rocAuc: maybe,
  predicted: n,
  observed: n,
  ratio: maybe,
  bins: list(Bin),
});
const DriftCheck = CalibrationCheck.extend({
  modelVersions: list(z.number().int()),
  unmatched: z.number().int(),
});
const Method = z.object({
  rocAuc: n,
  prAuc: n,
  brier: maybe,
  logLoss: maybe,
  validationRocAuc: maybe,
  trainSeconds: maybe,
});
const Confusion = z.object({
  n: z.number().int(),
  positives: z.number().int(),
  flagged: z.number().int(),
  truePositives: z.number().int(),
  recall: maybe,
  precision: maybe,
  fpr: maybe,
  fnr: maybe,
});
const pair = z.tuple([z.string(), z.string()]).readonly().nullable();
const Fairness = z.object({
  dimension: z.string(),
  groups: list(
    z.object({
      group: z.string(),
      n: z.number().int(),
      positives: z.number().int(),
      flaggedRate: maybe,
      fpr: maybe,
      fnr: maybe,
      precision: maybe,
    }),
  ),
  fprGap: maybe,
  fnrGap: maybe,
  fprGapGroups: pair,
  fnrGapGroups: pair,
});

export const DriftReportSchema = z
  .object({
    checks: list(DriftCheck).openapi({
      description: 'Cortes pasados con desenlace conocido, del más antiguo',
    }),
    pending: list(z.string()).openapi({ description: 'Cortes guardados cuyo desenlace aún no se conoce' }),
  })
  .openapi('DriftReport');

const RiskMetrics = z.object({
  dataCutoff: z.string(),
  trainCutoffs: list(z.string()),
  calibrationCutoff: z.string(),
  calibrationCutoffs: z.object({ termEnd: z.string(), yearEnd: z.string() }).optional(),
  rows: z.object({
    train: z.number().int(),
    trainAvailable: z.number().int(),
    calibration: z.number().int(),
    test: z.number().int(),
  }),
  baseRate: z.object({ train: n, test: n }),
  methods: z.object({ logistic: Method, gbt: Method, rules: Method }),
  chosen: z.enum(['logistic', 'gbt']),
  newestGeneration: z.object({
    generation: z.string(),
    n: z.number().int(),
    positives: z.number().int(),
    rocAuc: maybe,
    brier: maybe,
  }),
  calibration: list(Bin),
  calibrationChecks: list(CalibrationCheck).optional(),
  calibrationByGroup: list(
    z.object({
      dimension: z.string(),
      groups: list(
        z.object({ group: z.string(), n: z.number().int(), predicted: n, observed: n, ratio: maybe }),
      ),
      ratioRange: z.tuple([n, n]).readonly().nullable(),
    }),
  ).optional(),
  drift: list(DriftCheck).optional(),
  capacity: z.object({
    share: n,
    places: z.number().int(),
    individual: Confusion,
    campus: Confusion,
    rules: Confusion,
  }),
  fairness: z.object({ model: list(Fairness), rules: list(Fairness) }),
  coefficients: list(z.object({ feature: z.string(), coef: n, standardized: n })),
});

const ModelVersion = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  dataCutoff: z.string(),
  method: z.string(),
});

export const ModelReportSchema = ModelVersion.extend({
  parameters: z
    .record(z.string(), z.unknown())
    .openapi({ description: 'Hiperparámetros del entrenamiento, tal como se guardaron' }),
  metrics: RiskMetrics,
  cardEs: z.string(),
  cardEn: z.string(),
  versions: list(ModelVersion),
  drift: DriftReportSchema,
}).openapi('RiskModelReport');

const Thresholds = z
  .object({
    attendanceAmarillo: n,
    attendanceRojo: n,
    gradeAmarillo: n,
    gradeRojo: n,
    failedAmarillo: n,
    failedRojo: n,
    pendingAmarillo: n,
    pendingRojo: n,
    gradeDropAmarillo: n,
    scholarshipDelayAmarillo: n,
    temporaryLeavesAmarillo: n,
    semesterLagAmarillo: n,
    amarilloSignalsForRojo: n,
  })
  .openapi('RiskThresholds');

export const RuleSetSchema = z
  .object({
    version: z.number().int().openapi({ description: '0: los valores de fábrica (sin versión guardada)' }),
    thresholds: Thresholds,
    createdAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('RiskRuleSet');

export const RiskRulesSchema = z
  .object({
    current: RuleSetSchema,
    help: list(z.object({ key: z.string(), es: z.string(), en: z.string(), min: n, max: n })),
    flags: z.object({ verde: Bilingual, amarillo: Bilingual, rojo: Bilingual }),
    history: list(RuleSetSchema),
  })
  .openapi('RiskRules');
