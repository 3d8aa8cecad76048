/**
 * What a work queue shows: the filters (group, band, days without action), the sort orders, when the next
 * action is due, and the flat rows of a download. Pure; the API (format=csv|xlsx) and the web page use the
 * same functions, so a download holds exactly the students the page shows.
 */
import { daysBetween, type RiskFlag } from './interventions.js';

export const QUEUE_SORTS = ['rank', 'days', 'probability', 'group'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export interface QueueFilter {
  /** Only this group code. */
  readonly group?: string;
  /** Only this band (amarillo or rojo). */
  readonly flag?: RiskFlag;
  /** Only students with at least this many days without action (never acted on counts as always). */
  readonly minDays?: number;
  readonly sort?: QueueSort;
}

export interface QueueViewItem {
  readonly rank: number;
  readonly student: string;
  readonly name: string | null;
  readonly campusCct: string;
  readonly group: string | null;
  readonly semester: number | null;
  readonly flag: RiskFlag;
  readonly probability: number | null;
  readonly reasons: readonly string[];
  readonly lastAction: { readonly date: string; readonly kind: string } | null;
  readonly daysSinceAction: number | null;
  readonly escalated: boolean;
  readonly openInterventions: number;
}

/** ISO date plus whole days (UTC calendar arithmetic). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(iso.slice(0, 10)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * When the next action is due: `afterDays` after the last one (the escalation deadline), or today when
 * nothing was ever done. Overdue when that day has passed.
 */
export function nextActionDue(
  lastActionDate: string | null,
  afterDays: number,
  today: string,
): { readonly date: string; readonly overdue: boolean } {
  if (lastActionDate === null) return { date: today, overdue: true };
  const date = addDays(lastActionDate, afterDays);
  return { date, overdue: daysBetween(today, date) < 0 };
}

const noAction = (i: QueueViewItem) =>
  i.daysSinceAction === null ? Number.POSITIVE_INFINITY : i.daysSinceAction;

/** The queue as filtered and sorted; the default order is the queue's rank. */
export function viewQueue<T extends QueueViewItem>(items: readonly T[], f: QueueFilter = {}): T[] {
  const out = items.filter(
    (i) =>
      (f.group === undefined || f.group === '' || i.group === f.group) &&
      (f.flag === undefined || i.flag === f.flag) &&
      (f.minDays === undefined || noAction(i) >= f.minDays),
  );
  const byRank = (a: T, b: T) => a.rank - b.rank;
  const order: Record<QueueSort, (a: T, b: T) => number> = {
    rank: byRank,
    days: (a, b) => noAction(b) - noAction(a) || byRank(a, b),
    probability: (a, b) => (b.probability ?? -1) - (a.probability ?? -1) || byRank(a, b),
    group: (a, b) => (a.group ?? '\uffff').localeCompare(b.group ?? '\uffff', 'es') || byRank(a, b),
  };
  return out.sort(order[f.sort ?? 'rank']);
}

/** The groups present in a queue, sorted, for the group filter. */
export function queueGroups(items: readonly QueueViewItem[]): string[] {
  return [...new Set(items.map((i) => i.group).filter((g): g is string => g !== null))].sort((a, b) =>
    a.localeCompare(b, 'es'),
  );
}

/** One flat row per student for CSV/XLSX downloads (Spanish column names, ISO dates). */
export function queueDownloadRows(
  items: readonly QueueViewItem[],
  afterDays: number,
  today: string,
): Record<string, string | number | null>[] {
  const named = items.some((i) => i.name !== null);
  return items.map((i) => {
    const due = nextActionDue(i.lastAction?.date ?? null, afterDays, today);
    return {
      prioridad: i.rank,
      estudiante: i.student,
      ...(named ? { nombre: i.name } : {}),
      plantel: i.campusCct,
      grupo: i.group,
      semestre: i.semester,
      semaforo: i.flag,
      probabilidad: i.probability === null ? null : Math.round(i.probability * 1000) / 10,
      razones: i.reasons.join('; '),
      ultima_accion: i.lastAction?.date ?? null,
      tipo_ultima_accion: i.lastAction?.kind ?? null,
      dias_sin_accion: i.daysSinceAction,
      proxima_accion: due.date,
      vencida: due.overdue ? 'sí' : 'no',
      escalado: i.escalated ? 'sí' : 'no',
      intervenciones_abiertas: i.openInterventions,
    };
  });
}
