/**
 * The transfer-request repository (transfers.ts) on both dialects, on a small hand-built world: requests
 * listed by the campuses they touch (sender or receiver) and status, a decision taken once, the status event of
 * a confirmed transfer at the right term, the student moved, lookups by CURP, CCT and id.
 */
import { expect, it } from 'vitest';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  campusByCct,
  campusById,
  decideTransferRequest,
  findTransferRequest,
  insertTransferRequest,
  listTransferRequests,
  pendingTransferOf,
  recordTransfer,
  studentPlaceByCurp,
} from './transfers.js';

describeEachDialect('transfers repository', ({ store }) => {
  it('lists requests by the campuses they touch and by status, decides each once, records the transfer', async () => {
    const db = store().db;
    await buildPlaces(db);
    // 1 last enrolled in 2024-2025 term 2 (transfer at 2025-2026/1); 2 never enrolled; 3 in 2019-2020 term 1.
    await buildStudents(db, [
      [1, 1, '2024-2025'],
      [2, 1, null],
      [3, 2, '2019-2020'],
    ]);
    await db.updateTable('students').set({ last_term_no: 1 }).where('id', '=', 3).execute();
    await db
      .insertInto('student_identities')
      .values({
        student_id: 3,
        campus_id: 2,
        curp: 'PEAA020315MDFRRN09',
        given_names: 'ANA',
        first_surname: 'PEREZ',
        second_surname: 'ARIAS',
        search_key: 'PEREZ ARIAS ANA',
      })
      .execute();
    const req = (studentId: number, from: number, to: number) =>
      insertTransferRequest(db, {
        studentId,
        fromCampusId: from,
        toCampusId: to,
        requestedBy: 'ana',
        requestedAt: `2026-12-0${studentId}T10:00:00.000Z`,
      });
    const a = await req(1, 1, 2);
    const b = await req(2, 1, 1);
    const c = await req(3, 2, 1);
    expect(await pendingTransferOf(db, 1, 2)).toBe(a);
    expect(await pendingTransferOf(db, 1, 1)).toBeNull();
    expect(await findTransferRequest(db, a)).toEqual({
      id: a,
      studentId: 1,
      fromCampusId: 1,
      toCampusId: 2,
      fromStateId: 9,
      toStateId: 15,
      fromCct: '09DPT0001A',
      toCct: '15DPT0002A',
      status: 'pending',
      requestedBy: 'ana',
      requestedAt: '2026-12-01T10:00:00.000Z',
      decidedBy: null,
      decidedAt: null,
      reason: null,
    });
    expect(await findTransferRequest(db, 999)).toBeNull();
    const ids = async (campusIds: number[] | null, status?: 'pending' | 'confirmed' | 'rejected') =>
      (await listTransferRequests(db, { campusIds, ...(status ? { status } : {}) })).map((r) => r.id);
    // Newest first; campus 2 is the receiver of a and the sender of c; an empty scope sees nothing.
    expect(await ids(null)).toEqual([c, b, a]);
    expect(await ids([2])).toEqual([c, a]);
    expect(await ids([])).toEqual([]);
    expect(await ids(null, 'confirmed')).toEqual([]);
    expect(await listTransferRequests(db, { campusIds: null }, 2)).toHaveLength(2);

    const at = '2026-12-07T12:00:00.000Z';
    const decided = await db.transaction().execute(async (trx) => {
      const first = await decideTransferRequest(trx, a, {
        status: 'confirmed',
        by: 'luis',
        at,
        reason: null,
      });
      const again = await decideTransferRequest(trx, a, { status: 'rejected', by: 'eva', at, reason: 'no' });
      await decideTransferRequest(trx, c, { status: 'rejected', by: 'eva', at, reason: 'Sin cupo' });
      return [first, again];
    });
    expect(decided).toEqual([true, false]);
    expect(await findTransferRequest(db, a)).toMatchObject({
      status: 'confirmed',
      decidedBy: 'luis',
      decidedAt: at,
    });
    expect(await findTransferRequest(db, c)).toMatchObject({ status: 'rejected', reason: 'Sin cupo' });
    expect(await ids([1], 'pending')).toEqual([b]);

    const terms = await db.transaction().execute(async (trx) => [
      await recordTransfer(trx, {
        studentId: 1,
        fromCampusId: 1,
        toCampusId: 2,
        date: '2026-12-07',
        schoolYear: '2026-2027',
      }),
      await recordTransfer(trx, {
        studentId: 2,
        fromCampusId: 1,
        toCampusId: 2,
        date: '2026-12-07',
        schoolYear: '2026-2027',
      }),
      await recordTransfer(trx, {
        studentId: 3,
        fromCampusId: 2,
        toCampusId: 1,
        date: '2026-12-07',
        schoolYear: '2026-2027',
      }),
    ]);
    expect(terms).toEqual([
      { schoolYear: '2025-2026', termNo: 1 },
      { schoolYear: '2026-2027', termNo: 1 },
      { schoolYear: '2019-2020', termNo: 2 },
    ]);
    const events = await db
      .selectFrom('status_events')
      .select([
        'id',
        'student_id',
        'campus_id',
        'kind',
        'from_campus_id',
        'to_campus_id',
        'school_year',
        'term_no',
      ])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        id: 1,
        student_id: 1,
        campus_id: 2,
        kind: 'transfer',
        from_campus_id: 1,
        to_campus_id: 2,
        school_year: '2025-2026',
        term_no: 1,
      },
      {
        id: 2,
        student_id: 2,
        campus_id: 2,
        kind: 'transfer',
        from_campus_id: 1,
        to_campus_id: 2,
        school_year: '2026-2027',
        term_no: 1,
      },
      {
        id: 3,
        student_id: 3,
        campus_id: 1,
        kind: 'transfer',
        from_campus_id: 2,
        to_campus_id: 1,
        school_year: '2019-2020',
        term_no: 2,
      },
    ]);
    const campuses = await db.selectFrom('students').select(['id', 'campus_id']).orderBy('id').execute();
    expect(campuses).toEqual([
      { id: 1, campus_id: 2 },
      { id: 2, campus_id: 2 },
      { id: 3, campus_id: 1 },
    ]);
    expect(await studentPlaceByCurp(db, 'PEAA020315MDFRRN09')).toEqual({
      studentId: 3,
      campusId: 1,
      stateId: 9,
    });
    // The identity (where names live, scoped by campus) moved with the student.
    const identity = await db.selectFrom('student_identities').select('campus_id').executeTakeFirstOrThrow();
    expect(identity.campus_id).toBe(1);
    expect(await studentPlaceByCurp(db, 'XXXX000000XXXXXX00')).toBeNull();
    expect(await campusByCct(db, '15DPT0002A')).toEqual({ id: 2, stateId: 15 });
    expect(await campusByCct(db, '15dpt0002a')).toBeNull();
    expect(await campusById(db, 1)).toEqual({ id: 1, stateId: 9 });
    expect(await campusById(db, 3)).toBeNull();
  });
});
