/**
 * The group sheet's downloads in a real browser (issue 13): on Tutoría a campus tutor chooses a group; the PDF,
 * XLSX and CSV links appear, and each one, fetched with the page's own session, answers 200 with its content
 * type and a real file: a PDF that starts with %PDF, an XLSX that is a zip (PK), a CSV with its header row
 * and one line per student of the group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signIn, startStack, type Session, type Stack } from './harness.js';

let stack: Stack;
let tutor: Session;

beforeAll(async () => {
  stack = await startStack({ scored: true });
  tutor = await signIn(stack, 'tutor', { width: 1440, height: 900 });
}, 180_000);

afterAll(async () => {
  await tutor?.context.close();
  await stack?.close();
});

interface GroupSheet {
  readonly group: string;
  readonly rows: readonly unknown[];
}

describe('group sheet downloads', () => {
  it('offers the chosen group as PDF, XLSX and CSV, each a real file of that group', async () => {
    const { page } = tutor;
    await page.goto(new URL('/?view=tutoria', stack.url).toString());
    const select = page.getByTestId('filter-group');
    await select.waitFor();
    // No group chosen: no sheet to download.
    expect(await page.getByTestId('group-sheet').count()).toBe(0);
    const groups = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value).filter((v) => v !== ''));
    const group = groups[0];
    if (!group) throw new Error('the tutor has no group in the queue');
    await select.selectOption(group);
    await page.getByTestId('group-sheet').waitFor();
    await screenshot(page, 'group-sheet-links');

    const expected = await tutor.api<GroupSheet>(`groups/${encodeURIComponent(group)}/sheet?format=json`);
    expect(expected.group).toBe(group);
    expect(expected.rows.length).toBeGreaterThan(0);

    const files = {
      pdf: { type: /^application\/pdf/, magic: '%PDF' },
      xlsx: { type: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/, magic: 'PK' },
      csv: { type: /^text\/csv/, magic: null },
    } as const;
    for (const [format, want] of Object.entries(files)) {
      const link = page.getByTestId(`group-sheet-${format}`);
      expect(await link.innerText()).toContain(group);
      const href = await link.getAttribute('href');
      if (!href) throw new Error(`no href on the ${format} link`);
      expect(href).toContain(`format=${format}`);
      const res = await page.request.get(new URL(href, stack.url).toString());
      expect(res.status(), `${format}: ${href}`).toBe(200);
      expect(res.headers()['content-type']).toMatch(want.type);
      const body = await res.body();
      expect(body.length, format).toBeGreaterThan(format === 'csv' ? 60 : 1000);
      if (want.magic) expect(body.subarray(0, want.magic.length).toString('latin1')).toBe(want.magic);
      else {
        const lines = body
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .trim()
          .split(/\r?\n/);
        expect(lines[0]).toMatch(/^student,name,semester,flag,/);
        expect(lines).toHaveLength(expected.rows.length + 1);
      }
    }
  });
});
