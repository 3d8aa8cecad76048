/**
 * How the audit page writes its rows: the moment as the other pages write dates ("7 dic 2026, 14:05" /
 * "Dec 7, 2026, 14:05", in the reader's time zone) and the details as labelled words in either language
 * ("Identidad visible: sí · Estado: —" for { identity: true, stateId: null }: issue 13, finding 9).
 */
import { auditActionLabel } from '../../../../src/domain/audit';
import { localeOf, type Lang } from '../../lib/format';

/** An audit row's ISO timestamp as day, short month, year and 24-hour time, in the given time zone. */
export function auditWhen(iso: string, lang: Lang, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** Labels of the detail keys the server writes (the services' audit calls), in both languages. */
const KEY_LABELS: Readonly<Record<string, { readonly es: string; readonly en: string }>> = {
  identity: { es: 'Identidad visible', en: 'Identity visible' },
  stateId: { es: 'Estado', en: 'State' },
  campusId: { es: 'Plantel', en: 'Campus' },
  campus: { es: 'Plantel', en: 'Campus' },
  role: { es: 'Rol', en: 'Role' },
  groups: { es: 'Grupos', en: 'Groups' },
  group: { es: 'Grupo', en: 'Group' },
  format: { es: 'Formato', en: 'Format' },
  rows: { es: 'Filas', en: 'Rows' },
  page: { es: 'Página', en: 'Page' },
  query: { es: 'Con búsqueda', en: 'With a search' },
  op: { es: 'Operación', en: 'Operation' },
  intervention: { es: 'Intervención', en: 'Intervention' },
  kind: { es: 'Tipo', en: 'Type' },
  sessions: { es: 'Sesiones', en: 'Sessions' },
  fields: { es: 'Campos', en: 'Fields' },
  failures: { es: 'Intentos fallidos', en: 'Failed attempts' },
  years: { es: 'Ciclos', en: 'School years' },
  cutoff: { es: 'Corte', en: 'Cut-off' },
  students: { es: 'Estudiantes', en: 'Students' },
  flag: { es: 'Semáforo', en: 'Risk band' },
  minDays: { es: 'Días sin acción', en: 'Days without action' },
  sort: { es: 'Orden', en: 'Sort' },
  fromVersion: { es: 'Desde la versión', en: 'From version' },
  changes: { es: 'Cambios', en: 'Changes' },
  note: { es: 'Nota', en: 'Note' },
  transfer: { es: 'Traslado', en: 'Transfer' },
  runId: { es: 'Importación', en: 'Import run' },
  inserted: { es: 'Nuevos', en: 'Inserted' },
  updated: { es: 'Actualizados', en: 'Updated' },
  unchanged: { es: 'Sin cambios', en: 'Unchanged' },
  issues: { es: 'Problemas', en: 'Issues' },
  dryRun: { es: 'Simulación', en: 'Dry run' },
  rejected: { es: 'Rechazado', en: 'Rejected' },
  since: { es: 'Desde', en: 'Since' },
  until: { es: 'Hasta', en: 'Until' },
  action: { es: 'Acción', en: 'Action' },
  from: { es: 'Antes', en: 'Before' },
  to: { es: 'Después', en: 'After' },
  view: { es: 'Vista', en: 'View' },
  truncated: { es: 'Recortado', en: 'Truncated' },
  tutorCapacity: { es: 'Capacidad por tutor', en: 'Tutor capacity' },
  campusCapacity: { es: 'Capacidad del plantel', en: 'Campus capacity' },
  escalateAfterDays: { es: 'Escalar tras (días)', en: 'Escalate after (days)' },
};

/** "someThing" → "Some thing" for keys without a label. */
const words = (key: string) => {
  const w = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};

const label = (key: string, lang: Lang) => KEY_LABELS[key]?.[lang] ?? words(key);

function valueText(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (v === true) return lang === 'es' ? 'sí' : 'yes';
  if (v === false) return 'no';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => valueText(x, lang)).join(', ');
  if (typeof v === 'object')
    return `(${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${label(k, lang)}: ${valueText(x, lang)}`)
      .join(', ')})`;
  if (typeof v === 'number') return v.toLocaleString(localeOf(lang));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** An audit row's details as labelled words in the API's key order; '' when there are none. */
export function detailsText(
  details: Readonly<Record<string, unknown>> | null | undefined,
  lang: Lang,
): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => {
      // A filter by action (the audit download's own row) reads as the action's words.
      const text = k === 'action' && typeof v === 'string' ? auditActionLabel(v, lang) : valueText(v, lang);
      return `${label(k, lang)}: ${text}`;
    })
    .join(' · ');
}
