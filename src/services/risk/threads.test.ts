/**
 * Scoring all active students on several threads gives exactly the single-threaded scores: the id shares are
 * disjoint and complete, the workers (the real worker script, bundled for this run since the test runs from
 * TypeScript) see what the caller committed, and a SQLite file replaced under them is reopened.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cutoffSchoolYear } from '../../domain/risk/features.js';
import { openStore } from '../../storage/db.js';
import { latestCutoff } from '../../storage/risk-queries.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { currentRisk, scoreShare, type StudentRisk } from './scores.js';
import { scoreInWorker, slicePlan, takeSlice, unpackRisk } from './threads.js';
import { trainRiskModel } from './train.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
// Under node_modules/, so that the bundle resolves the packages it leaves out.
const BUNDLE_DIR = join(ROOT, 'node_modules', '.trayecto-e2e');
let workerUrl: URL;

beforeAll(async () => {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const file = join(BUNDLE_DIR, `risk-worker-${process.pid}.mjs`);
  await build({
    input: join(ROOT, 'src', 'services', 'risk', 'worker.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file, format: 'esm' },
    write: true,
    logLevel: 'silent',
  });
  workerUrl = pathToFileURL(file);
}, 120_000);

afterAll(() => rmSync(join(BUNDLE_DIR, `risk-worker-${process.pid}.mjs`), { force: true }));

/** The scores as a sorted list, for exact comparison. */
const sorted = (m: ReadonlyMap<number, StudentRisk>) =>
  [...m.values()].sort((a, b) => a.studentId - b.studentId);

describeEachDialect('risk scoring on several threads', ({ store, dialect }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 11, scale: 0.01 });
  }, 120_000);

  it('cuts the ids into slices taken once each, newest first, that together score every student', async () => {
    const db = store().db;
    const whole = await currentRisk(db, {}, { threads: 1 });
    expect(whole.size).toBeGreaterThan(500);
    const ids = [...whole.keys()];
    const plan = slicePlan(Math.min(...ids), Math.max(...ids), 3);
    expect(plan.count).toBeGreaterThan(3);
    // The slices tile the range: newest first, contiguous, each taken once.
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const slices: { from: number; to: number }[] = [];
    for (let s = takeSlice(counter, plan); s; s = takeSlice(counter, plan)) slices.push(s);
    expect(slices).toHaveLength(plan.count);
    expect(slices.at(-1)?.from).toBe(Math.min(...ids));
    expect(slices[0]!.to).toBeGreaterThan(Math.max(...ids));
    for (let i = 1; i < slices.length; i++) expect(slices[i]!.to).toBe(slices[i - 1]!.from);
    // Two scorers sharing a counter at once: disjoint shares whose union is the whole.
    const shared = new Int32Array(new SharedArrayBuffer(4));
    const shares = await Promise.all([scoreShare(db, plan, shared), scoreShare(db, plan, shared)]);
    const union = new Map<number, StudentRisk>();
    for (const packed of shares) {
      expect(packed.ids.length).toBeGreaterThan(0);
      unpackRisk(packed, (studentId, flag, probability, reasons, reasonsEn, modelVersion) => {
        expect(union.has(studentId)).toBe(false);
        union.set(studentId, { studentId, flag, probability, reasons, reasonsEn, modelVersion });
      });
    }
    expect(sorted(union)).toEqual(sorted(whole));
    // Nothing is left for a late scorer.
    expect((await scoreShare(db, plan, shared)).ids.length).toBe(0);
  });

  it('gives the same scores, reasons and probabilities in worker threads as in one thread', async () => {
    const db = store().db;
    const rulesOnly = await currentRisk(db, {}, { threads: 3, workerUrl });
    expect(sorted(rulesOnly)).toEqual(sorted(await currentRisk(db, {}, { threads: 1 })));
    expect([...rulesOnly.values()].every((r) => r.probability === null)).toBe(true);

    // Any trained model will do (its quality is scores.test.ts's concern): two training cut-offs, not four.
    await trainRiskModel(db, { actor: 'test', trainTerms: 2 });
    const single = await currentRisk(db, {}, { threads: 1 });
    const parallel = await currentRisk(db, {}, { threads: 3, workerUrl });
    expect(single.size).toBe(rulesOnly.size);
    expect([...single.values()].every((r) => r.probability !== null && r.modelVersion !== null)).toBe(true);
    expect(sorted(parallel)).toEqual(sorted(single));
    expect(new Set([...parallel.values()].map((r) => r.flag))).toEqual(
      new Set(['verde', 'amarillo', 'rojo']),
    );
  }, 120_000);

  it('sees what the caller committed: a student recorded as leaving drops out, with warm workers', async () => {
    const db = store().db;
    const before = await currentRisk(db, {}, { threads: 2, workerUrl });
    const cutoff = await latestCutoff(db);
    // The worker is warm: its connection was opened by the scoring above and stays open.
    const id = [...before.keys()][Math.floor(before.size / 2)] as number;
    const s = await db
      .selectFrom('students')
      .select('campus_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const last = await db
      .selectFrom('status_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await db
      .insertInto('status_events')
      .values({
        id: Number(last.id) + 1,
        student_id: id,
        campus_id: s.campus_id,
        school_year: cutoffSchoolYear(cutoff!),
        term_no: cutoff!.term,
        event_date: `${cutoff!.year + 1}-07-15`,
        kind: 'dropout',
        reason: null,
        from_campus_id: null,
        to_campus_id: null,
        from_program_id: null,
        to_program_id: null,
      })
      .execute();
    const after = await currentRisk(db, {}, { threads: 2, workerUrl });
    expect(after.has(id)).toBe(false);
    expect(after.size).toBe(before.size - 1);
    expect(sorted(after)).toEqual(sorted(await currentRisk(db, {}, { threads: 1 })));
  });

  it.runIf(dialect === 'sqlite')('reopens a SQLite file that was replaced under a warm worker', async () => {
    const target = store().dialect === 'sqlite' ? (store().sqlite?.name as string) : '';
    const dir = join(ROOT, 'data', 'test-tmp');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `replaced-${process.pid}.db`);
    const other = `${path}.new`;
    try {
      // A checkpointed copy of the suite's database (the suite's store stays open).
      const src = openStore({ dialect: 'sqlite', file: target });
      src.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
      await src.close();
      copyFileSync(target, path);
      copyFileSync(target, other);
      const a = openStore({ dialect: 'sqlite', file: path });
      const first = await currentRisk(a.db, {}, { threads: 2, workerUrl });
      await a.close();
      // The replacement: the same data with every active student's latest enrollment ended.
      const b = openStore({ dialect: 'sqlite', file: other });
      await b.db
        .updateTable('students')
        .set({ last_status: 'dropout' })
        .where('id', 'in', [...first.keys()])
        .execute();
      b.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
      await b.close();
      renameSync(other, path);
      const c = openStore({ dialect: 'sqlite', file: path });
      const second = await currentRisk(c.db, {}, { threads: 2, workerUrl });
      await c.close();
      expect(first.size).toBeGreaterThan(500);
      expect(second.size).toBe(0);
    } finally {
      for (const f of [path, other, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    }
  });

  it('rejects with the worker’s reason when it cannot score', async () => {
    await expect(
      scoreInWorker(workerUrl, {
        target: { dialect: 'sqlite', file: join(ROOT, 'data', 'test-tmp', 'no-such-dir', 'x.db') },
        plan: { from: 1, width: 10, count: 1 },
        counter: new SharedArrayBuffer(4),
        worker: 1,
      }),
    ).rejects.toThrow(/risk worker 1: .*ENOENT/);
  });
});
