import { parseArgs } from '../args.js';
import { DEFAULT_SEED } from '../../services/operations/index.js';
import { nationalSummary } from '../../services/indicators/index.js';
import { campusCount } from '../../storage/catalog-queries.js';
import { isMigrated } from '../../storage/db.js';
import { dialectAdapter } from '../../storage/dialect.js';
import { GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import { render } from '../format.js';
import { label } from '../i18n.js';
import type { Io } from '../io.js';
import { runGeneration } from './generate.js';
import { runServer } from './serve.js';

export const START_HELP = `trayecto start [--scale 1] [--port 3000] [--summary-only] [--db RUTA|URL]
  Primera vez: crea la base de datos de demostración a escala nacional; luego muestra el resumen nacional
  y sirve el tablero (--summary-only: solo el resumen). Si no hay modelo de riesgo o calificación guardada,
  los prepara en segundo plano; los análisis (efectos, escenarios, generaciones) se calculan al cambiar los datos.`;

export async function startCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      scale: { type: 'string', default: '1' },
      port: { type: 'string' },
      host: { type: 'string' },
      'summary-only': { type: 'boolean', default: false },
    },
  });
  if (values.help) return (io.out(`${START_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  if (!(await hasData(ctx))) {
    io.err('Primera ejecución: se crea la base de datos de demostración (una sola vez).\n');
    // Nothing to lose: an empty or schema-only database is replaced.
    await runGeneration(io, ctx.config.database, Number(values.scale), DEFAULT_SEED, true);
  }
  await printSummary(ctx);
  if (values['summary-only']) return 0;
  const store = await ctx.openExisting();
  // A first start is a working early-warning system: the risk model is trained and the students scored in
  // the background when missing (services/analyses/risk-setup.ts).
  return runServer(io, store, ctx.config, values.host, values.port, { setupRisk: true });
}

/** Any records at all (campuses): only a database without them is (re)generated, so nothing is ever lost. */
async function hasData(ctx: Context): Promise<boolean> {
  const target = ctx.config.database;
  if (dialectAdapter(target.dialect).missingFile(target) !== null) return false;
  const store = ctx.open();
  try {
    if (!(await isMigrated(store.db))) return false;
    return (await campusCount(store.db)) > 0;
  } finally {
    await store.close();
  }
}

async function printSummary(ctx: Context): Promise<void> {
  const store = await ctx.openExisting();
  try {
    const s = await nationalSummary(store.db, ctx.config.baselineYear);
    const es = ctx.lang === 'es';
    const fmt = new Intl.NumberFormat(es ? 'es-MX' : 'en-US', { maximumFractionDigits: 2 });
    ctx.io.out(`\n${es ? 'Trayecto — resumen nacional' : 'Trayecto — national summary'}\n`);
    ctx.io.out(
      `${es ? 'Planteles' : 'Campuses'}: ${fmt.format(s.campuses)} · ${es ? 'Carreras' : 'Programs'}: ${fmt.format(s.programs)} · ${es ? 'Docentes' : 'Teachers'}: ${fmt.format(s.teachers)}\n\n`,
    );
    for (const h of s.headline) {
      const v =
        h.value === null ? '—' : fmt.format(h.key === 'mt' ? h.value : Math.round(h.value * 100) / 100);
      const b = h.base === null ? '—' : fmt.format(h.key === 'mt' ? h.base : Math.round(h.base * 100) / 100);
      ctx.io.out(
        `  ${label(h.key, ctx.lang).padEnd(24)} ${h.year}: ${v.padStart(8)}   (${h.baseYear}: ${b})\n`,
      );
    }
    ctx.io.out('\n');
    const columns = [
      'school_year',
      'mt',
      'ni1',
      'eg',
      'abandono',
      'abandono_intra',
      'abandono_inter',
      'eficiencia_terminal',
      'reprobacion',
    ];
    ctx.io.out(render(s.years as never, columns, ctx.format, ctx.lang));
  } finally {
    await store.close();
  }
}
