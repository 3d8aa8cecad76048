import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import type { Io } from '../cli/io.js';
import { completeDocument, operationIdFor } from './openapi.js';

interface Doc {
  servers: { url: string }[];
  security: Record<string, string[]>[];
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security?: unknown[];
        responses: Record<string, { content?: Record<string, unknown> }>;
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
