/**
 * The risk wing's door: what api/, cli/, bench/ and the other wings use of early-warning risk (scores and rule
 * sets, training, evaluation of tabular files, scores at a past cut-off, drift, the scoped screens, and the
 * worker pool the analysis runner shares). Files inside the wing import each other directly; nobody outside
 * reaches past this file.
 */
export {
  assessActive,
  currentRisk,
  currentRuleSet,
  explain,
  latestModel,
  riskRank,
  ruleSetHistory,
  runScoring,
  scoringCutoff,
  setThresholds,
  studentRiskHistory,
  type RiskDetail,
  type RiskHistoryPoint,
  type RiskQuery,
  type RuleSet,
  type ScoreRun,
  type StoredModel,
  type StudentRisk,
  type ThresholdChange,
} from './scores.js';
export {
  heldOutByStudent,
  listModels,
  modelInfo,
  trainRiskModel,
  type MethodMetrics,
  type RiskMetrics,
  type StoredModelInfo,
  type TrainOptions,
  type TrainResult,
} from './train.js';
export {
  CALIBRATION_METHODS,
  DEFAULT_GBT,
  DEFAULT_LOGISTIC,
  RISK_METHODS,
  evaluateDataset,
  evaluateRiskFile,
  loadTabular,
  trainMethod,
  type CalibrationMethod,
  type EvaluateOptions,
  type EvaluationReport,
  type FoldResult,
  type MethodResult,
  type RiskMethod,
} from './evaluate.js';
export { scoreAtCutoff, type CutoffScore } from './cutoff.js';
export { riskDrift, type DriftReport } from './drift.js';
export {
  campusRiskList,
  campusRiskOverview,
  changeRiskRules,
  riskDriftReport,
  riskModelReport,
  riskRules,
  studentRiskPanel,
} from './views.js';
export {
  acquireWorker,
  configureWorkerPool,
  DEFAULT_POOL_LIMITS,
  poolMemory,
  poolSize,
  releaseWorker,
  type PoolLimits,
  type ScoringOptions,
  type WorkerHeap,
} from './threads.js';
