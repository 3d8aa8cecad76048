/**
 * `trayecto risk train | score | rules | card | report`: the early-warning model on the system's records
 * (registered in risk.ts). Students are shown by pseudonymous id only.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from '../args.js';
import { csvLine } from '../../domain/csv-cell.js';
import { invalid } from '../../domain/errors.js';
import { cutoffLabel, parseCutoff } from '../../domain/risk/features.js';
import { FLAG_LABELS, THRESHOLD_HELP, THRESHOLD_KEYS, type Thresholds } from '../../domain/risk/rules.js';
import { pseudonymSecret, pseudonymizer } from '../../services/accounts/index.js';
import { campusByCct } from '../../storage/catalog-queries.js';
import {
  currentRuleSet,
  riskRank,
  ruleSetHistory,
  runScoring,
  setThresholds,
  type RiskQuery,
  scoreAtCutoff,
  listModels,
  modelInfo,
  trainRiskModel,
  type RiskMetrics,
} from '../../services/risk/index.js';
import { GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import { render } from '../format.js';
import type { Lang } from '../i18n.js';
import type { Io } from '../io.js';

export const TRAIN_HELP = `  train [--cutoff 2025-2026/1] [--train-terms 4] [--max-rows 200000] [--capacity 0.10] [--format json]
    Entrena y guarda una versión del modelo con validación temporal: prueba en el corte indicado (por omisión
    el último con resultado conocido), calibración un ciclo antes, entrenamiento en los cortes anteriores.
    Regresión logística y árboles potenciados lado a lado; genera la ficha del modelo (es/en).`;
export const SCORE_HELP = `  score [--campus CCT] [--state N] [--top 20] [--no-save] [--format table|csv|json]
    Califica a los estudiantes activos (semáforo de reglas y, si hay modelo, probabilidad) y guarda el
    resultado del corte como historial. Muestra los de mayor riesgo por identificador seudónimo.
  score --cutoff 2024-2025/1 --out ARCHIVO.csv
    Califica como se habría hecho en un corte pasado, con lo que se sabía en ese corte (id seudónimo,
    probabilidad, semáforo, razones); no guarda nada. Para pruebas retrospectivas.`;
export const RULES_HELP = `  rules [show|history|set UMBRAL=VALOR ... [--note TEXTO]]
    Umbrales del semáforo (versionados; cada cambio queda en la bitácora de auditoría).`;
export const CARD_HELP = `  card [--version N] [--lang es|en]
    Ficha del modelo (Markdown): corte de datos, métricas, calibración, equidad, uso previsto y límites.`;
export const REPORT_HELP = `  report [--version N] [--format table|json] [--lang es|en]
    Equidad (FPR/FNR por sexo, estado y tamaño de plantel, con brechas) y capacidad (precisión y
    exhaustividad con k lugares por plantel: puntaje individual vs focalización por plantel vs reglas).`;

const number = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw invalid('invalid_flag', `--${name} debe ser un número entre ${min} y ${max}; se recibió "${v}"`);
  return n;
};

const pct = (v: number | null | undefined, d = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(d)} %`;
const dec = (v: number | null | undefined, d = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);

export async function trainSubcommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      cutoff: { type: 'string' },
      'train-terms': { type: 'string' },
      'max-rows': { type: 'string' },
      capacity: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`trayecto risk\n${TRAIN_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  let testCutoff;
  if (values.cutoff !== undefined) {
    testCutoff = parseCutoff(values.cutoff);
    if (!testCutoff)
      throw invalid('invalid_cutoff', `--cutoff inválido: "${values.cutoff}" (p. ej. 2025-2026/1)`);
  }
  const store = await ctx.openExisting();
  try {
    const quiet = ctx.format === 'json';
    const r = await trainRiskModel(store.db, {
      actor: ctx.actor,
      ...(testCutoff ? { testCutoff } : {}),
      ...(values['train-terms'] !== undefined
        ? { trainTerms: number('train-terms', values['train-terms'], 1, 20) }
        : {}),
      ...(values['max-rows'] !== undefined
        ? { maxTrainRows: number('max-rows', values['max-rows'], 100, 1e8) }
        : {}),
      ...(values.capacity !== undefined
        ? { capacityShare: number('capacity', values.capacity, 0.001, 1) }
        : {}),
      onProgress: (m) => {
        if (!quiet) io.err(`${m}\n`);
      },
    });
    if (ctx.format === 'json')
      io.out(`${JSON.stringify({ version: r.version, metrics: r.metrics }, null, 2)}\n`);
    else io.out(`${metricsTable(r.version, r.metrics, ctx.lang)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function metricsTable(version: number, m: RiskMetrics, lang: Lang): string {
  const es = lang === 'es';
  const names = es
    ? { logistic: 'regresión logística', gbt: 'árboles potenciados', rules: 'reglas' }
    : { logistic: 'logistic regression', gbt: 'gradient-boosted trees', rules: 'rules' };
  const out = [
    es
      ? `Modelo de riesgo, versión ${version} · prueba ${m.dataCutoff} (${m.rows.test} estudiantes, ${pct(m.baseRate.test)} salieron) · calibración ${m.calibrationCutoff} · entrenamiento ${m.trainCutoffs.join(', ')} (${m.rows.train} filas)`
      : `Risk model, version ${version} · test ${m.dataCutoff} (${m.rows.test} students, ${pct(m.baseRate.test)} left) · calibration ${m.calibrationCutoff} · training ${m.trainCutoffs.join(', ')} (${m.rows.train} rows)`,
    '',
    `${(es ? 'método' : 'method').padEnd(24)}${'ROC-AUC'.padStart(9)}${'PR-AUC'.padStart(9)}${'Brier'.padStart(9)}${(es ? 'entren. s' : 'train s').padStart(11)}`,
  ];
  for (const k of ['logistic', 'gbt', 'rules'] as const) {
    const r = m.methods[k];
    out.push(
      `${(names[k] + (k === m.chosen ? ' *' : '')).padEnd(24)}${dec(r.rocAuc).padStart(9)}${dec(r.prAuc).padStart(9)}${dec(r.brier, 4).padStart(9)}${dec(r.trainSeconds, 1).padStart(11)}`,
    );
  }
  const g = m.newestGeneration;
  out.push(
    '',
    es
      ? `Generación más reciente ${g.generation}: ${g.n} estudiantes, ROC-AUC ${dec(g.rocAuc)}, Brier ${dec(g.brier, 4)}`
      : `Newest generation ${g.generation}: ${g.n} students, ROC-AUC ${dec(g.rocAuc)}, Brier ${dec(g.brier, 4)}`,
    '',
    capacityAndFairness(m, lang),
  );
  return out.join('\n');
}

function capacityAndFairness(m: RiskMetrics, lang: Lang): string {
  const es = lang === 'es';
  const c = m.capacity;
  const out = [
    es
      ? `Capacidad ${pct(c.share, 0)} por plantel (${c.places} lugares): precisión / exhaustividad`
      : `Capacity ${pct(c.share, 0)} per campus (${c.places} places): precision / recall`,
    `  ${(es ? 'puntaje individual' : 'individual score').padEnd(26)}${pct(c.individual.precision).padStart(9)} ${pct(c.individual.recall).padStart(9)}`,
    `  ${(es ? 'focalización por plantel' : 'campus-level targeting').padEnd(26)}${pct(c.campus.precision).padStart(9)} ${pct(c.campus.recall).padStart(9)}`,
    `  ${(es ? 'reglas' : 'rules').padEnd(26)}${pct(c.rules.precision).padStart(9)} ${pct(c.rules.recall).padStart(9)}`,
    '',
    es
      ? 'Equidad (brechas entre grupos, con esa capacidad):'
      : 'Fairness (gaps between groups, at that capacity):',
  ];
  for (const [who, dims] of [
    [es ? 'modelo' : 'model', m.fairness.model],
    [es ? 'reglas' : 'rules', m.fairness.rules],
  ] as const) {
    for (const d of dims) {
      const between = (p: readonly [string, string] | null) => (p ? ` (${p[0]} vs ${p[1]})` : '');
      out.push(
        `  ${who.padEnd(8)}${d.dimension.padEnd(20)} FPR ${pct(d.fprGap)}${between(d.fprGapGroups)} · FNR ${pct(d.fnrGap)}${between(d.fnrGapGroups)}`,
      );
    }
  }
  const sex = m.fairness.model.find((d) => d.dimension === 'sexo');
  if (sex)
    for (const gr of sex.groups)
      out.push(
        `    ${gr.group.padEnd(8)} n ${gr.n} · FPR ${pct(gr.fpr)} · FNR ${pct(gr.fnr)} · ${es ? 'precisión' : 'precision'} ${pct(gr.precision)}`,
      );
  return out.join('\n');
}

export async function scoreSubcommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      campus: { type: 'string' },
      state: { type: 'string' },
      top: { type: 'string' },
      'no-save': { type: 'boolean' },
      cutoff: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`trayecto risk\n${SCORE_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  if (values.cutoff !== undefined || values.out !== undefined) return scoreAtCutoffCommand(ctx, values, io);
  const store = await ctx.openExisting();
  try {
    const query: RiskQuery = {};
    if (values.campus !== undefined) {
      const c = await campusByCct(store.db, values.campus);
      if (!c) throw invalid('unknown_campus', `Plantel desconocido: "${values.campus}"`);
      query.campusId = c.id;
    }
    if (values.state !== undefined) query.stateId = number('state', values.state, 1, 32);
    const top = number('top', values.top, 0, 100000) ?? 20;
    const { run, details } = await runScoring(store.db, query, { save: !values['no-save'] });
    const pseudo = pseudonymizer(await pseudonymSecret(store.db, ctx.config.pseudonymSecret ?? null));
    const ranked = [...details].sort(riskRank).slice(0, top);
    const rows = ranked.map((d) => ({
      id: pseudo.toPseudonym(d.studentId),
      flag: d.flag,
      probability: d.probability === null ? null : Number(d.probability.toFixed(4)),
      // The reasons of the probability (the model's contributions; the rules' before a model exists).
      reasons: d.explanation.map((r) => (ctx.lang === 'es' ? r.es : r.en)).join('; '),
    }));
    if (ctx.format === 'json') io.out(`${JSON.stringify({ ...run, top: rows }, null, 2)}\n`);
    else if (ctx.format === 'csv') {
      io.out('id,flag,probability,reasons\n');
      for (const r of rows) io.out(`${csvLine([r.id, r.flag, r.probability, r.reasons])}\n`);
    } else {
      const es = ctx.lang === 'es';
      const f = (k: 'verde' | 'amarillo' | 'rojo') => `${FLAG_LABELS[k][ctx.lang]} ${run.byFlag[k]}`;
      io.out(
        `${es ? 'Corte' : 'Cut-off'} ${run.cutoff}: ${run.scored} ${es ? 'estudiantes activos calificados en' : 'active students scored in'} ${run.seconds.toFixed(2)} s · ${f('rojo')} · ${f('amarillo')} · ${f('verde')} · ${es ? 'modelo' : 'model'} ${run.modelVersion ?? '—'} · ${es ? 'reglas v' : 'rules v'}${run.ruleSetVersion}${values['no-save'] ? '' : es ? ' · guardado' : ' · saved'}\n`,
      );
      for (const r of rows)
        io.out(
          `  ${r.id}  ${r.flag.padEnd(8)} ${r.probability === null ? '' : pct(r.probability).padStart(8)}  ${r.reasons}\n`,
        );
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** `risk score --cutoff C --out FILE.csv`: the scores as known at a past cut-off, written to a file only. */
async function scoreAtCutoffCommand(
  ctx: Context,
  values: { cutoff?: string; out?: string; campus?: string; state?: string },
  io: Io,
): Promise<number> {
  if (values.cutoff === undefined || values.out === undefined)
    throw invalid(
      'missing_flags',
      '--cutoff y --out van juntas: risk score --cutoff 2024-2025/1 --out x.csv',
    );
  if (values.campus !== undefined || values.state !== undefined)
    throw invalid('invalid_flag', '--cutoff califica a todos los estudiantes; no admite --campus ni --state');
  const cutoff = parseCutoff(values.cutoff);
  if (!cutoff) throw invalid('invalid_cutoff', `--cutoff inválido: "${values.cutoff}" (p. ej. 2024-2025/1)`);
  const store = await ctx.openExisting();
  try {
    const scores = await scoreAtCutoff(store.db, cutoff);
    const pseudo = pseudonymizer(await pseudonymSecret(store.db, ctx.config.pseudonymSecret ?? null));
    const rows = scores.map((s) => ({
      id: pseudo.toPseudonym(s.studentId),
      probability: s.probability === null ? null : Number(s.probability.toFixed(6)),
      band: s.flag,
      reasons: s.reasons.map((r) => (ctx.lang === 'es' ? r.es : r.en)).join('; '),
    }));
    writeFileSync(values.out, render(rows, ['id', 'probability', 'band', 'reasons'], 'csv', ctx.lang));
    io.out(
      ctx.lang === 'es'
        ? `Corte ${cutoffLabel(cutoff)}: ${rows.length} estudiantes calificados en ${values.out} (nada se guardó)\n`
        : `Cut-off ${cutoffLabel(cutoff)}: ${rows.length} students scored in ${values.out} (nothing stored)\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

export async function rulesSubcommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...GLOBAL_OPTIONS, note: { type: 'string' } },
  });
  if (values.help) return (io.out(`trayecto risk\n${RULES_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const [action = 'show', ...assignments] = positionals;
  const store = await ctx.openExisting();
  try {
    if (action === 'show') {
      const rs = await currentRuleSet(store.db);
      if (ctx.format === 'json') io.out(`${JSON.stringify(rs, null, 2)}\n`);
      else io.out(rulesTable(ctx, rs.version, rs.thresholds, rs.createdBy, rs.createdAt));
      return 0;
    }
    if (action === 'history') {
      const all = await ruleSetHistory(store.db);
      if (ctx.format === 'json') io.out(`${JSON.stringify(all, null, 2)}\n`);
      else
        for (const r of all)
          io.out(`v${r.version}  ${r.createdAt}  ${r.createdBy}${r.note ? `  «${r.note}»` : ''}\n`);
      return 0;
    }
    if (action !== 'set')
      throw invalid('unknown_action', `Acción desconocida: "rules ${action}". Válidas: show, history, set`);
    const changes: Record<string, number> = {};
    for (const a of assignments) {
      const m = /^([A-Za-z]+)=(-?[\d.]+)$/.exec(a);
      if (!m)
        throw invalid(
          'invalid_assignment',
          `Asignación inválida: "${a}" (use UMBRAL=VALOR, p. ej. attendanceAmarillo=80)`,
        );
      changes[m[1] as string] = Number(m[2]);
    }
    const rs = await setThresholds(store.db, {
      actor: ctx.actor,
      changes,
      ...(values.note !== undefined ? { note: values.note } : {}),
    });
    if (ctx.format === 'json') io.out(`${JSON.stringify(rs, null, 2)}\n`);
    else io.out(rulesTable(ctx, rs.version, rs.thresholds, rs.createdBy, rs.createdAt));
    return 0;
  } finally {
    await store.close();
  }
}

function rulesTable(
  ctx: Context,
  version: number,
  t: Thresholds,
  by: string | null,
  at: string | null,
): string {
  const es = ctx.lang === 'es';
  const head =
    version === 0
      ? es
        ? 'Umbrales por omisión (sin versiones guardadas)'
        : 'Default thresholds (no stored version)'
      : `${es ? 'Umbrales, versión' : 'Thresholds, version'} ${version} (${at ?? ''}, ${by ?? ''})`;
  const lines = THRESHOLD_KEYS.map(
    (k) => `  ${k.padEnd(26)}${String(t[k]).padStart(6)}  ${THRESHOLD_HELP[k][ctx.lang]}`,
  );
  return `${head}\n${lines.join('\n')}\n`;
}

export async function cardSubcommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, version: { type: 'string' } } });
  if (values.help) return (io.out(`trayecto risk\n${CARD_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const store = await ctx.openExisting();
  try {
    const info = await modelInfo(store.db, number('version', values.version, 1, 1e9));
    io.out(ctx.lang === 'en' ? info.cardEn : info.cardEs);
    return 0;
  } finally {
    await store.close();
  }
}

export async function reportSubcommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, version: { type: 'string' } } });
  if (values.help) return (io.out(`trayecto risk\n${REPORT_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const store = await ctx.openExisting();
  try {
    const info = await modelInfo(store.db, number('version', values.version, 1, 1e9));
    if (ctx.format === 'json') {
      const m = info.metrics;
      io.out(
        `${JSON.stringify({ version: info.version, dataCutoff: info.dataCutoff, methods: m.methods, capacity: m.capacity, fairness: m.fairness, versions: await listModels(store.db) }, null, 2)}\n`,
      );
    } else {
      io.out(`${metricsTable(info.version, info.metrics, ctx.lang)}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
