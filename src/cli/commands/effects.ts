/** `trayecto effects`: the effect of each intervention type on leaving school, adjusted and naive. */
import { parseArgs } from '../args.js';
import { interventionEffects, type EffectsReport } from '../../services/effects/index.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import { render } from '../format.js';
import type { Io } from '../io.js';

export const EFFECTS_HELP = `trayecto effects [--kind tutoring,counseling,...] [--capacity] [--folds 3] [--rounds 80] [--seed N]
  Efecto de cada tipo de intervención en el abandono del ciclo (diferencia de riesgos en puntos), ajustado por
  quién la recibió (doblemente robusto, AIPW, con árboles de gradiente y ajuste cruzado por estudiante, solo
  covariables genéricas; intervalos al 95 %), junto a la comparación ingenua, el valor E de sensibilidad
  («frágil» si es pequeño) y, en datos de demostración, el efecto verdadero del generador.
  --capacity  curva de capacidad: abandonos evitados según cuántos estudiantes se atienden, ordenando por la
              regla institucional, por riesgo o por beneficio estimado
  --format table|csv|json`;

const pts = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : (x * 100).toFixed(2));

export async function effectsCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      kind: { type: 'string' },
      folds: { type: 'string' },
      rounds: { type: 'string' },
      capacity: { type: 'boolean', default: false },
      seed: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`${EFFECTS_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const store = await ctx.openExisting();
  try {
    const report: EffectsReport = await interventionEffects(
      store.db,
      { userId: 0, role: 'national', stateId: null, campusId: null, groups: [] },
      {
        kinds: values.kind
          ?.split(',')
          .map((k) => k.trim())
          .filter(Boolean),
        folds: values.folds === undefined ? undefined : Number(values.folds),
        rounds: values.rounds === undefined ? undefined : Number(values.rounds),
        seed: values.seed === undefined ? undefined : Number(values.seed),
      },
    );
    if (ctx.format === 'json') return (ctx.io.out(`${JSON.stringify(report, null, 2)}\n`), 0);
    if (values.capacity) {
      const curve = report.effects.flatMap((e) =>
        (e.capacity ?? []).map((p) => ({
          kind: e.label[ctx.lang],
          reached_pct: (p.share * 100).toFixed(0),
          reached: p.reached,
          prevented_rule: p.rule.toFixed(1),
          prevented_risk: p.risk.toFixed(1),
          prevented_benefit: p.benefit.toFixed(1),
        })),
      );
      if (ctx.format === 'table')
        ctx.io.out(
          'Abandonos evitados (estimación doblemente robusta) si se atiende a la fracción indicada, ordenando por la regla institucional, por riesgo o por beneficio estimado.\n',
        );
      ctx.io.out(
        render(
          curve,
          ['kind', 'reached_pct', 'reached', 'prevented_rule', 'prevented_risk', 'prevented_benefit'],
          ctx.format,
          ctx.lang,
        ),
      );
      return 0;
    }
    const rows = report.effects.map((e) => ({
      kind: e.label[ctx.lang],
      treated: e.estimate?.treated ?? null,
      controls: e.estimate?.controls ?? null,
      naive_pts: pts(e.estimate?.naive.estimate),
      adjusted_pts: pts(e.estimate?.att.estimate),
      ci_low: pts(e.estimate?.att.low),
      ci_high: pts(e.estimate?.att.high),
      crossover_pct: pts(e.estimate?.crossoverShare),
      e_value: e.estimate?.sensitivity.eValueLimit.toFixed(2) ?? null,
      fragile: e.estimate?.sensitivity.fragile ?? null,
      true_pts: pts(e.truth?.attYearExitRiskDifference),
      truth_in_ci: e.truth?.insideInterval ?? null,
      note: e.note,
    }));
    if (ctx.format === 'table')
      ctx.io.out(
        `${report.outcome}.\n${report.method}.\nEstudiante-ciclo analizados: ${report.studentYears} desde ${report.fromSchoolYear}${report.sampled ? ' (submuestra)' : ''}. Puntos porcentuales de abandono (negativo = menos abandono).\n`,
      );
    ctx.io.out(
      render(
        rows,
        [
          'kind',
          'treated',
          'controls',
          'naive_pts',
          'adjusted_pts',
          'ci_low',
          'ci_high',
          'crossover_pct',
          'e_value',
          'fragile',
          'true_pts',
          'truth_in_ci',
          'note',
        ],
        ctx.format,
        ctx.lang,
      ),
    );
    return 0;
  } finally {
    await store.close();
  }
}
