/** Follow-up notes of an intervention: dated, signed by the actor, hidden from analysts. */
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { invalid } from '../../domain/errors.js';
import { recordAudit } from '../audit.js';
import {
  checkDate,
  checkText,
  forbiddenWrite,
  freeTextFor,
  HIDDEN_NOTE,
  nextId,
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
    const newId = await nextId(tx, 'intervention_notes');
    await tx
      .insertInto('intervention_notes')
      .values({
        id: newId,
        intervention_id: interventionId,
        student_id: Number(row.student_id),
        campus_id: Number(row.campus_id),
        author_id: actor.userId,
        author_name: author,
        note_date: date,
        body,
        created_at: deps.now().toISOString(),
      })
      .execute();
    await tx
      .updateTable('interventions')
      .set({ updated_at: deps.now().toISOString() })
      .where('id', '=', interventionId)
      .execute();
    await recordAudit(tx, {
      actor: actor.username,
      action: 'record.change',
      target: `student:${row.student_id}`,
      details: { op: 'intervention.note', intervention: interventionId },
      role: scope.role,
      campusId: Number(row.campus_id),
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
  const rows = await deps.db
    .selectFrom('intervention_notes')
    .selectAll()
    .where('intervention_id', '=', interventionId)
    .orderBy('note_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    interventionId,
    date: r.note_date,
    // Analysts see that a note exists and when, not who wrote it or what it says about the student.
    author: canSeeIdentity(scope) ? r.author_name : '—',
    body: freeTextFor(scope, r.body, HIDDEN_NOTE) ?? '',
  }));
}
