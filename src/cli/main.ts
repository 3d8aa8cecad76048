/** The `trayecto` command: dispatches to a command and maps application errors to messages and exit codes. */
import { readFileSync } from 'node:fs';
import { AppError, type ErrorKind } from '../domain/errors.js';
import { databaseBusy } from '../storage/db.js';
import { nearest } from '../domain/nearest.js';
import { AUDIT_HELP, auditCommand } from './commands/audit.js';
import { backupCommand, BACKUP_HELP, restoreCommand, RESTORE_HELP } from './commands/backup.js';
import { cohortCommand, COHORT_HELP } from './commands/cohort.js';
import { dbCommand, DB_HELP } from './commands/db.js';
import { effectsCommand, EFFECTS_HELP } from './commands/effects.js';
import { generateCommand, GENERATE_HELP } from './commands/generate.js';
import { impactCommand, IMPACT_HELP } from './commands/impact.js';
import { importCommand, IMPORT_HELP } from './commands/import.js';
import { indicatorsCommand, INDICATORS_HELP } from './commands/indicators.js';
import { interventionsCommand, INTERVENTIONS_HELP } from './commands/interventions.js';
import { openapiCommand, OPENAPI_HELP } from './commands/openapi.js';
import { reportCommand, REPORT_HELP } from './commands/report.js';
import { riskCommand, RISK_HELP } from './commands/risk.js';
import { serveCommand, SERVE_HELP } from './commands/serve.js';
import { startCommand, START_HELP } from './commands/start.js';
import { userCommand, USER_HELP } from './commands/user.js';
import { whatifCommand, WHATIF_HELP } from './commands/whatif.js';
import { processIo, type Io } from './io.js';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; help: string }>> = {
  start: { run: startCommand, help: START_HELP },
  generate: { run: generateCommand, help: GENERATE_HELP },
  indicators: { run: indicatorsCommand, help: INDICATORS_HELP },
  cohort: { run: cohortCommand, help: COHORT_HELP },
  impact: { run: impactCommand, help: IMPACT_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
  risk: { run: riskCommand, help: RISK_HELP },
  interventions: { run: interventionsCommand, help: INTERVENTIONS_HELP },
  effects: { run: effectsCommand, help: EFFECTS_HELP },
  whatif: { run: whatifCommand, help: WHATIF_HELP },
  report: { run: reportCommand, help: REPORT_HELP },
  serve: { run: serveCommand, help: SERVE_HELP },
  user: { run: (argv, io) => userCommand(argv, io), help: USER_HELP },
  db: { run: dbCommand, help: DB_HELP },
  backup: { run: backupCommand, help: BACKUP_HELP },
  restore: { run: restoreCommand, help: RESTORE_HELP },
  audit: { run: auditCommand, help: AUDIT_HELP },
  openapi: { run: openapiCommand, help: OPENAPI_HELP },
};

/** Exit codes by error kind: the one place where application errors meet the shell. */
export const EXIT_CODES: Readonly<Record<ErrorKind | 'internal' | 'usage', number>> = {
  internal: 1,
  usage: 2,
  invalid: 2,
  unauthorized: 5,
  not_found: 3,
  conflict: 4,
  forbidden: 5,
  unavailable: 6,
};

const usage = () =>
  `Uso: trayecto <comando> [opciones]   (--help en cada comando; --version)\n\n${Object.values(COMMANDS)
    .map((c) => c.help)
    .join('\n\n')}\n`;

/** The package's version (package.json two folders up, from src/cli and from dist/cli alike). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`trayecto ${version()} (Node ${process.versions.node})\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? EXIT_CODES.usage : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    const near = nearest(name, Object.keys(COMMANDS), 3);
    io.err(
      `Comando desconocido: "${name}".${near.length > 0 ? ` ¿Quiso decir ${near.join(', ')}?` : ''} ` +
        `Comandos válidos: ${Object.keys(COMMANDS).join(', ')}\n`,
    );
    return EXIT_CODES.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (thrown) {
    // A write lock held past the busy timeout (the server or another import writing): exit 6, try again.
    const e = databaseBusy(thrown) ?? thrown;
    if (e instanceof AppError) {
      io.err(`Error: ${e.message}\n`);
      for (const d of e.details.slice(0, 50)) io.err(`  ${d}\n`);
      if (e.details.length > 50) io.err(`  … y ${e.details.length - 50} más\n`);
      return EXIT_CODES[e.kind];
    }
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`Error: ${e.message}\n`);
      return EXIT_CODES.usage;
    }
    if (e instanceof Error && e.message.startsWith('Configuración inválida')) {
      io.err(`Error: ${e.message}\n`);
      return EXIT_CODES.invalid;
    }
    io.err(`Error interno: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_CODES.internal;
  }
}
