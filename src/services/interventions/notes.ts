/** Follow-up notes of an intervention: dated, signed by the actor, hidden from analysts. */
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { invalid } from '../../domain/errors.js';
import { insertNote, notesOf } from '../../storage/interventions/log.js';
import { recordAudit } from '../operations/index.js';
import {
  checkDate,
  checkText,
  forbiddenWrite,
  freeTextFor,
  HIDDEN_NOTE,
  today,
  type Actor,
  type InterventionDeps,
} from './context.js';
import { interventionInScope } from './log.js';

export interface NoteView {
  readonly id: number;
  readonly interventionId: number;
  readonly date: string;
  readonly author: string;
  readonly body: string;
}

/** Appends a dated follow-up note (the author is the actor). */
export async function addNote(
  deps: InterventionDeps,
  scope: Scope,
  actor: Actor & { readonly displayName?: string },
  interventionId: number,
  input: { readonly body: string; readonly date?: string },
): Promise<NoteView> {
  if (scope.role === 'analyst') throw forbiddenWrite();
  const row = await interventionInScope(deps, scope, interventionId);
  const body = checkText(input.body, 'Nota', 4000);
  if (body === null) throw invalid('empty_note', 'La nota está vacía');
  const date = checkDate(input.date ?? today(deps), 'la fecha de la nota');
  const author = actor.displayName ?? actor.username;
  const id = await deps.db.transaction().execute(async (tx) => {
    const newId = await insertNote(tx, {
      interventionId,
      studentId: row.studentId,
      campusId: row.campusId,
      authorId: actor.userId,
      authorName: author,
      date,
      body,
      at: deps.now().toISOString(),
    });
    await recordAudit(tx, {
      actor: actor.username,
      action: 'record.change',
      target: `student:${row.studentId}`,
      details: { op: 'intervention.note', intervention: interventionId },
      role: scope.role,
      campusId: row.campusId,
    });
    return newId;
  });
  return { id, interventionId, date, author, body };
}

export async function listNotes(
  deps: InterventionDeps,
  scope: Scope,
  interventionId: number,
): Promise<NoteView[]> {
  await interventionInScope(deps, scope, interventionId);
  const rows = await notesOf(deps.db, interventionId);
  return rows.map((r) => ({
    id: r.id,
    interventionId,
    date: r.date,
    // Analysts see that a note exists and when, not who wrote it or what it says about the student.
    author: canSeeIdentity(scope) ? r.authorName : '—',
    body: freeTextFor(scope, r.body, HIDDEN_NOTE) ?? '',
  }));
}
