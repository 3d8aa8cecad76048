/**
 * Roles and scopes. Every query that returns records takes a Scope and is restricted by it in the service
 * layer (never only in the UI). Outside its scope a record does not exist: services answer not_found.
 */
import { ROLES, type Role } from './enums.js';

export { ROLES, type Role };

export interface TutorGroup {
  readonly campusId: number;
  readonly groupCode: string;
}

export interface Scope {
  readonly userId: number;
  readonly role: Role;
  /** INEGI state id for role `state`. */
  readonly stateId: number | null;
  /** Campus id for roles `campus` and `tutor`. */
  readonly campusId: number | null;
  /** Groups a tutor follows (in their campus). */
  readonly groups: readonly TutorGroup[];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Names and CURP: every role but analyst. Analysts see pseudonymous ids only. */
export function canSeeIdentity(scope: Scope): boolean {
  return scope.role !== 'analyst';
}

export function roleLabel(role: Role, lang: 'es' | 'en'): string {
  const labels: Record<Role, [string, string]> = {
    national: ['Coordinación nacional', 'National coordinator'],
    state: ['Coordinación estatal', 'State coordinator'],
    campus: ['Dirección de plantel', 'Campus director'],
    tutor: ['Tutoría', 'Tutor'],
    analyst: ['Análisis (datos seudonimizados)', 'Analyst (pseudonymous data)'],
  };
  return labels[role][lang === 'es' ? 0 : 1];
}
