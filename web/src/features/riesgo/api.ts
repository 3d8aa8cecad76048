/** Calls of the risk pages (server: src/api/routes/risk.ts); the answers' types come from the contract. */
import { apiRequest } from '../../api/client';
import type { components } from '../../../generated/api-schema.gen';

type Schemas = components['schemas'];
export type StudentRiskPanel = Schemas['StudentRiskPanel'];
export type Flag = NonNullable<StudentRiskPanel['flag']>;
export type Reason = Schemas['RiskReason'];
export type CampusOverview = Schemas['CampusRiskOverview'];
export type CampusList = Schemas['CampusRiskList'];
export type ModelReport = Schemas['RiskModelReport'];

export const riesgoApi = {
  student: (id: string, signal?: AbortSignal) =>
    apiRequest<StudentRiskPanel>(
      'GET',
      `/students/${encodeURIComponent(id)}/risk`,
      undefined,
      undefined,
      signal,
    ),
  campus: (cct: string, signal?: AbortSignal) =>
    apiRequest<CampusOverview>(
      'GET',
      `/risk/campuses/${encodeURIComponent(cct)}`,
      { limit: 100 },
      undefined,
      signal,
    ),
  campuses: (signal?: AbortSignal) =>
    apiRequest<CampusList>('GET', '/risk/campuses', undefined, undefined, signal),
  model: (signal?: AbortSignal) =>
    apiRequest<ModelReport>('GET', '/risk/model', undefined, undefined, signal),
};
