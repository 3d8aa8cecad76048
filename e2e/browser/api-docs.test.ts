/**
 * /api/docs in a real browser (issue 14): Swagger UI, served by the app itself, renders the OpenAPI document
 * under the app's CSP: the operations list shows the documented operations with their summaries and
 * operationIds, its assets load from this server, and the console reports no error (no CSP refusal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startStack, UI_TIMEOUT, type Stack } from './harness.js';

interface OpenApi {
  readonly paths: Record<
    string,
    Record<string, { readonly summary?: string; readonly operationId?: string }>
  >;
}

/** Parsing a 1.5 MB bundle and rendering every operation, on a busy machine. */
const RENDER_TIMEOUT = 60_000;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('API reference page', () => {
  it('renders the operations list from /api/openapi.json with assets of this server only', async () => {
    const context = await stack.browser.newContext({ baseURL: stack.url });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requested: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => requested.push(r.url()));
      const assets = new Map<string, { status: number; type: string }>();
      page.on('response', (r) => {
        if (r.url().includes('/api/docs/assets/'))
          assets.set(new URL(r.url()).pathname, {
            status: r.status(),
            type: r.headers()['content-type'] ?? '',
          });
      });
      const res = await page.goto(new URL('/api/docs', stack.url).toString());
      expect(res?.status()).toBe(200);
      const ops = page.locator('.opblock');
      await ops
        .first()
        .waitFor({ timeout: RENDER_TIMEOUT })
        .catch(async (e: unknown) => {
          await screenshot(page, 'api-docs-failure');
          const shown = await page.locator('body').innerText();
          throw new Error(
            `no operation rendered: ${String(e)}\n${problems.join('\n')}\n${shown.slice(0, 800)}`,
            {
              cause: e,
            },
          );
        });

      const doc = (await (
        await page.request.get(new URL('/api/openapi.json', stack.url).toString())
      ).json()) as OpenApi;
      const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
      // Swagger UI groups operations by tag, all sections open: one block per operation.
      await expect.poll(() => ops.count(), { timeout: UI_TIMEOUT }).toBe(operations.length);
      const text = await page.locator('#swagger-ui').innerText();
      const sample = operations.filter((o) => o.summary && o.operationId).slice(0, 5);
      expect(sample.length).toBeGreaterThan(0);
      for (const o of sample) {
        expect(text).toContain(o.summary);
        expect(text).toContain(o.operationId);
      }
      expect(await page.locator('.opblock-summary-path').first().innerText()).toMatch(/^\/api\/v1\//);

      expect([...assets.keys()].sort()).toEqual([
        '/api/docs/assets/init.js',
        '/api/docs/assets/swagger-ui-bundle.js',
        '/api/docs/assets/swagger-ui.css',
      ]);
      for (const [path, a] of assets) {
        expect(a.status, path).toBe(200);
        expect(a.type, path).toMatch(path.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      }
      const origin = new URL(stack.url).origin;
      expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
      expect(problems).toEqual([]);
      await screenshot(page, 'api-docs');
    } finally {
      await context.close();
    }
  });
});
