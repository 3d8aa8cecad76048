/** Calls of the tutoring, effects and what-if pages (server: src/api/routes/interventions.ts). */
import { apiRequest, buildUrl } from '../../api/client';
import type { QueueFilter } from '../../../../src/domain/worklist-view';

export type Flag = 'verde' | 'amarillo' | 'rojo';
export interface Bilingual {
  readonly es: string;
  readonly en: string;
}

export interface QueueItem {
  readonly rank: number;
  readonly student: string;
  readonly name: string | null;
  readonly campusCct: string;
  readonly group: string | null;
  readonly semester: number | null;
  readonly flag: Flag;
  readonly probability: number | null;
  readonly reasons: readonly string[];
  readonly lastAction: {
    readonly date: string;
    readonly type: string;
    readonly kind: string;
    readonly label: Bilingual;
  } | null;
  readonly daysSinceAction: number | null;
  readonly escalated: boolean;
  readonly openInterventions: number;
}

export interface WorkQueue {
  readonly owner: { readonly level: 'tutor' | 'campus'; readonly unit: string };
  readonly capacity: number;
  readonly escalateAfterDays: number;
  readonly atRisk: number;
  readonly red: number;
  readonly today: string;
  readonly items: readonly QueueItem[];
}

export interface InterventionView {
  readonly id: number;
  readonly student: string;
  readonly studentName: string | null;
  readonly kind: string;
  readonly kindLabel: Bilingual;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly sessions: number;
  readonly description: string | null;
  readonly outcome: string | null;
  readonly outcomeLabel: Bilingual;
  readonly assignedBy: string | null;
  readonly notes: number;
  readonly lastNoteDate: string | null;
}

export interface NoteView {
  readonly id: number;
  readonly interventionId: number;
  readonly date: string;
  readonly author: string;
  readonly body: string;
}

export interface InterventionChange {
  readonly endDate?: string | null;
  readonly sessions?: number;
  readonly outcome?: string | null;
}

export const OUTCOMES = ['concluida', 'abandono', 'no_asistio', 'canalizada', 'sin_cambio'] as const;

export interface Escalations {
  readonly total: number;
  readonly today: string;
  readonly items: readonly QueueItem[];
}

export interface NewIntervention {
  readonly student: string;
  readonly kind: string;
  readonly startDate?: string;
  readonly sessions?: number;
  readonly description?: string | null;
}

export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface KindEffect {
  readonly kind: string;
  readonly label: Bilingual;
  readonly estimate: {
    readonly treated: number;
    readonly controls: number;
    readonly treatedRate: number;
    readonly controlRate: number;
    readonly naive: Interval;
    readonly att: Interval;
    readonly crossoverShare: number;
  } | null;
  readonly note: string | null;
  readonly truth: {
    readonly attYearExitRiskDifference: number;
    readonly insideInterval: boolean | null;
  } | null;
}

export interface EffectsReport {
  readonly outcome: string;
  readonly method: string;
  readonly studentYears: number;
  readonly fromSchoolYear: string | null;
  readonly effects: readonly KindEffect[];
}

export interface Projection {
  readonly entrants: number;
  readonly graduatesOnTime: number;
  readonly eficienciaTerminal: number;
  readonly graduationEventual: number;
  readonly dropoutPct: number;
  readonly abandono: number | null;
  readonly survivalToGradePct: readonly number[];
}

export interface WhatIfReport {
  readonly generation: string;
  readonly unit: { readonly level: string; readonly id: string; readonly name: string };
  readonly baseline: Projection;
  readonly scenario: Projection;
  readonly difference: {
    readonly eficienciaTerminalPoints: number;
    readonly dropoutPoints: number;
    readonly abandonoPoints: number | null;
    readonly studentsKept: number;
    readonly extraGraduatesOnTime: number;
  };
  readonly observed: {
    readonly eficienciaTerminalCohorte: number | null;
    readonly scenarioEficienciaTerminal: number | null;
  };
  readonly nationalEtPoints: number | null;
}

export const KINDS = [
  'tutoring',
  'counseling',
  'leveling',
  'virtual_lab',
  'family_contact',
  'scholarship_follow_up',
  'referral',
] as const;

export const tutoriaApi = {
  worklist: (campus: string | undefined, signal?: AbortSignal) =>
    apiRequest<WorkQueue>('GET', '/worklist', campus ? { campus } : undefined, undefined, signal),
  /** The download of the queue as filtered and sorted on the page (the server applies the same filter). */
  worklistHref: (campus: string | undefined, filter: QueueFilter, format: 'csv' | 'xlsx') =>
    buildUrl('/worklist', { campus, ...filter, format }),
  /** The group sheet (semáforo per dimension of every student of the group), printable or as a workbook. */
  groupSheetHref: (group: string, campus: string | undefined, format: 'pdf' | 'xlsx') =>
    buildUrl(`/groups/${encodeURIComponent(group)}/sheet`, { campus, format }),
  interventions: (student: string, signal?: AbortSignal) =>
    apiRequest<{ items: readonly InterventionView[] }>(
      'GET',
      '/interventions',
      { student, limit: 100 },
      undefined,
      signal,
    ),
  followUps: (id: number, signal?: AbortSignal) =>
    apiRequest<InterventionView & { followUps: readonly NoteView[] }>(
      'GET',
      `/interventions/${id}`,
      undefined,
      undefined,
      signal,
    ),
  updateIntervention: (id: number, change: InterventionChange) =>
    apiRequest<InterventionView>('PATCH', `/interventions/${id}`, undefined, change),
  addNote: (id: number, note: { readonly body: string; readonly date: string }) =>
    apiRequest<NoteView>('POST', `/interventions/${id}/notes`, undefined, note),
  escalations: (campus: string | undefined, signal?: AbortSignal) =>
    apiRequest<Escalations>('GET', '/escalations', campus ? { campus } : undefined, undefined, signal),
  addIntervention: (input: NewIntervention) =>
    apiRequest<{ id: number }>('POST', '/interventions', undefined, input),
  effects: (signal?: AbortSignal) =>
    apiRequest<EffectsReport>('GET', '/effects', undefined, undefined, signal),
  whatIf: (
    q: { generation: string; campus?: string; semester?: number; dropoutChange?: number },
    signal?: AbortSignal,
  ) =>
    apiRequest<WhatIfReport>(
      'GET',
      '/whatif',
      Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')),
      undefined,
      signal,
    ),
};
