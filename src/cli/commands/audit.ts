import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { auditTableRows, listAudit } from '../../services/operations/index.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import { render } from '../format.js';
import type { Io } from '../io.js';

export const AUDIT_HELP = `trayecto audit [--since AAAA-MM-DD] [--until AAAA-MM-DD] [--action ACCIÓN] [--actor U] [--target T] [--limit N] [--format table|csv|json]
  La bitácora de auditoría (solo anexar), lo más reciente primero: quién abrió un perfil, exportó datos
  personales, importó un archivo, cambió un rol o un umbral. --action acepta una acción (user.role) o una
  familia (user). --limit: 100 en tabla, 100000 en csv/json.`;

export async function auditCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      since: { type: 'string' },
      until: { type: 'string' },
      action: { type: 'string' },
      actor: { type: 'string' },
      target: { type: 'string' },
      limit: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return (io.out(`${AUDIT_HELP}\n`), 0);
  if (positionals.length > 0)
    throw invalid('unexpected_argument', `Argumento de más: "${positionals.join(' ')}"`);
  const ctx = makeContext(io, values);
  const limit = values.limit === undefined ? (ctx.format === 'table' ? 100 : 100_000) : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000)
    throw invalid('invalid_limit', `--limit inválido: "${values.limit ?? ''}" (1 a 1000000)`);
  const store = await ctx.openExisting();
  try {
    // The command line reads the whole log: whoever runs it holds the database already.
    const page = await listAudit(store.db, null, {
      since: values.since,
      until: values.until,
      action: values.action,
      actor: values.actor,
      target: values.target,
      page: 1,
      pageSize: limit,
    });
    const rows = auditTableRows(page.items);
    const columns = ['id', 'at', 'actor', 'role', 'action', 'target', 'stateId', 'campusId', 'details'];
    io.out(render(rows, ctx.format === 'table' ? columns : [...columns, 'requestId'], ctx.format, ctx.lang));
    if (ctx.format === 'table' && page.total > rows.length)
      io.err(`(${rows.length} de ${page.total} registros; use --limit o --format csv)\n`);
    return 0;
  } finally {
    await store.close();
  }
}
