/**
 * The response contract, checked while testing: every JSON answer of /api/v1 must parse with the schema its
 * route declares for that status, and parsing must drop nothing (a field the schema does not name is an
 * undocumented field). The app turns it on only when asked (createApp's `checkResponses`, set by the test
 * harness): in production the handlers' types already hold the services to the schemas, and parsing every
 * answer again would cost time for nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import type { z } from '@hono/zod-openapi';
import type { Api } from './context.js';

type Schemas = ReadonlyMap<string, ReadonlyMap<number, z.ZodType>>;

/** `GET /api/v1/students/:id` → status → schema, from the routes registered with app.openapi. */
export function declaredSchemas(app: Api): Schemas {
  const out = new Map<string, Map<number, z.ZodType>>();
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const key = `${def.route.method.toUpperCase()} ${def.route.path.replace(/\{([^}]+)\}/g, ':$1')}`;
    const byStatus = new Map<number, z.ZodType>();
    for (const [status, answer] of Object.entries(def.route.responses)) {
      const content = (answer as { content?: Record<string, { schema?: unknown }> }).content;
      const schema = content?.['application/json']?.schema;
      if (schema && typeof schema === 'object' && 'safeParse' in schema)
        byStatus.set(Number(status), schema as z.ZodType);
    }
    out.set(key, byStatus);
  }
  return out;
}

/** Where two JSON values first differ ("items.0.studentId"), for a readable report. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path || '(raíz)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, path ? `${path}.${k}` : k);
  }
  return path || '(raíz)';
}

/**
 * The problems of one answer (empty when it keeps the contract). Names paths and issue messages only, never
 * values: an answer may carry personal data.
 */
export function contractProblems(
  schemas: Schemas,
  method: string,
  routePath: string,
  status: number,
  body: unknown,
): string[] {
  const schema = schemas.get(`${method} ${routePath}`)?.get(status);
  // Errors (also those of the shared middleware) all have the envelope of errors.ts; a success is declared.
  if (!schema)
    return status >= 400 ? [] : [`${method} ${routePath}: la respuesta ${status} no está declarada`];
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return parsed.error.issues.map(
      (i) => `${method} ${routePath} ${status}: ${i.path.join('.') || '(raíz)'}: ${i.message}`,
    );
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed.data)), body))
    return [
      `${method} ${routePath} ${status}: campo no documentado en ${firstDifference(body, parsed.data)}`,
    ];
  return [];
}
