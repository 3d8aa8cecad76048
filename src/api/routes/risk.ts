import { createRoute, z } from '@hono/zod-openapi';
import {
  campusRiskList,
  campusRiskOverview,
  changeRiskRules,
  riskDriftReport,
  riskModelReport,
  riskRules,
  studentRiskPanel,
} from '../../services/risk/index.js';
import type { Api, ApiDeps } from '../context.js';
import { errorBody } from '../errors.js';
import { errors, ErrorSchema, json } from '../schemas.js';
import {
  CampusRiskListSchema,
  CampusRiskOverviewSchema,
  DriftReportSchema,
  ModelReportSchema,
  RiskRulesSchema,
  RuleSetSchema,
  StudentRiskPanelSchema,
} from '../schemas/risk.js';

const CCT = z.string().max(12);

/** Early-warning risk: student panel, campus overview, campus list, model report, rule thresholds. */
export function riskRoutes(app: Api, deps: ApiDeps): void {
  const sdeps = { db: deps.db, pseudonyms: deps.pseudonyms, currentYear: deps.currentYear };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/students/{id}/risk',
      summary: 'Panel de riesgo de un estudiante: semáforo, razones, contribución de factores, historial',
      request: { params: z.object({ id: z.string().max(40) }) },
      responses: { 200: json(StudentRiskPanelSchema, 'Panel de riesgo'), ...errors },
    }),
    async (c) => c.json(await studentRiskPanel(sdeps, c.get('scope'), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/risk/campuses',
      summary: 'Planteles del alcance con sus estudiantes por semáforo (última calificación guardada)',
      responses: { 200: json(CampusRiskListSchema, 'Planteles por riesgo'), ...errors },
    }),
    async (c) => c.json(await campusRiskList(sdeps, c.get('scope')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/risk/campuses/{cct}',
      summary:
        'Riesgo de un plantel: conteos por semáforo y semestre, razones frecuentes, estudiantes por riesgo',
      request: {
        params: z.object({ cct: CCT }),
        query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      },
      responses: { 200: json(CampusRiskOverviewSchema, 'Panorama de riesgo del plantel'), ...errors },
    }),
    async (c) =>
      c.json(
        await campusRiskOverview(sdeps, c.get('scope'), c.req.valid('param').cct, c.req.valid('query').limit),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/risk/model',
      summary:
        'Informe del modelo: métricas (prueba temporal), calibración, capacidad, equidad y ficha (es/en)',
      request: { query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
      responses: { 200: json(ModelReportSchema, 'Informe del modelo'), ...errors },
    }),
    async (c) => c.json(await riskModelReport(deps.db, c.req.valid('query').version), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/risk/drift',
      summary:
        'Deriva: los puntajes guardados de cortes pasados contra lo que pasó después (ROC-AUC y calibración)',
      responses: { 200: json(DriftReportSchema, 'Deriva del modelo'), ...errors },
    }),
    async (c) => c.json(await riskDriftReport(deps.db), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/risk/rules',
      summary: 'Umbrales vigentes del semáforo y su historial de versiones',
      responses: { 200: json(RiskRulesSchema, 'Umbrales'), ...errors },
    }),
    async (c) => c.json(await riskRules(deps.db), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/risk/rules',
      summary: 'Cambia umbrales del semáforo (solo coordinación nacional; queda en la bitácora)',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                changes: z.record(z.string().max(40), z.number()),
                note: z.string().max(500).optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(RuleSetSchema, 'Nueva versión de los umbrales'),
        403: json(ErrorSchema, 'Solo la coordinación nacional cambia los umbrales'),
        ...errors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      // Thresholds are no secret (every staff role reads them): a role that may not change them gets 403.
      if (c.get('scope').role !== 'national')
        return c.json(
          errorBody(
            'risk_rules_forbidden',
            'Solo la coordinación nacional puede cambiar los umbrales de riesgo',
          ),
          403,
        );
      const rs = await changeRiskRules(
        deps.db,
        c.get('scope'),
        { username: c.get('user').username, requestId: c.get('requestId') },
        input.changes,
        input.note,
      );
      return c.json(rs, 200);
    },
  );
}
