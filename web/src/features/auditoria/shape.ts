/** Pure helpers of the audit page. */
import type { AuditEntry } from '../../api/types';

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

/** details as short "key: value" text (nested objects as JSON), in the API's key order. */
export function detailsText(details: AuditEntry['details']): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}
