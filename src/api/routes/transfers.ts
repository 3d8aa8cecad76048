/**
 * Transfers between campuses: the receiving campus requests, the sending campus (or a coordinator over it)
 * confirms or rejects; services/imports/transfers.ts holds the rules. Students by pseudonymous id only.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { decideTransfer, listTransfers, requestTransfer } from '../../services/imports/index.js';
import type { Api, ApiDeps } from '../context.js';
import { errors, ErrorSchema, json, list } from '../schemas.js';
import { TransferSchema } from '../schemas/imports.js';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const Id = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const conflict = { 409: json(ErrorSchema, 'Ya resuelta, o ya pendiente') };

export function transferRoutes(app: Api, deps: ApiDeps): void {
  const tdeps = () => ({
    db: deps.db,
    pseudonyms: deps.pseudonyms,
    now: deps.now,
    lastSchoolYear: deps.config.lastSchoolYear,
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/transfers',
      summary:
        'Solicita el traslado de un alumno (por CURP) al plantel del usuario (coordinaciones: al plantel cct)',
      request: body(
        z.object({
          curp: z.string().min(18).max(18),
          cct: z.string().max(12).optional().openapi({ description: 'Plantel que recibe (coordinaciones)' }),
        }),
      ),
      responses: { 201: json(TransferSchema, 'Solicitud registrada (pendiente)'), ...conflict, ...errors },
    }),
    async (c) => {
      const v = await requestTransfer(tdeps(), c.get('scope'), c.get('user').username, c.req.valid('json'));
      return c.json(v, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/transfers',
      summary:
        'Solicitudes de traslado hacia o desde los planteles del usuario (por omisión, las pendientes)',
      request: {
        query: z.object({ status: z.enum(['pending', 'confirmed', 'rejected', 'all']).default('pending') }),
      },
      responses: { 200: json(z.object({ items: list(TransferSchema) }), 'Solicitudes'), ...errors },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      const items = await listTransfers(tdeps(), c.get('scope'), status === 'all' ? undefined : status);
      c.header('Cache-Control', 'no-store');
      return c.json({ items }, 200);
    },
  );

  for (const [action, decision] of [
    ['confirm', 'confirmed'],
    ['reject', 'rejected'],
  ] as const)
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/transfers/{id}/${action}`,
        summary:
          decision === 'confirmed'
            ? 'Confirma un traslado (plantel de origen o coordinación): el alumno pasa al plantel que lo pidió'
            : 'Rechaza una solicitud de traslado (plantel de origen o coordinación)',
        request: {
          params: Id,
          body: {
            content: { 'application/json': { schema: z.object({ reason: z.string().max(500).optional() }) } },
            required: false,
          },
        },
        responses: { 200: json(TransferSchema, 'Solicitud resuelta'), ...conflict, ...errors },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const reason = await reasonOf(c.req.raw);
        const v = await decideTransfer(tdeps(), c.get('scope'), c.get('user').username, id, decision, reason);
        return c.json(v, 200);
      },
    );
}

/** The optional { reason } of a decision (no body, or a body that is not JSON: none). */
async function reasonOf(req: Request): Promise<string | undefined> {
  try {
    const v = (await req.json()) as { reason?: unknown };
    return typeof v.reason === 'string' ? v.reason : undefined;
  } catch {
    return undefined;
  }
}
