import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { cutoffSchoolYear, type Cutoff } from '../../domain/risk/features.js';
import { rebuildFlowCounts } from '../../storage/flow-counts.js';
import { latestCutoff, riskRows } from '../../storage/risk-queries.js';
import type { Database } from '../../storage/schema.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { currentRisk, runScoring } from './scores.js';
import { riskDrift } from './drift.js';
import { scoreAtCutoff, type CutoffScore } from './cutoff.js';
import { trainRiskModel } from './train.js';

/**
 * Deletes every record dated after the cut-off, as if the database had been copied on the cut-off's last
 * day: enrollments, module results, payments, interventions and their notes of later terms; status events
 * of later terms or dated after the term's end; year results not yet closed; stored scores; students who had
 * not entered yet; then the derived flow counts and the students' latest-enrollment columns are rebuilt.
 */
async function forgetAfter(db: Kysely<Database>, c: Cutoff): Promise<void> {
  const sy = cutoffSchoolYear(c);
  const end = (
    await db
      .selectFrom('terms')
      .select('end_date')
      .where('school_year', '=', sy)
      .where('term_no', '=', c.term)
      .executeTakeFirstOrThrow()
  ).end_date;
  const later = sql<boolean>`(school_year > ${sy} or (school_year = ${sy} and term_no > ${c.term}))`;
  await db.deleteFrom('risk_scores').execute();
  await db
    .deleteFrom('intervention_notes')
    .where('intervention_id', 'in', (eb) => eb.selectFrom('interventions').select('id').where(later))
    .execute();
  for (const t of ['interventions', 'module_results', 'scholarship_payments', 'enrollments'] as const)
    await db.deleteFrom(t).where(later).execute();
  await db
    .deleteFrom('status_events')
    .where(sql<boolean>`(${later} or event_date > ${end})`)
    .execute();
  await db
    .deleteFrom('year_results')
    .where('school_year', c.term === 2 ? '>' : '>=', sy)
    .execute();
  await db.deleteFrom('certifications').where('issued_on', '>', end).execute();
  await db
    .deleteFrom('student_identities')
    .where('student_id', 'in', (eb) =>
      eb.selectFrom('students').select('id').where('entry_year', '>', c.year),
    )
    .execute();
  await db.deleteFrom('students').where('entry_year', '>', c.year).execute();
  await sql`update students set
      last_school_year = (select e.school_year from enrollments e where e.student_id = students.id
                          order by e.school_year desc, e.term_no desc limit 1),
      last_term_no = (select e.term_no from enrollments e where e.student_id = students.id
                      order by e.school_year desc, e.term_no desc limit 1),
      last_status = (select e.end_status from enrollments e where e.student_id = students.id
                     order by e.school_year desc, e.term_no desc limit 1)`.execute(db);
  await rebuildFlowCounts(db);
}

const byId = (scores: readonly CutoffScore[]) => new Map(scores.map((s) => [s.studentId, s]));

describeEachDialect('risk at a past cut-off', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 11, scale: 0.01 });
    await trainRiskModel(store().db, { actor: 'test', trainTerms: 2 });
  }, 240_000);

  it('scores the latest cut-off as production does: the same probability for every active student', async () => {
    const db = store().db;
    const cutoff = (await latestCutoff(db))!;
    const past = byId(await scoreAtCutoff(db, cutoff));
    const now = await currentRisk(db, {});
    expect(now.size).toBeGreaterThan(500);
    for (const [id, r] of now) {
      const p = past.get(id);
      expect(p, `student ${id}`).toBeDefined();
      expect(p!.probability).toBe(r.probability);
      expect(p!.flag).toBe(r.flag);
      expect(p!.reasons.map((x) => x.es)).toEqual(r.reasons);
    }
  });

  it('back-tests stored scores against the outcomes that followed (drift), and waits for unknown ones', async () => {
    const db = store().db;
    const latest = (await latestCutoff(db))!;
    const past: Cutoff = { year: latest.year - 1, term: latest.term };
    const label = `${cutoffSchoolYear(past)}/${past.term}`;
    // The scores a run at that cut-off would have stored, then a run now.
    const scores = await scoreAtCutoff(db, past);
    await db
      .insertInto('risk_scores')
      .values(
        scores.map((s) => ({
          student_id: s.studentId,
          cutoff: label,
          campus_id: s.campusId,
          flag: s.flag,
          probability: s.probability,
          model_id: s.modelVersion,
          rule_set_id: 0,
          reasons: '[]',
          scored_at: '2025-01-01T00:00:00.000Z',
        })),
      )
      .execute();
    const { run } = await runScoring(db, {});
    const drift = await riskDrift(db);
    expect(drift.pending).toEqual([run.cutoff]);
    expect(drift.checks).toHaveLength(1);
    const d = drift.checks[0]!;
    expect(d.cutoff).toBe(label);
    expect(d.n).toBe(scores.length);
    expect(d.unmatched).toBe(0);
    const rows = await riskRows(db, past, 'history');
    expect(d.positives).toBe(rows.filter((r) => r.label === 1).length);
    expect(d.rocAuc).toBeGreaterThan(0.6);
    expect(d.ratio).toBeGreaterThan(0.7);
    expect(d.ratio).toBeLessThan(1.3);
    expect(d.modelVersions).toEqual([1]);
  });

  it('time travel: the scores at a cut-off do not change when every record dated after it is deleted', async () => {
    const db = store().db;
    const latest = (await latestCutoff(db))!;
    // A year-end cut-off and the term-end before it, both with records after them.
    const yearEnd: Cutoff = { year: latest.year - 1, term: 2 };
    const termEnd: Cutoff = { year: latest.year - 1, term: 1 };
    const before = { yearEnd: await scoreAtCutoff(db, yearEnd), termEnd: await scoreAtCutoff(db, termEnd) };
    expect(before.yearEnd.length).toBeGreaterThan(500);
    expect(before.termEnd.length).toBeGreaterThan(500);
    expect(before.yearEnd.some((s) => s.probability !== before.yearEnd[0]!.probability)).toBe(true);
    // Rows with an earlier temporary leave exist, so the feature that leaked is exercised.
    const rows = await riskRows(db, termEnd, 'history');
    expect(rows.some((r) => r.temporaryLeaves > 0)).toBe(true);

    await forgetAfter(db, yearEnd);
    expect(await scoreAtCutoff(db, yearEnd)).toEqual(before.yearEnd);
    await forgetAfter(db, termEnd);
    expect(await scoreAtCutoff(db, termEnd)).toEqual(before.termEnd);
  }, 240_000);
});
