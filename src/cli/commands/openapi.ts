import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app.js';
import { apiDeps } from '../../api/server.js';
import { loadConfig } from '../../config.js';
import { migrateToLatest, openStore } from '../../storage/db.js';
import { parseArgs } from '../args.js';
import type { Io } from '../io.js';

export const OPENAPI_HELP = `trayecto openapi [--out ARCHIVO]
  Escribe el documento OpenAPI 3.1 de la API (el mismo que sirve /api/openapi.json) sin abrir ninguna base de
  datos: para generar clientes y tipos, o revisarlo con un linter.`;

export async function openapiCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return (io.out(`${OPENAPI_HELP}\n`), 0);
  // The app is built over an empty, migrated scratch database: the document depends on the routes only.
  const dir = mkdtempSync(join(tmpdir(), 'trayecto-openapi-'));
  const config = loadConfig({ DATABASE_URL: join(dir, 'openapi.db'), TRAYECTO_LOG_LEVEL: 'silent' });
  const store = openStore(config.database);
  try {
    await migrateToLatest(store.db);
    const app = createApp(await apiDeps(store, config, () => {}));
    const text = `${JSON.stringify(await (await app.request('http://localhost/api/openapi.json')).json(), null, 2)}\n`;
    if (values.out) writeFileSync(values.out, text);
    else io.out(text);
    return 0;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
