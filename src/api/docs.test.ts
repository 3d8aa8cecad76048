/**
 * /api/docs (issue 14): the reference is Swagger UI from swagger-ui-dist, served by this server (no CDN):
 * the page answers 200, its stylesheet, bundle and initializer answer 200 with their content types, the page
 * has no inline script (the CSP allows script only from 'self'), and nothing else is served under its assets.
 * The browser test e2e/browser/api-docs.test.ts renders it.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { call, createHarness, type Harness } from './test-helpers.js';

describeEachDialect('API docs page', ({ store }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(store());
  }, 120_000);

  it('serves Swagger UI and its assets from this server, with no inline script', async () => {
    const page = await call(h.app, '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1] ?? '')?.[1])).toEqual([
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/assets/init.js',
    ]);
    expect(scripts.every((m) => (m[2] ?? '').trim() === '')).toBe(true);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);

    const assets = [
      ['/api/docs/assets/swagger-ui.css', /^text\/css/, 50_000, '.swagger-ui'],
      ['/api/docs/assets/swagger-ui-bundle.js', /^text\/javascript/, 500_000, 'SwaggerUIBundle'],
      ['/api/docs/assets/init.js', /^text\/javascript/, 50, "url: '/api/openapi.json'"],
    ] as const;
    for (const [path, type, size, marker] of assets) {
      const res = await call(h.app, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      const body = await res.text();
      expect(body.length, path).toBeGreaterThan(size);
      expect(body, path).toContain(marker);
    }
    for (const path of ['/api/docs/assets/package.json', '/api/docs/assets/..%2Fpackage.json'])
      expect((await call(h.app, path)).status, path).toBe(404);
  });
});
