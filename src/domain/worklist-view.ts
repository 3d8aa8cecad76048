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
  /** `reasons` in English, in the same order (English downloads). */
  readonly reasonsEn?: readonly string[];
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

/** The download's column names: Spanish by default, English with lang=en (same order). */
const COLUMNS = {
  es: {
    rank: 'prioridad',
    student: 'estudiante',
    name: 'nombre',
    campus: 'plantel',
    group: 'grupo',
    semester: 'semestre',
    flag: 'semaforo',
    probability: 'probabilidad',
    reasons: 'razones',
    lastAction: 'ultima_accion',
    lastKind: 'tipo_ultima_accion',
    days: 'dias_sin_accion',
    next: 'proxima_accion',
    overdue: 'vencida',
    escalated: 'escalado',
    open: 'intervenciones_abiertas',
  },
  en: {
    rank: 'priority',
    student: 'student',
    name: 'name',
    campus: 'campus',
    group: 'group',
    semester: 'semester',
    flag: 'band',
    probability: 'probability',
    reasons: 'reasons',
    lastAction: 'last_action',
    lastKind: 'last_action_kind',
    days: 'days_without_action',
    next: 'next_action_due',
    overdue: 'overdue',
    escalated: 'escalated',
    open: 'open_interventions',
  },
} as const;
const BANDS_EN: Record<RiskFlag, string> = { rojo: 'red', amarillo: 'amber', verde: 'green' };

/**
 * One flat row per student for CSV/XLSX downloads (ISO dates): Spanish column names, bands, reasons and
 * yes/no by default, English with lang=en.
 */
export function queueDownloadRows(
  items: readonly QueueViewItem[],
  afterDays: number,
  today: string,
  lang: 'es' | 'en' = 'es',
): Record<string, string | number | null>[] {
  const named = items.some((i) => i.name !== null);
  const en = lang === 'en';
  const k = COLUMNS[lang];
  const yes = (b: boolean) => (b ? (en ? 'yes' : 'sí') : 'no');
  return items.map((i) => {
    const due = nextActionDue(i.lastAction?.date ?? null, afterDays, today);
    return {
      [k.rank]: i.rank,
      [k.student]: i.student,
      ...(named ? { [k.name]: i.name } : {}),
      [k.campus]: i.campusCct,
      [k.group]: i.group,
      [k.semester]: i.semester,
      [k.flag]: en ? BANDS_EN[i.flag] : i.flag,
      [k.probability]: i.probability === null ? null : Math.round(i.probability * 1000) / 10,
      [k.reasons]: (en ? (i.reasonsEn ?? i.reasons) : i.reasons).join('; '),
      [k.lastAction]: i.lastAction?.date ?? null,
      [k.lastKind]: i.lastAction?.kind ?? null,
      [k.days]: i.daysSinceAction,
      [k.next]: due.date,
      [k.overdue]: yes(due.overdue),
      [k.escalated]: yes(i.escalated),
      [k.open]: i.openInterventions,
    };
  });
}
