/**
 * Issue 15: an import reports every (table, school year, campus) cell it wrote, before and after (a moved
 * enrollment's old and new campus), and flow counts are rebuilt for those cells only. Enrollments files with
 * random changes to a demo (moves between campuses, programs, new entry, groups; rows deleted and imported
 * again): every row the import inserted or changed lies in a cell of the footprint (where it was and where it
 * is), and the flow counts the incremental rebuild left equal a full rebuild (src/test-support/footprint-check.ts).
 * The other record kinds: footprint-records.test.ts.
 */
import { beforeAll, expect, it } from 'vitest';
import { rebuildFlowCounts } from '../../storage/flow-counts.js';
import {
  EN_HEADER,
  EN_STATUS,
  expectFlowCountsCurrent,
  firstEnrollments,
  importChecked,
  random,
} from '../../test-support/footprint-check.js';
import { csvFile as csv, describeImports, type CsvValue } from '../../test-support/import-harness.js';

type Value = CsvValue;

describeImports('imports: footprint and incremental flow counts (enrollments)', 15, ({ store }) => {
  const rnd = random(15);
  let campuses: { id: number; cct: string }[];
  let programs: { id: number; code: string }[];
  beforeAll(async () => {
    campuses = await store().db.selectFrom('campuses').select(['id', 'cct']).orderBy('id').execute();
    programs = await store().db.selectFrom('programs').select(['id', 'code']).orderBy('id').execute();
  }, 120_000);

  /** Term-1 first enrollments, one per student, with what a file needs. */
  const enrollments = (limit: number, offset = 0) => firstEnrollments(store(), limit, offset);
  type Enrollment = Awaited<ReturnType<typeof enrollments>>[number];
  const enLine = (e: Enrollment, o: Partial<Record<'cct' | 'code' | 'new_entry' | 'group', Value>> = {}) => [
    e.curp,
    o.cct ?? e.cct,
    o.code ?? e.code,
    e.school_year,
    e.term_no,
    e.semester,
    o.group ?? e.group_code,
    o.new_entry ?? e.new_entry,
    e.grade_avg,
    e.failed_modules,
    e.attendance_pct,
    e.scholarship_delay_days,
    EN_STATUS[e.end_status] ?? 'concluido',
  ];

  /** Records a transfer of the student to `to` in the enrollment's term (what lets the import move it). */
  async function transferTo(e: Enrollment, to: number) {
    const max = await store()
      .db.selectFrom('status_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    await store()
      .db.insertInto('status_events')
      .values({
        id: Number(max?.id ?? 0) + 1,
        student_id: e.student_id,
        campus_id: to,
        school_year: e.school_year,
        term_no: e.term_no,
        event_date: `${e.school_year.slice(0, 4)}-08-01`,
        kind: 'transfer',
        reason: null,
        from_campus_id: e.campus_id,
        to_campus_id: to,
      })
      .execute();
  }

  it('moving a past enrollment from campus A to B rebuilds A and B in that year only, as a full rebuild would', async () => {
    const [e] = await enrollments(1, 40);
    if (!e) throw new Error('no enrollment');
    const b = campuses.find((c) => c.id !== e.campus_id) as { id: number; cct: string };
    await transferTo(e, b.id);
    // A campus the move does not concern, with a wrong count: an incremental rebuild leaves it alone.
    // (In another state: the state × program roll-up sums the campuses of the states it rebuilds.)
    const states = await store()
      .db.selectFrom('campuses')
      .select('state_id')
      .where('id', 'in', [e.campus_id, b.id])
      .execute();
    const other = await store()
      .db.selectFrom('flow_counts as f')
      .innerJoin('campuses as c', 'c.id', 'f.campus_id')
      .select(['f.campus_id', 'f.program_id', 'f.sex', 'f.semester', 'f.mt'])
      .where('f.school_year', '=', e.school_year)
      .where(
        'c.state_id',
        'not in',
        states.map((x) => x.state_id),
      )
      .orderBy('f.campus_id')
      .executeTakeFirstOrThrow();
    const sentinel = () =>
      store()
        .db.selectFrom('flow_counts')
        .select('mt')
        .where('school_year', '=', e.school_year)
        .where('campus_id', '=', other.campus_id)
        .where('program_id', '=', other.program_id)
        .where('sex', '=', other.sex)
        .where('semester', '=', other.semester)
        .executeTakeFirstOrThrow();
    const mtAt = async (campus: number) =>
      Number(
        (
          await store()
            .db.selectFrom('flow_counts')
            .select((eb) => eb.fn.sum<number>('mt').as('mt'))
            .where('school_year', '=', e.school_year)
            .where('campus_id', '=', campus)
            .executeTakeFirst()
        )?.mt ?? 0,
      );
    const [atA, atB] = [await mtAt(e.campus_id), await mtAt(b.id)];
    await store()
      .db.updateTable('flow_counts')
      .set({ mt: other.mt + 1000 })
      .where('school_year', '=', e.school_year)
      .where('campus_id', '=', other.campus_id)
      .where('program_id', '=', other.program_id)
      .where('sex', '=', other.sex)
      .where('semester', '=', other.semester)
      .execute();

    const { summary, touched } = await importChecked(
      store(),
      'enrollments',
      csv(EN_HEADER, [enLine(e, { cct: b.cct })]),
    );
    expect([summary.inserted, summary.updated]).toEqual([0, 1]);
    expect(touched.cells('enrollments')).toEqual(
      expect.arrayContaining([
        { year: e.school_year, campus: e.campus_id },
        { year: e.school_year, campus: b.id },
      ]),
    );
    expect(summary.refreshedYears).toEqual([e.school_year]);
    expect([await mtAt(e.campus_id), await mtAt(b.id)]).toEqual([atA - 1, atB + 1]);
    expect(Number((await sentinel()).mt)).toBe(other.mt + 1000);
    // Everything but the planted count is what a full rebuild gives.
    await store()
      .db.updateTable('flow_counts')
      .set({ mt: other.mt })
      .where('school_year', '=', e.school_year)
      .where('campus_id', '=', other.campus_id)
      .where('program_id', '=', other.program_id)
      .where('sex', '=', other.sex)
      .where('semester', '=', other.semester)
      .execute();
    await expectFlowCountsCurrent(store());
  });

  it('enrollments with random changes (campus moves, programs, new entry, groups): footprint complete, counts current', async () => {
    const rows = await enrollments(60, 100);
    const lines = [];
    for (const e of rows) {
      const r = rnd();
      if (r < 0.25) {
        const b = campuses[Math.floor(rnd() * campuses.length)] as { id: number; cct: string };
        await transferTo(e, b.id);
        lines.push(enLine(e, { cct: b.cct }));
      } else if (r < 0.5) {
        const p = programs[Math.floor(rnd() * programs.length)] as { code: string };
        lines.push(enLine(e, { code: p.code }));
      } else if (r < 0.75) lines.push(enLine(e, { new_entry: e.new_entry ? 0 : 1 }));
      else lines.push(enLine(e, { group: `${e.group_code}X` }));
    }
    await importChecked(store(), 'enrollments', csv(EN_HEADER, lines));
    await expectFlowCountsCurrent(store());
  });

  it('enrollments deleted and imported again (inserts): footprint complete, counts current', async () => {
    const rows = await enrollments(30, 200);
    // Last enrollments only (nothing after them), so that the trajectory checks let them back in.
    const last = [];
    for (const e of rows) {
      const later = await store()
        .db.selectFrom('enrollments')
        .select('id')
        .where('student_id', '=', e.student_id)
        .where('id', '!=', e.id)
        .execute();
      if (later.length === 0) last.push(e);
    }
    const pick = last.length > 0 ? last : rows.slice(0, 0);
    if (pick.length === 0) return;
    await store()
      .db.deleteFrom('module_results')
      .where(
        'student_id',
        'in',
        pick.map((e) => e.student_id),
      )
      .execute();
    await store()
      .db.deleteFrom('enrollments')
      .where(
        'id',
        'in',
        pick.map((e) => e.id),
      )
      .execute();
    await rebuildFlowCounts(store().db);
    await importChecked(
      store(),
      'enrollments',
      csv(
        EN_HEADER,
        pick.map((e) => enLine(e)),
      ),
    );
    await expectFlowCountsCurrent(store());
  });
});
