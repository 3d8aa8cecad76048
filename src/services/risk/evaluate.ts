/**
 * Use case: cross-validate the risk models on any tabular CSV (`trayecto risk evaluate`). Reads the file
 * (ingest/tabular.ts), assigns stratified folds with a fixed seed, trains each method on k − 1 folds and
 * scores the held-out fold, and reports ROC-AUC, PR-AUC (average precision), Brier score and log-loss as
 * the mean over folds, per fold, with training time, plus a calibration curve and precision / recall at
 * the top decile from the pooled out-of-fold predictions. Nothing is stored.
 */
import { invalid } from '../../domain/errors.js';
import { fitIsotonic, fitPlatt, type Calibrator } from '../../domain/ml/calibration.js';
import { foldSplit, stratifiedKFold } from '../../domain/ml/folds.js';
import { fitGbt, type GbtOptions } from '../../domain/ml/gbt.js';
import { applyImputer, fitImputer } from '../../domain/ml/impute.js';
import { fitLogistic, type LogisticOptions } from '../../domain/ml/logistic.js';
import {
  averagePrecision,
  brierScore,
  calibrationCurve,
  logLoss,
  precisionRecallAtK,
  rocAuc,
  type CalibrationBin,
} from '../../domain/ml/metrics.js';
import { formatIssue } from '../../ingest/issues.js';
import { readCsv } from '../../ingest/csv.js';
import { readTabular, type TabularDataset } from '../../ingest/tabular.js';

export type RiskMethod = 'gbt' | 'logistic';
export const RISK_METHODS: readonly RiskMethod[] = ['gbt', 'logistic'];
export type CalibrationMethod = 'none' | 'platt' | 'isotonic';
export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ['none', 'platt', 'isotonic'];

/** Default hyper-parameters of `risk evaluate` (docs/RISK-MODEL.md explains the choice). */
export const DEFAULT_GBT: GbtOptions = {
  rounds: 300,
  learningRate: 0.05,
  maxLeaves: 15,
  maxDepth: 6,
  minSamplesLeaf: 20,
  l2: 1,
  subsample: 0.8,
  colsample: 0.5,
  maxBins: 255,
};
export const DEFAULT_LOGISTIC: LogisticOptions = { l2: 1e-3 };

export interface EvaluateOptions {
  readonly target: string;
  readonly positive: string;
  readonly folds?: number;
  readonly seed?: number;
  readonly methods?: readonly RiskMethod[];
  readonly calibration?: CalibrationMethod;
  readonly categorical?: readonly string[];
  readonly ignore?: readonly string[];
  readonly gbt?: GbtOptions;
  readonly logistic?: LogisticOptions;
  /** Milliseconds clock for training times (default performance.now). */
  readonly now?: () => number;
  /**
   * A target with more than two values is refused unless this is set: then the positive value is evaluated
   * against all the others together (one-vs-rest), and the report says so.
   */
  readonly oneVsRest?: boolean;
  /** Keep numeric columns that look like identifiers (refused by default). */
  readonly allowIdColumns?: boolean;
}

export interface FoldResult {
  readonly fold: number;
  readonly n: number;
  readonly positives: number;
  readonly roc_auc: number;
  readonly pr_auc: number;
  readonly brier: number;
  readonly log_loss: number;
  readonly train_ms: number;
}

export interface MethodResult {
  readonly method: RiskMethod;
  readonly calibration: CalibrationMethod;
  /** Means over folds. */
  readonly roc_auc: number;
  readonly pr_auc: number;
  readonly brier: number;
  readonly log_loss: number;
  readonly roc_auc_sd: number;
  readonly train_ms: number;
  readonly folds: readonly FoldResult[];
  /** Pooled out-of-fold predictions: reliability diagram (10 equal-width bins). */
  readonly calibration_curve: readonly CalibrationBin[];
  /** Pooled out-of-fold: the 10 % highest-scored rows flagged. */
  readonly top_decile: { k: number; precision: number; recall: number };
}

export interface EvaluationReport {
  readonly file: string;
  readonly encoding: string;
  readonly delimiter: string;
  readonly target: string;
  readonly positive: string;
  readonly rows_read: number;
  readonly n: number;
  readonly positives: number;
  readonly dropped_rows: number;
  /** One formatted line per dropped row (file:line: reason), at most 50. */
  readonly dropped: readonly string[];
  readonly features: number;
  readonly columns: {
    numeric: number;
    categorical: number;
    ignored: { name: string; reason: string }[];
    /** The columns the models were trained on, by name. */
    used: string[];
  };
  /** The distinct values of the target; more than two are evaluated one-vs-rest (only when asked). */
  readonly target_values: readonly string[];
  /** Cautions in Spanish: small samples, one-vs-rest, identifier-like columns kept on request. */
  readonly warnings: readonly string[];
  readonly folds: number;
  readonly seed: number;
  /** The method with the highest mean ROC-AUC; its metrics are repeated at the top level. */
  readonly method: RiskMethod;
  readonly roc_auc: number;
  readonly pr_auc: number;
  readonly brier: number;
  readonly log_loss: number;
  readonly train_ms: number;
  readonly methods: readonly MethodResult[];
}

/** Reads the file and builds the dataset, or throws AppError('invalid') naming columns and lines. */
export function loadTabular(
  buffer: Uint8Array,
  fileName: string,
  options: Pick<EvaluateOptions, 'target' | 'positive' | 'categorical' | 'ignore'>,
): TabularDataset {
  const parsed = readTabular(buffer, fileName, options);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw invalid(
      'invalid_data_file',
      first
        ? `El archivo ${fileName} no se puede evaluar: ${formatIssue(first)}`
        : `El archivo ${fileName} no se puede evaluar`,
      parsed.issues.slice(1).map(formatIssue),
    );
  }
  return parsed.value;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
const sd = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const pick = <T>(xs: readonly T[], idx: Int32Array): T[] => Array.from(idx, (i) => xs[i] as T);
const pickY = (y: Uint8Array, idx: Int32Array): Uint8Array => Uint8Array.from(idx, (i) => y[i] ?? 0);

type Predictor = (x: Float64Array) => number;

/** Trains one method on rows and returns its probability function (missing values handled per method). */
export function trainMethod(
  method: RiskMethod,
  X: readonly Float64Array[],
  y: Uint8Array,
  options: Pick<EvaluateOptions, 'gbt' | 'logistic' | 'seed'> = {},
): Predictor {
  if (method === 'gbt') {
    const m = fitGbt(X, y, { ...DEFAULT_GBT, seed: options.seed ?? 1, ...options.gbt });
    return (x) => m.predictProba(x);
  }
  const imp = fitImputer(X);
  const m = fitLogistic(
    X.map((x) => applyImputer(imp, x)),
    y,
    { ...DEFAULT_LOGISTIC, ...options.logistic },
  );
  return (x) => m.predictProba(applyImputer(imp, x));
}

/** Trains with calibration fitted on a stratified inner 20 % of the training rows (when asked). */
function trainCalibrated(
  method: RiskMethod,
  X: readonly Float64Array[],
  y: Uint8Array,
  calibration: CalibrationMethod,
  options: EvaluateOptions,
  seed: number,
): Predictor {
  if (calibration === 'none') return trainMethod(method, X, y, { ...options, seed });
  const inner = stratifiedKFold(y, 5, seed + 1);
  const { train, test } = foldSplit(inner, 0);
  const predict = trainMethod(method, pick(X, train), pickY(y, train), { ...options, seed });
  const scores = Array.from(test, (i) => predict(X[i] as Float64Array));
  const cal: Calibrator =
    calibration === 'platt' ? fitPlatt(scores, pickY(y, test)) : fitIsotonic(scores, pickY(y, test));
  return (x) => cal.apply(predict(x));
}

export function evaluateDataset(data: TabularDataset, options: EvaluateOptions): EvaluationReport {
  const k = options.folds ?? 5;
  const seed = options.seed ?? 42;
  const methods = options.methods ?? ['gbt'];
  const calibration = options.calibration ?? 'none';
  const now = options.now ?? (() => performance.now());
  if (!Number.isInteger(k) || k < 2)
    throw invalid('invalid_folds', `--folds debe ser un entero ≥ 2; se recibió ${k}`);
  const negatives = data.y.length - data.positives;
  const minority = Math.min(data.positives, negatives);
  if (minority < k) {
    throw invalid(
      'too_few_cases',
      `La clase menos frecuente de "${data.target}" tiene ${minority} filas: hacen falta al menos ${k} (una por partición) para validar con ${k} particiones`,
    );
  }
  const fold = stratifiedKFold(data.y, k, seed);
  const results: MethodResult[] = methods.map((method) => {
    const oof = new Float64Array(data.y.length);
    const folds: FoldResult[] = [];
    for (let f = 0; f < k; f++) {
      const { train, test } = foldSplit(fold, f);
      const Xtr = pick(data.X, train);
      const ytr = pickY(data.y, train);
      const t0 = now();
      const predict = trainCalibrated(method, Xtr, ytr, calibration, options, seed + f);
      const trainMs = now() - t0;
      const yte = pickY(data.y, test);
      const p = Float64Array.from(test, (i) => predict(data.X[i] as Float64Array));
      test.forEach((i, j) => (oof[i] = p[j] ?? 0));
      folds.push({
        fold: f + 1,
        n: test.length,
        positives: yte.reduce((s, v) => s + v, 0),
        roc_auc: rocAuc(yte, p),
        pr_auc: averagePrecision(yte, p),
        brier: brierScore(yte, p),
        log_loss: logLoss(yte, p),
        train_ms: trainMs,
      });
    }
    const top = precisionRecallAtK(data.y, oof, Math.max(1, Math.round(data.y.length / 10)));
    return {
      method,
      calibration,
      roc_auc: mean(folds.map((r) => r.roc_auc)),
      pr_auc: mean(folds.map((r) => r.pr_auc)),
      brier: mean(folds.map((r) => r.brier)),
      log_loss: mean(folds.map((r) => r.log_loss)),
      roc_auc_sd: sd(folds.map((r) => r.roc_auc)),
      train_ms: folds.reduce((s, r) => s + r.train_ms, 0),
      folds,
      calibration_curve: calibrationCurve(data.y, oof, 10),
      top_decile: { k: top.k, precision: top.precision, recall: top.recall },
    };
  });
  const best = results.reduce((a, b) => (b.roc_auc > a.roc_auc ? b : a));
  return {
    file: data.file,
    encoding: data.encoding,
    delimiter: data.delimiter,
    target: data.target,
    positive: data.positive,
    rows_read: data.rowsRead,
    n: data.y.length,
    positives: data.positives,
    dropped_rows: data.dropped.length,
    dropped: data.dropped.slice(0, 50).map(formatIssue),
    features: data.featureNames.length,
    columns: {
      numeric: data.columns.filter((c) => c.kind === 'numeric').length,
      categorical: data.columns.filter((c) => c.kind === 'categorical').length,
      ignored: data.columns.flatMap((c) =>
        c.kind === 'ignored' ? [{ name: c.name, reason: c.reason ?? '' }] : [],
      ),
      used: data.columns.filter((c) => c.kind !== 'ignored').map((c) => c.name),
    },
    target_values: [],
    warnings: smallSampleWarnings(data, k),
    folds: k,
    seed,
    method: best.method,
    roc_auc: best.roc_auc,
    pr_auc: best.pr_auc,
    brier: best.brier,
    log_loss: best.log_loss,
    train_ms: best.train_ms,
    methods: results,
  };
}

/** Below these the metrics vary too much from one split to the next to compare models. */
export const SMALL_SAMPLE = { rows: 500, minority: 50 } as const;

function smallSampleWarnings(data: TabularDataset, k: number): string[] {
  const minority = Math.min(data.positives, data.y.length - data.positives);
  if (data.y.length >= SMALL_SAMPLE.rows && minority >= SMALL_SAMPLE.minority) return [];
  return [
    `Muestra pequeña: ${data.y.length} filas, ${minority} de la clase menos frecuente (se recomiendan al menos ${SMALL_SAMPLE.rows} y ${SMALL_SAMPLE.minority}); con ${k} particiones cada una evalúa unas ${Math.round(data.y.length / k)} filas y las métricas varían mucho: no sirven para comparar modelos.`,
  ];
}

const ID_NAME = /^(id|.*[_ ]id|id[_ ].*|matr[ií]cula|folio|curp|clave|n[uú]mero|no\.?|#)$/i;

/**
 * Numeric columns that look like identifiers: every value a distinct integer (a row number, a student
 * number), or an identifier's name with mostly distinct values. A model would learn the order in which rows
 * were numbered, not risk.
 */
export function idLikeColumns(data: TabularDataset): string[] {
  const n = data.y.length;
  const out: string[] = [];
  for (const c of data.columns) {
    if (c.kind !== 'numeric' || n < 20) continue;
    const j = c.features[0] ?? -1;
    const seen = new Set<number>();
    let integers = true;
    for (const x of data.X) {
      const v = x[j] ?? NaN;
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) integers = false;
      seen.add(v);
    }
    const distinct = seen.size / Math.max(1, n - c.missing);
    if ((integers && distinct === 1) || (ID_NAME.test(c.name.trim()) && distinct > 0.9)) out.push(c.name);
  }
  return out;
}

/** The distinct non-empty values of the target column, in order of appearance (first 50). */
function targetValues(buffer: Uint8Array, fileName: string, target: string): string[] {
  const table = readCsv(buffer, fileName);
  if (!table.ok) return [];
  const ti = table.value.header.findIndex((h) => h.trim().toLowerCase() === target.trim().toLowerCase());
  if (ti < 0) return [];
  const seen = new Set<string>();
  for (const row of table.value.rows) {
    const v = (row.cells[ti] ?? '').trim();
    if (v !== '' && !MISSING_TARGET.has(v.toLowerCase())) seen.add(v);
    if (seen.size >= 50) break;
  }
  return [...seen];
}
const MISSING_TARGET = new Set(['na', 'n/a', 'nan', 'null', '?', '#n/a', 'none']);

/**
 * Reads and evaluates a CSV file's bytes. A target with more than two values is refused unless one-vs-rest
 * is asked for; numeric identifier-like columns are refused unless ignored or explicitly allowed.
 */
export function evaluateRiskFile(
  buffer: Uint8Array,
  fileName: string,
  options: EvaluateOptions,
): EvaluationReport {
  const data = loadTabular(buffer, fileName, options);
  const values = targetValues(buffer, fileName, options.target);
  const warnings: string[] = [];
  if (values.length > 2) {
    const list = values
      .slice(0, 10)
      .map((v) => `"${v}"`)
      .join(', ');
    if (!options.oneVsRest)
      throw invalid(
        'multiclass_target',
        `${fileName}, columna "${data.target}": tiene ${values.length} valores (${list}); el modelo de riesgo es binario`,
        [
          `Use --one-vs-rest para evaluar "${options.positive}" contra todos los demás valores juntos, o deje en el archivo solo dos valores`,
        ],
      );
    warnings.push(
      `Objetivo con ${values.length} valores (${list}): se evalúa "${options.positive}" contra todos los demás juntos (uno contra el resto).`,
    );
  }
  const ids = idLikeColumns(data);
  if (ids.length > 0) {
    if (!options.allowIdColumns)
      throw invalid(
        'id_like_columns',
        `${fileName}: ${ids.length === 1 ? 'la columna' : 'las columnas'} ${ids.map((c) => `"${c}"`).join(', ')} ${ids.length === 1 ? 'parece un identificador' : 'parecen identificadores'} (números enteros distintos en cada fila): un modelo aprendería el orden de numeración, no el riesgo`,
        [`Exclúyalas con --ignore ${ids.join(',')} (o consérvelas a propósito con --allow-id-columns)`],
      );
    warnings.push(
      `Se conservan columnas que parecen identificadores (--allow-id-columns): ${ids.map((c) => `"${c}"`).join(', ')}.`,
    );
  }
  const report = evaluateDataset(data, options);
  return { ...report, target_values: values, warnings: [...warnings, ...report.warnings] };
}
