/**
 * The director's breakdown at 1440 × 900 (issue 13, finding 4): a campus director sees the programs and groups of
 * their campus by semáforo, worst first, sorts a column, and opens a program page without a 404 (screenshot kept
 * under e2e/screenshots/, path printed); a state coordinator sees the breakdown of a campus of their state and
 * reaches the tutoring queue of any campus of their state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY, pageText, screenshot, signIn, startStack, UI_TIMEOUT, type Stack } from './harness.js';

const DESKTOP = { width: 1440, height: 900 } as const;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ scored: true });
});
afterAll(async () => {
  await stack?.close();
});

describe("the director's breakdown", () => {
  it('campus director: programs and groups of the campus by semáforo, sortable, programs open', async () => {
    const s = await signIn(stack, 'campus', DESKTOP);
    try {
      const page = s.page;
      const me = await s.api<{ user: { campusCct: string } }>('session');
      const list = page.getByTestId('program-list');
      await list.waitFor({ timeout: UI_TIMEOUT });
      // The figures of the year the page shows.
      const year = await page.getByTestId('year-select').inputValue();
      const api = await s.api<{
        programs: { code: string; risk: { rojo: number; total: number } }[];
        groups: { code: string; risk: { rojo: number; total: number } }[];
      }>(`breakdown/${me.user.campusCct}?year=${year}`);
      const rows = list.locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(api.programs.length);
      const groups = page.getByTestId('group-list').locator('tbody tr');
      await expect.poll(() => groups.count()).toBe(api.groups.length);
      // Worst first: the first group has the API's highest share in red, and red students exist.
      expect(api.groups.reduce((n, g) => n + g.risk.rojo, 0)).toBeGreaterThan(0);
      expect(await groups.first().getAttribute('data-group')).toBe(api.groups[0]?.code);
      // The whole page at 1440 px: no horizontal scrolling of the page itself.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(DESKTOP.width);
      await screenshot(page, 'breakdown-campus-1440');

      // Sorting by enrollment, largest first, then smallest first.
      const mtHeader = list.locator('thead th').nth(1);
      await mtHeader.getByRole('button').click();
      await expect.poll(() => mtHeader.getAttribute('aria-sort')).toBe('descending');
      const mts = async () =>
        (await list.locator('tbody tr td:nth-of-type(1)').allInnerTexts()).map((t) =>
          Number(t.replace(/,/g, '')),
        );
      const desc = await mts();
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      await mtHeader.getByRole('button').click();
      await expect.poll(() => mtHeader.getAttribute('aria-sort')).toBe('ascending');
      const asc = await mts();
      expect(asc).toEqual([...asc].sort((a, b) => a - b));

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
      await expect.poll(() => page.locator(BUSY).count(), { timeout: 60_000 }).toBe(0);
      expect(await pageText(page)).not.toContain('Unidad desconocida');
      await screenshot(page, 'breakdown-program-page');
    } finally {
      await s.context.close();
    }
  });

  it('campus director: the student list shows group and semáforo, and sorts the whole list by risk', async () => {
    const s = await signIn(stack, 'campus', DESKTOP);
    try {
      const page = s.page;
      const table = page.getByTestId('student-results');
      await table.waitFor({ timeout: UI_TIMEOUT });
      const riskHeader = table.locator('thead th', { hasText: 'Riesgo' });
      await riskHeader.getByRole('button').click();
      await expect.poll(() => riskHeader.getAttribute('aria-sort')).toBe('descending');
      // Rules-only scores: red students first, across the whole campus (the API's first page agrees).
      const me = await s.api<{ user: { campusCct: string } }>('session');
      const api = await s.api<{ items: { id: string; riskFlag: string | null }[] }>(
        `students?campus=${me.user.campusCct}&order=risk&pageSize=20`,
      );
      expect(api.items[0]?.riskFlag).toBe('rojo');
      await expect
        .poll(() => page.getByTestId('student-row').first().getAttribute('data-id'))
        .toBe(api.items[0]?.id);
      expect(
        await page.getByTestId('student-row').first().getByTestId('risk-flag').getAttribute('data-flag'),
      ).toBe('rojo');
      expect(await table.locator('thead th', { hasText: 'Grupo' }).count()).toBe(1);
    } finally {
      await s.context.close();
    }
  });

  it('state coordinator: a campus page of the state has the breakdown, and its program pages open', async () => {
    const s = await signIn(stack, 'state', DESKTOP);
    try {
      const page = s.page;
      const campuses = await s.api<{ cct: string }[]>('catalog/campuses');
      const cct = campuses[0]?.cct ?? '';
      await page.goto(`/?view=plantel&unit=${cct}`);
      const list = page.getByTestId('program-list');
      await list.waitFor({ timeout: UI_TIMEOUT });
      await list.locator('tbody tr th a').first().click();
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('carrera');
      await expect.poll(() => page.locator(BUSY).count(), { timeout: 60_000 }).toBe(0);
      expect(await pageText(page)).not.toContain('Unidad desconocida');
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
