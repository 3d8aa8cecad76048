import { createRoute, z } from '@hono/zod-openapi';
import { invalid } from '../../domain/errors.js';
import {
  AUDIT_ACTIONS,
  auditActor,
  auditTableRows,
  listAudit,
  recordAudit,
} from '../../services/operations/index.js';
import type { Api, ApiDeps } from '../context.js';
import { errorBody } from '../errors.js';
import { sendTable } from '../tables.js';
import { errors, ErrorSchema, FORMAT, json, STATE_CODE } from '../schemas.js';

/** Rows of one CSV/XLSX download of the log (filters narrow it further). */
export const AUDIT_EXPORT_MAX = 50_000;

const AuditItem = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: 'Fecha y hora (ISO 8601, UTC)' }),
    actor: z.string().openapi({ description: "Usuario, 'cli:<usuario del sistema>' o 'system'" }),
    role: z.string().nullable(),
    action: z.string().openapi({ description: AUDIT_ACTIONS.join(' | ') }),
    target: z
      .string()
      .nullable()
      .openapi({ description: "Objeto de la acción: 'student:<id>', 'user:<usuario>', 'file:<archivo>' …" }),
    stateId: z.number().int().nullable(),
    campusId: z.number().int().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

const DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'fecha AAAA-MM-DD o fecha y hora ISO')
  .optional();

export function auditRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/audit',
      summary:
        'Bitácora de auditoría (solo anexar): coordinación nacional, todo; coordinación estatal, su estado',
      request: {
        query: z.object({
          since: DATE.openapi({ description: 'Desde (inclusive)' }),
          until: DATE.openapi({ description: 'Hasta (una fecha incluye todo ese día)' }),
          action: z
            .string()
            .max(40)
            .optional()
            .openapi({ description: "Una acción ('user.role') o una familia ('user')" }),
          actor: z.string().max(120).optional(),
          target: z.string().max(200).optional(),
          state: STATE_CODE.optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
          format: FORMAT,
        }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(AuditItem),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          'Página de la bitácora, lo más reciente primero',
        ),
        403: json(ErrorSchema, 'Rol sin acceso a la bitácora'),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const scope = c.get('scope');
      // A role without access gets 403 (the whole log, not a record outside the scope: nothing to hide).
      if (scope.role !== 'national' && scope.role !== 'state') {
        return c.json(
          errorBody(
            'audit_forbidden',
            'La bitácora solo está disponible para las coordinaciones nacional y estatal',
          ),
          403,
        );
      }
      const state = q.state === undefined ? undefined : Number(q.state);
      if (state !== undefined && (state < 1 || state > 32))
        throw invalid('invalid_state', `Clave de entidad inválida: "${q.state ?? ''}"`);
      const filters = { ...q, state };
      if (q.format === 'json') return c.json(await listAudit(deps.db, scope, filters), 200);
      const all = await listAudit(deps.db, scope, { ...filters, page: 1, pageSize: AUDIT_EXPORT_MAX });
      await recordAudit(deps.db, {
        ...auditActor(c.get('user'), scope, c.get('requestId')),
        action: 'export.audit',
        target: 'download:bitacora',
        details: {
          format: q.format,
          rows: all.items.length,
          since: q.since ?? null,
          until: q.until ?? null,
          action: q.action ?? null,
        },
      });
      return (await sendTable(c, q.format, 'bitacora', auditTableRows(all.items), null)) as never;
    },
  );
}
