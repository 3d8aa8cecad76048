/** Calls of the tutoring, effects and what-if pages (server: src/api/routes/interventions.ts); types from the contract. */
import { apiRequest, buildUrl } from '../../api/client';
import type { QueueFilter } from '../../../../src/domain/worklist-view';
import { INTERVENTION_KINDS, INTERVENTION_OUTCOMES } from '../../../../src/domain/interventions';
import type { components, paths } from '../../../generated/api-schema.gen';

type Schemas = components['schemas'];
type Lang = 'es' | 'en';
type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  readonly requestBody?: { readonly content: { readonly 'application/json': infer B } };
}
  ? B
  : never;

export type Flag = Schemas['QueueItem']['flag'];
export type Bilingual = Schemas['Bilingual'];
export type QueueItem = Schemas['QueueItem'];
export type WorkQueue = Schemas['WorkQueue'];
export type InterventionView = Schemas['Intervention'];
export type NoteView = Schemas['InterventionNote'];
export type InterventionChange = Body<'/api/v1/interventions/{id}', 'patch'>;
export type Escalations = Schemas['Escalations'];
export type NewIntervention = Body<'/api/v1/interventions', 'post'>;
export type EffectsReport = Schemas['EffectsReport'];
export type KindEffect = EffectsReport['effects'][number];
export type Interval = NonNullable<KindEffect['estimate']>['att'];
export type WhatIfReport = Schemas['WhatIfReport'];
export type Projection = WhatIfReport['baseline'];

/** The catalog of kinds and outcomes is the server's (src/domain/interventions.ts). */
export const KINDS = INTERVENTION_KINDS;
export const OUTCOMES = INTERVENTION_OUTCOMES;

export const tutoriaApi = {
  worklist: (campus: string | undefined, signal?: AbortSignal) =>
    apiRequest<WorkQueue>('GET', '/worklist', campus ? { campus } : undefined, undefined, signal),
  /**
   * The download of the queue as filtered and sorted on the page (the server applies the same filter), in the
   * page's language (Spanish unless English is chosen).
   */
  worklistHref: (campus: string | undefined, filter: QueueFilter, format: 'csv' | 'xlsx', lang: Lang) =>
    buildUrl('/worklist', { campus, ...filter, format, lang: lang === 'es' ? undefined : lang }),
  /** The group sheet (semáforo per dimension of every student of the group), printable or as a workbook. */
  groupSheetHref: (group: string, campus: string | undefined, format: 'pdf' | 'xlsx' | 'csv', lang: Lang) =>
    buildUrl(`/groups/${encodeURIComponent(group)}/sheet`, {
      campus,
      format,
      lang: lang === 'es' ? undefined : lang,
    }),
  interventions: (student: string, signal?: AbortSignal) =>
    apiRequest<{ items: readonly InterventionView[] }>(
      'GET',
      '/interventions',
      { student, limit: 100 },
      undefined,
      signal,
    ),
  followUps: (id: number, signal?: AbortSignal) =>
    apiRequest<Schemas['InterventionWithNotes']>('GET', `/interventions/${id}`, undefined, undefined, signal),
  updateIntervention: (id: number, change: InterventionChange) =>
    apiRequest<InterventionView>('PATCH', `/interventions/${id}`, undefined, change),
  addNote: (id: number, note: { readonly body: string; readonly date: string }) =>
    apiRequest<NoteView>('POST', `/interventions/${id}/notes`, undefined, note),
  escalations: (campus: string | undefined, signal?: AbortSignal) =>
    apiRequest<Escalations>('GET', '/escalations', campus ? { campus } : undefined, undefined, signal),
  addIntervention: (input: NewIntervention) =>
    apiRequest<InterventionView>('POST', '/interventions', undefined, input),
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
