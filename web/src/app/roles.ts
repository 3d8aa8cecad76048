/**
 * What each role may see and do in the web app, written once. The server decides (src/domain/access.ts and the
 * routes answer 403/404 outside a role's rights); these predicates only keep the pages from offering what the
 * API would refuse. Pages ask here and never compare roles themselves (roles.test.ts holds one test per rule).
 *
 * - national: the whole network; imports, the audit log, chooses any campus's queue.
 * - state: their state; imports for its campuses, the audit log of the state, chooses a campus of the state.
 * - campus: their campus; imports for it, its queue and escalations.
 * - tutor: the groups they follow; their queue first of all, no imports, no escalations.
 * - analyst: the whole network with pseudonymous ids only (no names, no CURP), read only, public reports.
 */
import { ROLES, type Role } from '../../../src/domain/enums';
import type { SessionUser } from '../api/models';
import type { Route } from '../lib/route';

export { ROLES, type Role };

type Who = Pick<SessionUser, 'role'>;
type Placed = Pick<SessionUser, 'role' | 'stateCode' | 'campusCct'>;

/** Analysts: pseudonymous data, read only (API: canSeeIdentity is false). */
export function isAnalyst(user: Who): boolean {
  return user.role === 'analyst';
}

/** Tutors: their own groups only. */
export function isTutor(user: Who): boolean {
  return user.role === 'tutor';
}

/** Names and CURP: every role but analyst (src/domain/access.ts canSeeIdentity). */
export function canSeeNames(user: Who): boolean {
  return !isAnalyst(user);
}

/** Reports: analysts get the public version (small counts suppressed, no names). */
export function wantsPublicReports(user: Who): boolean {
  return isAnalyst(user);
}

/** The tutoring work queue: every role that works with students (analysts do not). */
export function canSeeQueue(user: Who): boolean {
  return !isAnalyst(user);
}

/** Logging, following up and closing interventions: the same roles as the queue (the API refuses analysts). */
export function canWriteInterventions(user: Who): boolean {
  return !isAnalyst(user);
}

/** The queue comes first in the navigation (a tutor's day starts there). */
export function queueFirst(user: Who): boolean {
  return isTutor(user);
}

/** Escalated cases: every role but tutors (campus directors and coordinators act on them; analysts read). */
export function canSeeEscalations(user: Who): boolean {
  return !isTutor(user);
}

/** The queue's campus comes from the session (tutor, campus) rather than from a choice in the page. */
export function queueCampusIsOwn(user: Who): boolean {
  return user.role === 'tutor' || user.role === 'campus';
}

/** Coordinators choose which campus's queue to open (state: one of their state). */
export function canChooseQueueCampus(user: Who): boolean {
  return user.role === 'national' || user.role === 'state';
}

/** Record imports: national, state and campus (the API scopes the rows to their campuses; 403 for the rest). */
export function canImport(user: Who): boolean {
  return user.role === 'national' || user.role === 'state' || user.role === 'campus';
}

/** The audit log: national and state coordinators (the API answers 403 to the rest). */
export function canSeeAudit(user: Who): boolean {
  return user.role === 'national' || user.role === 'state';
}

/** Roles that see more than one campus and so pick one (what-if scenarios): national, state, analyst. */
export function canChooseAnyCampus(user: Who): boolean {
  return user.role === 'national' || user.role === 'state' || user.role === 'analyst';
}

/** The state a user's campus lists are limited to: a state coordinator's own; nobody else is limited by state. */
export function stateScope(user: Pick<SessionUser, 'role' | 'stateCode'>): string | undefined {
  return user.role === 'state' ? (user.stateCode ?? undefined) : undefined;
}

/** Where a user lands after signing in: the widest unit their role sees in full (a tutor: their queue). */
export function landingPage(user: Placed): Route {
  const byRole: Record<Role, Route> = {
    national: { view: 'nacional' },
    analyst: { view: 'nacional' },
    state: user.stateCode ? { view: 'estado', unit: user.stateCode } : { view: 'nacional' },
    campus: user.campusCct ? { view: 'plantel', unit: user.campusCct } : { view: 'nacional' },
    tutor: { view: 'tutoria' },
  };
  return byRole[user.role];
}
