/** Calls of the risk pages (server: src/api/routes/risk.ts). */
import { apiRequest } from '../../api/client';

export type Flag = 'verde' | 'amarillo' | 'rojo';

export interface Reason {
  readonly code: string;
  readonly level: 'amarillo' | 'rojo';
  readonly es: string;
  readonly en: string;
}

export interface StudentRiskPanel {
  readonly id: string;
  readonly active: boolean;
  readonly cutoff: string | null;
  readonly flag: Flag | null;
  readonly probability: number | null;
  readonly modelVersion: number | null;
  readonly ruleSetVersion: number;
  readonly reasons: readonly Reason[];
  readonly contributions: readonly {
    readonly feature: string;
    readonly logOdds: number;
    readonly value: number;
    readonly es: string;
    readonly en: string;
  }[];
  readonly history: readonly {
    readonly cutoff: string;
    readonly flag: Flag;
    readonly probability: number | null;
    readonly modelVersion: number | null;
  }[];
}

export interface CampusOverview {
  readonly campus: { readonly cct: string; readonly name: string };
  readonly cutoff: string | null;
  readonly total: number;
  readonly byFlag: Readonly<Record<Flag, number>>;
  readonly meanProbability: number | null;
  readonly bySemester: readonly ({ readonly semester: number } & Readonly<Record<Flag, number>>)[];
  readonly reasons: readonly {
    readonly code: string;
    readonly es: string;
    readonly en: string;
    readonly count: number;
  }[];
  readonly students: readonly {
    readonly id: string;
    readonly name: string | null;
    readonly semester: number;
    readonly flag: Flag;
    readonly probability: number | null;
    readonly reasons: readonly Reason[];
  }[];
}

export interface CampusList {
  readonly cutoff: string | null;
  readonly campuses: readonly {
    readonly cct: string;
    readonly name: string;
    readonly state: string;
    readonly total: number;
    readonly verde: number;
    readonly amarillo: number;
    readonly rojo: number;
    readonly rojoShare: number;
    readonly meanProbability: number | null;
  }[];
}

interface MethodMetrics {
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly brier: number | null;
  readonly trainSeconds: number | null;
}
interface Confusion {
  readonly precision: number | null;
  readonly recall: number | null;
}
interface FairnessDimension {
  readonly dimension: string;
  readonly fprGap: number | null;
  readonly fnrGap: number | null;
  readonly fprGapGroups: readonly [string, string] | null;
  readonly fnrGapGroups: readonly [string, string] | null;
}

export interface ModelReport {
  readonly version: number;
  readonly createdAt: string;
  readonly dataCutoff: string;
  readonly method: string;
  readonly cardEs: string;
  readonly cardEn: string;
  readonly metrics: {
    readonly methods: Readonly<Record<'logistic' | 'gbt' | 'rules', MethodMetrics>>;
    readonly chosen: 'logistic' | 'gbt';
    readonly calibration: readonly {
      readonly meanPredicted: number;
      readonly observedRate: number;
      readonly count: number;
    }[];
    readonly capacity: {
      readonly share: number;
      readonly places: number;
      readonly individual: Confusion;
      readonly campus: Confusion;
      readonly rules: Confusion;
    };
    readonly fairness: {
      readonly model: readonly FairnessDimension[];
      readonly rules: readonly FairnessDimension[];
    };
  };
  readonly versions: readonly {
    readonly version: number;
    readonly createdAt: string;
    readonly dataCutoff: string;
    readonly method: string;
  }[];
}

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
