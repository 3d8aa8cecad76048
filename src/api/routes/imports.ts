import { readFile } from 'node:fs/promises';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError, invalid } from '../../domain/errors.js';
import type { FileLimits } from '../../ingest/limits.js';
import { RECORD_KINDS } from '../../ingest/record-kinds.js';
import { auditActor, recordAudit } from '../../services/operations/index.js';
import {
  countsTemplate,
  identityChangesOf,
  importTemplate,
  lastAcceptedYear,
  uploadCountsFile,
  type CountsUploadResult,
  type RecordImportSummary,
} from '../../services/imports/index.js';
import { importFresh } from '../../services/imports/index.js';
import { campusIdsOfState, stateOfCampus } from '../../storage/import-lookups.js';
import { importTargetOf } from '../../storage/import-writes.js';
import type { Api, ApiDeps } from '../context.js';
import { errors, json } from '../schemas.js';
import { receiveUpload, UploadTooLarge, type ReceivedFile } from '../upload-file.js';
import { IdentityChangesSchema, ImportSummarySchema, type ImportSummary } from '../schemas/imports.js';

/** Largest upload accepted through the API (the CLI reads bigger files from disk). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** Issues sent back in the answer; the web page builds the downloadable report from them. */
const MAX_ANSWER_ISSUES = 5_000;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Kind = z
  .enum([...RECORD_KINDS, 'counts'])
  .openapi({ param: { name: 'kind', in: 'path' }, example: 'module-results' });

/**
 * Which campuses a user may import rows for: a campus user their campus, a state user the campuses of their
 * state, the national role any; analysts and tutors never import.
 */
async function campusScopeOf(
  deps: ApiDeps,
  scope: { role: string; stateId: number | null; campusId: number | null },
) {
  if (scope.role === 'national') return undefined;
  if (scope.role === 'campus' && scope.campusId !== null) return new Set([scope.campusId]);
  if (scope.role === 'state' && scope.stateId !== null)
    return new Set(await campusIdsOfState(deps.db, scope.stateId));
  throw new AppError('forbidden', 'import_forbidden', 'Su perfil no puede importar archivos');
}

/**
 * Aggregate counts (national, state and campus rows) through the upload page: national users only, read and
 * written in the import worker (as record imports), answered in the record imports' summary shape, a rejected
 * file as its row-level issues.
 */
async function uploadCounts(
  deps: ApiDeps,
  file: ReceivedFile,
  dryRun: boolean,
  actor: string,
  limits: FileLimits,
): Promise<ImportSummary> {
  const base = { kind: 'counts', file: file.name, encoding: null, dryRun };
  const options = { dryRun, actor, limits };
  const answer = (await deps.analyses.runCountsImport(
    { path: file.path, fileName: file.name, options },
    async () => uploadCountsFile(deps.db, await readFile(file.path), file.name, options),
  )) as CountsUploadResult;
  if (!answer.rejected) return { ...base, ...answer.summary, rejected: false, issueCount: 0, issues: [] };
  return {
    ...base,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: true,
    issueCount: answer.issues.length,
    issues: answer.issues.slice(0, MAX_ANSWER_ISSUES),
  };
}

export function importRoutes(app: Api, deps: ApiDeps): void {
  // A body announced larger than the limit is refused before it is read; one that grows past it while arriving
  // is refused then (upload-file.ts): never read into memory (Hono's bodyLimit keeps a chunked body whole).
  app.use('/api/v1/imports/*', async (c, next) => {
    if (!c.req.path.startsWith('/api/v1/imports/') || c.req.method !== 'POST') return next();
    if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES)
      throw new UploadTooLarge(MAX_UPLOAD_BYTES);
    return next();
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/imports/{kind}',
      summary:
        'Importa un archivo CSV o XLSX de registros (todo o nada; idempotente). Multipart (campo "file") o el cuerpo crudo con ?filename=',
      request: {
        params: z.object({ kind: Kind }),
        query: z.object({
          dryRun: z.enum(['true', 'false']).optional().openapi({ description: 'true: solo validar' }),
          filename: z
            .string()
            .max(200)
            .optional()
            .openapi({ description: 'Nombre del archivo (cuerpo crudo)' }),
          sheet: z.string().max(100).optional().openapi({ description: 'Hoja del libro XLSX (la primera)' }),
        }),
      },
      responses: {
        200: json(ImportSummarySchema, 'Resumen y problemas'),
        ...errors,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const q = c.req.valid('query');
      const scope = c.get('scope');
      const campusScope = await campusScopeOf(deps, scope);
      if (kind === 'counts' && scope.role !== 'national')
        throw new AppError(
          'forbidden',
          'import_forbidden',
          'Solo el perfil nacional importa conteos agregados',
        );
      const file = await receiveUpload(c.req.raw, q.filename, MAX_UPLOAD_BYTES, c.get('requestId'));
      try {
        c.header('Cache-Control', 'no-store');
        if (kind === 'counts')
          return c.json(
            await uploadCounts(
              deps,
              file,
              q.dryRun === 'true',
              c.get('user').username,
              deps.config.importLimits,
            ),
            200,
          );
        const options = {
          dryRun: q.dryRun === 'true',
          maxBytes: MAX_UPLOAD_BYTES,
          ...(campusScope ? { campusScope } : {}),
          ...(q.sheet ? { sheet: q.sheet } : {}),
          limits: deps.config.importLimits,
          actor: c.get('user').username,
          auditScope: {
            role: scope.role,
            stateId: scope.campusId !== null ? await stateOfCampus(deps.db, scope.campusId) : scope.stateId,
            campusId: scope.campusId,
            requestId: c.get('requestId'),
          },
          lastSchoolYear: lastAcceptedYear(deps.config.lastSchoolYear, deps.now()),
        };
        // In a worker thread (services/analyses/): another user's request is answered while a large file loads.
        const summary = (await deps.analyses.runImport(
          {
            kind,
            path: file.path,
            fileName: file.name,
            options,
            secret: deps.config.pseudonymSecret ?? null,
          },
          () =>
            importFresh(importTargetOf(deps.db), kind, { path: file.path }, file.name, {
              ...options,
              pseudonyms: deps.pseudonyms,
              now: deps.now,
            }),
        )) as RecordImportSummary;
        const body: ImportSummary = {
          ...summary,
          issues: summary.issues.slice(0, MAX_ANSWER_ISSUES),
        };
        return c.json(body, 200);
      } finally {
        // Success, rejection or error: the temporary file goes (the worker has finished with it).
        await file.remove();
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/imports/runs/{run}/identity-changes',
      summary:
        'Nombres cambiados por una importación, antes y después (bitácora: coordinación nacional, y estatal de su estado)',
      request: {
        params: z.object({
          run: z.coerce
            .number()
            .int()
            .min(1)
            .openapi({ param: { name: 'run', in: 'path' }, description: 'runId del renglón import.file' }),
        }),
      },
      responses: {
        200: json(IdentityChangesSchema, 'Cambios'),
        ...errors,
      },
    }),
    async (c) => {
      const { run } = c.req.valid('param');
      const items = await identityChangesOf(deps.db, c.get('scope'), run, deps.pseudonyms);
      await recordAudit(deps.db, {
        ...auditActor(c.get('user'), c.get('scope'), c.get('requestId')),
        action: 'export.personal',
        target: `import-run:${run}`,
        details: { view: 'identity-changes', rows: items.length },
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/imports/{kind}/template',
      summary:
        'Plantilla del tipo: XLSX con encabezados, fila de ejemplo (se importa sin errores), claves válidas e instrucciones; o CSV (format=csv) con encabezados y fila de ejemplo',
      request: {
        params: z.object({ kind: Kind }),
        query: z.object({ format: z.enum(['xlsx', 'csv']).optional() }),
      },
      responses: {
        200: {
          content: {
            [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
            'text/csv': { schema: z.string() },
          },
          description: 'La plantilla',
        },
        ...errors,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const format = c.req.valid('query').format ?? 'xlsx';
      if (kind === 'counts' && format === 'csv')
        throw invalid('template_format', 'La plantilla de conteos solo existe en XLSX');
      const campusScope = await campusScopeOf(deps, c.get('scope'));
      const body =
        kind === 'counts'
          ? await countsTemplate(deps.db)
          : await importTemplate(deps.db, kind, campusScope, format);
      c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
      c.header('Content-Disposition', `attachment; filename="plantilla-${kind}.${format}"`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(new Uint8Array(body));
    },
  );
}
