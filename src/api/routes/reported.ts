/**
 * Reported aggregate counts (trayecto import counts) beside the ones computed from the records: per unit and
 * school year, the six counts of each, their differences and the dropout rate from each. Scoped like the
 * campus indicators: a state role sees its state and its campuses, a campus role its campus, all see national.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { reportedVsComputed } from '../../services/indicators/index.js';
import type { Api, ApiDeps } from '../context.js';
import { sendTable } from '../tables.js';
import { errors, FORMAT, json, SCHOOL_YEAR } from '../schemas.js';

const count = z.number().int();
const maybe = z.number().nullable();

const ReportedRowSchema = z
  .object({
    school_year: z.string(),
    level: z.enum(['campus', 'state', 'national']),
    unit: z.string().openapi({ description: 'CCT, clave de entidad de 2 dígitos o MX' }),
    unit_name: z.string(),
    source: z.string(),
    abandono_reported: maybe,
    abandono_computed: maybe,
    abandono_difference: maybe.openapi({ description: 'calculado − reportado, puntos' }),
    reported_mt: count,
    reported_ni1: count,
    reported_ex: count,
    reported_ap: count,
    reported_reg: count,
    reported_eg: count,
    computed_mt: maybe,
    computed_ni1: maybe,
    computed_ex: maybe,
    computed_ap: maybe,
    computed_reg: maybe,
    computed_eg: maybe,
    difference_mt: maybe,
    difference_ni1: maybe,
    difference_ex: maybe,
    difference_ap: maybe,
    difference_reg: maybe,
    difference_eg: maybe,
  })
  .openapi('ReportedCountsRow');

export function reportedRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reported-counts',
      summary:
        'Conteos agregados reportados por una unidad (archivo importado) junto a los calculados de los registros, con sus diferencias y el abandono de cada uno',
      request: {
        query: z.object({
          year: SCHOOL_YEAR.optional(),
          level: z.enum(['campus', 'state', 'national']).optional(),
          format: FORMAT,
        }),
      },
      responses: {
        200: json(
          z
            .object({ rows: z.array(ReportedRowSchema), compared: count, matching: count })
            .openapi('ReportedComparison'),
          'Unidades con conteos reportados',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await reportedVsComputed(deps.db, {
        ...(q.year ? { schoolYear: q.year } : {}),
        ...(q.level ? { level: q.level } : {}),
        scope: c.get('scope'),
      });
      if (q.format !== 'json')
        return (await sendTable(
          c,
          q.format,
          `conteos-reportados${q.year ? `-${q.year}` : ''}`,
          result.rows,
          null,
        )) as never;
      return c.json(result, 200);
    },
  );
}
