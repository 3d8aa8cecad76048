/**
 * Queue settings: capacity of a tutor and of a campus, and the days after which a red case without action is
 * escalated; set per campus, state or nationally, each level falling back on the next.
 */
import type { Scope } from '../../domain/access.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import { DEFAULT_QUEUE_SETTINGS, settingsIssues, type QueueSettings } from '../../domain/interventions.js';
import {
  allQueueSettings,
  queueSettingsAt,
  saveQueueSettings,
  type QueueSettingsRecord,
} from '../../storage/interventions/queue-settings.js';
import { recordAudit } from '../operations/index.js';
import { campusByCct, campusOf, type Actor, type InterventionDeps } from './context.js';

export interface SettingsTarget {
  readonly level: 'national' | 'state' | 'campus';
  readonly id: number;
}

/** Effective settings of a campus: campus row, else its state's, else the national row, else the defaults. */
export function resolveSettings(
  rows: readonly QueueSettingsRecord[],
  campusId: number | null,
  stateId: number | null,
): QueueSettings {
  const find = (level: string, id: number | null) =>
    id === null ? undefined : rows.find((r) => r.level === level && r.scopeId === id);
  const chain = [find('campus', campusId), find('state', stateId), find('national', 0)];
  const pick = (f: keyof QueueSettings) => {
    for (const r of chain) {
      const v = r?.[f];
      if (v !== null && v !== undefined) return v;
    }
    return DEFAULT_QUEUE_SETTINGS[f];
  };
  return {
    tutorCapacity: pick('tutorCapacity'),
    campusCapacity: pick('campusCapacity'),
    escalateAfterDays: pick('escalateAfterDays'),
  };
}

export async function queueSettings(deps: InterventionDeps, scope: Scope, cct?: string) {
  const rows = await allQueueSettings(deps.db);
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
    const existing = await queueSettingsAt(tx, target.level, target.id);
    const values = {
      level: target.level,
      scopeId: target.id,
      tutorCapacity: input.tutorCapacity ?? existing?.tutorCapacity ?? null,
      campusCapacity: input.campusCapacity ?? existing?.campusCapacity ?? null,
      escalateAfterDays: input.escalateAfterDays ?? existing?.escalateAfterDays ?? null,
    };
    await saveQueueSettings(tx, values, actor.username, now);
    await recordAudit(tx, {
      actor: actor.username,
      action: 'risk.threshold',
      target: `queue:${target.level}:${target.id}`,
      details: {
        tutorCapacity: values.tutorCapacity,
        campusCapacity: values.campusCapacity,
        escalateAfterDays: values.escalateAfterDays,
      },
      role: scope.role,
      stateId: scope.stateId,
      campusId: target.level === 'campus' ? target.id : scope.campusId,
    });
  });
  return target;
}
