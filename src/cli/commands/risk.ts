import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from '../args.js';
import { AppError, invalid } from '../../domain/errors.js';
import {
  CALIBRATION_METHODS,
  evaluateRiskFile,
  RISK_METHODS,
  type CalibrationMethod,
  type EvaluationReport,
  type RiskMethod,
} from '../../services/risk/index.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import {
  CARD_HELP,
  REPORT_HELP,
  RULES_HELP,
  SCORE_HELP,
  TRAIN_HELP,
  cardSubcommand,
  reportSubcommand,
  rulesSubcommand,
  scoreSubcommand,
  trainSubcommand,
} from './risk-demo.js';
import type { Lang } from '../i18n.js';
import type { Io } from '../io.js';

type Subcommand = (argv: string[], io: Io) => Promise<number>;

const EVALUATE_HELP = `  evaluate --data ARCHIVO.csv --target COLUMNA --positive VALOR [--folds 5] [--seed 42]
           [--method gbt|logistic|both] [--calibration none|platt|isotonic]
           [--categorical COL1,COL2] [--ignore COL1,COL2] [--one-vs-rest] [--allow-id-columns]
           [--format table|json] [--lang es|en]
    Validación cruzada estratificada (semilla fija) del modelo de riesgo sobre cualquier CSV tabular:
    ROC-AUC, PR-AUC (precisión promedio), Brier, log-loss, por partición y con tiempo de entrenamiento.
    Columnas numéricas y de texto se detectan solas (el texto se codifica one-hot); --categorical fuerza
    one-hot en columnas con códigos numéricos. Las filas sin valor objetivo se omiten y se informan.
    Dice qué columnas usó; rechaza columnas numéricas que parecen identificadores (--ignore o
    --allow-id-columns) y objetivos de más de dos valores (--one-vs-rest: el positivo contra el resto);
    avisa cuando la muestra es pequeña.`;

/**
 * Subcommands of `trayecto risk`: one entry each, with its help text. To add one, import its function
 * and add a line here.
 */
const SUBCOMMANDS: Readonly<Record<string, { run: Subcommand; help: string }>> = {
  evaluate: { run: evaluateSubcommand, help: EVALUATE_HELP },
  train: { run: trainSubcommand, help: TRAIN_HELP },
  score: { run: scoreSubcommand, help: SCORE_HELP },
  rules: { run: rulesSubcommand, help: RULES_HELP },
  card: { run: cardSubcommand, help: CARD_HELP },
  report: { run: reportSubcommand, help: REPORT_HELP },
};

export const RISK_HELP = `trayecto risk <subcomando> [opciones]   (modelo de riesgo de abandono; docs/RISK-MODEL.md)
${Object.values(SUBCOMMANDS)
  .map((s) => s.help)
  .join('\n')}`;

export async function riskCommand(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${RISK_HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    throw invalid(
      'unknown_subcommand',
      `Subcomando desconocido: "risk ${name}". Válidos: ${Object.keys(SUBCOMMANDS).join(', ')}`,
    );
  }
  return sub.run(rest, io);
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

const intFlag = (name: string, value: string | undefined, fallback: number, min: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw invalid('invalid_flag', `--${name} debe ser un entero ≥ ${min}; se recibió "${value}"`);
  return n;
};

async function evaluateSubcommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      data: { type: 'string' },
      target: { type: 'string' },
      positive: { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      method: { type: 'string' },
      calibration: { type: 'string' },
      categorical: { type: 'string' },
      ignore: { type: 'string' },
      'one-vs-rest': { type: 'boolean' },
      'allow-id-columns': { type: 'boolean' },
    },
  });
  if (values.help) return (io.out(`trayecto risk\n${EVALUATE_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const missing = (['data', 'target', 'positive'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0)
    throw invalid(
      'missing_flags',
      `Faltan opciones obligatorias: ${missing.map((k) => `--${k}`).join(', ')}`,
    );
  const method = values.method ?? 'gbt';
  const methods: RiskMethod[] =
    method === 'both'
      ? [...RISK_METHODS]
      : RISK_METHODS.includes(method as RiskMethod)
        ? [method as RiskMethod]
        : [];
  if (methods.length === 0)
    throw invalid(
      'invalid_method',
      `--method desconocido: "${method}". Valores válidos: gbt, logistic, both`,
    );
  const calibration = (values.calibration ?? 'none') as CalibrationMethod;
  if (!CALIBRATION_METHODS.includes(calibration))
    throw invalid(
      'invalid_calibration',
      `--calibration desconocido: "${calibration}". Valores válidos: ${CALIBRATION_METHODS.join(', ')}`,
    );
  const file = values.data as string;
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (e) {
    throw new AppError(
      'not_found',
      'data_file_not_found',
      `No se puede leer el archivo ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const report = evaluateRiskFile(buffer, basename(file), {
    target: values.target as string,
    positive: values.positive as string,
    folds: intFlag('folds', values.folds, 5, 2),
    seed: intFlag('seed', values.seed, 42, 0),
    methods,
    calibration,
    categorical: list(values.categorical),
    ignore: list(values.ignore),
    oneVsRest: values['one-vs-rest'] === true,
    allowIdColumns: values['allow-id-columns'] === true,
  });
  if (ctx.format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(table(report, ctx.lang));
  return 0;
}

function table(r: EvaluationReport, lang: Lang): string {
  const es = lang === 'es';
  const locale = es ? 'es-MX' : 'en-US';
  const d = (v: number, digits = 3) =>
    Number.isFinite(v)
      ? new Intl.NumberFormat(locale, {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }).format(v)
      : '—';
  const int = (v: number) => new Intl.NumberFormat(locale).format(v);
  const pad = (cells: string[], widths: number[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out: string[] = [
    es
      ? `Validación cruzada · ${r.file} · objetivo "${r.target}" = "${r.positive}" · ${r.folds} particiones estratificadas, semilla ${r.seed}`
      : `Cross-validation · ${r.file} · target "${r.target}" = "${r.positive}" · ${r.folds} stratified folds, seed ${r.seed}`,
    es
      ? `Filas: ${int(r.n)} (${int(r.positives)} positivas, ${d((100 * r.positives) / r.n, 1)} %) · variables: ${int(r.features)} (${r.columns.numeric} numéricas, ${r.columns.categorical} categóricas) · omitidas: ${int(r.dropped_rows)}`
      : `Rows: ${int(r.n)} (${int(r.positives)} positive, ${d((100 * r.positives) / r.n, 1)} %) · features: ${int(r.features)} (${r.columns.numeric} numeric, ${r.columns.categorical} categorical) · dropped: ${int(r.dropped_rows)}`,
  ];
  out.push(
    es
      ? `Columnas usadas: ${r.columns.used.map((c) => `"${c}"`).join(', ')}`
      : `Columns used: ${r.columns.used.map((c) => `"${c}"`).join(', ')}`,
  );
  for (const w of r.warnings) out.push(`${es ? 'Aviso' : 'Warning'}: ${w}`);
  for (const c of r.columns.ignored)
    out.push(
      es ? `  Columna excluida "${c.name}": ${c.reason}` : `  Column left out "${c.name}": ${c.reason}`,
    );
  for (const line of r.dropped) out.push(`  ${line}`);
  out.push('');
  const header = es
    ? ['método', 'ROC-AUC', '± d.e.', 'PR-AUC', 'Brier', 'log-loss', 'prec. 10 %', 'entren. (s)']
    : ['method', 'ROC-AUC', '± sd', 'PR-AUC', 'Brier', 'log-loss', 'prec. 10 %', 'train (s)'];
  const rows = r.methods.map((m) => [
    m.method === 'gbt' ? (es ? 'árboles (GBT)' : 'trees (GBT)') : es ? 'logística' : 'logistic',
    d(m.roc_auc),
    d(m.roc_auc_sd),
    d(m.pr_auc),
    d(m.brier),
    d(m.log_loss),
    d(m.top_decile.precision),
    d(m.train_ms / 1000, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  out.push(pad(header, widths), ...rows.map((row) => pad(row, widths)), '');
  for (const m of r.methods) {
    out.push(es ? `Por partición (${m.method}):` : `Per fold (${m.method}):`);
    for (const f of m.folds) {
      out.push(
        `  ${f.fold}: n ${int(f.n)} · ${es ? 'positivas' : 'positive'} ${int(f.positives)} · ROC-AUC ${d(f.roc_auc)} · PR-AUC ${d(f.pr_auc)} · Brier ${d(f.brier)} · ${d(f.train_ms / 1000, 2)} s`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
