/**
 * Keys with campus_id (migration 0019, docs/SCALING.md "Distribution"): the database now accepts two enrollments
 * of one student in one term at two campuses, so "one enrollment per student and term" is the record import's
 * rule. A row naming another campus for a term already stored updates that enrollment (or is refused, as a change
 * of campus without a transfer); it never adds a second one.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../storage/db.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { enrollmentFile, enrollmentsOfTransferred } from '../../test-support/import-harness.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { importRecords } from './records.js';

/** An enrollment at a campus other than the student's previous term's (the term after a transfer). */
async function enrollmentAfterTransfer(store: Store) {
  const rows = await enrollmentsOfTransferred(store);
  for (let k = 1; k < rows.length; k++) {
    const [prev, cur] = [rows[k - 1], rows[k]];
    if (prev && cur && prev.student_id === cur.student_id && prev.campus_id !== cur.campus_id)
      return { ...cur, previousCampusId: Number(prev.campus_id) };
  }
  throw new Error('the demo has no enrollment after a transfer');
}

type Enrollment = Awaited<ReturnType<typeof enrollmentAfterTransfer>>;
const file = (e: Enrollment, cct: string) => enrollmentFile(e, cct);

describeEachDialect('one enrollment per student and term, with campus_id in the keys', ({ store }) => {
  let e: Enrollment;
  const termRows = () =>
    store()
      .db.selectFrom('enrollments')
      .select(['id', 'campus_id'])
      .where('student_id', '=', e.student_id)
      .where('school_year', '=', e.school_year)
      .where('term_no', '=', e.term_no)
      .execute();

  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
    e = await enrollmentAfterTransfer(store());
  }, 180_000);

  it('is no longer the database: a second row of the term at another campus fits the key', async () => {
    const db = store().db;
    const { id } = await db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const rolledBack = new Error('roll back');
    const outcome = await db
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .selectFrom('enrollments')
          .selectAll()
          .where('id', '=', e.id)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('enrollments')
          .values({ ...row, id: Number(id) + 1, campus_id: e.previousCampusId })
          .execute();
        throw rolledBack;
      })
      .catch((err: unknown) => err);
    expect(outcome).toBe(rolledBack);
    expect(await termRows()).toHaveLength(1);
  });

  it('is the import: the term named at the previous campus moves the one enrollment, never adds one', async () => {
    const sending = await store()
      .db.selectFrom('campuses')
      .select('cct')
      .where('id', '=', e.previousCampusId)
      .executeTakeFirstOrThrow();
    const s = await importRecords(store(), 'enrollments', file(e, sending.cct), 'inscripciones.csv');
    const rows = await termRows();
    expect(rows).toHaveLength(1);
    if (s.rejected) expect(s.issues[0]?.message).toMatch(/^cambio de plantel sin traslado/);
    else {
      expect([s.inserted, s.updated]).toEqual([0, 1]);
      expect(rows.map((r) => [r.id, Number(r.campus_id)])).toEqual([[e.id, e.previousCampusId]]);
    }
  });
});
