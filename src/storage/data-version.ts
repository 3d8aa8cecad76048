/**
 * What the data is now, cheaply: SQLite's data_version changes when another connection (an import, a
 * generation) commits; PostgreSQL has no equivalent, so its version is the latest import or generation time,
 * read at most once per second.
 */
import { sql } from 'kysely';
import type { Store } from './db.js';

export function dataVersion(store: Store): () => Promise<string> {
  const sqlite = store.sqlite;
  if (sqlite) return () => Promise.resolve(String(sqlite.pragma('data_version', { simple: true })));
  let last = { at: 0, value: '' };
  return async () => {
    if (Date.now() - last.at < 1_000) return last.value;
    const r = await sql<{ v: string | null }>`select max(v) as v from (
      select max(updated_at) as v from dataset_meta union all select max(finished_at) from import_runs) t`.execute(
      store.db,
    );
    last = { at: Date.now(), value: String(r.rows[0]?.v ?? '') };
    return last.value;
  };
}
