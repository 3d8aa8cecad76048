/**
 * What the data is now, cheaply.
 *
 * dataVersion: any commit. SQLite's data_version changes when another connection commits (an import, a
 * generation, `trayecto user disable`, a sign-in or an audit row written by another worker); PostgreSQL has no
 * equivalent, so there it is the content version below. Sessions use it: an account change is seen at once.
 *
 * contentVersion: the facts the aggregates are computed from. The latest generation, the latest import that
 * inserted or updated rows (importing the same file again changes nothing, so it keeps the caches), and the
 * latest audit row of an action that changes data (a record change, a risk threshold, a purge, a restore); not
 * the audit rows of profile views and downloads, which every worker writes all the time and which must not
 * empty the other workers' result caches. On SQLite it is re-read only when data_version moved; on PostgreSQL at
 * most once per second.
 */
import { sql } from 'kysely';
import type { Store } from './db.js';

/**
 * Audit actions that change what aggregates are computed from (see services/operations/audit.ts AUDIT_ACTIONS). Imports
 * are tracked through import_runs, with their counts.
 */
export const DATA_CHANGE_ACTIONS = [
  'record.change',
  'risk.threshold',
  'data.generate',
  'data.purge',
  'data.restore',
] as const;

// Data changes made by this process through a handle (an import committed on the API's own connection): SQLite's
// data_version does not move for the connection's own commits, and PostgreSQL's version is kept for a second.
const epochs = new WeakMap<object, number>();

/** Says that this process changed the data through `db`: versions read through it are read again at once. */
export function noteDataChange(db: object): void {
  epochs.set(db, (epochs.get(db) ?? 0) + 1);
}

const epochOf = (db: object) => epochs.get(db) ?? 0;

async function readContentVersion(store: Store): Promise<string> {
  const r = await sql<{ v: string | null }>`select max(v) as v from (
      select max(updated_at) as v from dataset_meta
      union all select max(finished_at) from import_runs where inserted + updated > 0) t`.execute(store.db);
  const a = await store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('action', 'in', [...DATA_CHANGE_ACTIONS])
    .executeTakeFirst();
  return `${r.rows[0]?.v ?? ''}|${a?.id ?? ''}`;
}

/**
 * SQLite's data_version of this connection, from one prepared statement (`pragma()` would compile the
 * statement on every call, which costs more than reading the value: every API request reads it).
 */
function sqliteDataVersion(sqlite: NonNullable<Store['sqlite']>): () => unknown {
  const st = sqlite.prepare('PRAGMA data_version').pluck();
  return () => st.get();
}

export function contentVersion(store: Store): () => Promise<string> {
  const sqlite = store.sqlite;
  if (sqlite) {
    const read = sqliteDataVersion(sqlite);
    let seen: unknown = null;
    let value: Promise<string> = Promise.resolve('');
    return () => {
      const v = `${String(read())}|${epochOf(store.db)}`;
      if (v !== seen) {
        seen = v;
        value = readContentVersion(store).catch((e: unknown) => {
          seen = null; // read again next time
          throw e;
        });
      }
      return value;
    };
  }
  let last = { at: 0, epoch: 0, value: '' };
  return async () => {
    const epoch = epochOf(store.db);
    if (Date.now() - last.at < 1_000 && epoch === last.epoch) return last.value;
    last = { at: Date.now(), epoch, value: await readContentVersion(store) };
    return last.value;
  };
}

export function dataVersion(store: Store): () => Promise<string> {
  const sqlite = store.sqlite;
  if (sqlite) {
    const read = sqliteDataVersion(sqlite);
    return () => Promise.resolve(`${String(read())}|${epochOf(store.db)}`);
  }
  return contentVersion(store);
}
