import { createRoute, z } from '@hono/zod-openapi';
import { invalid } from '../../domain/errors.js';
import { generateReport, REPORT_KINDS, XLSX_TYPE } from '../../services/reports/index.js';
import type { Api, ApiDeps } from '../context.js';
import { errors, SCHOOL_YEAR } from '../schemas.js';

const BOOL = z.enum(['true', 'false']).optional();

const ReportQuery = z.object({
  campus: z.string().max(12).optional().openapi({ description: 'CCT del plantel', example: '01DPT0002I' }),
  state: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional()
    .openapi({ description: 'Clave INEGI de la entidad (1-32)' }),
  national: BOOL.openapi({ description: 'true: el país' }),
  year: SCHOOL_YEAR.optional(),
  public: BOOL.openapi({ description: 'true: versión pública (conteos pequeños suprimidos)' }),
  threshold: z.coerce
    .number()
    .int()
    .min(2)
    .max(100)
    .optional()
    .openapi({ description: 'Umbral de supresión (5)' }),
});

const SUMMARIES: Readonly<Record<(typeof REPORT_KINDS)[number], string>> = {
  '911-inicio': 'Estadística 911 de inicio de cursos (XLSX) de un plantel, una entidad o el país',
  '911-fin': 'Estadística 911 de fin de cursos (XLSX) de un plantel, una entidad o el país',
  boleta:
    'Boleta de un plantel (PDF): indicadores con comparación estatal y nacional, tendencias y alerta temprana',
};

/**
 * One download per report. Scope as everywhere: a campus user only their campus, a state user their state;
 * analysts only the public version (asking for the internal one is an invalid request).
 */
export function reportRoutes(app: Api, deps: ApiDeps): void {
  for (const kind of REPORT_KINDS) {
    const type = kind === 'boleta' ? 'application/pdf' : XLSX_TYPE;
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/v1/reports/${kind}`,
        summary: SUMMARIES[kind],
        request: { query: ReportQuery },
        responses: {
          200: {
            content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
            description: 'El archivo',
          },
          ...errors,
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const scope = c.get('scope');
        let isPublic = q.public === 'true';
        if (scope.role === 'analyst') {
          if (q.public === 'false')
            throw invalid('public_only', 'Su perfil solo puede descargar la versión pública (public=true)');
          isPublic = true;
        }
        const file = await generateReport(deps.db, {
          kind,
          unit: { campus: q.campus, state: q.state, national: q.national === 'true' ? true : undefined },
          year: q.year,
          public: isPublic,
          threshold: isPublic ? q.threshold : undefined,
          scope,
          now: deps.now(),
        });
        c.header('Content-Type', file.contentType);
        c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
        c.header('Cache-Control', 'private, no-store');
        return c.body(new Uint8Array(file.body));
      },
    );
  }
}
