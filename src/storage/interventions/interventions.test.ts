/**
 * The interventions wing's repositories on both dialects: queue settings, the intervention log and its notes,
 * and what the wing reads about students, each answer checked against the rows read another way.
 */
import { beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../../services/operations/index.js';
import { describeEachDialect } from '../../test-support/stores.js';
import {
  actionsOf,
  insertIntervention,
  insertNote,
  interventionHead,
  interventionRecords,
  notesOf,
  updateInterventionFields,
} from './log.js';
import { allQueueSettings, queueSettingsAt, saveQueueSettings } from './queue-settings.js';
import { studentIdsOfGroups, studentLatest, studentNames, studentPlaces, termOfDate } from './students.js';

describeEachDialect('interventions repositories', ({ store }) => {
  let year: string;
  let student: {
    id: number;
    campus_id: number;
    last_school_year: string | null;
    last_term_no: number | null;
  };
  beforeAll(async () => {
    await loadDemo(store(), { seed: 11, scale: 0.005, force: false });
    const db = store().db;
    year = (await db.selectFrom('school_years').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow())
      .id;
    student = await db
      .selectFrom('students')
      .select(['id', 'campus_id', 'last_school_year', 'last_term_no'])
      .where('last_school_year', '=', year)
      .orderBy('id')
      .executeTakeFirstOrThrow();
  }, 120_000);

  it('saves queue settings per level, replacing a level whole, and reads them back', async () => {
    const db = store().db;
    expect(await queueSettingsAt(db, 'state', 15)).toBeNull();
    const s = {
      level: 'state' as const,
      scopeId: 15,
      tutorCapacity: 30,
      campusCapacity: null,
      escalateAfterDays: 9,
    };
    await saveQueueSettings(db, s, 'ana', '2026-12-01T00:00:00Z');
    expect(await queueSettingsAt(db, 'state', 15)).toEqual(s);
    await saveQueueSettings(
      db,
      { ...s, tutorCapacity: null, campusCapacity: 500 },
      'ana',
      '2026-12-02T00:00:00Z',
    );
    const all = await allQueueSettings(db);
    expect(all.filter((r) => r.level === 'state' && r.scopeId === 15)).toEqual([
      { ...s, tutorCapacity: null, campusCapacity: 500 },
    ]);
    const raw = await db
      .selectFrom('queue_settings')
      .selectAll()
      .where('scope_id', '=', 15)
      .executeTakeFirstOrThrow();
    expect(raw).toMatchObject({ updated_by: 'ana', updated_at: '2026-12-02T00:00:00Z' });
    expect(all).toHaveLength(
      Number(
        (
          await db
            .selectFrom('queue_settings')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  });

  it('inserts an intervention with the next id, changes its fields, and lists it with its notes', async () => {
    const db = store().db;
    const before = await db
      .selectFrom('interventions')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    const id = await insertIntervention(db, {
      studentId: student.id,
      campusId: student.campus_id,
      schoolYear: year,
      termNo: 1,
      kind: 'tutoring',
      startDate: '2030-01-10',
      endDate: null,
      sessions: 1,
      description: 'Primera sesión',
      assignedBy: null,
      at: '2030-01-10T10:00:00Z',
    });
    expect(id).toBe(Number(before?.m ?? 0) + 1);
    expect(await interventionHead(db, id)).toEqual({
      id,
      studentId: student.id,
      campusId: student.campus_id,
      startDate: '2030-01-10',
    });
    expect(await interventionHead(db, id + 1000)).toBeNull();
    await updateInterventionFields(
      db,
      id,
      { sessions: 3, outcome: 'concluida', endDate: '2030-02-01' },
      'T1',
    );
    const n1 = await insertNote(db, {
      interventionId: id,
      studentId: student.id,
      campusId: student.campus_id,
      authorId: null,
      authorName: 'Tutoría',
      date: '2030-01-20',
      body: 'Seguimiento',
      at: 'T2',
    });
    const n0 = await insertNote(db, {
      interventionId: id,
      studentId: student.id,
      campusId: student.campus_id,
      authorId: null,
      authorName: 'Tutoría',
      date: '2030-01-15',
      body: 'Antes',
      at: 'T3',
    });
    expect(n0).toBe(n1 + 1);
    expect((await notesOf(db, id)).map((n) => [n.id, n.date, n.body])).toEqual([
      [n0, '2030-01-15', 'Antes'],
      [n1, '2030-01-20', 'Seguimiento'],
    ]);
    const raw = await db
      .selectFrom('interventions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(raw).toMatchObject({
      sessions: 3,
      outcome: 'concluida',
      end_date: '2030-02-01',
      notes: 'Primera sesión',
    });
    expect(raw.updated_at).toBe('T3'); // a note marks its intervention updated
    const [mine] = await interventionRecords(db, { studentId: student.id, limit: 1 });
    expect(mine).toMatchObject({
      id,
      studentId: student.id,
      sessions: 3,
      outcome: 'concluida',
      description: 'Primera sesión',
      noteCount: 2,
      lastNoteDate: '2030-01-20',
      assignedByName: null,
    });
    expect(
      await interventionRecords(db, { studentId: student.id, openOnly: true, limit: 50 }),
    ).not.toContainEqual(expect.objectContaining({ id }));
    const { interventions, notes } = await actionsOf(db, [student.id]);
    expect(interventions).toContainEqual({
      studentId: student.id,
      kind: 'tutoring',
      startDate: '2030-01-10',
      outcome: 'concluida',
    });
    expect(
      notes
        .filter((n) => n.date >= '2030-01-01')
        .map((n) => n.date)
        .sort(),
    ).toEqual(['2030-01-15', '2030-01-20']);
  });

  it('filters the log by students, campus, state and kind like a plain read of the table', async () => {
    const db = store().db;
    const all = await db
      .selectFrom('interventions as i')
      .innerJoin('campuses as c', 'c.id', 'i.campus_id')
      .select(['i.id', 'i.student_id', 'i.campus_id', 'c.state_id', 'i.kind', 'i.outcome'])
      .execute();
    expect(all.length).toBeGreaterThan(1);
    const ids = (f: (r: (typeof all)[number]) => boolean) =>
      all
        .filter(f)
        .map((r) => Number(r.id))
        .sort((a, b) => a - b);
    const got = async (f: Parameters<typeof interventionRecords>[1]) =>
      (await interventionRecords(db, f)).map((r) => r.id).sort((a, b) => a - b);
    const some = all[0]!;
    expect(await got({ campusId: some.campus_id, limit: 100_000 })).toEqual(
      ids((r) => r.campus_id === some.campus_id),
    );
    expect(await got({ stateId: some.state_id, limit: 100_000 })).toEqual(
      ids((r) => r.state_id === some.state_id),
    );
    expect(await got({ studentIds: [], limit: 100_000 })).toEqual([]);
    expect(
      await got({ stateId: some.state_id, kind: some.kind, alsoCampusId: some.campus_id, limit: 100_000 }),
    ).toEqual(ids((r) => r.campus_id === some.campus_id && r.kind === some.kind));
    expect(await got({ limit: 100_000, openOnly: true })).toEqual(ids((r) => r.outcome === null));
    const newest = await interventionRecords(db, { limit: 3 });
    expect(newest).toHaveLength(3);
    for (let i = 1; i < newest.length; i++)
      expect(newest[i - 1]!.startDate >= newest[i]!.startDate).toBe(true);
  });

  it('reads a tutor’s students, where students are now, their names, and the term of a date', async () => {
    const db = store().db;
    const enr = await db
      .selectFrom('enrollments')
      .select(['student_id', 'group_code', 'campus_id'])
      .where('campus_id', '=', student.campus_id)
      .where('school_year', '=', year)
      .execute();
    const group = enr[0]!.group_code;
    const expected = [...new Set(enr.filter((e) => e.group_code === group).map((e) => Number(e.student_id)))];
    expect((await studentIdsOfGroups(db, student.campus_id, year, [group])).sort((a, b) => a - b)).toEqual(
      expected.sort((a, b) => a - b),
    );
    expect(await studentIdsOfGroups(db, student.campus_id, year, [])).toEqual([]);
    const places = await studentPlaces(db, [student.id, -5], year);
    expect(places.size).toBe(1);
    const campus = await db
      .selectFrom('campuses')
      .selectAll()
      .where('id', '=', student.campus_id)
      .executeTakeFirstOrThrow();
    const e = await db
      .selectFrom('enrollments')
      .select('group_code')
      .where('student_id', '=', student.id)
      .where('school_year', '=', year)
      .where('term_no', '=', student.last_term_no ?? -1)
      .executeTakeFirst();
    expect(places.get(student.id)).toMatchObject({
      cct: campus.cct,
      campusId: campus.id,
      stateId: campus.state_id,
      group: e?.group_code ?? null,
    });
    const ident = await db
      .selectFrom('student_identities')
      .selectAll()
      .where('student_id', '=', student.id)
      .executeTakeFirstOrThrow();
    expect((await studentNames(db, [student.id, student.id])).get(student.id)).toBe(
      `${ident.given_names} ${ident.first_surname} ${ident.second_surname}`.trim(),
    );
    expect(await studentLatest(db, student.id)).toEqual({
      campusId: student.campus_id,
      schoolYear: student.last_school_year,
      termNo: student.last_term_no,
    });
    expect(await studentLatest(db, -1)).toBeNull();
    const term = await db.selectFrom('terms').selectAll().orderBy('start_date').executeTakeFirstOrThrow();
    expect(await termOfDate(db, term.start_date)).toEqual({
      schoolYear: term.school_year,
      termNo: Number(term.term_no),
    });
    expect(await termOfDate(db, '1900-01-01')).toBeNull();
  });
});
