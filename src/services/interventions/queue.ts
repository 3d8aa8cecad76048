/**
 * The work queue of a tutor or a campus, ranked by current risk and sized by capacity, and the escalation of
 * red cases without action.
 */
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { AppError, invalid } from '../../domain/errors.js';
import {
  daysBetween,
  isEscalated,
  kindLabel,
  rankQueue,
  type QueueSettings,
} from '../../domain/interventions.js';
import type { QueueViewItem } from '../../domain/worklist-view.js';
import { currentRisk } from '../risk/index.js';
import { actionsOf } from '../../storage/interventions/log.js';
import { allQueueSettings } from '../../storage/interventions/queue-settings.js';
import { studentNames, studentPlaces } from '../../storage/interventions/students.js';
import { campusByCct, campusOf, today, tutorStudentIds, type Db, type InterventionDeps } from './context.js';
import { resolveSettings } from './settings.js';

export interface LastAction {
  readonly date: string;
  readonly type: 'intervention' | 'note';
  readonly kind: string;
  readonly label: { es: string; en: string };
}

/** A queue row: what the page and downloads show (domain/worklist-view.ts), with the last action in full. */
export interface QueueItem extends QueueViewItem {
  /** `reasons` in English, in the same order. */
  readonly reasonsEn: readonly string[];
  readonly lastAction: LastAction | null;
}

export interface WorkQueue {
  readonly owner: { readonly level: 'tutor' | 'campus'; readonly unit: string };
  readonly capacity: number;
  readonly escalateAfterDays: number;
  /** Students at risk (amarillo or rojo) in the scope, before the capacity cut. */
  readonly atRisk: number;
  readonly red: number;
  readonly modelVersion: number | null;
  readonly today: string;
  readonly items: readonly QueueItem[];
}

/** The latest action (intervention or note) per student, and how many interventions each has open. */
export async function lastActions(db: Db, ids: readonly number[]) {
  const out = new Map<number, LastAction>();
  const open = new Map<number, number>();
  const { interventions, notes } = await actionsOf(db, ids);
  const consider = (sid: number, a: LastAction) => {
    const prev = out.get(sid);
    if (!prev || a.date > prev.date) out.set(sid, a);
  };
  for (const r of interventions) {
    consider(r.studentId, {
      date: r.startDate,
      type: 'intervention',
      kind: r.kind,
      label: kindLabel(r.kind),
    });
    if (r.outcome === null) open.set(r.studentId, (open.get(r.studentId) ?? 0) + 1);
  }
  for (const r of notes) {
    const k = kindLabel(r.kind);
    consider(r.studentId, {
      date: r.date,
      type: 'note',
      kind: r.kind,
      label: { es: `Nota de seguimiento (${k.es})`, en: `Follow-up note (${k.en})` },
    });
  }
  return { last: out, open };
}

async function riskFor(deps: InterventionDeps, scope: Scope, campusId?: number, stateId?: number) {
  if (scope.role === 'tutor') {
    const ids = await tutorStudentIds(deps, scope);
    return currentRisk(deps.db, { studentIds: ids });
  }
  if (campusId !== undefined) return currentRisk(deps.db, { campusId });
  if (stateId !== undefined) return currentRisk(deps.db, { stateId });
  return currentRisk(deps.db, {});
}

async function buildItems(
  deps: InterventionDeps,
  scope: Scope,
  risk: Awaited<ReturnType<typeof currentRisk>>,
  settingsFor: (campusId: number, stateId: number) => QueueSettings,
) {
  const ids = [...risk.values()].filter((r) => r.flag !== 'verde').map((r) => r.studentId);
  const [{ last, open }, ctx] = await Promise.all([
    lastActions(deps.db, ids),
    studentPlaces(deps.db, ids, deps.currentYear),
  ]);
  const day = today(deps);
  return ids.map((id) => {
    const r = risk.get(id);
    const c = ctx.get(id);
    const a = last.get(id) ?? null;
    const s = settingsFor(c?.campusId ?? -1, c?.stateId ?? -1);
    const cand = {
      studentId: id,
      flag: r?.flag ?? 'verde',
      probability: r?.probability ?? null,
      lastActionDate: a?.date ?? null,
    };
    return {
      cand,
      reasons: r?.reasons ?? [],
      reasonsEn: r?.reasonsEn ?? [],
      modelVersion: r?.modelVersion ?? null,
      ctx: c,
      lastAction: a,
      open: open.get(id) ?? 0,
      escalated: isEscalated(cand, s.escalateAfterDays, day),
      days: a ? daysBetween(a.date, day) : null,
    };
  });
}

type Built = Awaited<ReturnType<typeof buildItems>>[number];

async function present(deps: InterventionDeps, scope: Scope, list: readonly Built[]): Promise<QueueItem[]> {
  const names = canSeeIdentity(scope)
    ? await studentNames(
        deps.db,
        list.map((b) => b.cand.studentId),
      )
    : null;
  return list.map((b, i) => ({
    rank: i + 1,
    student: deps.pseudonyms.toPseudonym(b.cand.studentId),
    name: names?.get(b.cand.studentId) ?? null,
    campusCct: b.ctx?.cct ?? '',
    group: b.ctx?.group ?? null,
    semester: b.ctx?.semester ?? null,
    flag: b.cand.flag,
    probability: b.cand.probability,
    reasons: b.reasons,
    reasonsEn: b.reasonsEn,
    lastAction: b.lastAction,
    daysSinceAction: b.days,
    escalated: b.escalated,
    openInterventions: b.open,
  }));
}

/**
 * The work queue: a tutor's own (their groups, tutor capacity) or a campus's (campus capacity), students at
 * risk ranked by flag, probability and time without action, cut at the capacity.
 */
export async function workQueue(
  deps: InterventionDeps,
  scope: Scope,
  query: { readonly campus?: string; readonly capacity?: number } = {},
): Promise<WorkQueue> {
  if (
    query.capacity !== undefined &&
    (!Number.isInteger(query.capacity) || query.capacity < 1 || query.capacity > 20_000)
  )
    throw invalid('invalid_capacity', `Capacidad: un entero entre 1 y 20000 (recibido: ${query.capacity})`);
  const rows = await allQueueSettings(deps.db);
  let owner: WorkQueue['owner'];
  let settings: QueueSettings;
  let capacity: number;
  let risk;
  if (scope.role === 'tutor') {
    const c = await campusOf(deps.db, scope.campusId ?? -1);
    settings = resolveSettings(rows, c.id, c.state_id);
    capacity = query.capacity ?? settings.tutorCapacity;
    owner = { level: 'tutor', unit: scope.groups.map((g) => g.groupCode).join(', ') || c.cct };
    risk = await riskFor(deps, scope);
  } else {
    if (!query.campus && scope.role !== 'campus')
      throw invalid('missing_campus', 'Indique el plantel (CCT) de la cola de trabajo');
    const c = query.campus
      ? await campusByCct(deps.db, scope, query.campus)
      : await campusOf(deps.db, scope.campusId ?? -1);
    settings = resolveSettings(rows, c.id, c.state_id);
    capacity = query.capacity ?? settings.campusCapacity;
    owner = { level: 'campus', unit: c.cct };
    risk = await riskFor(deps, scope, c.id);
  }
  const built = await buildItems(deps, scope, risk, (c, s) => resolveSettings(rows, c, s));
  const day = today(deps);
  const ranked = rankQueue(
    built.map((b) => ({ ...b.cand, b })),
    capacity,
    day,
  ).map((x) => x.b);
  return {
    owner,
    capacity,
    escalateAfterDays: settings.escalateAfterDays,
    atRisk: built.length,
    red: built.filter((b) => b.cand.flag === 'rojo').length,
    modelVersion: built.find((b) => b.modelVersion !== null)?.modelVersion ?? null,
    today: day,
    items: await present(deps, scope, ranked),
  };
}

/**
 * Red cases without action for the configured days, for the campus (its campus), state (its campuses) and
 * national (a state or campus, or everything) roles, ranked like a queue; no capacity cut.
 */
export async function escalations(
  deps: InterventionDeps,
  scope: Scope,
  query: { readonly campus?: string; readonly state?: number; readonly limit?: number } = {},
) {
  if (scope.role === 'tutor')
    throw new AppError(
      'forbidden',
      'escalations_forbidden',
      'Los casos escalados los atienden la dirección del plantel y las coordinaciones',
    );
  const rows = await allQueueSettings(deps.db);
  let risk;
  if (query.campus || scope.role === 'campus') {
    const c = query.campus
      ? await campusByCct(deps.db, scope, query.campus)
      : await campusOf(deps.db, scope.campusId ?? -1);
    risk = await riskFor(deps, scope, c.id);
  } else if (scope.role === 'state') risk = await riskFor(deps, scope, undefined, scope.stateId ?? -1);
  else if (query.state !== undefined) risk = await riskFor(deps, scope, undefined, query.state);
  else risk = await riskFor(deps, scope);
  const built = (await buildItems(deps, scope, risk, (c, s) => resolveSettings(rows, c, s))).filter(
    (b) => b.escalated,
  );
  const ranked = rankQueue(
    built.map((b) => ({ ...b.cand, b })),
    Math.min(5000, query.limit ?? 500),
    today(deps),
  ).map((x) => x.b);
  return { today: today(deps), total: built.length, items: await present(deps, scope, ranked) };
}
