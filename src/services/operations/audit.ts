/**
 * Use case: the audit log. recordAudit appends one row (who, what, when, on which target, in which scope);
 * listAudit reads it for national (everything) and state (their state: the rows scoped to it and those that
 * touched it, such as a national or CLI import of its students) coordinators. The table is
 * append-only: this module has no update or delete path and triggers on both dialects reject one.
 *
 * Privacy: students are named by id in `target` ("student:123"), never by name or CURP. details is checked
 * before it is written: keys that name a person's identity are dropped and any CURP-shaped text is replaced.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditTarget } from '../../domain/audit.js';
import { AppError, invalid } from '../../domain/errors.js';
import { auditRecords, insertAuditRecord, type AuditPlace } from '../../storage/audit-log.js';
import type { Database } from '../../storage/schema.js';

// The actions and target kinds live in the domain, with their labels (the web shows them): domain/audit.ts.
export { AUDIT_ACTIONS, type AuditAction, type AuditTarget } from '../../domain/audit.js';

/**
 * A request id as the server accepts it from a client (X-Request-Id) and writes it to logs and audit rows:
 * letters, digits and hyphens, 8 to 64 (a UUID fits). Anything else is replaced by a generated one (api/app.ts)
 * and never stored: a forged id could otherwise carry a formula or a name into the audit log and its exports.
 */
export const isRequestId = (v: string): boolean => /^[A-Za-z0-9-]{8,64}$/.test(v);

export const isAuditAction = (v: string): v is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(v);

export interface AuditEntry {
  /** Username, 'cli:<os user>' or 'system'. */
  readonly actor: string;
  readonly action: AuditAction;
  /** What was acted on: 'student:123', 'user:ana', 'file:planteles.csv', 'campus:09DCT0001X' … */
  readonly target?: AuditTarget;
  /** Facts about the action (counts, filters, format). Never a student's name or CURP. */
  readonly details?: Record<string, unknown>;
  /** The actor's role, when the actor is an account. */
  readonly role?: string | null;
  /** Scope of the row: the target's state and campus when known, else the actor's. */
  readonly stateId?: number | null;
  readonly campusId?: number | null;
  readonly requestId?: string | null;
  readonly at?: Date;
  /** States and campuses the action touched besides its own scope (an import: its students' places). */
  readonly places?: readonly AuditPlace[];
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Appends one audit row. Called inside the transaction of the change it records when there is one, so that
 * the row exists exactly when the change does.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const details = entry.details === undefined ? null : JSON.stringify(scrubDetails(entry.details));
  await insertAuditRecord(
    db,
    {
      at: (entry.at ?? new Date()).toISOString(),
      actor: entry.actor.slice(0, 120),
      role: entry.role ?? null,
      action: entry.action,
      target: entry.target === undefined ? null : scrubText(entry.target).slice(0, 200),
      stateId: entry.stateId ?? null,
      campusId: entry.campusId ?? null,
      details: details !== null && details.length > 8000 ? JSON.stringify({ truncated: true }) : details,
      requestId: entry.requestId && isRequestId(entry.requestId) ? entry.requestId : null,
    },
    entry.places,
  );
}

/** The audit fields of an authenticated account: actor, role and its state/campus as the default scope. */
export function auditActor(
  user: { readonly username: string },
  scope: Pick<Scope, 'role' | 'stateId' | 'campusId'>,
  requestId?: string,
): Pick<AuditEntry, 'actor' | 'role' | 'stateId' | 'campusId' | 'requestId'> {
  return {
    actor: user.username,
    role: scope.role,
    stateId: scope.stateId,
    campusId: scope.campusId,
    requestId: requestId ?? null,
  };
}

// Keys that would carry a person's identity; dropped from details whatever their value.
const IDENTITY_KEYS = new Set([
  'name',
  'names',
  'nombre',
  'nombres',
  'curp',
  'given_names',
  'givennames',
  'first_surname',
  'firstsurname',
  'second_surname',
  'secondsurname',
  'surname',
  'apellido',
  'apellidos',
  'password',
  'token',
]);
// Any CURP-shaped run of characters (18: 4 letters, 6 digits, H/M/X, 5 letters, 1 alnum, 1 digit).
const CURP_LIKE = /[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d/gi;

const scrubText = (s: string): string => s.replace(CURP_LIKE, '[CURP omitida]');

/** details without identity keys and with CURP-shaped text replaced; nested at most 4 levels. */
export function scrubDetails(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (IDENTITY_KEYS.has(k.toLowerCase())) continue;
    out[k] = scrubValue(v, depth + 1);
  }
  return out;
}

function scrubValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (depth > 4) return '[…]';
  if (Array.isArray(v)) return v.slice(0, 100).map((x) => scrubValue(x, depth + 1));
  if (typeof v === 'object') return scrubDetails(v as Record<string, unknown>, depth);
  return typeof v === 'bigint' ? v.toString() : `[${typeof v}]`;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface AuditQuery {
  /** ISO date or timestamp, inclusive. */
  readonly since?: string;
  /** ISO date or timestamp, exclusive (a date means up to the end of that day). */
  readonly until?: string;
  readonly action?: string;
  readonly actor?: string;
  readonly target?: string;
  /** State INEGI id (national viewers only; a state viewer always sees their own). */
  readonly state?: number;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly stateId: number | null;
  readonly campusId: number | null;
  readonly details: Record<string, unknown> | null;
  readonly requestId: string | null;
}

export interface AuditPage {
  readonly items: AuditRow[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Who may read the log: national coordinators all of it, state coordinators the rows of their state, the
 * command line (scope null: whoever holds the database) all of it. Everyone else: forbidden.
 */
export function auditStateFilter(scope: Scope | null): number | null {
  if (scope === null || scope.role === 'national') return null;
  if (scope.role === 'state' && scope.stateId !== null) return scope.stateId;
  throw new AppError(
    'forbidden',
    'audit_forbidden',
    'La bitácora de auditoría solo está disponible para las coordinaciones nacional y estatal',
  );
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

function checkDate(name: string, v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (!DATE_RE.test(v) || Number.isNaN(Date.parse(v)))
    throw invalid('invalid_date', `Fecha inválida en ${name}: "${v}" (use AAAA-MM-DD)`);
  return v;
}

/** The day after an ISO date (for an exclusive bound that covers the whole day). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function listAudit(
  db: Kysely<Database>,
  scope: Scope | null,
  q: AuditQuery,
): Promise<AuditPage> {
  const scopedState = auditStateFilter(scope);
  const since = checkDate('since', q.since);
  const untilRaw = checkDate('until', q.until);
  const until = untilRaw && untilRaw.length === 10 ? nextDay(untilRaw) : untilRaw;
  if (q.action !== undefined && q.action !== '' && !isAuditAction(q.action) && !/^[a-z]+\.?$/.test(q.action))
    throw invalid(
      'invalid_action',
      `Acción desconocida: "${q.action}". Valores: ${AUDIT_ACTIONS.join(', ')}`,
    );
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(1_000_000, Math.max(1, q.pageSize ?? 50));
  // "user." or "user" selects a family of actions.
  const action = !q.action
    ? undefined
    : isAuditAction(q.action)
      ? { exact: q.action }
      : { family: q.action.replace(/\.$/, '') };
  const { rows, total } = await auditRecords(db, {
    stateId: scopedState ?? q.state,
    since,
    until,
    action,
    actor: q.actor || undefined,
    target: q.target || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    items: rows.map((r) => ({
      ...r,
      details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    })),
    total,
    page,
    pageSize,
  };
}

/** Flat rows for a CSV/XLSX download (details as JSON text). */
export function auditTableRows(items: readonly AuditRow[]): Record<string, string | number | null>[] {
  return items.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    target: r.target,
    stateId: r.stateId,
    campusId: r.campusId,
    requestId: r.requestId,
    details: r.details === null ? null : JSON.stringify(r.details),
  }));
}
