/**
 * Issue 15: `trayecto generate --scale N` streams with bounded memory. Scale 0.03 generated as three replicas of
 * 0.01 (the same path as scale 4 = four replicas of 1; school years 2023-2024 to 2025-2026) must peak at about the
 * heap of scale 0.01: a generator or loader that kept the rows or the students already written would grow with
 * every replica (a replica writes ≈ 80,000 rows and 5,000 students, ≈ 15 MB if kept).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { bulkLoader } from '../../storage/bulk.js';
import { generate, type YearProgress } from '../../synth/generate.js';
import { SYNTH_COLUMNS } from '../../synth/tables.js';
import { createTestStore, describeEachDialect } from '../../test-support/stores.js';
import { streamGeneration } from './generate-stream.js';
import { loadReferenceCampuses } from './reference-files.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const REPLICA = 0.01;

interface Run {
  readonly peakHeap: number;
  readonly students: number;
  readonly years: number;
  readonly enrollments: number;
}

async function generateMeasured(dialect: 'sqlite' | 'postgres', scale: number): Promise<Run> {
  const test = await createTestStore(dialect);
  const { store } = test;
  try {
    const campuses = loadReferenceCampuses().campuses;
    let peakHeap = 0;
    let years = 0;
    const summary = await store.db.transaction().execute(async (trx) => {
      if (dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
      const loader = bulkLoader(store, trx, SYNTH_COLUMNS);
      const gen = generate(
        { seed: 7, scale, replicaScale: REPLICA, campuses, firstStartYear: 2023, lastStartYear: 2025 },
        loader,
      );
      return await streamGeneration(
        gen,
        loader,
        () => years++,
        (_: YearProgress | null) => {
          gc();
          peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        },
      );
    });
    const enrollments = await store.db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { peakHeap, students: summary.students, years, enrollments: Number(enrollments.n) };
  } finally {
    await test.dispose();
  }
}

// Each run needs a store of its own: the suite's store is not used.
describeEachDialect('generation memory', ({ dialect }) => {
  it('peaks at about the same heap for three replicas as for one (nothing written is kept)', async () => {
    const one = await generateMeasured(dialect, REPLICA);
    const three = await generateMeasured(dialect, 3 * REPLICA);
    // Three replicas were really generated: three times the years, students and rows.
    expect(three.years).toBe(3 * one.years);
    expect(three.students / one.students).toBeGreaterThan(2.9);
    expect(three.enrollments / one.enrollments).toBeGreaterThan(2.9);
    const MB = 1_048_576;
    // What may grow: the CURP set (8 bytes a slot) and caches of dates; 8 MB is far below one replica's rows.
    const growth = (three.peakHeap - one.peakHeap) / MB;
    expect(
      growth,
      `peak heap ${(one.peakHeap / MB).toFixed(1)} → ${(three.peakHeap / MB).toFixed(1)} MB`,
    ).toBeLessThan(8);
  }, 600_000);
});
