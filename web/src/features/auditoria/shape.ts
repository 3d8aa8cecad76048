/** Pure helpers of the audit page. */
import type { AuditEntry } from '../../api/models';

/** Action families offered as filters (the API accepts a family as ?action=user). */
export const AUDIT_FAMILIES = [
  'student',
  'export',
  'record',
  'import',
  'risk',
  'user',
  'login',
  'data',
] as const;

type Lang = 'es' | 'en';

/** Names of the detail keys the server writes (services/audit callers), in both languages. */
const KEY_LABELS: Readonly<Record<string, { es: string; en: string }>> = {
  identity: { es: 'datos personales', en: 'personal data' },
  stateId: { es: 'estado', en: 'state' },
  campusId: { es: 'plantel', en: 'campus' },
  campus: { es: 'plantel', en: 'campus' },
  role: { es: 'rol', en: 'role' },
  groups: { es: 'grupos', en: 'groups' },
  group: { es: 'grupo', en: 'group' },
  format: { es: 'formato', en: 'format' },
  rows: { es: 'filas', en: 'rows' },
  page: { es: 'página', en: 'page' },
  query: { es: 'con búsqueda', en: 'with a search' },
  op: { es: 'operación', en: 'operation' },
  intervention: { es: 'intervención', en: 'intervention' },
  kind: { es: 'tipo', en: 'type' },
  sessions: { es: 'sesiones', en: 'sessions' },
  fields: { es: 'campos', en: 'fields' },
  failures: { es: 'intentos fallidos', en: 'failed attempts' },
  years: { es: 'ciclos', en: 'school years' },
  cutoff: { es: 'corte', en: 'cut-off' },
  students: { es: 'estudiantes', en: 'students' },
  flag: { es: 'semáforo', en: 'risk band' },
  minDays: { es: 'días sin acción', en: 'days without action' },
  sort: { es: 'orden', en: 'sort' },
  fromVersion: { es: 'desde la versión', en: 'from version' },
  changes: { es: 'cambios', en: 'changes' },
  note: { es: 'nota', en: 'note' },
};

/** "stateId" → "state id" for keys without a label. */
const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();

function valueText(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (v === true) return lang === 'es' ? 'sí' : 'yes';
  if (v === false) return 'no';
  if (Array.isArray(v)) return v.map((x) => valueText(x, lang)).join(', ');
  if (typeof v === 'object')
    return `(${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${KEY_LABELS[k]?.[lang] ?? words(k)}: ${valueText(x, lang)}`)
      .join(', ')})`;
  if (typeof v === 'number') return v.toLocaleString(lang === 'es' ? 'es-MX' : 'en-US');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * details as short readable text in the API's key order: named keys, sí/no for flags, a dash for nothing
 * (finding 9: "identity: true · stateId: null").
 */
export function detailsText(details: AuditEntry['details'], lang: Lang = 'es'): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${KEY_LABELS[k]?.[lang] ?? words(k)}: ${valueText(v, lang)}`)
    .join(' · ');
}
