/**
 * Accessibility, every page, every role: axe-core inside the page (e2e/browser/axe.ts) on each section of the
 * header's navigation plus a student's page, for each demo role at 1440 × 900, the tutor also at 390 × 844
 * and one role in English. No serious or critical violation may remain (finding 10: the language button's
 * label-content-name-mismatch on every page); every violation found is written to
 * e2e/screenshots/axe-report.json for inspection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access.js';
import { axeViolations, isBlocking, type AxeViolation } from './axe.js';
import { BUSY, signIn, startStack, writeArtifact, type Stack } from './harness.js';

const DESKTOP = { width: 1440, height: 900 } as const;
const PHONE = { width: 390, height: 844 } as const;
const ROLES: readonly Role[] = ['national', 'state', 'campus', 'tutor', 'analyst'];
/** A role's whole tour (a dozen pages, some computing estimates on first open) on a busy machine. */
const TOUR_TIMEOUT = 600_000;
const PAGE_TIMEOUT = 120_000;

interface Finding {
  readonly run: string;
  readonly page: string;
  readonly violations: readonly AxeViolation[];
}

let stack: Stack;
const report: Finding[] = [];

beforeAll(async () => {
  // Scored: the campus pages' breakdown and the student list show their semáforo columns.
  stack = await startStack({ scored: true });
});
afterAll(async () => {
  writeArtifact('axe-report.json', report);
  await stack?.close();
});

async function scan(run: string, role: Role, viewport: typeof DESKTOP | typeof PHONE, lang?: 'en') {
  const s = await signIn(stack, role, viewport, { bypassCSP: true });
  try {
    const page = s.page;
    if (lang === 'en') await page.getByTestId('lang-switch').click();
    const hrefs = await page
      .getByRole('navigation', { name: /^(Secciones|Sections)$/ })
      .getByRole('link')
      .evaluateAll((as) =>
        as.map((a) => (a as unknown as { getAttribute: (n: string) => string }).getAttribute('href')),
      );
    const students = await s
      .api<{ items: { id: string }[] }>('students?pageSize=1')
      .catch(() => ({ items: [] }));
    const pages = [...new Set(hrefs)];
    if (students.items[0]) pages.push(`/?view=estudiante&id=${encodeURIComponent(students.items[0].id)}`);
    // The director's breakdown: a campus page of the scope and one of its program pages, for every role.
    const [campus] = await s.api<{ cct: string }[]>('catalog/campuses');
    if (campus) {
      pages.push(`/?view=plantel&unit=${campus.cct}`);
      const b = await s.api<{ programs: { code: string }[] }>(`breakdown/${campus.cct}`);
      if (b.programs[0]) pages.push(`/?view=carrera&unit=${b.programs[0].code}`);
    }
    for (const href of pages) {
      await page.goto(new URL(href, stack.url).toString());
      await page.locator('main h1').first().waitFor({ timeout: PAGE_TIMEOUT });
      await expect.poll(() => page.locator(BUSY).count(), { timeout: PAGE_TIMEOUT }).toBe(0);
      report.push({ run, page: href, violations: await axeViolations(page) });
    }
  } finally {
    await s.context.close();
  }
}

const blocking = (run: string) =>
  report
    .filter((f) => f.run === run)
    .flatMap((f) =>
      f.violations.filter(isBlocking).map((v) => `${f.page}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`),
    );

describe('axe-core on every page', () => {
  it.each(ROLES)(
    '%s at 1440 px: no serious or critical violation',
    async (role) => {
      await scan(`${role}-desktop`, role, DESKTOP);
      expect(report.filter((f) => f.run === `${role}-desktop`).length).toBeGreaterThan(3);
      expect(blocking(`${role}-desktop`)).toEqual([]);
    },
    TOUR_TIMEOUT,
  );

  it(
    'tutor at 390 px and campus in English: no serious or critical violation',
    async () => {
      await scan('tutor-phone', 'tutor', PHONE);
      await scan('campus-en', 'campus', DESKTOP, 'en');
      expect([...blocking('tutor-phone'), ...blocking('campus-en')]).toEqual([]);
    },
    TOUR_TIMEOUT,
  );
});
