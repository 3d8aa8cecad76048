/**
 * Interventions, work queues, escalations, effect estimates and what-if projections, scoped by role in the
 * services (outside the scope a record does not exist). Students appear by pseudonymous id; names only for
 * the roles that may see them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { INTERVENTION_KINDS, INTERVENTION_OUTCOMES } from '../../domain/interventions.js';
import { QUEUE_SORTS, queueDownloadRows, viewQueue } from '../../domain/worklist-view.js';
import { effectsParams, unitScope } from '../../services/analyses/index.js';
import {
  addIntervention,
  addNote,
  escalations,
  getIntervention,
  listInterventions,
  listNotes,
  queueSettings,
  setQueueSettings,
  updateIntervention,
  workQueue,
  type Actor,
} from '../../services/interventions/index.js';
import type { Api, ApiDeps, ApiEnv } from '../context.js';
import { errors, FORMAT, json, LANG, list } from '../schemas.js';
import { analysisBlock } from '../schemas/aggregates.js';
import {
  EffectsReportSchema,
  EscalationsSchema,
  InterventionSchema,
  InterventionWithNotesSchema,
  NoteSchema,
  QueueSettingsSchema,
  WhatIfReportSchema,
  WorkQueueSchema,
} from '../schemas/interventions.js';
import { auditDownload, sendTable } from '../tables.js';
import { JobSchema, PENDING, sendAnalysis } from './analyses.js';

const KIND = z.enum(INTERVENTION_KINDS);
const OUTCOME = z.enum(INTERVENTION_OUTCOMES);
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'AAAA-MM-DD');
const CCT = z.string().max(12);
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export function interventionRoutes(app: Api, deps: ApiDeps): void {
  const ideps = { db: deps.db, pseudonyms: deps.pseudonyms, currentYear: deps.currentYear, now: deps.now };
  const actor = (c: Context<ApiEnv>): Actor & { displayName: string } => {
    const u = c.get('user');
    return { userId: u.id, username: u.username, displayName: u.displayName };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/worklist',
      summary:
        'Cola de trabajo: estudiantes en riesgo por prioridad, con razones y última acción (tutor: sus grupos)',
      request: {
        query: z.object({
          campus: CCT.optional(),
          capacity: z.coerce.number().int().min(1).max(20_000).optional(),
          group: z.string().max(20).optional(),
          flag: z.enum(['rojo', 'amarillo']).optional(),
          minDays: z.coerce.number().int().min(0).max(3650).optional(),
          sort: z.enum(QUEUE_SORTS).optional(),
          format: FORMAT,
          lang: LANG,
        }),
      },
      responses: { 200: json(WorkQueueSchema, 'Cola de trabajo'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const queue = await workQueue(ideps, c.get('scope'), q);
      // The page filters and sorts with the same function, so a download holds what the page shows.
      const items = viewQueue(queue.items, q);
      if (q.format !== 'json') {
        const rows = queueDownloadRows(items, queue.escalateAfterDays, queue.today, q.lang);
        const filters = {
          campus: q.campus ?? null,
          group: q.group ?? null,
          flag: q.flag ?? null,
          minDays: q.minDays ?? null,
          sort: q.sort ?? 'rank',
        };
        await auditDownload(c, deps.db, { name: 'cola-de-trabajo', format: q.format, rows, filters });
        return (await sendTable(c, q.format, 'cola-de-trabajo', rows, null)) as never;
      }
      return c.json({ ...queue, shown: items.length, items }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/escalations',
      summary: 'Casos rojos sin acción durante los días configurados (dirección de plantel y coordinaciones)',
      request: {
        query: z.object({
          campus: CCT.optional(),
          state: z.coerce.number().int().min(1).max(32).optional(),
          limit: z.coerce.number().int().min(1).max(5000).optional(),
        }),
      },
      responses: { 200: json(EscalationsSchema, 'Casos escalados'), ...errors },
    }),
    async (c) => c.json(await escalations(ideps, c.get('scope'), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/worklist/settings',
      summary: 'Capacidad de las colas y días para escalar vigentes en el alcance',
      request: { query: z.object({ campus: CCT.optional() }) },
      responses: { 200: json(QueueSettingsSchema, 'Parámetros'), ...errors },
    }),
    async (c) => c.json(await queueSettings(ideps, c.get('scope'), c.req.valid('query').campus), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/worklist/settings',
      summary: 'Cambia la capacidad o los días para escalar (plantel, estado o valor nacional)',
      request: body(
        z.object({
          campus: CCT.optional(),
          state: z.number().int().min(1).max(32).optional(),
          tutorCapacity: z.number().int().optional(),
          campusCapacity: z.number().int().optional(),
          escalateAfterDays: z.number().int().optional(),
        }),
      ),
      responses: { 200: json(QueueSettingsSchema, 'Parámetros vigentes'), ...errors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      await setQueueSettings(ideps, c.get('scope'), actor(c), input);
      return c.json(await queueSettings(ideps, c.get('scope'), input.campus), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/interventions',
      summary: 'Intervenciones registradas en el alcance (por estudiante, plantel, tipo o abiertas)',
      request: {
        query: z.object({
          student: z.string().max(40).optional(),
          campus: CCT.optional(),
          kind: KIND.optional(),
          open: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: { 200: json(z.object({ items: list(InterventionSchema) }), 'Intervenciones'), ...errors },
    }),
    async (c) => {
      const items = await listInterventions(ideps, c.get('scope'), c.req.valid('query'));
      return c.json({ items }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/interventions',
      summary: 'Asigna una intervención a un estudiante del alcance',
      request: body(
        z.object({
          student: z.string().min(1).max(40),
          kind: KIND,
          startDate: DATE.optional(),
          endDate: DATE.nullable().optional(),
          sessions: z.number().int().min(0).max(200).optional(),
          description: z.string().max(2000).nullable().optional(),
        }),
      ),
      responses: { 201: json(InterventionSchema, 'Intervención registrada'), ...errors },
    }),
    async (c) => {
      const iv = await addIntervention(ideps, c.get('scope'), actor(c), c.req.valid('json'));
      deps.log({
        level: 'info',
        requestId: c.get('requestId'),
        event: 'intervention_add',
        role: c.get('scope').role,
      });
      return c.json(iv, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/interventions/{id}',
      summary: 'Una intervención y sus notas de seguimiento',
      request: { params: z.object({ id: z.coerce.number().int().min(1) }) },
      responses: { 200: json(InterventionWithNotesSchema, 'Intervención'), ...errors },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const iv = await getIntervention(ideps, c.get('scope'), id);
      const notes = await listNotes(ideps, c.get('scope'), id);
      return c.json({ ...iv, followUps: notes }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/interventions/{id}',
      summary: 'Registra dosis (sesiones), fecha de término o resultado',
      request: {
        params: z.object({ id: z.coerce.number().int().min(1) }),
        ...body(
          z.object({
            endDate: DATE.nullable().optional(),
            sessions: z.number().int().min(0).max(200).optional(),
            outcome: OUTCOME.nullable().optional(),
            description: z.string().max(2000).nullable().optional(),
          }),
        ),
      },
      responses: { 200: json(InterventionSchema, 'Intervención actualizada'), ...errors },
    }),
    async (c) => {
      const iv = await updateIntervention(
        ideps,
        c.get('scope'),
        actor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(iv, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/interventions/{id}/notes',
      summary: 'Agrega una nota de seguimiento fechada (autor: el usuario)',
      request: {
        params: z.object({ id: z.coerce.number().int().min(1) }),
        ...body(z.object({ body: z.string().min(1).max(4000), date: DATE.optional() })),
      },
      responses: { 201: json(NoteSchema, 'Nota registrada'), ...errors },
    }),
    async (c) => {
      const note = await addNote(
        ideps,
        c.get('scope'),
        actor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(note, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/effects',
      summary:
        'Efecto de cada tipo de intervención en el abandono (doblemente robusto, AIPW con árboles y validación cruzada; IC 95 % por plantel y valor E) junto a la comparación ingenua',
      request: {
        query: z.object({
          kind: z
            .string()
            .max(200)
            .optional()
            .transform((v) => (v ? v.split(',').map((k) => k.trim()) : undefined)),
        }),
      },
      responses: {
        200: json(EffectsReportSchema.extend({ analysis: analysisBlock(JobSchema) }), 'Estimaciones'),
        ...PENDING,
        ...errors,
      },
    }),
    async (c) => {
      // The same kinds in any order or repeated are one result (a sorted list in the key).
      const params = effectsParams(c.req.valid('query').kind);
      const answer = await deps.analyses.get({ name: 'effects', params, scope: unitScope(c.get('scope')) });
      return sendAnalysis(c, answer);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/whatif',
      summary:
        'Proyección de una generación bajo un escenario (cohorte reconstruida; eficiencia terminal y abandono)',
      request: {
        query: z.object({
          generation: z.string().max(9),
          campus: CCT.optional(),
          program: z.string().max(12).optional(),
          semester: z.coerce.number().int().min(1).max(6).optional(),
          dropoutChange: z.coerce
            .number()
            .min(-100)
            .max(500)
            .optional()
            .openapi({ description: 'Porcentaje, p. ej. -20' }),
        }),
      },
      responses: {
        200: json(WhatIfReportSchema.extend({ analysis: analysisBlock(JobSchema) }), 'Base y escenario'),
        ...PENDING,
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const changes =
        q.semester !== undefined && q.dropoutChange !== undefined
          ? [{ semester: q.semester, change: q.dropoutChange / 100 }]
          : [];
      const params = {
        generation: q.generation.trim(),
        ...(q.campus ? { campus: q.campus.trim().toUpperCase() } : {}),
        ...(q.program ? { program: q.program } : {}),
        changes,
      };
      const answer = await deps.analyses.get({ name: 'whatif', params, scope: unitScope(c.get('scope')) });
      return sendAnalysis(c, answer);
    },
  );
}
