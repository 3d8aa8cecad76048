/**
 * Issue 15 bug: re-importing a student's first enrollment unchanged was refused ("cambio de plantel sin
 * traslado") when the student transferred later, because the first enrollment was checked against the student's
 * current campus (the receiving one). An unchanged row is accepted as unchanged (nothing written); a real change
 * of that first enrollment's campus without a transfer is still refused.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../storage/db.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { enrollmentFile, enrollmentsOfTransferred } from '../../test-support/import-harness.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { importRecords } from './records.js';

/** The first enrollment of a student who later transferred to another campus, as its campus exports it. */
async function firstEnrollmentOfTransferred(store: Store) {
  const rows = await enrollmentsOfTransferred(store);
  // Rows come by student, then school year and term: a student's first row is their first enrollment.
  for (const [k, first] of rows.entries())
    if (rows[k - 1]?.student_id !== first.student_id && Number(first.campus_id) !== Number(first.campus_now))
      return first;
  throw new Error('the demo has no student who transferred after their first enrollment');
}

type First = Awaited<ReturnType<typeof firstEnrollmentOfTransferred>>;
const file = (e: First, cct = e.cct) => enrollmentFile(e, cct);

describeEachDialect('re-importing the first enrollment of a student who transferred later', ({ store }) => {
  let first: First;
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
    first = await firstEnrollmentOfTransferred(store());
  }, 180_000);

  it('is accepted as unchanged, with nothing written', async () => {
    const s = await importRecords(store(), 'enrollments', file(first), 'inscripciones.csv');
    expect(s.issues.map((i) => i.message)).toEqual([]);
    expect([s.rejected, s.inserted, s.updated, s.unchanged]).toEqual([false, 0, 0, 1]);
    const row = await store()
      .db.selectFrom('enrollments')
      .select(['campus_id', 'attendance_pct'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect([Number(row.campus_id), Number(row.attendance_pct)]).toEqual([
      Number(first.campus_id),
      Number(first.attendance_pct),
    ]);
  });

  it('a change of that enrollment to the later campus, without a transfer then, is still refused', async () => {
    const later = await store()
      .db.selectFrom('campuses')
      .select('cct')
      .where('id', '=', Number(first.campus_now))
      .executeTakeFirstOrThrow();
    const s = await importRecords(store(), 'enrollments', file(first, later.cct), 'inscripciones.csv');
    expect(s.rejected).toBe(true);
    expect(s.issues[0]).toMatchObject({ line: 2, column: 'cct', value: later.cct });
    expect(s.issues[0]?.message).toMatch(/^cambio de plantel sin traslado/);
    const row = await store()
      .db.selectFrom('enrollments')
      .select('campus_id')
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.campus_id)).toBe(Number(first.campus_id));
  });
});
