/**
 * The queue-settings repository: capacity of a tutor and of a campus and the days before a red case without
 * action is escalated, one row per level (national: id 0, a state, a campus). Every function takes the
 * database or a transaction first.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, QueueSettingsTable } from '../schema.js';

type Db = Kysely<Database>;

export type SettingsLevel = 'national' | 'state' | 'campus';

/** One level's settings; a null field falls back on the next level (campus → state → national → defaults). */
export interface QueueSettingsRecord {
  readonly level: string;
  readonly scopeId: number;
  readonly tutorCapacity: number | null;
  readonly campusCapacity: number | null;
  readonly escalateAfterDays: number | null;
}

const n = (v: number | null) => (v === null || v === undefined ? null : Number(v));

const toRecord = (r: Selectable<QueueSettingsTable>): QueueSettingsRecord => ({
  level: r.scope_level,
  scopeId: Number(r.scope_id),
  tutorCapacity: n(r.tutor_capacity),
  campusCapacity: n(r.campus_capacity),
  escalateAfterDays: n(r.escalate_after_days),
});

export async function allQueueSettings(db: Db): Promise<QueueSettingsRecord[]> {
  return (await db.selectFrom('queue_settings').selectAll().execute()).map(toRecord);
}

export async function queueSettingsAt(
  db: Db,
  level: SettingsLevel,
  scopeId: number,
): Promise<QueueSettingsRecord | null> {
  const r = await db
    .selectFrom('queue_settings')
    .selectAll()
    .where('scope_level', '=', level)
    .where('scope_id', '=', scopeId)
    .executeTakeFirst();
  return r ? toRecord(r) : null;
}

/** Writes a level's settings whole (insert or replace), signed by who changed them and when. */
export async function saveQueueSettings(
  db: Db,
  s: QueueSettingsRecord & { readonly level: SettingsLevel },
  updatedBy: string,
  updatedAt: string,
): Promise<void> {
  const values = {
    tutor_capacity: s.tutorCapacity,
    campus_capacity: s.campusCapacity,
    escalate_after_days: s.escalateAfterDays,
    updated_by: updatedBy,
    updated_at: updatedAt,
  };
  if (await queueSettingsAt(db, s.level, s.scopeId))
    await db
      .updateTable('queue_settings')
      .set(values)
      .where('scope_level', '=', s.level)
      .where('scope_id', '=', s.scopeId)
      .execute();
  else
    await db
      .insertInto('queue_settings')
      .values({ scope_level: s.level, scope_id: s.scopeId, ...values })
      .execute();
}
