import { createRoute, z } from '@hono/zod-openapi';
import type { Scope } from '../../domain/access.js';
import { invalid, notFound } from '../../domain/errors.js';
import { impactReport } from '../../services/indicators/index.js';
import {
  indicatorRows,
  restrictionFor,
  type IndicatorRow,
  type Restriction,
} from '../../services/indicators/index.js';
import { nationalSummary } from '../../services/indicators/index.js';
import { publishedVsComputed } from '../../services/indicators/index.js';
import { campusByCct, stateIdByCode } from '../../storage/catalog-queries.js';
import type { Level } from '../../storage/flow-queries.js';
import type { Context } from 'hono';
import type { Api, ApiDeps, ApiEnv } from '../context.js';
import { sendTable } from '../tables.js';
import { JobSchema, PENDING, sendAnalysis } from './analyses.js';
import {
  errors,
  FORMAT,
  INDICATOR,
  IndicatorRowSchema,
  json,
  LEVEL,
  SCHOOL_YEAR,
  STATE_CODE,
} from '../schemas.js';
import {
  analysisBlock,
  CohortReportSchema,
  ImpactReportSchema,
  SummarySchema,
} from '../schemas/aggregates.js';

/** Aggregates by request URL and the caller's scope (rows differ by scope), through the result cache. */
function cached<T>(deps: ApiDeps, c: Context<ApiEnv>, compute: () => Promise<T>): Promise<T> {
  const scope = c.get('scope');
  const url = new URL(c.req.url);
  url.searchParams.sort();
  return deps.cache.get(
    `${scope.role}:${scope.stateId}:${scope.campusId}|${url.pathname}?${url.searchParams.toString()}`,
    compute,
  );
}

/** A parent-state filter (?state=) combined with the user's scope; a state outside the scope is unknown. */
async function restriction(
  deps: ApiDeps,
  scope: Scope,
  level: Level,
  state: string | undefined,
  campus?: string,
): Promise<Restriction> {
  const r = restrictionFor(scope, level);
  let out: Restriction = r;
  if (state) {
    const stateId = await stateIdByCode(deps.db, state);
    if (stateId === undefined || (r.stateId !== undefined && r.stateId !== stateId))
      throw notFound('unknown_state', `Entidad desconocida: "${state}"`);
    out = { ...out, stateId };
  }
  if (campus) {
    // Programs within one campus (?campus=); a campus outside the scope is unknown.
    const c = await campusByCct(deps.db, campus);
    const outside =
      c !== undefined &&
      ((scope.role === 'state' && c.state_id !== scope.stateId) ||
        ((scope.role === 'campus' || scope.role === 'tutor') && c.id !== scope.campusId));
    if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${campus}"`);
    out = { ...out, campusId: c.id };
  }
  return out;
}

/** Cohort and impact reports on a unit: the unit must be inside the scope. */
async function assertUnitInScope(
  deps: ApiDeps,
  scope: Scope,
  level: string | undefined,
  unit: string | undefined,
) {
  if (!unit || scope.role === 'national' || scope.role === 'analyst') return;
  if (level === 'state' || level === 'campus' || level === 'program') {
    // Throws the same not_found as /indicators and /summary for a unit outside the scope.
    await indicatorRows(deps.db, { level, unitId: unit, restrict: restrictionFor(scope, level) });
  }
}

const IndicatorsQuery = z.object({
  level: LEVEL,
  year: SCHOOL_YEAR.optional(),
  unit: z.string().max(40).optional(),
  state: STATE_CODE.optional(),
  campus: z
    .string()
    .max(12)
    .optional()
    .openapi({ description: 'CCT: unidades dentro de un plantel (nivel program)' }),
  by: z.enum(['sex']).optional(),
  format: FORMAT,
});

export function aggregateRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/indicators',
      summary: 'Indicadores oficiales SEP por nivel, ciclo, unidad y sexo (series si no se da el ciclo)',
      request: { query: IndicatorsQuery },
      responses: {
        200: json(z.object({ rows: z.array(IndicatorRowSchema) }), 'Filas de indicadores'),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await cached(deps, c, async () =>
        indicatorRows(deps.db, {
          level: q.level,
          year: q.year,
          unitId: q.unit,
          bySex: q.by === 'sex',
          restrict: await restriction(deps, c.get('scope'), q.level, q.state, q.campus),
        }),
      );
      if (q.format !== 'json')
        return (await sendTable(c, q.format, `indicadores-${q.level}`, rows, null)) as never;
      return c.json({ rows }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/published/abandono',
      summary:
        'Abandono publicado por plantel (archivo oficial importado) junto al calculado de los registros, con su diferencia y correlación',
      request: {
        query: z.object({
          year: SCHOOL_YEAR.optional().openapi({ description: 'Por omisión, el último ciclo publicado' }),
          state: STATE_CODE.optional(),
          format: FORMAT,
        }),
      },
      responses: {
        200: json(
          z
            .object({
              schoolYear: z.string(),
              years: z.array(z.string()),
              rows: z.array(
                z.object({
                  cct: z.string(),
                  name: z.string(),
                  state: z.string(),
                  published: z.number(),
                  computed: z.number().nullable(),
                  difference: z.number().nullable().openapi({ description: 'calculado − publicado, puntos' }),
                }),
              ),
              count: z.number().int(),
              correlation: z.number().nullable(),
            })
            .openapi('PublishedComparison'),
          'Planteles con tasa publicada',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await cached(deps, c, async () =>
        publishedVsComputed(deps.db, {
          ...(q.year ? { schoolYear: q.year } : {}),
          restrict: await restriction(deps, c.get('scope'), 'campus', q.state),
        }),
      );
      if (q.format !== 'json')
        return (await sendTable(
          c,
          q.format,
          `abandono-publicado-${result.schoolYear}`,
          result.rows,
          null,
        )) as never;
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/rankings',
      summary: 'Unidades ordenadas por un indicador en un ciclo',
      request: {
        query: z.object({
          level: z.enum(['state', 'campus', 'program']),
          indicator: INDICATOR.default('abandono'),
          year: SCHOOL_YEAR,
          state: STATE_CODE.optional(),
          format: FORMAT,
        }),
      },
      responses: {
        200: json(z.object({ rows: z.array(IndicatorRowSchema) }), 'Filas ordenadas de mayor a menor'),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await cached(deps, c, async () =>
        indicatorRows(deps.db, {
          level: q.level,
          year: q.year,
          restrict: await restriction(deps, c.get('scope'), q.level, q.state),
        }),
      );
      const key = q.indicator as keyof IndicatorRow;
      const value = (r: IndicatorRow) => (typeof r[key] === 'number' ? r[key] : -Infinity);
      // A copy: the cached rows are shared between requests.
      const sorted = [...rows].sort((a, b) => value(b) - value(a));
      if (q.format !== 'json')
        return (await sendTable(c, q.format, `ranking-${q.level}-${q.indicator}`, sorted, null)) as never;
      return c.json({ rows: sorted }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/summary',
      summary: 'Tarjetas de indicadores clave de una unidad con su cambio contra el año base',
      request: { query: z.object({ level: LEVEL.default('national'), unit: z.string().max(40).optional() }) },
      responses: { 200: json(SummarySchema, 'Resumen'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.level !== 'national' && !q.unit)
        throw invalid('missing_unit', `Falta el parámetro unit para el nivel ${q.level}`);
      const summary = await cached(deps, c, () =>
        nationalSummary(deps.db, deps.config.baselineYear, {
          level: q.level,
          unitId: q.unit,
          restrict: restrictionFor(c.get('scope'), q.level),
        }),
      );
      return c.json(summary, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cohorts',
      summary: 'Supervivencia por semestre de una generación; ET aparente y de cohorte, explicadas',
      request: {
        query: z.object({
          generation: z.string().regex(/^\d{4}(-\d{4})?$/, 'generación AAAA-AAAA'),
          level: LEVEL.optional(),
          unit: z.string().max(40).optional(),
        }),
      },
      responses: {
        200: json(CohortReportSchema.extend({ analysis: analysisBlock(JobSchema) }), 'Reporte de generación'),
        ...PENDING,
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      await assertUnitInScope(deps, c.get('scope'), q.level, q.unit);
      // The report does not depend on the caller once the unit is in scope: one result for everyone.
      const params = {
        generation: q.generation,
        ...(q.level ? { level: q.level } : {}),
        ...(q.unit ? { unitId: q.unit } : {}),
      };
      return sendAnalysis(c, await deps.analyses.get({ name: 'cohort', params, scope: null }));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/impact',
      summary:
        'Contrafactuales contra un año base (estudiantes que permanecieron, egresados adicionales), con su definición',
      request: {
        query: z.object({
          baseline: SCHOOL_YEAR.optional(),
          year: SCHOOL_YEAR.optional(),
          level: LEVEL.optional(),
          unit: z.string().max(40).optional(),
        }),
      },
      responses: { 200: json(ImpactReportSchema, 'Reporte de impacto'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      await assertUnitInScope(deps, c.get('scope'), q.level, q.unit);
      const report = await cached(deps, c, () =>
        impactReport(deps.db, {
          baseline: q.baseline ?? deps.config.baselineYear,
          year: q.year,
          level: q.level,
          unitId: q.unit,
        }),
      );
      return c.json(report, 200);
    },
  );
}
