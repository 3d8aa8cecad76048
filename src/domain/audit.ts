/**
 * What the audit log can say: the actions the server writes (services/operations/audit.ts records only these),
 * the kinds of target it names ("student:123", "file:planteles.csv"…), and a label for each in Spanish and
 * English, so the Auditoría page reads "Consulta de expediente · Estudiante 123" instead of codes. The codes
 * stay the stored values (filters, downloads, operators). Pure; the web imports it.
 */

export const AUDIT_ACTIONS = [
  'student.view', // a student's profile was opened
  'student.search', // a search by name or CURP
  'export.personal', // a download with names or CURP
  'export.pseudonymous', // a download of records with pseudonymous ids only
  'export.audit', // the audit log itself was downloaded
  'record.change', // a student's record was changed (intervention, status …)
  'import.file', // a file was imported (campus list, published rates, records …)
  'risk.threshold', // a risk threshold changed
  'user.add',
  'user.role',
  'user.disable',
  'user.enable',
  'login.failed',
  'login.locked',
  'data.generate',
  'data.purge', // retention: identities of students who left long ago removed
  'data.backup',
  'data.restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of target an audit row names, before the colon ("student:123") or alone ("student_identities"). */
export const AUDIT_TARGET_KINDS = [
  'student',
  'user',
  'file',
  'download',
  'import-run',
  'queue',
  'risk_rule_set',
  'student_identities',
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];
/** A target as recordAudit accepts it: a kind, alone or followed by what it names. */
export type AuditTarget = AuditTargetKind | `${AuditTargetKind}:${string}`;

export interface Label {
  readonly es: string;
  readonly en: string;
}

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, Label>> = {
  'student.view': { es: 'Consulta de expediente', en: 'Student record opened' },
  'student.search': { es: 'Búsqueda de estudiantes', en: 'Student search' },
  'export.personal': { es: 'Descarga con datos personales', en: 'Download with personal data' },
  'export.pseudonymous': { es: 'Descarga seudónima', en: 'Pseudonymous download' },
  'export.audit': { es: 'Descarga de la bitácora', en: 'Audit log download' },
  'record.change': { es: 'Cambio de registro', en: 'Record changed' },
  'import.file': { es: 'Importación de archivo', en: 'File imported' },
  'risk.threshold': { es: 'Cambio de umbral o parámetro', en: 'Threshold or setting changed' },
  'user.add': { es: 'Alta de cuenta', en: 'Account created' },
  'user.role': { es: 'Cambio de rol', en: 'Role changed' },
  'user.disable': { es: 'Cuenta desactivada', en: 'Account disabled' },
  'user.enable': { es: 'Cuenta reactivada', en: 'Account re-enabled' },
  'login.failed': { es: 'Acceso fallido', en: 'Failed sign-in' },
  'login.locked': { es: 'Acceso bloqueado temporalmente', en: 'Sign-in temporarily locked' },
  'data.generate': { es: 'Generación de datos de demostración', en: 'Demo data generated' },
  'data.purge': { es: 'Depuración por retención', en: 'Retention purge' },
  'data.backup': { es: 'Respaldo', en: 'Backup' },
  'data.restore': { es: 'Restauración', en: 'Restore' },
};

export const AUDIT_TARGET_LABELS: Readonly<Record<AuditTargetKind, Label>> = {
  student: { es: 'Estudiante', en: 'Student' },
  user: { es: 'Cuenta', en: 'Account' },
  file: { es: 'Archivo', en: 'File' },
  download: { es: 'Descarga', en: 'Download' },
  'import-run': { es: 'Importación', en: 'Import run' },
  queue: { es: 'Cola de trabajo', en: 'Work queue' },
  risk_rule_set: { es: 'Umbrales de riesgo, versión', en: 'Risk thresholds, version' },
  student_identities: { es: 'Identidades de estudiantes', en: 'Student identities' },
};

const isKind = (v: string): v is AuditTargetKind => (AUDIT_TARGET_KINDS as readonly string[]).includes(v);

/** An action's label; an unknown code (an older row) as it is. */
export function auditActionLabel(action: string, lang: 'es' | 'en'): string {
  return (AUDIT_ACTION_LABELS as Readonly<Record<string, Label>>)[action]?.[lang] ?? action;
}

/** A target as words: "student:123" → "Estudiante 123"; an unknown kind as it is. */
export function auditTargetLabel(target: string, lang: 'es' | 'en'): string {
  const colon = target.indexOf(':');
  const kind = colon < 0 ? target : target.slice(0, colon);
  if (!isKind(kind)) return target;
  const rest = colon < 0 ? '' : target.slice(colon + 1);
  return rest ? `${AUDIT_TARGET_LABELS[kind][lang]} ${rest}` : AUDIT_TARGET_LABELS[kind][lang];
}
