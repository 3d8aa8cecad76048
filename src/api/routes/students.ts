import { createRoute, z } from '@hono/zod-openapi';
import { findStudents, studentProfile } from '../../services/students/index.js';
import { catalogNames } from '../../storage/student-queries.js';
import type { Api, ApiDeps } from '../context.js';
import { auditActor } from '../../services/operations/index.js';
import { auditDownload, sendTable } from '../tables.js';
import { errors, FORMAT, json } from '../schemas.js';
import { StudentProfileSchema } from '../schemas/students.js';

const StudentItem = z
  .object({
    id: z.string().openapi({ description: 'Identificador seudónimo (estable, no revela el id interno)' }),
    name: z.string().nullable().openapi({ description: 'null para el rol de análisis' }),
    curp: z.string().nullable().openapi({ description: 'null para el rol de análisis' }),
    campusCct: z.string(),
    campusName: z.string(),
    programName: z.string(),
    sex: z.string(),
    entryYear: z.number().int(),
    semester: z.number().int().nullable().openapi({ description: 'Semestre de la última inscripción' }),
    status: z
      .string()
      .nullable()
      .openapi({ description: 'completed | dropout | temporary_leave (última inscripción)' }),
    lastSchoolYear: z.string().nullable(),
    group: z.string().nullable().openapi({ description: 'Grupo de la última inscripción' }),
    riskFlag: z.string().nullable().openapi({
      description:
        'Semáforo (verde | amarillo | rojo) de la última calificación guardada; null sin calificación',
    }),
    riskProbability: z
      .number()
      .nullable()
      .openapi({ description: 'Probabilidad de abandono (0–1) de esa calificación; null sin modelo' }),
    riskCutoff: z.string().nullable().openapi({ description: 'Corte de esa calificación (AAAA-AAAA/T)' }),
  })
  .openapi('StudentListItem');

export function studentRoutes(app: Api, deps: ApiDeps): void {
  const studentDeps = {
    db: deps.db,
    pseudonyms: deps.pseudonyms,
    currentYear: deps.currentYear,
    // Public catalog names, the same for every scope: cached until the data changes.
    names: () => deps.cache.get('catalog:names', () => catalogNames(deps.db)),
  };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/students',
      summary:
        'Búsqueda de estudiantes dentro del alcance del usuario (nombre, CURP o identificador seudónimo)',
      request: {
        query: z.object({
          q: z.string().max(80).optional(),
          campus: z.string().max(12).optional(),
          group: z.string().max(20).optional(),
          order: z.enum(['risk', 'group']).optional().openapi({
            description: 'risk: mayor probabilidad primero; group: por grupo. Requiere un plantel',
          }),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(25),
          format: FORMAT,
        }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(StudentItem),
            total: z.number().int(),
            totalIsLowerBound: z.boolean(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          'Página de resultados',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const scope = c.get('scope');
      // A group's list over a whole state or the nation scans its enrollments: in a worker thread.
      const wide = scope.role === 'national' || scope.role === 'analyst' || scope.role === 'state';
      const result = (
        q.group && wide
          ? await deps.analyses.findStudents(
              {
                scope,
                input: q,
                currentYear: deps.currentYear,
                secret: deps.config.pseudonymSecret,
              },
              () => findStudents(studentDeps, scope, q),
            )
          : await findStudents(studentDeps, scope, q)
      ) as Awaited<ReturnType<typeof findStudents>>;
      if (q.format !== 'json') {
        deps.log({
          level: 'info',
          requestId: c.get('requestId'),
          event: 'export_students',
          role: c.get('scope').role,
          rows: result.items.length,
        });
        // The filters, not the query text (which may be a name or a CURP).
        const filters = {
          campus: q.campus ?? null,
          group: q.group ?? null,
          page: q.page,
          query: Boolean(q.q),
        };
        await auditDownload(c, deps.db, {
          name: 'estudiantes',
          format: q.format,
          rows: result.items,
          filters,
        });
        return (await sendTable(c, q.format, 'estudiantes', result.items, null)) as never;
      }
      return c.json(result, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/students/{id}',
      summary: 'Trayectoria de un estudiante: periodos, calificaciones, asistencia, eventos, intervenciones',
      request: { params: z.object({ id: z.string().max(40) }) },
      responses: { 200: json(StudentProfileSchema, 'Perfil y línea de tiempo'), ...errors },
    }),
    async (c) => {
      const scope = c.get('scope');
      const viewer = auditActor(c.get('user'), scope, c.get('requestId'));
      const profile = await studentProfile(studentDeps, scope, c.req.valid('param').id, viewer);
      deps.log({
        level: 'info',
        requestId: c.get('requestId'),
        event: 'view_student',
        role: c.get('scope').role,
      });
      return c.json(profile, 200);
    },
  );
}
