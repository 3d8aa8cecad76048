/** GET /breakdown/{cct}: the director's breakdown of a campus (src/api/routes/breakdown.ts). */
import { apiRequest } from '../../api/client';

export interface Bands {
  readonly verde: number;
  readonly amarillo: number;
  readonly rojo: number;
  readonly total: number;
  readonly rojoShare: number | null;
  readonly meanProbability: number | null;
}

export interface BreakdownProgram {
  readonly code: string;
  readonly name: string;
  readonly mt: number | null;
  readonly abandono: number | null;
  readonly aprobacion: number | null;
  readonly eficiencia_terminal: number | null;
  readonly risk: Bands;
}

export interface BreakdownGroup {
  readonly code: string;
  readonly programCode: string;
  readonly programName: string;
  readonly semester: number;
  readonly enrolled: number | null;
  readonly left: number | null;
  readonly withFailed: number | null;
  readonly meanAttendance: number | null;
  readonly meanGrade: number | null;
  readonly risk: Bands;
}

export interface CampusBreakdown {
  readonly campus: { readonly cct: string; readonly name: string };
  readonly schoolYear: string | null;
  readonly cutoff: string | null;
  readonly term: string | null;
  readonly programs: readonly BreakdownProgram[];
  readonly groups: readonly BreakdownGroup[];
}

export const breakdownApi = {
  campus: (cct: string, year: string | undefined, signal?: AbortSignal) =>
    apiRequest<CampusBreakdown>('GET', `/breakdown/${encodeURIComponent(cct)}`, { year }, undefined, signal),
};
