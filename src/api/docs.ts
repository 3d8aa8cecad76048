/**
 * /api/docs: the OpenAPI document (/api/openapi.json) rendered by Swagger UI (swagger-ui-dist, a maintained
 * bundle), served from this server: no CDN, and nothing the app's CSP refuses. The page's only script is the
 * bundle and an initializer in a file of its own (the CSP allows script only from 'self', no inline script);
 * its styles are swagger-ui-dist's stylesheet. The bundle's files are read once, on first request.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './context.js';

/** The files under /api/docs/assets/: swagger-ui-dist's and our initializer. */
const ASSETS = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', from: 'swagger-ui-dist' },
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', from: 'swagger-ui-dist' },
  'init.js': { type: 'text/javascript; charset=utf-8', from: 'trayecto' },
} as const;
type Asset = keyof typeof ASSETS;

const PAGE = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trayecto API v1</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="Trayecto API v1"><p>Documento OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a></p></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

// No validator badge (it would call a third-party host), no "Try it out" by default (calls need a session).
const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  displayOperationId: true,
  tryItOutEnabled: false,
  defaultModelsExpandDepth: 0,
});
`;

let distDir: string | null = null;
const cache = new Map<Asset, Buffer>();

function asset(name: Asset): Buffer {
  let body = cache.get(name);
  if (!body) {
    if (ASSETS[name].from === 'trayecto') body = Buffer.from(INIT);
    else {
      distDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
      body = readFileSync(join(distDir, name));
    }
    cache.set(name, body);
  }
  return body;
}

/** GET /api/docs (the page) and /api/docs/assets/<file>. */
export function docsRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    if (!Object.hasOwn(ASSETS, file)) return c.notFound();
    c.header('Content-Type', ASSETS[file as Asset].type);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(new Uint8Array(asset(file as Asset)));
  });
}
