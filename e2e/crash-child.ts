/**
 * Entry of the child processes that e2e/crash-safety.test.ts and e2e/crash-safety-generate.test.ts kill, bundled
 * from the sources by each test file (e2e/crash-harness.ts; no build needed). `import ARGS…` and `generate ARGS…` run those trayecto commands as the CLI does (only those
 * two are bundled, so that the process starts quickly); `import-campuses-journal FILE DB MODE` runs the campus
 * import on an SQLite database kept in another journal mode (the CLI always uses WAL), to kill the same
 * transaction under a rollback journal.
 */
import { readFileSync } from 'node:fs';
import { generateCommand } from '../src/cli/commands/generate.js';
import { importCommand } from '../src/cli/commands/import.js';
import { processIo } from '../src/cli/io.js';
import { importCampuses } from '../src/services/imports/index.js';
import { migrateToLatest, openStore } from '../src/storage/db.js';

async function run(mode: string, args: string[]): Promise<number> {
  switch (mode) {
    case 'import':
      return importCommand(args, processIo());
    case 'generate':
      return generateCommand(args, processIo());
    case 'import-campuses-journal': {
      const [file = '', db = '', journal = 'delete'] = args;
      process.stderr.write(`Importando ${file} (journal ${journal})\n`);
      const store = openStore({ dialect: 'sqlite', file: db });
      try {
        store.sqlite?.pragma(`journal_mode = ${journal}`);
        await migrateToLatest(store.db);
        await importCampuses(store.db, readFileSync(file), file);
        return 0;
      } finally {
        await store.close();
      }
    }
    default:
      process.stderr.write(`unknown mode ${mode}\n`);
      return 2;
  }
}

const [mode, ...args] = process.argv.slice(2);
try {
  process.exitCode = await run(mode ?? '', args);
} catch (e) {
  process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
