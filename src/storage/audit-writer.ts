/**
 * Audit rows written outside a transaction on SQLite (a profile view, a download, a failed sign-in) without
 * holding the event loop (issue 11, finding 5).
 *
 * better-sqlite3 waits for another process's write lock (a CLI import holds it for the whole import)
 * synchronously, up to the busy timeout: a view's audit row written the plain way held the HTTP process's event
 * loop that long, and every other request of the process waited with it. Here the row is queued; the rows of
 * one tick are written in one transaction (one commit for many views under load), with the busy timeout set to
 * 0 for that statement; when the lock is held the write is tried again after a short pause, asynchronously,
 * until the connection's busy timeout has passed since the row was queued, and then fails with SQLITE_BUSY as a
 * waiting statement would (the API's 503 database_busy: the view shows nothing). The caller's promise settles
 * after the commit: no view is answered before its row is written.
 *
 * Rows are never written inside a transaction the connection has open (a Kysely transaction awaiting between
 * statements): the flush waits for it to end. PostgreSQL waits asynchronously already: no queue there.
 */
import type { Kysely } from 'kysely';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { sqliteConnectionOf } from './db.js';
import type { Database } from './schema.js';

type Row = {
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly state_id: number | null;
  readonly campus_id: number | null;
  readonly details: string | null;
  readonly request_id: string | null;
};

interface Pending {
  readonly row: Row;
  readonly since: number;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** Pauses between tries while another connection holds the lock (SQLite's own busy handler sleeps alike). */
const RETRY_MS = [2, 5, 10, 20, 25, 50];

const isBusy = (e: unknown) =>
  e instanceof Error && 'code' in e && typeof e.code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(e.code);

function queueFor(db: Kysely<Database>, sqlite: SqliteDatabase, busyTimeoutMs: number) {
  let queue: Pending[] = [];
  let timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  let tries = 0;
  const statements = new Map<string, Statement>();
  const noWait = sqlite.prepare('PRAGMA busy_timeout = 0');
  const wait = sqlite.prepare(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  const insert = (row: Row) => {
    // The query builder's text and parameters, run on the connection directly (one prepared statement).
    const q = db.insertInto('audit_log').values(row).compile();
    let st = statements.get(q.sql);
    if (!st) statements.set(q.sql, (st = sqlite.prepare(q.sql)));
    st.run(...(q.parameters as unknown[]));
  };
  const writeAll = sqlite.transaction((rows: readonly Pending[]) => {
    for (const p of rows) insert(p.row);
  });

  const schedule = (later: boolean) => {
    if (timer) return;
    if (!later) timer = setImmediate(flush);
    else timer = setTimeout(flush, RETRY_MS[Math.min(tries++, RETRY_MS.length - 1)]);
  };

  function flush(): void {
    timer = null;
    if (queue.length === 0) return;
    if (sqlite.inTransaction) return schedule(true);
    const batch = queue;
    queue = [];
    noWait.get();
    try {
      writeAll.immediate(batch);
      tries = 0;
      for (const p of batch) p.resolve();
    } catch (e) {
      if (isBusy(e)) {
        const now = performance.now();
        for (const p of batch) if (now - p.since >= busyTimeoutMs) p.reject(e);
        queue = [...batch.filter((p) => now - p.since < busyTimeoutMs), ...queue];
      } else
        // Not the lock: each row alone, so that one bad row fails only its own request.
        for (const p of batch)
          try {
            insert(p.row);
            p.resolve();
          } catch (one) {
            p.reject(one);
          }
    } finally {
      wait.get();
    }
    if (queue.length > 0) schedule(true);
  }

  return (row: Row): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      queue.push({ row, since: performance.now(), resolve, reject });
      schedule(false);
    });
}

const queues = new WeakMap<Kysely<Database>, (row: Row) => Promise<void>>();

/**
 * The queued writer of `db`'s SQLite connection, or null where rows are written the plain way (PostgreSQL, a
 * transaction, a Kysely instance not opened by openStore).
 */
export function queuedAuditWriter(db: Kysely<Database>): ((row: Row) => Promise<void>) | null {
  if (db.isTransaction) return null;
  let q = queues.get(db);
  if (!q) {
    const c = sqliteConnectionOf(db);
    if (!c) return null;
    q = queueFor(db, c.sqlite, c.busyTimeoutMs);
    queues.set(db, q);
  }
  return q;
}
