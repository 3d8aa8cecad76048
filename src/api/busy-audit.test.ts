/**
 * Issue 11, "nothing heavy on the request loop", against another writer: viewing a student's profile writes an
 * audit row on the HTTP thread's connection. On SQLite, better-sqlite3 waits for a lock held by another
 * process (a CLI import) synchronously; the row is therefore queued (storage/audit-writer.ts) and tried again
 * asynchronously until the busy timeout (TRAYECTO_SQLITE_BUSY_TIMEOUT_MS) has passed, so another user's light
 * request is answered at once while the view waits. On PostgreSQL the wait is asynchronous anyway. Either way
 * no profile is shown without its audit row: the view waits and is then shown and audited, or, past the busy
 * timeout, it is a 503 and shows nothing.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openStore, type Store } from '../storage/db.js';
import { describeEachDialect } from '../test-support/stores.js';
import { createApp } from './app.js';
import { apiDeps } from './server.js';
import {
  createHarness,
  getJson,
  HARNESS_ENV,
  login,
  ORIGIN,
  type App,
  type Harness,
} from './test-helpers.js';

/** The server's busy timeout; the lock is held either less (the view waits and is shown) or longer (503). */
const BUSY_MS = 1_500;
const SHORT_HOLD_MS = 700;
const LONG_HOLD_MS = 2_500;
/** A light request answered while the view waits: far less than the hold (it was the hold before the queue). */
const LIGHT_MAX_MS = 400;

/** Another process that takes the SQLite write lock (BEGIN IMMEDIATE) and holds it `ms`. */
async function holdSqliteWriteLock(file: string, ms: number): Promise<{ done: Promise<void> }> {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
db.exec('COMMIT'); db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Promise<void>((ok) => child.on('exit', () => ok()));
  await new Promise<void>((ok, fail) => {
    child.stdout.on('data', (d: Buffer) => (d.toString().includes('locked') ? ok() : undefined));
    child.on('exit', () => fail(new Error('holder ended before taking the lock')));
  });
  return { done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDialect('an audited view while another process holds the write lock', ({ store, dialect }) => {
  let h: Harness;
  let app: App;
  let own: Store | null = null;
  let national: string;
  let campus: string;
  let studentId: string;
  beforeAll(async () => {
    h = await createHarness(store());
    national = await login(h, 'national');
    campus = await login(h, 'campus');
    studentId = (await getJson<{ items: { id: string }[] }>(h.app, '/api/v1/students?pageSize=1', national))
      .items[0]!.id;
    if (dialect === 'sqlite') {
      // The server's connection with a short busy timeout, as TRAYECTO_SQLITE_BUSY_TIMEOUT_MS sets it.
      own = openStore({ dialect: 'sqlite', file: store().sqlite!.name, busyTimeoutMs: BUSY_MS });
      app = createApp(await apiDeps(own, loadConfig(HARNESS_ENV), () => {}), { checkResponses: true });
    } else app = h.app;
    // Warm: the first answers of a new app prepare their statements.
    await getJson(app, `/api/v1/students/${studentId}`, national);
    await getJson(app, '/api/v1/session', campus);
  }, 120_000);
  afterAll(() => own?.close());

  const viewsOf = async () =>
    (await store().db.selectFrom('audit_log').select('id').where('action', '=', 'student.view').execute())
      .length;

  async function viewWhileLocked(holdMs: number) {
    const before = await viewsOf();
    let release: Promise<unknown>;
    if (dialect === 'sqlite') release = (await holdSqliteWriteLock(store().sqlite!.name, holdMs)).done;
    else {
      const client = await store().pool!.connect();
      await client.query('begin');
      await client.query('lock table audit_log in exclusive mode');
      release = sleep(holdMs).then(async () => {
        await client.query('commit');
        client.release();
      });
    }
    const t0 = performance.now();
    const view = Promise.resolve(
      app.request(`${ORIGIN}/api/v1/students/${studentId}`, { headers: { Cookie: national } }),
    );
    // Another user's light request, arriving 20 ms later.
    await sleep(20);
    const light = await app.request(`${ORIGIN}/api/v1/session`, { headers: { Cookie: campus } });
    const lightMs = performance.now() - t0 - 20;
    const viewed = await view;
    await release;
    expect(light.status).toBe(200);
    const figure = `${dialect}: light request answered in ${Math.round(lightMs)} ms (view ${viewed.status})`;
    expect(lightMs, figure).toBeLessThan(LIGHT_MAX_MS);
    return { status: viewed.status, added: (await viewsOf()) - before };
  }

  it('a lock held less than the busy timeout: the light request is answered at once; the view waits, is shown and audited', async () => {
    expect(await viewWhileLocked(SHORT_HOLD_MS)).toEqual({ status: 200, added: 1 });
  }, 60_000);

  it.runIf(dialect === 'sqlite')(
    'a lock held past the busy timeout: the light request is answered at once; the view is a 503 with no row',
    async () => {
      expect(await viewWhileLocked(LONG_HOLD_MS)).toEqual({ status: 503, added: 0 });
    },
    60_000,
  );
});
