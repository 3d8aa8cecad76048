import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import type { Io } from '../cli/io.js';
import { completeDocument, operationIdFor } from './openapi.js';

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
}

interface Doc {
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> } & {
    schemas: Record<string, Schema>;
  };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security?: unknown[];
        responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
        requestBody?: { content: Record<string, unknown> };
      }
    >
  >;
}

async function served(): Promise<Doc> {
  let out = '';
  const io: Io = { out: (t) => void (out += t), err: () => {}, env: {}, errIsTty: false };
  expect(await main(['openapi'], io)).toBe(0);
  return JSON.parse(out) as Doc;
}

describe('operationIdFor', () => {
  it('names an operation by verb, path words and path parameters', () => {
    expect(operationIdFor('get', '/api/v1/students/{id}/risk')).toBe('getStudentsRiskById');
    expect(operationIdFor('post', '/api/v1/imports/{kind}')).toBe('createImportsByKind');
    expect(operationIdFor('get', '/api/v1/reports/911-inicio')).toBe('getReports911Inicio');
    expect(operationIdFor('put', '/api/v1/worklist/settings')).toBe('replaceWorklistSettings');
  });
});

describe('completeDocument', () => {
  it('keeps what a route declared itself', () => {
    const doc = completeDocument(
      {
        paths: {
          '/api/v1/x': { get: { operationId: 'own', responses: { '401': { description: 'mine' } } } },
        },
      },
      1024,
    ) as unknown as Doc;
    expect(doc.paths['/api/v1/x']!.get!.operationId).toBe('own');
    expect(doc.paths['/api/v1/x']!.get!.responses['401']).toEqual({ description: 'mine' });
  });
});

describe('the served OpenAPI document (trayecto openapi)', () => {
  it('declares the session cookie, a server, and a unique operationId for every operation', async () => {
    const doc = await served();
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'trayecto_session',
    });
    expect(doc.security).toEqual([{ session: [] }]);
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(ids.length).toBeGreaterThan(30);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('opens only the sign-in, and documents 401 and 429 everywhere else', async () => {
    const doc = await served();
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        expect(op.responses['429'], `${method} ${path}`).toBeDefined();
        if (method === 'post' && path === '/api/v1/session') expect(op.security).toEqual([]);
        else expect(op.responses['401'], `${method} ${path}`).toBeDefined();
      }
  });

  it('documents the upload body and the CSV and XLSX answers', async () => {
    const doc = await served();
    expect(Object.keys(doc.paths['/api/v1/imports/{kind}']!.post!.requestBody!.content)).toContain(
      'multipart/form-data',
    );
    expect(Object.keys(doc.paths['/api/v1/students']!.get!.responses['200']!.content!)).toEqual(
      expect.arrayContaining(['application/json', 'text/csv']),
    );
  });
});

/**
 * Free-form on purpose: the stored training parameters of a model version, and an audit entry's details (their
 * fields depend on the action; docs/SECURITY.md lists them).
 */
const FREE_FORM = new Set(['RiskModelReport.parameters', 'AuditEntry.details']);

/** The paths inside a schema where nothing says what the value is (an object of anything, or any value). */
function untyped(doc: Doc, schema: Schema, path: string, seen = new Set<string>()): string[] {
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1)!;
    if (seen.has(name)) return [];
    return untyped(doc, doc.components.schemas[name]!, name, new Set([...seen, name]));
  }
  if (FREE_FORM.has(path)) return [];
  const kids = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (kids.length > 0) return kids.flatMap((k) => untyped(doc, k, path, seen));
  if (schema.enum || schema.const !== undefined) return [];
  const types = [schema.type ?? []].flat();
  if (types.length === 0) return [path];
  const out: string[] = [];
  if (types.includes('object')) {
    const extra = schema.additionalProperties;
    const anything =
      extra === undefined || extra === true || (extra !== false && Object.keys(extra).length === 0);
    if (!schema.properties && anything) out.push(path);
    for (const [k, v] of Object.entries(schema.properties ?? {}))
      out.push(...untyped(doc, v, `${path}.${k}`, seen));
    if (typeof extra === 'object' && !anything) out.push(...untyped(doc, extra, `${path}.*`, seen));
  }
  if (types.includes('array')) {
    if (schema.items) out.push(...untyped(doc, schema.items, `${path}[]`, seen));
    for (const [i, v] of (schema.prefixItems ?? []).entries())
      out.push(...untyped(doc, v, `${path}[${i}]`, seen));
    if (!schema.items && !schema.prefixItems) out.push(`${path}[]`);
  }
  return out;
}

describe('the response schemas', () => {
  it('type every JSON success answer down to its leaves (no untyped object)', async () => {
    const doc = await served();
    const found: string[] = [];
    let answers = 0;
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item))
        for (const [status, answer] of Object.entries(op.responses)) {
          const schema = answer.content?.['application/json']?.schema;
          if (!status.startsWith('2') || !schema) continue;
          answers++;
          found.push(...untyped(doc, schema, `${method} ${path} ${status}`));
        }
    expect(answers).toBeGreaterThan(35);
    expect(found).toEqual([]);
  });

  it('finds an untyped object where there is one', () => {
    const doc = {
      components: { schemas: { A: { type: 'object', properties: { x: {} } } } },
    } as unknown as Doc;
    expect(untyped(doc, { $ref: '#/components/schemas/A' }, 'op')).toEqual(['A.x']);
    expect(
      untyped(doc, { type: 'array', items: { type: 'object', additionalProperties: {} } }, 'op'),
    ).toEqual(['op[]']);
    expect(untyped(doc, { type: 'object', additionalProperties: { type: 'number' } }, 'op')).toEqual([]);
  });
});
