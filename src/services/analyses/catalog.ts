/**
 * The heavy analyses the runner serves (runner.ts): how each one's parameters are normalized into its cache
 * key and how it is computed on a database. Shared by the runner (keys) and the worker thread (computing).
 * Each result depends on the scope only through the unit it is restricted to, so callers with the same unit
 * (a national user and an analyst; a campus user and that campus's tutors) share one result.
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { invalid } from '../../domain/errors.js';
import { INTERVENTION_KINDS } from '../../domain/interventions.js';
import type { Database } from '../../storage/schema.js';
import { cohortReport, type CohortReport } from '../indicators/index.js';
import { interventionEffects, whatIf, type EffectsReport, type WhatIfReport } from '../effects/index.js';

export const ANALYSES = ['effects', 'whatif', 'cohort'] as const;
export type AnalysisName = (typeof ANALYSES)[number];

/** The unit a scope restricts an analysis to, as a scope of its own: what the result depends on. */
export function unitScope(scope: Scope): Scope {
  switch (scope.role) {
    case 'national':
    case 'analyst':
      return { userId: 0, role: 'national', stateId: null, campusId: null, groups: [] };
    case 'state':
      return { userId: 0, role: 'state', stateId: scope.stateId, campusId: null, groups: [] };
    case 'campus':
    case 'tutor':
      return { userId: 0, role: 'campus', stateId: scope.stateId, campusId: scope.campusId, groups: [] };
  }
}

export interface EffectsParams {
  /** Sorted, without repeats; absent: every kind with data. */
  readonly kinds?: readonly string[];
}

export interface WhatIfParams {
  readonly generation: string;
  readonly campus?: string;
  readonly program?: string;
  readonly changes: readonly { readonly semester: number; readonly change: number }[];
}

export interface CohortParams {
  readonly generation: string;
  readonly level?: string;
  readonly unitId?: string;
}

/** What each analysis computes (the runner's answers carry it). */
export type AnalysisResults = {
  effects: EffectsReport;
  whatif: WhatIfReport;
  cohort: CohortReport;
};

export type AnalysisParams = {
  effects: EffectsParams;
  whatif: WhatIfParams;
  cohort: CohortParams;
};

/** A kind list in one canonical order, checked against the catalog at once (a bad kind is never a job). */
export function effectsParams(kinds: readonly string[] | undefined): EffectsParams {
  if (!kinds) return {};
  const known = INTERVENTION_KINDS as readonly string[];
  const bad = kinds.filter((k) => !known.includes(k));
  if (bad.length > 0)
    throw invalid(
      'unknown_kind',
      `Tipo de intervención desconocido: "${bad.join('", "')}". Valores válidos: ${known.join(', ')}`,
    );
  return { kinds: [...new Set(kinds)].sort() };
}

/** The cache key's text: the analysis, its parameters with their keys sorted, and the unit. */
export function analysisKey(name: AnalysisName, params: object, scope: Scope | null): string {
  const sorted = JSON.stringify(params, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
  const unit = scope ? `${scope.role}:${scope.stateId ?? ''}:${scope.campusId ?? ''}` : '*';
  return `${name}|${unit}|${sorted}`;
}

/** Computes one analysis (in a worker thread, or here when there is none). */
export function computeAnalysis(
  db: Kysely<Database>,
  name: AnalysisName,
  params: unknown,
  scope: Scope | null,
): Promise<unknown> {
  const s = scope ?? unitScope({ userId: 0, role: 'national', stateId: null, campusId: null, groups: [] });
  switch (name) {
    case 'effects': {
      const p = params as EffectsParams;
      return interventionEffects(db, s, p.kinds ? { kinds: p.kinds } : {});
    }
    case 'whatif':
      return whatIf(db, s, params as WhatIfParams);
    case 'cohort':
      return cohortReport(db, params as CohortParams);
  }
}
