/** Pure helpers of the audit page (how a row is written: format.ts). */

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
