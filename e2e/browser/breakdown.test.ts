/**
 * The director's breakdown at 1440 × 900 (issue 13, finding 4): a campus director sees the programs of their
 * campus, worst first, each linked to its program page, and opens one without a 404; a state coordinator
 * reaches the tutoring queue of any campus of their state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText, screenshot, signIn, startStack, UI_TIMEOUT, type Stack } from './harness.js';

const DESKTOP = { width: 1440, height: 900 } as const;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe("the director's breakdown", () => {
  it('campus director: programs of the campus, worst first, linked to program pages that open', async () => {
    const s = await signIn(stack, 'campus', DESKTOP);
    try {
      const page = s.page;
      const list = page.getByTestId('program-list');
      await list.waitFor({ timeout: UI_TIMEOUT });
      const rows = list.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      await screenshot(page, 'breakdown-campus-programs');
      const first = rows.first();
      const code = await first.getAttribute('data-unit');
      const name = (await first.locator('th a').innerText()).trim();
      await first.locator('th a').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('carrera');
      expect(new URL(page.url()).searchParams.get('unit')).toBe(code);
      await page.locator('main h1').waitFor();
      await expect
        .poll(async () => page.locator('main h1').innerText(), { timeout: UI_TIMEOUT })
        .toContain(name);
      await expect.poll(() => page.locator('.loading').count(), { timeout: 60_000 }).toBe(0);
      expect(await pageText(page)).not.toContain('Unidad desconocida');
      await screenshot(page, 'breakdown-program-page');
    } finally {
      await s.context.close();
    }
  });

  it('state coordinator: chooses any campus of the state in Tutoría and sees its queue', async () => {
    const s = await signIn(stack, 'state', DESKTOP);
    try {
      const page = s.page;
      await page.getByRole('link', { name: 'Tutoría', exact: true }).click();
      const chooser = page.getByTestId('tutoria-campus');
      await chooser.waitFor();
      const options = chooser.locator('option');
      await expect.poll(() => options.count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(1);
      const cct = await options.nth(1).getAttribute('value');
      await chooser.selectOption(cct ?? '');
      await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe(cct);
      await page.getByTestId('worklist-summary').waitFor({ timeout: UI_TIMEOUT });
      const queue = await s.api<{ items: unknown[] }>(`worklist?campus=${cct ?? ''}`);
      await expect
        .poll(() => page.getByTestId('worklist-row').count())
        .toBe(Math.min(25, queue.items.length));
      await page.getByTestId('escalations-total').waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'breakdown-state-queue');
    } finally {
      await s.context.close();
    }
  });
});
