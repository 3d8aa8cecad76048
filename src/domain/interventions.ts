/**
 * Interventions: the catalog of kinds and outcomes, the work-queue ranking and the escalation rule. Pure.
 *
 * Kind codes are stable English identifiers stored in `interventions.kind` (the generator writes tutoring,
 * counseling and leveling); labels are Spanish first.
 */
export const INTERVENTION_KINDS = [
  'tutoring',
  'counseling',
  'leveling',
  'virtual_lab',
  'family_contact',
  'scholarship_follow_up',
  'referral',
] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

const KIND_LABELS: Record<InterventionKind, { es: string; en: string }> = {
  tutoring: { es: 'Tutoría', en: 'Tutoring' },
  counseling: { es: 'Orientación', en: 'Counseling' },
  leveling: { es: 'Curso de nivelación', en: 'Leveling course' },
  virtual_lab: { es: 'Laboratorio virtual', en: 'Virtual lab' },
  family_contact: { es: 'Contacto con la familia', en: 'Family contact' },
  scholarship_follow_up: { es: 'Seguimiento de beca', en: 'Scholarship follow-up' },
  referral: { es: 'Canalización', en: 'Referral' },
};

export const isInterventionKind = (v: string): v is InterventionKind =>
  (INTERVENTION_KINDS as readonly string[]).includes(v);

export function kindLabel(kind: string): { es: string; en: string } {
  return isInterventionKind(kind) ? KIND_LABELS[kind] : { es: kind, en: kind };
}

/** Outcome of an intervention; null while it is in progress. The generator writes concluida and abandono. */
export const INTERVENTION_OUTCOMES = [
  'concluida',
  'abandono',
  'no_asistio',
  'canalizada',
  'sin_cambio',
] as const;
export type InterventionOutcome = (typeof INTERVENTION_OUTCOMES)[number];
export const isInterventionOutcome = (v: string): v is InterventionOutcome =>
  (INTERVENTION_OUTCOMES as readonly string[]).includes(v);

const OUTCOME_LABELS: Record<InterventionOutcome, { es: string; en: string }> = {
  concluida: { es: 'Concluida', en: 'Completed' },
  abandono: { es: 'El estudiante abandonó', en: 'Student left' },
  no_asistio: { es: 'No asistió', en: 'Did not attend' },
  canalizada: { es: 'Canalizada a otra instancia', en: 'Referred elsewhere' },
  sin_cambio: { es: 'Sin cambio', en: 'No change' },
};
export function outcomeLabel(outcome: string | null): { es: string; en: string } {
  if (outcome === null) return { es: 'En curso', en: 'In progress' };
  return isInterventionOutcome(outcome) ? OUTCOME_LABELS[outcome] : { es: outcome, en: outcome };
}

/** Work-queue and escalation settings; a campus setting overrides its state's, which overrides the default. */
export interface QueueSettings {
  /** Students a tutor can follow at once. */
  readonly tutorCapacity: number;
  /** Students a campus's tutoring staff can follow at once. */
  readonly campusCapacity: number;
  /** A red case with no action for this many days is escalated. */
  readonly escalateAfterDays: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = Object.freeze({
  tutorCapacity: 40,
  campusCapacity: 200,
  escalateAfterDays: 14,
});

export type RiskFlag = 'verde' | 'amarillo' | 'rojo';
const FLAG_RANK: Record<RiskFlag, number> = { rojo: 2, amarillo: 1, verde: 0 };

export interface QueueCandidate {
  readonly studentId: number;
  readonly flag: RiskFlag;
  readonly probability: number | null;
  /** ISO date of the last intervention started or note written; null when none. */
  readonly lastActionDate: string | null;
}

/** Whole days from an ISO date to another (UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

/**
 * Ranks a work queue: red before yellow before green, then by probability (highest first; none last), then
 * the longest without action first (never acted on before anything), then by id for a stable order. Green
 * cases never enter a queue.
 */
export function rankQueue<T extends QueueCandidate>(
  candidates: readonly T[],
  capacity: number,
  today: string,
): T[] {
  const days = (c: QueueCandidate) =>
    c.lastActionDate === null ? Number.POSITIVE_INFINITY : daysBetween(c.lastActionDate, today);
  return candidates
    .filter((c) => c.flag !== 'verde')
    .sort(
      (a, b) =>
        FLAG_RANK[b.flag] - FLAG_RANK[a.flag] ||
        (b.probability ?? -1) - (a.probability ?? -1) ||
        days(b) - days(a) ||
        a.studentId - b.studentId,
    )
    .slice(0, Math.max(0, capacity));
}

/** A red case is escalated when it has had no action for `afterDays` days or more (or never). */
export function isEscalated(c: QueueCandidate, afterDays: number, today: string): boolean {
  if (c.flag !== 'rojo') return false;
  return c.lastActionDate === null || daysBetween(c.lastActionDate, today) >= afterDays;
}

/** Validates settings coming from a user (whole numbers within sensible bounds); returns the issues. */
export function settingsIssues(s: Partial<QueueSettings>): string[] {
  const issues: string[] = [];
  const check = (name: keyof QueueSettings, label: string, min: number, max: number) => {
    const v = s[name];
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > max))
      issues.push(`${label} debe ser un entero entre ${min} y ${max} (recibido: ${v})`);
  };
  check('tutorCapacity', 'La capacidad por tutor', 1, 500);
  check('campusCapacity', 'La capacidad por plantel', 1, 20_000);
  check('escalateAfterDays', 'Los días sin acción para escalar', 1, 365);
  return issues;
}
