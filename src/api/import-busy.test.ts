/**
 * Issue 11 (brief write, item 2): an API import that meets another writer (a CLI import on the same SQLite file,
 * another process holding a write transaction) waits for it — every SQLite connection has the busy timeout of
 * TRAYECTO_SQLITE_BUSY_TIMEOUT_MS — and succeeds; past the wait the API answers 503 with Retry-After and a
 * Spanish message, never a 500, and nothing of the import is written. On PostgreSQL the import waits for the
 * other transaction's locks and succeeds.
 */
import { spawn } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_BUSY_TIMEOUT_MS, loadConfig } from '../config.js';
import { errorOf } from '../services/analyses/protocol.js';
import { openStore, type Store } from '../storage/db.js';
import { MODULE_RESULTS_HEADER, moduleResultRows } from '../test-support/import-harness.js';
import { describeEachDialect } from '../test-support/stores.js';
import { createApp } from './app.js';
import { apiDeps } from './server.js';
import { createHarness, HARNESS_ENV, login, ORIGIN, type App, type Harness } from './test-helpers.js';

const HEADER = MODULE_RESULTS_HEADER;

/** Another process that takes the SQLite write lock (BEGIN IMMEDIATE), holds it `ms`, then commits. */
async function holdSqliteWriteLock(file: string, ms: number): Promise<{ done: Promise<void> }> {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
db.exec('COMMIT'); db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Promise<void>((ok, fail) =>
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`holder exited ${code}`)))),
  );
  await new Promise<void>((ok, fail) => {
    child.stdout.on('data', (d: Buffer) => (d.toString().includes('locked') ? ok() : undefined));
    child.on('exit', () => fail(new Error('holder ended before taking the lock')));
  });
  return { done };
}

describeEachDialect('an API import meeting another writer', ({ store, dialect }) => {
  let h: Harness;
  let cookie: string;
  let rows: { line: string; id: number; grade: number }[];
  beforeAll(async () => {
    h = await createHarness(store());
    cookie = await login(h, 'national');
    const found = await moduleResultRows(store(), { gradeBelow: 9, limit: 2 });
    rows = found.map((r) => ({
      id: r.id,
      grade: Number(r.grade),
      // The same row with another grade: an import that writes.
      line: [r.curp, r.cct, r.school_year, r.term_no, r.code, Number(r.grade) + 1, r.attendance_pct].join(
        ',',
      ),
    }));
  }, 120_000);

  const upload = (app: App, line: string) =>
    app.request(`${ORIGIN}/api/v1/imports/module-results?filename=calificaciones.csv`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': 'text/csv' },
      body: `${HEADER}\n${line}\n`,
    });
  const gradeOf = async (id: number) =>
    Number(
      (
        await store()
          .db.selectFrom('module_results')
          .select('grade')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).grade,
    );
  const runs = async () => (await store().db.selectFrom('import_runs').select('id').execute()).length;

  it('waits for the other writer (a process holding the write lock 1.5 s) and then imports', async () => {
    const row = rows[0]!;
    let release: Promise<unknown>;
    if (dialect === 'sqlite') {
      release = (await holdSqliteWriteLock(store().sqlite!.name, 1_500)).done;
    } else {
      const client = await store().pool!.connect();
      await client.query('begin');
      await client.query('lock table module_results in exclusive mode');
      release = new Promise((ok) => setTimeout(ok, 1_500)).then(async () => {
        await client.query('commit');
        client.release();
      });
    }
    const res = await upload(h.app, row.line);
    await release;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rejected: false, updated: 1 });
    expect(await gradeOf(row.id)).toBe(row.grade + 1);
  }, 60_000);

  describe.runIf(dialect === 'sqlite')('past the busy timeout (SQLite)', () => {
    let busy: Store;
    let app: App;
    beforeAll(async () => {
      // The server as configured with a short wait: its connection opened from the configured target.
      const config = loadConfig({ ...HARNESS_ENV, TRAYECTO_SQLITE_BUSY_TIMEOUT_MS: '200' });
      expect(config.database).toMatchObject({ dialect: 'sqlite', busyTimeoutMs: 200 });
      busy = openStore({ dialect: 'sqlite', file: store().sqlite!.name, busyTimeoutMs: 200 });
      app = createApp(await apiDeps(busy, config, () => {}), { checkResponses: true });
    });
    afterAll(() => busy.close());

    it('answers 503 with Retry-After and a Spanish message, and writes nothing', async () => {
      const row = rows[1]!;
      const before = await runs();
      const { done: release } = await holdSqliteWriteLock(store().sqlite!.name, 3_000);
      const res = await upload(app, row.line);
      await release;
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('database_busy');
      expect(body.error.message).toMatch(/^La base de datos está ocupada/);
      expect(await gradeOf(row.id)).toBe(row.grade);
      expect(await runs()).toBe(before);
      // Once the other writer is done, the same upload goes through.
      const again = await upload(app, row.line);
      expect(again.status).toBe(200);
      expect(await gradeOf(row.id)).toBe(row.grade + 1);
    }, 60_000);
  });
});

describe('SQLite busy timeout', () => {
  it('every connection gets the configured wait (TRAYECTO_SQLITE_BUSY_TIMEOUT_MS), 5 s by default', () => {
    expect(loadConfig({}).database).toMatchObject({ busyTimeoutMs: DEFAULT_SQLITE_BUSY_TIMEOUT_MS });
    expect(DEFAULT_SQLITE_BUSY_TIMEOUT_MS).toBe(5_000);
    expect(() => loadConfig({ TRAYECTO_SQLITE_BUSY_TIMEOUT_MS: 'x' })).toThrow(
      /TRAYECTO_SQLITE_BUSY_TIMEOUT_MS/,
    );
    for (const ms of [undefined, 1_234]) {
      const s = openStore({ dialect: 'sqlite', file: ':memory:', ...(ms ? { busyTimeoutMs: ms } : {}) });
      expect(s.sqlite?.pragma('busy_timeout', { simple: true })).toBe(ms ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS);
      void s.close();
    }
  });

  it('a busy error crosses from the import worker as the 503 error, not an internal one', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) {
      const e = errorOf(new SQLite.SqliteError('database is locked', code));
      expect(e).toMatchObject({ kind: 'unavailable', code: 'database_busy' });
    }
    expect(errorOf(new SQLite.SqliteError('no such table: x', 'SQLITE_ERROR')).kind).toBeNull();
  });
});
