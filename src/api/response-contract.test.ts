import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { ApiEnv } from './context.js';
import { contractProblems, declaredSchemas } from './response-contract.js';

function schemasOf() {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/things/{id}',
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: {
          description: 'una cosa',
          content: {
            'application/json': {
              schema: z.object({ id: z.string(), tags: z.array(z.object({ name: z.string() })) }),
            },
          },
        },
      },
    }),
    (c) => c.json({ id: c.req.valid('param').id, tags: [] }, 200),
  );
  return declaredSchemas(app);
}

describe('contractProblems', () => {
  const schemas = schemasOf();
  const check = (status: number, body: unknown) =>
    contractProblems(schemas, 'GET', '/api/v1/things/:id', status, body);

  it('accepts an answer that is exactly what the schema says', () => {
    expect(check(200, { id: 'a', tags: [{ name: 'x' }] })).toEqual([]);
  });

  it('names an undocumented field by its path, without its value', () => {
    const problems = check(200, { id: 'a', tags: [{ name: 'x', curp: 'SECRETO' }] });
    expect(problems).toEqual(['GET /api/v1/things/:id 200: campo no documentado en tags.0.curp']);
  });

  it('names a field of the wrong type or missing', () => {
    expect(check(200, { id: 1, tags: [] })[0]).toMatch(/200: id: /);
    expect(check(200, { id: 'a' })[0]).toMatch(/200: tags: /);
  });

  it('refuses a success the route does not declare, and leaves errors to the shared envelope', () => {
    expect(check(201, { id: 'a', tags: [] })).toEqual([
      'GET /api/v1/things/:id: la respuesta 201 no está declarada',
    ]);
    expect(check(404, { error: { code: 'x', message: 'y' } })).toEqual([]);
    expect(contractProblems(schemas, 'GET', '/api/v1/other', 200, {})).toEqual([
      'GET /api/v1/other: la respuesta 200 no está declarada',
    ]);
  });
});
