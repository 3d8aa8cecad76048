/**
 * DataTable in a real browser (issue 14), on the national risk page's campus table: a click and the keyboard
 * sort a column (aria-sort follows), the filter box keeps the campuses whose name, state or CCT hold every word
 * typed, and "Descargar CSV" saves exactly the rows shown, in the order shown.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startStack, UI_TIMEOUT, type Stack } from './harness.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ scored: true });
});
afterAll(async () => {
  await stack?.close();
});

describe('DataTable', () => {
  it('sorts by click and keyboard, filters, and downloads the rows shown as CSV', async () => {
    const s = await signIn(stack, 'national');
    try {
      const page = s.page;
      const api = await s.api<{ campuses: { cct: string; name: string; state: string }[] }>('risk/campuses');
      expect(api.campuses.length).toBeGreaterThan(3);
      await page.goto('/?view=riesgo');
      const table = page.getByTestId('risk-campuses');
      await table.waitFor({ timeout: UI_TIMEOUT });
      const rows = table.locator('tbody tr');
      const shown = Math.min(400, api.campuses.length);
      await expect.poll(() => rows.count()).toBe(shown);

      // Sort by students in red: a click, largest first; Enter on the focused button, smallest first.
      const redHeader = table.locator('thead th').nth(4);
      const reds = async () =>
        (await table.locator('tbody tr td:nth-of-type(4)').allInnerTexts()).map((t) =>
          Number(t.replace(/,/g, '')),
        );
      await redHeader.getByRole('button').click();
      await expect.poll(() => redHeader.getAttribute('aria-sort')).toBe('descending');
      const desc = await reds();
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      await redHeader.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => redHeader.getAttribute('aria-sort')).toBe('ascending');
      const asc = await reds();
      expect(asc).toEqual([...asc].sort((a, b) => a - b));

      // The filter: one campus by its CCT, then a state's campuses by the state's name without accents.
      const target = api.campuses[1] as { cct: string; name: string; state: string };
      const filter = page.getByTestId('table-filter');
      await filter.fill(target.cct.toLowerCase());
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().innerText()).toContain(target.name);
      const fold = (t: string) =>
        t
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
      await filter.fill(fold(target.state));
      await expect.poll(() => rows.count()).toBeLessThan(shown);
      const kept = await rows.allInnerTexts();
      expect(kept.length).toBeGreaterThan(0);
      for (const row of kept) expect(fold(row)).toContain(fold(target.state));

      // The CSV: a BOM, the headers, then exactly the rows shown, in the order shown.
      const names = await table.locator('tbody th[scope="row"]').allInnerTexts();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('table-csv').click(),
      ]);
      expect(download.suggestedFilename()).toBe('planteles-por-riesgo.csv');
      const text = readFileSync(await download.path(), 'utf8');
      expect(text.startsWith('\uFEFFPlantel,CCT,Estado,Estudiantes,')).toBe(true);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines.length - 1).toBe(names.length);
      lines.slice(1).forEach((line, i) => {
        const name = names[i] ?? '';
        expect(line.startsWith(`${name},`) || line.startsWith(`"${name.replaceAll('"', '""')}",`)).toBe(true);
      });
    } finally {
      await s.context.close();
    }
  });
});
