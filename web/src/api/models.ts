/**
 * Names for the API's answers, all taken from the generated contract (web/generated/api-schema.gen.ts, from the OpenAPI document:
 * npm run gen:api). Nothing here is written by hand except what the document does not describe: the GeoJSON of
 * /geo/states and the audit page's query.
 */
import type { components, paths } from '../../generated/api-schema.gen';

type Schemas = components['schemas'];
type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** The JSON answer of an operation for a status (200 by default). */
export type Answer<
  P extends keyof paths,
  M extends Method = 'get',
  S extends number = 200,
> = paths[P][M] extends {
  readonly responses: { readonly [K in S]: { readonly content: { readonly 'application/json': infer T } } };
}
  ? T
  : never;

/** The query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  readonly parameters: { readonly query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type SessionUser = Schemas['User'];
export type Role = SessionUser['role'];
export type Level = Schemas['ReportUnit']['level'];
export type IndicatorRow = Schemas['IndicatorRow'];
export type PublishedComparison = Schemas['PublishedComparison'];
export type State = Answer<'/api/v1/catalog/states'>[number];
export type Campus = Answer<'/api/v1/catalog/campuses'>[number];
export type Program = Answer<'/api/v1/catalog/programs'>[number];
export type YearsCatalog = Answer<'/api/v1/catalog/years'>;
export type Summary = Schemas['UnitSummary'];
export type SummaryKpi = Schemas['Kpi'];
export type ReportUnit = Schemas['ReportUnit'];
export type Bilingual = Schemas['Bilingual'];
export type CohortReport = Schemas['CohortReport'];
export type SemesterSurvival = CohortReport['semesters'][number];
export type ImpactReport = Schemas['ImpactReport'];
export type CumulativeCounterfactual = ImpactReport['cumulative']['studentsKept'];
export type StudentListItem = Schemas['StudentListItem'];
export type StudentPage = Answer<'/api/v1/students'>;
export type StudentProfile = Schemas['StudentProfile'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Answer<'/api/v1/audit'>;

export interface AuditQuery {
  readonly action?: string;
  readonly since?: string;
  readonly until?: string;
  readonly actor?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/** GET /geo/states sends the GeoJSON file as is (the document says only application/geo+json). */
export interface GeoFeature {
  readonly type: 'Feature';
  readonly id?: string | number;
  readonly properties: { readonly cve_ent: string | null; readonly name?: string | null } & Readonly<
    Record<string, unknown>
  >;
  readonly geometry: unknown;
}

export interface GeoCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly GeoFeature[];
}
