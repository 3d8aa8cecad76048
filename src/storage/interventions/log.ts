/**
 * The intervention-log repository: interventions assigned to students and their dated follow-up notes. Rows
 * come back in domain shapes (camelCase); ids are the next free number (max + 1), so callers insert inside
 * the transaction that also writes the audit row. Every function takes the database or a transaction first.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

export interface InterventionRecord {
  readonly id: number;
  readonly studentId: number;
  readonly campusCct: string;
  readonly schoolYear: string;
  readonly termNo: number;
  readonly kind: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly sessions: number;
  /** The description typed by the tutor or the `notas` of an imported file (free text). */
  readonly description: string | null;
  readonly outcome: string | null;
  readonly assignedByName: string | null;
  readonly noteCount: number;
  readonly lastNoteDate: string | null;
}

/** Which interventions to list: the narrowest given filter on students or units wins, then kind and state. */
export interface InterventionFilter {
  readonly studentId?: number;
  readonly studentIds?: readonly number[];
  readonly campusId?: number;
  readonly stateId?: number;
  /** Also restrict to one campus (on top of the filters above). */
  readonly alsoCampusId?: number;
  readonly kind?: string;
  /** Only the ones without an outcome. */
  readonly openOnly?: boolean;
  readonly limit: number;
}

/** Interventions newest first (start date, then id), with their campus, assigner and note count. */
export async function interventionRecords(db: Db, f: InterventionFilter): Promise<InterventionRecord[]> {
  let q = db
    .selectFrom('interventions as i')
    .innerJoin('campuses as c', 'c.id', 'i.campus_id')
    .leftJoin('users as u', 'u.id', 'i.assigned_by')
    .select([
      'i.id',
      'i.student_id',
      'c.cct',
      'i.school_year',
      'i.term_no',
      'i.kind',
      'i.start_date',
      'i.end_date',
      'i.sessions',
      'i.notes',
      'i.outcome',
      'u.display_name as assigned_by_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('intervention_notes as n')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('n.intervention_id', '=', 'i.id')
        .whereRef('n.campus_id', '=', 'i.campus_id') // a note has its intervention's campus (distribution key)
        .as('note_count'),
      eb
        .selectFrom('intervention_notes as n')
        .select((e2) => e2.fn.max('n.note_date').as('d'))
        .whereRef('n.intervention_id', '=', 'i.id')
        .whereRef('n.campus_id', '=', 'i.campus_id') // a note has its intervention's campus (distribution key)
        .as('last_note'),
    ]);
  if (f.studentId !== undefined) q = q.where('i.student_id', '=', f.studentId);
  else if (f.studentIds !== undefined)
    q = q.where('i.student_id', 'in', f.studentIds.length ? [...f.studentIds] : [-1]);
  else if (f.campusId !== undefined) q = q.where('i.campus_id', '=', f.campusId);
  else if (f.stateId !== undefined) q = q.where('c.state_id', '=', f.stateId);
  if (f.alsoCampusId !== undefined) q = q.where('i.campus_id', '=', f.alsoCampusId);
  if (f.kind !== undefined) q = q.where('i.kind', '=', f.kind);
  if (f.openOnly) q = q.where('i.outcome', 'is', null);
  const rows = await q.orderBy('i.start_date', 'desc').orderBy('i.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    studentId: Number(r.student_id),
    campusCct: r.cct,
    schoolYear: r.school_year,
    termNo: Number(r.term_no),
    kind: r.kind,
    startDate: r.start_date,
    endDate: r.end_date,
    sessions: Number(r.sessions),
    description: r.notes,
    outcome: r.outcome,
    assignedByName: r.assigned_by_name ?? null,
    noteCount: Number(r.note_count ?? 0),
    lastNoteDate: r.last_note === null || r.last_note === undefined ? null : String(r.last_note),
  }));
}

/** Where an intervention belongs (its student and campus) and when it started; null when there is none. */
export async function interventionHead(
  db: Db,
  id: number,
): Promise<{ id: number; studentId: number; campusId: number; startDate: string } | null> {
  const r = await db
    .selectFrom('interventions')
    .select(['id', 'student_id', 'campus_id', 'start_date'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        id: Number(r.id),
        studentId: Number(r.student_id),
        campusId: Number(r.campus_id),
        startDate: r.start_date,
      }
    : null;
}

async function nextId(db: Db, table: 'interventions' | 'intervention_notes'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export interface NewInterventionRecord {
  readonly studentId: number;
  readonly campusId: number;
  readonly schoolYear: string;
  readonly termNo: number;
  readonly kind: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly sessions: number;
  readonly description: string | null;
  readonly assignedBy: number | null;
  readonly at: string;
}

/** Inserts an intervention without outcome; returns its id. */
export async function insertIntervention(db: Db, v: NewInterventionRecord): Promise<number> {
  const id = await nextId(db, 'interventions');
  await db
    .insertInto('interventions')
    .values({
      id,
      student_id: v.studentId,
      campus_id: v.campusId,
      school_year: v.schoolYear,
      term_no: v.termNo,
      kind: v.kind,
      start_date: v.startDate,
      end_date: v.endDate,
      sessions: v.sessions,
      notes: v.description,
      outcome: null,
      assigned_by: v.assignedBy,
      created_at: v.at,
      updated_at: v.at,
    })
    .execute();
  return id;
}

/** The fields an update may change (undefined: unchanged; null: cleared). */
export interface InterventionFields {
  readonly sessions?: number;
  readonly endDate?: string | null;
  readonly outcome?: string | null;
  readonly description?: string | null;
}

/** Changes the given fields (or only the update time when none is given). */
export async function updateInterventionFields(
  db: Db,
  id: number,
  fields: InterventionFields,
  at: string,
): Promise<void> {
  const set: {
    sessions?: number;
    end_date?: string | null;
    outcome?: string | null;
    notes?: string | null;
    updated_at: string;
  } = { updated_at: at };
  if (fields.sessions !== undefined) set.sessions = fields.sessions;
  if (fields.endDate !== undefined) set.end_date = fields.endDate;
  if (fields.outcome !== undefined) set.outcome = fields.outcome;
  if (fields.description !== undefined) set.notes = fields.description;
  await db.updateTable('interventions').set(set).where('id', '=', id).execute();
}

export interface NoteRecord {
  readonly id: number;
  readonly interventionId: number;
  readonly date: string;
  readonly authorName: string;
  readonly body: string;
}

/** Appends a note to an intervention (and marks the intervention updated); returns the note's id. */
export async function insertNote(
  db: Db,
  v: {
    readonly interventionId: number;
    readonly studentId: number;
    readonly campusId: number;
    readonly authorId: number | null;
    readonly authorName: string;
    readonly date: string;
    readonly body: string;
    readonly at: string;
  },
): Promise<number> {
  const id = await nextId(db, 'intervention_notes');
  await db
    .insertInto('intervention_notes')
    .values({
      id,
      intervention_id: v.interventionId,
      student_id: v.studentId,
      campus_id: v.campusId,
      author_id: v.authorId,
      author_name: v.authorName,
      note_date: v.date,
      body: v.body,
      created_at: v.at,
    })
    .execute();
  await updateInterventionFields(db, v.interventionId, {}, v.at);
  return id;
}

/** An intervention's notes, oldest first. */
export async function notesOf(db: Db, interventionId: number): Promise<NoteRecord[]> {
  const rows = await db
    .selectFrom('intervention_notes')
    .selectAll()
    .where('intervention_id', '=', interventionId)
    .orderBy('note_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    interventionId: Number(r.intervention_id),
    date: r.note_date,
    authorName: r.author_name,
    body: r.body,
  }));
}

/** Every intervention and note of the given students (the queue picks the latest as the last action). */
export async function actionsOf(
  db: Db,
  studentIds: readonly number[],
): Promise<{
  interventions: { studentId: number; kind: string; startDate: string; outcome: string | null }[];
  notes: { studentId: number; date: string; kind: string }[];
}> {
  const interventions: { studentId: number; kind: string; startDate: string; outcome: string | null }[] = [];
  const notes: { studentId: number; date: string; kind: string }[] = [];
  for (let i = 0; i < studentIds.length; i += 500) {
    const chunk = studentIds.slice(i, i + 500);
    const [ivs, ns] = await Promise.all([
      db
        .selectFrom('interventions')
        .select(['student_id', 'kind', 'start_date', 'outcome'])
        .where('student_id', 'in', chunk)
        .execute(),
      db
        .selectFrom('intervention_notes as n')
        .innerJoin('interventions as i', (j) =>
          j.onRef('i.id', '=', 'n.intervention_id').onRef('i.campus_id', '=', 'n.campus_id'),
        )
        .select(['n.student_id', 'n.note_date', 'i.kind'])
        .where('n.student_id', 'in', chunk)
        .execute(),
    ]);
    for (const r of ivs)
      interventions.push({
        studentId: Number(r.student_id),
        kind: r.kind,
        startDate: r.start_date,
        outcome: r.outcome,
      });
    for (const r of ns) notes.push({ studentId: Number(r.student_id), date: r.note_date, kind: r.kind });
  }
  return { interventions, notes };
}
