/**
 * Lookups and derived updates of record imports that decide scope: which student a CURP names and where they
 * are now, the transfers recorded for them, and each student's current campus (latest enrollment, or a
 * transfer recorded after it).
 */
import type { Kysely } from 'kysely';
import { memberOf, type ImportTarget } from './import-writes.js';
import type { Database } from './schema.js';

const CHUNK = 1000;

async function chunked<T, R>(items: readonly T[], f: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await f(items.slice(i, i + CHUNK))));
  return out;
}

export interface StudentAt {
  readonly curp: string;
  readonly studentId: number;
  /** The student's current campus (students.campus_id). */
  readonly campusId: number;
}

/** The students some CURPs name, with their current campus. */
export async function studentsAtByCurp(
  trx: Kysely<Database>,
  store: ImportTarget,
  curps: readonly string[],
): Promise<StudentAt[]> {
  const rows = await chunked([...new Set(curps)], (part) =>
    trx
      .selectFrom('student_identities as i')
      .innerJoin('students as s', 's.id', 'i.student_id')
      .select(['i.curp', 'i.student_id', 's.campus_id'])
      .where(memberOf(store, 'i.curp', part, 'text'))
      .execute(),
  );
  const out = rows.map((r) => ({
    curp: r.curp,
    studentId: Number(r.student_id),
    campusId: Number(r.campus_id),
  }));
  if (store.footprint)
    for (const r of out) {
      store.footprint.students.add(r.studentId);
      store.footprint.campuses.add(r.campusId);
    }
  return out;
}

export interface TransferAt {
  readonly studentId: number;
  readonly schoolYear: string;
  readonly termNo: number;
  /** The receiving campus. */
  readonly toCampusId: number;
  /** The sending campus, when the event names it. */
  readonly fromCampusId: number | null;
}

/** The transfers (status events of kind transfer) of some students (both campuses go to the footprint). */
export async function transfersOf(
  trx: Kysely<Database>,
  store: ImportTarget,
  ids: readonly number[],
): Promise<TransferAt[]> {
  const rows = await chunked(ids, (part) =>
    trx
      .selectFrom('status_events')
      .select(['student_id', 'school_year', 'term_no', 'campus_id', 'from_campus_id', 'to_campus_id'])
      .where(memberOf(store, 'student_id', part, 'int'))
      .where('kind', '=', 'transfer')
      .execute(),
  );
  if (store.footprint)
    for (const r of rows) {
      store.footprint.campuses.add(Number(r.campus_id));
      if (r.to_campus_id !== null) store.footprint.campuses.add(Number(r.to_campus_id));
    }
  return rows.map((r) => ({
    studentId: Number(r.student_id),
    schoolYear: r.school_year,
    termNo: Number(r.term_no),
    toCampusId: Number(r.to_campus_id ?? r.campus_id),
    fromCampusId: r.from_campus_id === null ? null : Number(r.from_campus_id),
  }));
}

export const termOrder = (year: string, term: number): number => Number(year.slice(0, 4)) * 2 + term;

/**
 * Sets each student's latest enrollment (students.last_*) and program from their enrollments, and their current
 * campus: the latest enrollment's, or the receiving campus of a transfer recorded at or after it. The identity
 * row follows the campus (it is partitioned by it). Returns the campuses of the students rows it wrote, before
 * and after (the import's footprint).
 */
export async function refreshPlacement(
  trx: Kysely<Database>,
  studentIds: readonly number[],
): Promise<Set<number>> {
  const touched = new Set<number>();
  for (let i = 0; i < studentIds.length; i += CHUNK) {
    const part = studentIds.slice(i, i + CHUNK);
    const rows = await trx
      .selectFrom('enrollments')
      .select(['student_id', 'school_year', 'term_no', 'semester', 'end_status', 'campus_id', 'program_id'])
      .where('student_id', 'in', part)
      .execute();
    const latest = new Map<number, (typeof rows)[number]>();
    for (const r of rows) {
      const l = latest.get(r.student_id);
      if (!l || termOrder(r.school_year, r.term_no) > termOrder(l.school_year, l.term_no))
        latest.set(r.student_id, r);
    }
    const moves = await trx
      .selectFrom('status_events')
      .select(['id', 'student_id', 'school_year', 'term_no', 'campus_id', 'to_campus_id'])
      .where('student_id', 'in', part)
      .where('kind', '=', 'transfer')
      .orderBy('id')
      .execute();
    const moved = new Map<number, { order: number; campus: number }>();
    for (const m of moves) {
      const order = termOrder(m.school_year, m.term_no);
      const prev = moved.get(m.student_id);
      if (!prev || order >= prev.order)
        moved.set(m.student_id, { order, campus: Number(m.to_campus_id ?? m.campus_id) });
    }
    const now = new Map(
      (await trx.selectFrom('students').select(['id', 'campus_id']).where('id', 'in', part).execute()).map(
        (s) => [s.id, Number(s.campus_id)],
      ),
    );
    for (const id of part) {
      const r = latest.get(id);
      const m = moved.get(id);
      const after = m && (!r || m.order > termOrder(r.school_year, r.term_no));
      const campus = after ? m.campus : r?.campus_id;
      if (campus === undefined) continue;
      const before = now.get(id);
      if (r || before !== campus) {
        if (before !== undefined) touched.add(before);
        touched.add(campus);
      }
      if (r)
        await trx
          .updateTable('students')
          .set({
            last_school_year: r.school_year,
            last_term_no: r.term_no,
            last_semester: r.semester,
            last_status: r.end_status,
            program_id: r.program_id,
          })
          .where('id', '=', id)
          .execute();
      if (now.get(id) !== campus) await moveStudent(trx, id, campus);
    }
  }
  return touched;
}

/** Sets a student's current campus (students and their identity row). */
export async function moveStudent(trx: Kysely<Database>, studentId: number, campusId: number): Promise<void> {
  await trx.updateTable('students').set({ campus_id: campusId }).where('id', '=', studentId).execute();
  await trx
    .updateTable('student_identities')
    .set({ campus_id: campusId })
    .where('student_id', '=', studentId)
    .execute();
}

/** The campuses of a state. */
export async function campusIdsOfState(db: Kysely<Database>, stateId: number): Promise<number[]> {
  const rows = await db.selectFrom('campuses').select('id').where('state_id', '=', stateId).execute();
  return rows.map((r) => Number(r.id));
}

/** The state of a campus, or null when there is no such campus. */
export async function stateOfCampus(db: Kysely<Database>, campusId: number): Promise<number | null> {
  const r = await db.selectFrom('campuses').select('state_id').where('id', '=', campusId).executeTakeFirst();
  return r ? Number(r.state_id) : null;
}
