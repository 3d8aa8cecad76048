/**
 * The group sheet (semáforo por grupo): GET /api/v1/groups/{group}/sheet, as a printable PDF, an XLSX
 * workbook, CSV or JSON. Scoped in the service like the work queue; downloads are audited as exports of
 * student rows (personal for the roles that see names, pseudonymous for analysts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { groupSheet, groupSheetRows } from '../../services/interventions/index.js';
import { groupSheetPdf, groupSheetXlsx } from '../../services/reports/index.js';
import type { Api, ApiDeps } from '../context.js';
import { errors, LANG } from '../schemas.js';
import { GroupSheetSchema } from '../schemas/group-sheet.js';
import { auditDownload, sendTable } from '../tables.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = z.string().openapi({ format: 'binary' });

export function groupSheetRoutes(app: Api, deps: ApiDeps): void {
  const ideps = { db: deps.db, pseudonyms: deps.pseudonyms, currentYear: deps.currentYear, now: deps.now };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/groups/{group}/sheet',
      summary:
        'Semáforo del grupo: cada estudiante con su semáforo por dimensión (asistencia, calificaciones, reprobación, beca), el general y la última acción (PDF, XLSX, CSV o JSON)',
      request: {
        params: z.object({ group: z.string().min(1).max(20).openapi({ example: 'P12-301' }) }),
        query: z.object({
          campus: z
            .string()
            .max(12)
            .optional()
            .openapi({ description: 'CCT del plantel (obligatoria para las coordinaciones y el análisis)' }),
          format: z.enum(['pdf', 'xlsx', 'csv', 'json']).default('pdf'),
          lang: LANG,
        }),
      },
      responses: {
        200: {
          content: {
            'application/json': { schema: GroupSheetSchema },
            'application/pdf': { schema: binary },
            [XLSX_TYPE]: { schema: binary },
            'text/csv': { schema: binary },
          },
          description: 'La hoja del grupo',
        },
        ...errors,
      },
    }),
    async (c) => {
      const { group } = c.req.valid('param');
      const q = c.req.valid('query');
      const sheet = await groupSheet(ideps, c.get('scope'), { group, campus: q.campus });
      const rows = groupSheetRows(sheet, q.lang);
      if (q.format === 'json') return c.json(sheet, 200);
      const name = `semaforo-${sheet.campus.cct}-${sheet.group}`;
      await auditDownload(c, deps.db, {
        name: 'semaforo-del-grupo',
        format: q.format,
        rows,
        filters: { campus: sheet.campus.cct, group: sheet.group },
      });
      if (q.format === 'csv') return await sendTable(c, 'csv', name, rows, null);
      const pdf = q.format === 'pdf';
      const file = pdf ? await groupSheetPdf(sheet, q.lang) : await groupSheetXlsx(sheet, q.lang);
      c.header('Content-Type', pdf ? 'application/pdf' : XLSX_TYPE);
      c.header(
        'Content-Disposition',
        `attachment; filename="${name.replace(/[^a-z0-9_-]/gi, '_')}.${q.format}"`,
      );
      c.header('Cache-Control', 'private, no-store');
      return c.body(new Uint8Array(file));
    },
  );
}
