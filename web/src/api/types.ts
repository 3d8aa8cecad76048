/**
 * Types of the HTTP API v1 answers, as documented in docs/API.md. Percentages come at full precision and
 * are rounded only for display (lib/format.ts); null where an input is missing.
 */

export type Role = 'national' | 'state' | 'campus' | 'tutor' | 'analyst';
export type Level = 'national' | 'state' | 'campus' | 'program';

/** Published campus dropout beside the computed one (GET /published/abandono). */
export interface PublishedComparison {
  readonly schoolYear: string;
  readonly years: readonly string[];
  readonly rows: readonly {
    readonly cct: string;
    readonly name: string;
    readonly state: string;
    readonly published: number;
    readonly computed: number | null;
    readonly difference: number | null;
  }[];
  readonly count: number;
  readonly correlation: number | null;
}

export interface SessionUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly stateCode: string | null;
  readonly campusCct: string | null;
}

export interface State {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  readonly hasc: string;
}

export interface Campus {
  readonly cct: string;
  readonly name: string;
  readonly stateCode: string;
  readonly latitude: number;
  readonly longitude: number;
}

export interface Program {
  readonly code: string;
  readonly name: string;
  readonly area: string;
}

export interface YearsCatalog {
  readonly years: readonly string[];
  /** Last year with a dropout rate (needs the next year); null with fewer than two years of data. */
  readonly latestComplete: string | null;
  readonly baseline: string;
}

/** Same contract as `trayecto indicators --format json`. */
export interface IndicatorRow {
  readonly level: string;
  readonly unit_id: string;
  readonly unit_name: string;
  readonly school_year: string;
  readonly sex: 'H' | 'M' | null;
  readonly mt: number;
  readonly ni1: number;
  readonly ex: number;
  readonly ap: number;
  readonly reg: number;
  readonly eg: number;
  readonly abandono: number | null;
  readonly abandono_intra: number | null;
  readonly abandono_inter: number | null;
  readonly retencion: number | null;
  readonly eficiencia_terminal: number | null;
  readonly reprobacion: number | null;
  readonly reprobacion_con_reg: number | null;
  readonly aprobacion: number | null;
  readonly aprobacion_con_reg: number | null;
}

export interface SummaryKpi {
  readonly key: string;
  readonly year: string;
  readonly value: number | null;
  readonly baseYear: string;
  readonly base: number | null;
}

export interface ReportUnit {
  readonly level: Level;
  readonly id: string;
  readonly name: string;
}

/**
 * GET /summary. docs/API.md names the cards `kpis`; the server sends them as `headline` (with unitId,
 * unitName, latestYear): api.summary() reads either into `kpis`.
 */
export interface Summary {
  readonly unitId?: string;
  readonly unitName?: string;
  readonly latestComplete?: string | null;
  /** Latest school year in the data: the cut-off the cards' provenance names. */
  readonly latestYear?: string | null;
  readonly baseline?: string;
  readonly kpis: readonly SummaryKpi[];
  /** The unit's yearly rows (all sexes): the cards of another year are computed from them. */
  readonly years?: readonly IndicatorRow[];
  readonly campuses: number;
  readonly programs: number;
  readonly teachers: number;
}

export interface SemesterSurvival {
  readonly semester: number;
  readonly enrolled: number;
  readonly survival_pct: number | null;
  readonly enrolled_by_cutoff: number;
  readonly survival_by_cutoff_pct: number | null;
}

/** Mirrors CohortReport in src/services/cohort.ts. */
export interface CohortReport {
  readonly generation: string;
  readonly entryYear: number;
  readonly entrySchoolYear: string;
  readonly graduationYear: string;
  readonly cutoffYear: string;
  readonly unit: ReportUnit;
  readonly entrants: number;
  readonly semesters: readonly SemesterSurvival[];
  readonly trueCohort: {
    readonly eficienciaTerminalCohorte: number | null;
    readonly graduatedOnTime: number;
    readonly graduatedByCutoff: number;
    readonly graduationByCutoff: number | null;
  };
  readonly apparent: {
    readonly schoolYear: string;
    readonly eficienciaTerminal: number | null;
    readonly eg: number | null;
    readonly ni1TwoBefore: number | null;
  };
  readonly differencePoints: number | null;
  readonly explanation: { readonly es: string; readonly en: string };
}

export interface Bilingual {
  readonly es: string;
  readonly en: string;
}

export interface Counterfactual<I> {
  readonly value: number | null;
  readonly inputs: I;
  readonly formula: string;
  readonly definition: Bilingual;
}

export interface StudentsKeptInputs {
  readonly abandonoBase: number | null;
  readonly abandonoN: number | null;
  readonly mtN: number | null;
}

export interface AdditionalGraduatesInputs {
  readonly eficienciaTerminalBase: number | null;
  readonly eficienciaTerminalN: number | null;
  readonly ni1TwoBefore: number | null;
}

export interface CumulativeCounterfactual {
  readonly value: number | null;
  readonly formula: string;
  readonly definition: Bilingual;
  readonly byYear: readonly { readonly year: string; readonly value: number | null }[];
  readonly missingYears: readonly string[];
}

/** Mirrors ImpactReport in src/services/impact.ts. */
export interface ImpactReport {
  readonly unit: ReportUnit;
  readonly baseline: string;
  readonly year: string;
  readonly entryYearOfGraduates: string;
  readonly yearly: {
    readonly year: string;
    readonly studentsKept: Counterfactual<StudentsKeptInputs>;
    readonly additionalGraduates: Counterfactual<AdditionalGraduatesInputs>;
  };
  readonly cumulative: {
    readonly from: string;
    readonly to: string;
    readonly studentsKept: CumulativeCounterfactual;
    readonly additionalGraduates: CumulativeCounterfactual;
  };
}

/** docs/API.md lists semester and status; the server sends sex and entryYear instead: all optional here. */
export interface StudentListItem {
  readonly id: string;
  readonly name?: string | null;
  readonly curp?: string | null;
  readonly campusCct: string;
  readonly campusName: string;
  readonly programName: string;
  readonly semester?: number | null;
  readonly status?: string | null;
  readonly sex?: string | null;
  readonly entryYear?: number | null;
  /** Group of the latest enrollment. */
  readonly group?: string | null;
  /** Latest stored risk score: flag (verde | amarillo | rojo) and probability (0–1, null without a model). */
  readonly riskFlag?: string | null;
  readonly riskProbability?: number | null;
  readonly riskCutoff?: string | null;
}

export interface StudentPage {
  readonly items: readonly StudentListItem[];
  readonly total: number;
  /** True when the server stopped counting (total is at least this). */
  readonly totalIsLowerBound?: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * GET /students/{id}. docs/API.md names the sections but not their fields, so each record is read
 * defensively (features/estudiante/shape.ts accepts camelCase and snake_case).
 */
export interface StudentProfile {
  readonly student: Readonly<Record<string, unknown>>;
  readonly terms?: readonly Readonly<Record<string, unknown>>[];
  readonly yearResults?: readonly Readonly<Record<string, unknown>>[];
  /** The server's name for yearResults. */
  readonly years?: readonly Readonly<Record<string, unknown>>[];
  readonly events?: readonly Readonly<Record<string, unknown>>[];
  readonly modules?: readonly Readonly<Record<string, unknown>>[];
  readonly interventions?: readonly Readonly<Record<string, unknown>>[];
  readonly payments?: readonly Readonly<Record<string, unknown>>[];
}

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

/** One row of the audit log (GET /audit). */
export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly stateId: number | null;
  readonly campusId: number | null;
  readonly details: Readonly<Record<string, unknown>> | null;
  readonly requestId: string | null;
}

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface AuditQuery {
  readonly action?: string;
  readonly since?: string;
  readonly until?: string;
  readonly actor?: string;
  readonly page?: number;
  readonly pageSize?: number;
}
