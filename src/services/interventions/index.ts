/**
 * The interventions wing: queue settings (settings.ts), the intervention log (log.ts), follow-up notes
 * (notes.ts) and the work queue with its escalations (queue.ts). api/ and cli/ import from this door only.
 *
 * Scope: a tutor works on the students of their groups (current school year), a campus on its students, a
 * state on its campuses, national on everything; analysts read with pseudonymous ids and never write. Outside
 * the scope a student or an intervention does not exist (not_found).
 */
export {
  freeTextFor,
  HIDDEN_DESCRIPTION,
  HIDDEN_NOTE,
  type Actor,
  type InterventionDeps,
} from './context.js';
export {
  addIntervention,
  getIntervention,
  listInterventions,
  updateIntervention,
  type InterventionChange,
  type InterventionView,
  type ListQuery,
  type NewIntervention,
} from './log.js';
export { addNote, listNotes, type NoteView } from './notes.js';
export { escalations, workQueue, type LastAction, type QueueItem, type WorkQueue } from './queue.js';
export { queueSettings, setQueueSettings, type SettingsTarget } from './settings.js';
