/**
 * Queue settings: capacity of a tutor and of a campus, and the days after which a red case without action is
 * escalated; set per campus, state or nationally, each level falling back on the next.
 */
import type { Scope } from '../../domain/access.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import { DEFAULT_QUEUE_SETTINGS, settingsIssues, type QueueSettings } from '../../domain/interventions.js';
import { recordAudit } from '../audit.js';
import { campusByCct, campusOf, type Actor, type Db, type InterventionDeps } from './context.js';

export interface SettingsTarget {
  readonly level: 'national' | 'state' | 'campus';
  readonly id: number;
}

export async function allSettings(db: Db) {
  return db.selectFrom('queue_settings').selectAll().execute();
}

type SettingsRows = Awaited<ReturnType<typeof allSettings>>;

/** Effective settings of a campus: campus row, else its state's, else the national row, else the defaults. */
export function resolveSettings(
  rows: SettingsRows,
  campusId: number | null,
  stateId: number | null,
): QueueSettings {
  const find = (level: string, id: number | null) =>
    id === null ? undefined : rows.find((r) => r.scope_level === level && Number(r.scope_id) === id);
  const chain = [find('campus', campusId), find('state', stateId), find('national', 0)];
  const pick = (f: 'tutor_capacity' | 'campus_capacity' | 'escalate_after_days', d: number) => {
    for (const r of chain) if (r && r[f] !== null && r[f] !== undefined) return Number(r[f]);
    return d;
  };
  return {
    tutorCapacity: pick('tutor_capacity', DEFAULT_QUEUE_SETTINGS.tutorCapacity),
    campusCapacity: pick('campus_capacity', DEFAULT_QUEUE_SETTINGS.campusCapacity),
    escalateAfterDays: pick('escalate_after_days', DEFAULT_QUEUE_SETTINGS.escalateAfterDays),
  };
}

export async function queueSettings(deps: InterventionDeps, scope: Scope, cct?: string) {
  const rows = await allSettings(deps.db);
  if (cct || scope.campusId !== null) {
    const c = cct ? await campusByCct(deps.db, scope, cct) : await campusOf(deps.db, scope.campusId ?? -1);
    return { level: 'campus' as const, unit: c.cct, settings: resolveSettings(rows, c.id, c.state_id) };
  }
  if (scope.role === 'state')
    return {
      level: 'state' as const,
      unit: String(scope.stateId).padStart(2, '0'),
      settings: resolveSettings(rows, null, scope.stateId),
    };
  return { level: 'national' as const, unit: 'MX', settings: resolveSettings(rows, null, null) };
}

/**
 * Sets capacity and escalation settings at the actor's level: a campus director for their campus, a state
 * coordinator for their state (or one of its campuses), national for the default (or any state / campus).
 */
export async function setQueueSettings(
  deps: InterventionDeps,
  scope: Scope,
  actor: Actor,
  input: Partial<QueueSettings> & { readonly campus?: string; readonly state?: number },
) {
  if (scope.role === 'analyst' || scope.role === 'tutor')
    throw new AppError(
      'forbidden',
      'settings_forbidden',
      'Solo la dirección del plantel y las coordinaciones cambian la capacidad y el escalamiento',
    );
  const issues = settingsIssues(input);
  if (issues.length > 0) throw invalid('invalid_settings', 'Parámetros de la cola inválidos', issues);
  let target: SettingsTarget;
  if (input.campus || scope.role === 'campus') {
    const c = input.campus
      ? await campusByCct(deps.db, scope, input.campus)
      : await campusOf(deps.db, scope.campusId ?? -1);
    target = { level: 'campus', id: c.id };
  } else if (input.state !== undefined || scope.role === 'state') {
    const state = input.state ?? scope.stateId ?? -1;
    if (scope.role === 'state' && state !== scope.stateId)
      throw notFound('unknown_state', 'Estado desconocido');
    target = { level: 'state', id: state };
  } else target = { level: 'national', id: 0 };
  const now = deps.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('queue_settings')
      .selectAll()
      .where('scope_level', '=', target.level)
      .where('scope_id', '=', target.id)
      .executeTakeFirst();
    const values = {
      tutor_capacity: input.tutorCapacity ?? existing?.tutor_capacity ?? null,
      campus_capacity: input.campusCapacity ?? existing?.campus_capacity ?? null,
      escalate_after_days: input.escalateAfterDays ?? existing?.escalate_after_days ?? null,
      updated_by: actor.username,
      updated_at: now,
    };
    if (existing)
      await tx
        .updateTable('queue_settings')
        .set(values)
        .where('scope_level', '=', target.level)
        .where('scope_id', '=', target.id)
        .execute();
    else
      await tx
        .insertInto('queue_settings')
        .values({ scope_level: target.level, scope_id: target.id, ...values })
        .execute();
    await recordAudit(tx, {
      actor: actor.username,
      action: 'risk.threshold',
      target: `queue:${target.level}:${target.id}`,
      details: {
        tutorCapacity: values.tutor_capacity,
        campusCapacity: values.campus_capacity,
        escalateAfterDays: values.escalate_after_days,
      },
      role: scope.role,
      stateId: scope.stateId,
      campusId: target.level === 'campus' ? target.id : scope.campusId,
    });
  });
  return target;
}
