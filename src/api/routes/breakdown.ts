import { createRoute, z } from '@hono/zod-openapi';
import { campusBreakdown } from '../../services/indicators/index.js';
import type { Api, ApiDeps } from '../context.js';
import { errors, json, SCHOOL_YEAR } from '../schemas.js';

const Pct = z
  .number()
  .nullable()
  .openapi({ description: 'Porcentaje (0–100); null si no se puede calcular' });

const Bands = z
  .object({
    verde: z.number().int(),
    amarillo: z.number().int(),
    rojo: z.number().int(),
    total: z.number().int(),
    rojoShare: z.number().nullable().openapi({ description: 'rojo / total (0–1); null sin estudiantes' }),
    meanProbability: z
      .number()
      .nullable()
      .openapi({ description: 'Probabilidad media de abandono (0–1); null sin modelo' }),
  })
  .openapi('RiskBands');

const Breakdown = z
  .object({
    campus: z.object({ cct: z.string(), name: z.string() }),
    schoolYear: z.string().nullable().openapi({ description: 'Ciclo de los indicadores de las carreras' }),
    cutoff: z.string().nullable().openapi({ description: 'Corte de las calificaciones de riesgo guardadas' }),
    term: z.string().nullable().openapi({ description: 'Periodo de los grupos (AAAA-AAAA/T)' }),
    programs: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        mt: z.number().int().nullable(),
        abandono: Pct,
        aprobacion: Pct,
        eficiencia_terminal: Pct,
        risk: Bands,
      }),
    ),
    groups: z.array(
      z.object({
        code: z.string(),
        programCode: z.string(),
        programName: z.string(),
        semester: z.number().int(),
        enrolled: z.number().int().nullable(),
        left: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'Bajas definitivas o temporales del periodo' }),
        withFailed: z.number().int().nullable().openapi({ description: 'Con al menos un módulo reprobado' }),
        meanAttendance: Pct,
        meanGrade: z.number().nullable(),
        risk: Bands,
      }),
    ),
  })
  .openapi('CampusBreakdown');

/** The director's breakdown of a campus: programs and groups by indicators and semáforo. */
export function breakdownRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/breakdown/{cct}',
      summary:
        'Desglose de un plantel: carreras (matrícula, abandono, aprobación, semáforo) y grupos del periodo (registros y semáforo)',
      request: {
        params: z.object({ cct: z.string().max(12) }),
        query: z.object({ year: SCHOOL_YEAR.optional() }),
      },
      responses: { 200: json(Breakdown, 'Desglose por carrera y grupo'), ...errors },
    }),
    async (c) => {
      const { cct } = c.req.valid('param');
      const { year } = c.req.valid('query');
      const scope = c.get('scope');
      // Keyed by the caller's scope: a cached answer is never served outside it.
      const result = await deps.cache.get(
        `breakdown:${scope.role}:${scope.stateId}:${scope.campusId}:${cct}:${year ?? ''}`,
        () => campusBreakdown(deps.db, scope, cct, year),
      );
      return c.json(result, 200);
    },
  );
}
