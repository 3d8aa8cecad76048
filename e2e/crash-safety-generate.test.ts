/**
 * Crash safety of generation: `trayecto generate` killed with SIGKILL at seeded random moments of its run. On
 * SQLite the database is then absent, the old one or the complete new one, and no temporary file survives; on
 * PostgreSQL the schema is empty or complete (one transaction). Imports killed: e2e/crash-safety.test.ts; the
 * machinery is in e2e/crash-harness.ts (this file builds its own child bundle, in its own vitest worker).
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../src/test-support/stores.js';
import {
  backendsGone,
  buildChild,
  outcomeLog,
  pgAvailable,
  random,
  removeChild,
  runChild,
  SEED,
  snapshot,
  sqliteSnapshot,
  type Snapshot,
} from './crash-harness.js';
import { tempDir, type TempDir } from './helpers.js';

const log = outcomeLog();
const { outcomes } = log;

let dir: TempDir;

beforeAll(async () => {
  dir = tempDir('trayecto-crash-gen-');
  await buildChild();
});

afterAll(() => {
  dir?.remove();
  removeChild();
  console.log(`[crash-safety] ${log.report(SEED)}`);
});

describe('killing trayecto generate', () => {
  const GEN = ['--scale', '0.002', '--seed'];

  it('SQLite: the database is absent, the old one, or the complete new one; no temporary file survives', async () => {
    const db = dir.file('gen.db');
    const snap = async () => (existsSync(db) ? sqliteSnapshot(db) : null);
    // Complete runs with two seeds: the "old" and the "new" database.
    const calibOld = await runChild(['generate', ...GEN, '1', '--db', db], null);
    expect(calibOld.code, calibOld.stderr).toBe(0);
    const old = await snap();
    const calibNew = await runChild(['generate', ...GEN, '2', '--force', '--db', db], null);
    expect(calibNew.code, calibNew.stderr).toBe(0);
    const fresh = await snap();
    expect(fresh?.core).not.toEqual(old?.core);
    const rnd = random(SEED + 3);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const replacing = i % 2 === 1;
      rmSync(db, { force: true });
      if (replacing) expect((await runChild(['generate', ...GEN, '1', '--db', db], null)).code).toBe(0);
      const delay = calibNew.ms * 1.1 * rnd();
      const exit = await runChild(['generate', ...GEN, '2', '--force', '--db', db], delay);
      const now = await snap();
      let state: string;
      if (now === null) state = 'absent';
      else if (replacing && JSON.stringify(now.core) === JSON.stringify(old?.core)) state = 'old';
      else {
        expect(now.core, `generate kill ${i}: a partial database`).toEqual(fresh?.core);
        state = 'new';
      }
      if (!replacing) expect(state).not.toBe('old');
      seen.push(`${exit.killed ? 'killed' : 'finished'} at ${Math.round(delay)} ms → ${state}`);
      outcomes.push({
        variant: 'generate-sqlite',
        delayMs: delay,
        killed: exit.killed,
        state: state === 'new' ? 'after' : 'before',
        evidence: null,
      });
    }
    // The next run succeeds, and no temporary file of a killed run is left next to the database.
    const last = await runChild(['generate', ...GEN, '2', '--force', '--db', db], null);
    expect(last.code, last.stderr).toBe(0);
    expect((await snap())?.core).toEqual(fresh?.core);
    expect(readdirSync(dir.path).filter((f) => f.startsWith('gen.db.tmp-'))).toEqual([]);
    console.log(`[crash-safety] generate (SQLite): ${seen.join('; ')}`);
  });

  it.skipIf(!pgAvailable())('PostgreSQL: the schema is empty or complete (one transaction)', async () => {
    const empty = await createTestStore('postgres');
    const states: Snapshot[] = [];
    const seen: string[] = [];
    try {
      const before = await snapshot(empty.store.db);
      const urlOf = (t: TestStore) =>
        (t.store.pool?.options as { connectionString: string }).connectionString;
      const calib = await runChild(['generate', ...GEN, '3', '--db', urlOf(empty)], null);
      expect(calib.code, calib.stderr).toBe(0);
      const complete = await snapshot(empty.store.db);
      expect(complete.core).not.toEqual(before.core);
      const rnd = random(SEED + 5);
      for (let i = 0; i < 2; i++) {
        const t = await createTestStore('postgres');
        try {
          const app = `trayecto-crash-gen-${process.pid}-${i}`;
          const delay = calib.ms * rnd();
          const exit = await runChild(['generate', ...GEN, '3', '--db', urlOf(t)], delay, { PGAPPNAME: app });
          await backendsGone(t.store, app);
          const now = await snapshot(t.store.db);
          const state = JSON.stringify(now.core) === JSON.stringify(before.core) ? 'empty' : 'complete';
          if (state === 'complete')
            expect(now.core, `generate kill ${i}: a partial schema`).toEqual(complete.core);
          states.push(now);
          seen.push(`${exit.killed ? 'killed' : 'finished'} at ${Math.round(delay)} ms → ${state}`);
          outcomes.push({
            variant: 'generate-postgres',
            delayMs: delay,
            killed: exit.killed,
            state: state === 'complete' ? 'after' : 'before',
            evidence: null,
          });
        } finally {
          await t.dispose();
        }
      }
    } finally {
      await empty.dispose();
    }
    expect(states).toHaveLength(2);
    console.log(`[crash-safety] generate (PostgreSQL): ${seen.join('; ')}`);
  });
});
