/**
 * The model card of a trained risk model version, generated in Spanish and English (Markdown): what it
 * predicts, the data and its cut-off, the metrics on the temporal test next to the rules, calibration,
 * capacity, fairness gaps, intended use and limits.
 */
import type { CalibrationBin } from '../ml/metrics.js';
import type { CalibrationCheck, CutoffKind, DriftCheck, GroupCalibration } from './calibration-report.js';
import type { Confusion, FairnessDimension } from './evaluation.js';
import { calibrationSections } from './card-calibration.js';
import { FEATURE_LABELS, type FeatureName } from './features.js';

/** Test metrics of one method on the temporal test. */
export interface MethodMetrics {
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly brier: number | null;
  readonly logLoss: number | null;
  readonly validationRocAuc: number | null;
  readonly trainSeconds: number | null;
}

/** What training measured: data, cut-offs, metrics by method, calibration, capacity, fairness. */
export interface RiskMetrics {
  readonly dataCutoff: string;
  readonly trainCutoffs: readonly string[];
  readonly calibrationCutoff: string;
  /** The calibration cut-off of each kind (absent in models trained before calibration by kind). */
  readonly calibrationCutoffs?: Readonly<Record<CutoffKind, string>>;
  readonly rows: {
    readonly train: number;
    readonly trainAvailable: number;
    readonly calibration: number;
    readonly test: number;
  };
  readonly baseRate: { readonly train: number; readonly test: number };
  readonly methods: {
    readonly logistic: MethodMetrics;
    readonly gbt: MethodMetrics;
    readonly rules: MethodMetrics;
  };
  readonly chosen: 'logistic' | 'gbt';
  readonly newestGeneration: {
    readonly generation: string;
    readonly n: number;
    readonly positives: number;
    readonly rocAuc: number | null;
    readonly brier: number | null;
  };
  readonly calibration: readonly CalibrationBin[];
  /** Calibration at the test cut-off and at the other kind's cut-off before it (out of sample). */
  readonly calibrationChecks?: readonly CalibrationCheck[];
  readonly calibrationByGroup?: readonly GroupCalibration[];
  /** Stored scores of past cut-offs against the outcomes that followed, at training time. */
  readonly drift?: readonly DriftCheck[];
  readonly capacity: {
    readonly share: number;
    readonly places: number;
    readonly individual: Confusion;
    readonly campus: Confusion;
    readonly rules: Confusion;
  };
  readonly fairness: {
    readonly model: readonly FairnessDimension[];
    readonly rules: readonly FairnessDimension[];
  };
  readonly coefficients: readonly {
    readonly feature: string;
    readonly coef: number;
    readonly standardized: number;
  }[];
}

export interface ModelCardInput {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly metrics: RiskMetrics;
}

type Lang = 'es' | 'en';

const num = (v: number | null | undefined, d = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
const pct = (v: number | null | undefined, d = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(d)} %`;
const int = (v: number, lang: Lang): string => v.toLocaleString(lang === 'es' ? 'es-MX' : 'en-US');

const T = {
  es: {
    title: (v: number) => `# Ficha del modelo de riesgo, versión ${v}`,
    generated: (at: string, by: string) => `Generada el ${at.slice(0, 10)} por ${by}.`,
    what: '## Qué predice',
    whatText:
      'La probabilidad de que un estudiante inscrito que terminó un periodo (corte: fin del primer periodo o fin del ciclo escolar) **salga en el periodo siguiente**: baja definitiva o temporal, durante el periodo o sin reinscribirse. Los egresados no se califican.',
    method: (m: string) =>
      `Método elegido: **${m === 'gbt' ? 'árboles potenciados por gradiente' : 'regresión logística regularizada (L2)'}**, con probabilidades calibradas (Platt, una calibración por tipo de corte). La elección se hace por ROC-AUC en los cortes de calibración, nunca en el de prueba.`,
    data: '## Datos y validación temporal',
    dataRows: (m: RiskMetrics, lang: Lang) => [
      `- Corte de datos (prueba): **${m.dataCutoff}**; calibración: ${m.calibrationCutoffs ? `${m.calibrationCutoffs.termEnd} y ${m.calibrationCutoffs.yearEnd}` : m.calibrationCutoff}; entrenamiento: ${m.trainCutoffs.join(', ')}.`,
      `- Filas: entrenamiento ${int(m.rows.train, lang)} (de ${int(m.rows.trainAvailable, lang)} disponibles; muestra determinista si hay más), calibración ${int(m.rows.calibration, lang)}, prueba ${int(m.rows.test, lang)}. Ninguna fila se descarta sin contarse.`,
      `- Tasa de salida: entrenamiento ${pct(m.baseRate.train)}, prueba ${pct(m.baseRate.test)}.`,
    ],
    inputs: '## Variables de entrada',
    inputsText:
      'Semestre, tipo de corte, asistencia y su tendencia, promedio y su tendencia, módulos reprobados (periodo actual y anterior), regularizaciones pendientes, bajas temporales previas, extraedad al ingreso, retraso del pago de beca, semestres de rezago y abandono del plantel el ciclo anterior. **El sexo, el estado y otros atributos sensibles no son variables de entrada**: se usan solo en la auditoría de equidad.',
    metrics: '## Métricas en la prueba temporal',
    header: '| método | ROC-AUC | PR-AUC | Brier | log-loss | ROC-AUC validación | entrenamiento (s) |',
    names: { logistic: 'regresión logística', gbt: 'árboles potenciados', rules: 'reglas (semáforo)' },
    newest: (g: RiskMetrics['newestGeneration'], lang: Lang) =>
      `Generación más reciente (${g.generation}, ${int(g.n, lang)} estudiantes, ${int(g.positives, lang)} salidas): ROC-AUC ${num(g.rocAuc)}, Brier ${num(g.brier, 4)}.`,
    calibration: '## Calibración (prueba, deciles de probabilidad)',
    calHeader: '| probabilidad media | tasa observada | estudiantes |',
    capacity: (share: number, places: number, lang: Lang) =>
      `## Capacidad: ${pct(share, 0)} de cada plantel (${int(places, lang)} lugares)`,
    capHeader: '| estrategia | precisión | exhaustividad (recall) |',
    capNames: {
      individual: 'puntaje individual (top-k por plantel)',
      campus: 'focalización por plantel',
      rules: 'reglas (top-k por plantel)',
    },
    fairness: '## Equidad (con la capacidad anterior)',
    fairHeader: '| dimensión | método | brecha FPR | entre | brecha FNR | entre |',
    fairNote:
      'FPR: estudiantes señalados entre los que permanecieron; FNR: no señalados entre los que salieron. Brecha: diferencia entre el grupo con la tasa más alta y el de la más baja (grupos con al menos 30 casos).',
    sexRows: 'Por sexo',
    coefficients: '## Factores (regresión logística, por desviación estándar)',
    coefHeader: '| factor | coeficiente | por DE |',
    use: '## Uso previsto',
    useText: [
      '- Priorizar el acompañamiento (tutoría, orientación, nivelación) de estudiantes dentro de la capacidad de cada plantel, con las razones a la vista.',
      '- Complementa, no sustituye, el juicio del personal docente y de tutoría. Ninguna decisión disciplinaria, de beca ni de admisión debe basarse en este puntaje.',
    ],
    limits: '## Límites',
    limitsText: [
      '- Entrenado con los datos del sistema (en la demostración: datos sintéticos); su desempeño en otra institución debe validarse antes de usarse.',
      '- Predice con la información al cierre del periodo; no ve conducta, situación familiar ni causas de la salida.',
      '- Los estudiantes que recibieron intervenciones en el pasado salieron menos: el modelo aprende el riesgo con la atención que hubo, no sin ella.',
      '- Las brechas de error entre grupos deben revisarse en cada versión; una brecha grande pide ajustar la capacidad o los umbrales, no ocultarla.',
    ],
  },
  en: {
    title: (v: number) => `# Risk model card, version ${v}`,
    generated: (at: string, by: string) => `Generated on ${at.slice(0, 10)} by ${by}.`,
    what: '## What it predicts',
    whatText:
      'The probability that an enrolled student who completed a term (cut-off: end of the first term or end of the school year) **leaves in the next term**: dropout or temporary leave, during the term or by not re-enrolling. Graduates are not scored.',
    method: (m: string) =>
      `Chosen method: **${m === 'gbt' ? 'gradient-boosted trees' : 'L2-regularized logistic regression'}**, with calibrated probabilities (Platt, one calibration per kind of cut-off). It is chosen by ROC-AUC on the calibration cut-offs, never on the test.`,
    data: '## Data and temporal validation',
    dataRows: (m: RiskMetrics, lang: Lang) => [
      `- Data cut-off (test): **${m.dataCutoff}**; calibration: ${m.calibrationCutoffs ? `${m.calibrationCutoffs.termEnd} and ${m.calibrationCutoffs.yearEnd}` : m.calibrationCutoff}; training: ${m.trainCutoffs.join(', ')}.`,
      `- Rows: training ${int(m.rows.train, lang)} (of ${int(m.rows.trainAvailable, lang)} available; a deterministic sample beyond the limit), calibration ${int(m.rows.calibration, lang)}, test ${int(m.rows.test, lang)}. No row is dropped without being counted.`,
      `- Exit rate: training ${pct(m.baseRate.train)}, test ${pct(m.baseRate.test)}.`,
    ],
    inputs: '## Inputs',
    inputsText:
      "Semester, cut-off type, attendance and its trend, grade average and its trend, failed modules (this and the previous term), pending regularizations, earlier temporary leaves, over-age at entry, scholarship payment delay, semesters behind, and the campus's dropout the previous year. **Sex, state and other sensitive attributes are not inputs**: they are used in the fairness audit only.",
    metrics: '## Metrics on the temporal test',
    header: '| method | ROC-AUC | PR-AUC | Brier | log-loss | validation ROC-AUC | training (s) |',
    names: { logistic: 'logistic regression', gbt: 'gradient-boosted trees', rules: 'rules (traffic light)' },
    newest: (g: RiskMetrics['newestGeneration'], lang: Lang) =>
      `Newest generation (${g.generation}, ${int(g.n, lang)} students, ${int(g.positives, lang)} exits): ROC-AUC ${num(g.rocAuc)}, Brier ${num(g.brier, 4)}.`,
    calibration: '## Calibration (test, probability deciles)',
    calHeader: '| mean probability | observed rate | students |',
    capacity: (share: number, places: number, lang: Lang) =>
      `## Capacity: ${pct(share, 0)} of each campus (${int(places, lang)} places)`,
    capHeader: '| strategy | precision | recall |',
    capNames: {
      individual: 'individual score (top-k per campus)',
      campus: 'campus-level targeting',
      rules: 'rules (top-k per campus)',
    },
    fairness: '## Fairness (at the capacity above)',
    fairHeader: '| dimension | method | FPR gap | between | FNR gap | between |',
    fairNote:
      'FPR: flagged among students who stayed; FNR: not flagged among students who left. Gap: highest minus lowest group rate (groups with at least 30 cases).',
    sexRows: 'By sex',
    coefficients: '## Factors (logistic regression, per standard deviation)',
    coefHeader: '| factor | coefficient | per SD |',
    use: '## Intended use',
    useText: [
      "- Prioritizing support (tutoring, counseling, leveling) for students within each campus's capacity, with the reasons in view.",
      '- It complements, never replaces, the judgement of teachers and tutors. No disciplinary, scholarship or admission decision may rest on this score.',
    ],
    limits: '## Limits',
    limitsText: [
      "- Trained on the system's data (in the demo: synthetic data); its performance at another institution must be validated before use.",
      '- It predicts from what is known when the term closes; it does not see behaviour, family circumstances or reasons for leaving.',
      '- Students who received interventions in the past left less often: the model learns risk under the support that was given, not without it.',
      '- Error gaps between groups must be reviewed for every version; a large gap calls for adjusting capacity or thresholds, not for hiding it.',
    ],
  },
} as const;

const DIM_EN: Record<string, string> = { sexo: 'sex', estado: 'state', 'tamaño de plantel': 'campus size' };
const GROUP_EN: Record<string, string> = {
  mujer: 'women',
  hombre: 'men',
  chico: 'small',
  mediano: 'medium',
  grande: 'large',
};

export function modelCard(input: ModelCardInput, lang: Lang): string {
  const t = T[lang];
  const m = input.metrics;
  const g = (s: string) => (lang === 'en' ? (GROUP_EN[s] ?? s) : s);
  const lines: string[] = [t.title(input.version), '', t.generated(input.createdAt, input.createdBy), ''];
  lines.push(t.what, '', t.whatText, '', t.method(m.chosen), '');
  lines.push(t.data, '', ...t.dataRows(m, lang), '');
  lines.push(t.inputs, '', t.inputsText, '');
  lines.push(t.metrics, '', t.header, '|---|---|---|---|---|---|---|');
  for (const k of ['logistic', 'gbt', 'rules'] as const) {
    const r = m.methods[k];
    const mark = k === m.chosen ? ' ✔' : '';
    lines.push(
      `| ${t.names[k]}${mark} | ${num(r.rocAuc)} | ${num(r.prAuc)} | ${num(r.brier, 4)} | ${num(r.logLoss, 4)} | ${num(r.validationRocAuc)} | ${num(r.trainSeconds, 1)} |`,
    );
  }
  lines.push('', t.newest(m.newestGeneration, lang), '');
  lines.push(t.calibration, '', t.calHeader, '|---|---|---|');
  for (const b of m.calibration)
    lines.push(`| ${pct(b.meanPredicted)} | ${pct(b.observedRate)} | ${int(b.count, lang)} |`);
  lines.push('', ...calibrationSections(m, lang));
  lines.push(t.capacity(m.capacity.share, m.capacity.places, lang), '', t.capHeader, '|---|---|---|');
  for (const k of ['individual', 'campus', 'rules'] as const) {
    const c = m.capacity[k];
    lines.push(`| ${t.capNames[k]} | ${pct(c.precision)} | ${pct(c.recall)} |`);
  }
  lines.push('', t.fairness, '', t.fairNote, '', t.fairHeader, '|---|---|---|---|---|---|');
  const methodName = m.chosen === 'gbt' ? t.names.gbt : t.names.logistic;
  for (const [who, dims] of [
    [methodName, m.fairness.model],
    [t.names.rules, m.fairness.rules],
  ] as const) {
    for (const d of dims) {
      const dim = lang === 'en' ? (DIM_EN[d.dimension] ?? d.dimension) : d.dimension;
      const between = (p: readonly [string, string] | null) => (p ? `${g(p[0])} / ${g(p[1])}` : '—');
      lines.push(
        `| ${dim} | ${who} | ${pct(d.fprGap)} | ${between(d.fprGapGroups)} | ${pct(d.fnrGap)} | ${between(d.fnrGapGroups)} |`,
      );
    }
  }
  const sex = m.fairness.model.find((d) => d.dimension === 'sexo');
  if (sex) {
    lines.push('', `${t.sexRows} (${methodName}):`, '');
    for (const gr of sex.groups)
      lines.push(
        `- ${g(gr.group)}: n = ${int(gr.n, lang)}, FPR ${pct(gr.fpr)}, FNR ${pct(gr.fnr)}, ${lang === 'es' ? 'precisión' : 'precision'} ${pct(gr.precision)}`,
      );
  }
  lines.push('', t.coefficients, '', t.coefHeader, '|---|---|---|');
  for (const c of [...m.coefficients].sort((a, b) => Math.abs(b.standardized) - Math.abs(a.standardized))) {
    const label = FEATURE_LABELS[c.feature as FeatureName]?.[lang] ?? c.feature;
    lines.push(`| ${label} | ${num(c.coef, 4)} | ${num(c.standardized, 3)} |`);
  }
  lines.push('', t.use, '', ...t.useText, '', t.limits, '', ...t.limitsText, '');
  return lines.join('\n');
}
