/**
 * Answers of the heavy analyses (services/analyses/): a result of the current data version at once (200); the
 * previous version's result marked stale while the new one computes (200); or the job computing it (202, with
 * Location), whose progress GET /api/v1/analyses/jobs/{id} gives. The result carries `analysis`: its status,
 * when it was computed and the job, if any.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { notFound } from '../../domain/errors.js';
import { unitScope, type AnalysisAnswer } from '../../services/analyses/index.js';
import type { Api, ApiDeps, ApiEnv } from '../context.js';
import { errors, json } from '../schemas.js';

export const JobSchema = z
  .object({
    id: z.string(),
    analysis: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().openapi({ description: '0…1 (estimada por la duración del cálculo anterior)' }),
    startedAt: z.string().nullable(),
    elapsedMs: z.number(),
    expectedMs: z.number().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .openapi('AnalysisJob');

/** The 202 answer in a route's responses. */
export const PENDING = {
  202: json(
    z.object({ analysis: z.object({ status: z.literal('pending'), job: JobSchema }) }),
    'En cálculo: consulte el trabajo (Location) y repita la solicitud al terminar',
  ),
};

export function sendAnalysis<T extends object>(c: Context<ApiEnv>, answer: AnalysisAnswer<T>) {
  c.header('Cache-Control', 'private, no-store');
  if (answer.status === 'pending') {
    c.header('Location', `/api/v1/analyses/jobs/${answer.job.id}`);
    return c.json({ analysis: { status: 'pending' as const, job: answer.job } }, 202);
  }
  const analysis =
    answer.status === 'fresh'
      ? { status: 'fresh' as const, computedAt: answer.computedAt, job: null }
      : { status: 'stale' as const, computedAt: answer.computedAt, job: answer.job };
  return c.json({ ...answer.result, analysis }, 200);
}

export function analysisRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/analyses/status',
      summary:
        'Cálculos en segundo plano de este proceso: análisis en curso, la preparación de la alerta temprana (primer arranque) y la demora del ciclo de eventos',
      request: {
        query: z.object({
          resetEventLoop: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: 'true: reinicia la medición de la demora (solo perfil nacional)' }),
        }),
      },
      responses: {
        200: json(
          z.object({
            workers: z.boolean(),
            jobs: z.array(JobSchema),
            riskSetup: z.object({
              state: z.enum(['idle', 'running', 'done', 'failed']),
              message: z.string().nullable(),
              startedAt: z.string().nullable(),
              error: z.string().nullable(),
            }),
            eventLoopDelayMs: z.object({
              p50: z.number(),
              p99: z.number(),
              max: z.number(),
              samples: z.number(),
            }),
            memory: z
              .object({
                rss: z.number(),
                heapUsed: z.number(),
                heapTotal: z.number(),
                external: z.number(),
                arrayBuffers: z.number(),
                workers: z.array(
                  z.object({
                    busy: z.boolean(),
                    heapUsed: z.number(),
                    heapTotal: z.number(),
                    heapLimit: z.number(),
                    external: z.number(),
                  }),
                ),
                keptResults: z.number(),
                keptBytes: z.number(),
              })
              .nullable()
              .openapi({
                description:
                  'Memoria de este proceso por partes, en bytes (solo perfil nacional): el proceso, el montículo principal, cada hilo de trabajo y los resultados guardados',
              }),
          }),
          'Estado',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const reset = c.req.valid('query').resetEventLoop === 'true' && c.get('scope').role === 'national';
      const national = c.get('scope').role === 'national';
      const status = await deps.analyses.status(reset, national);
      // Another unit's jobs are not listed.
      const unit = unitScope(c.get('scope'));
      const mine = await Promise.all(status.jobs.map((j) => deps.analyses.job(j.id, unit)));
      c.header('Cache-Control', 'private, no-store');
      return c.json({ ...status, jobs: mine.filter((j) => j !== null) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/analyses/jobs/{id}',
      summary: 'Avance del cálculo de un análisis (efectos, escenarios, generaciones)',
      request: { params: z.object({ id: z.string().max(40) }) },
      responses: { 200: json(JobSchema, 'Estado del trabajo'), ...errors },
    }),
    async (c) => {
      const job = await deps.analyses.job(c.req.valid('param').id, unitScope(c.get('scope')));
      if (!job) throw notFound('unknown_job', 'Trabajo de cálculo desconocido o vencido');
      c.header('Cache-Control', 'private, no-store');
      return c.json(job, 200);
    },
  );
}
