/** Answers of the import and transfer routes (routes/imports.ts, routes/transfers.ts). */
import { z } from '@hono/zod-openapi';
import { list } from '../schemas.js';

const int = z.number().int();

export const ImportIssueSchema = z
  .object({
    file: z.string(),
    line: int.openapi({ description: 'Línea física donde empieza el registro (el encabezado es la 1)' }),
    column: z.string().optional(),
    value: z.string().optional(),
    message: z.string().openapi({
      description: 'En español; en inglés con lang=en o Accept-Language: en (docs/API.md, Idioma)',
    }),
  })
  .openapi('ImportIssue');

export const ImportSummarySchema = z
  .object({
    kind: z.string(),
    file: z.string(),
    encoding: z.string().nullable().openapi({ description: 'Codificación del CSV, o xlsx' }),
    rows: int,
    inserted: int,
    updated: int,
    unchanged: int,
    rejected: z.boolean().openapi({ description: 'true: el archivo se rechazó y no se escribió nada' }),
    issueCount: int,
    issues: list(ImportIssueSchema).openapi({ description: 'Los primeros problemas, en orden del archivo' }),
    dryRun: z.boolean(),
    runId: int.nullable().optional(),
    refreshedYears: list(z.string()).optional().openapi({ description: 'Registros: ciclos recalculados' }),
    refreshMs: z.number().optional(),
    elapsedMs: z.number().optional(),
    schoolYears: list(z.string())
      .optional()
      .openapi({ description: 'Conteos agregados: ciclos del archivo' }),
    levels: z
      .record(z.string(), int)
      .optional()
      .openapi({ description: 'Conteos agregados: filas por nivel' }),
    changes: z
      .object({
        total: int.openapi({ description: 'Valores guardados que cambiarían (o cambiaron), en total' }),
        items: list(
          z
            .object({
              student: z.string().nullable().openapi({ description: 'Identificador seudónimo del alumno' }),
              line: int,
              field: z.string().openapi({ description: 'Columna del archivo, o valor derivado (aprobado…)' }),
              before: z.union([z.string(), z.number()]).nullable(),
              after: z.union([z.string(), z.number()]).nullable(),
            })
            .openapi('ImportValueChange'),
        ).openapi({ description: 'Los primeros cambios (hasta 1,000), en orden del archivo' }),
      })
      .optional()
      .openapi({ description: 'Registros: cada valor guardado que el archivo cambia (antes → después)' }),
    freshness: z
      .object({
        changed: z.boolean(),
        flowYears: list(z.string()),
        flowMs: z.number(),
        riskScored: int.nullable(),
        riskScope: z.enum(['students', 'all', 'none']),
        riskMs: z.number(),
        riskError: z.string().nullable(),
        analysesStale: z.boolean(),
      })
      .optional()
      .openapi({ description: 'Registros: lo que se puso al día después (riesgo recalificado, análisis)' }),
  })
  .openapi('ImportSummary');

export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const IdentityChangesSchema = z
  .object({
    items: list(
      z.object({
        at: z.string(),
        actor: z.string(),
        student: z.string().openapi({ description: 'Identificador seudónimo' }),
        before: z.record(z.string(), z.string()),
        after: z.record(z.string(), z.string()),
      }),
    ),
  })
  .openapi('IdentityChanges');

export const TransferSchema = z
  .object({
    id: int,
    student: z.string().openapi({ description: 'Identificador seudónimo' }),
    fromCct: z.string().nullable().openapi({ description: 'Solo para quien puede resolver' }),
    toCct: z.string(),
    status: z.string().openapi({ description: 'pending | confirmed | rejected' }),
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
    canDecide: z.boolean(),
  })
  .openapi('Transfer');
