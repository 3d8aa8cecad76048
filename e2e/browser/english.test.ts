/**
 * English mode leaves no Spanish behind (issue 13, finding 9): a tutor and a national user switch to English;
 * the work queue's reasons, Efectos' method text, Escenarios, Generaciones, Impacto, the group sheet's links and
 * a student's card read in English, and axe-core finds no serious or critical violation on them. Each page's
 * visible text is kept in e2e/screenshots/english-pages.json for inspection. A server error (an unknown
 * campus) shows the server's message in the UI language, and in Spanish again after switching back.
 *
 * Spanish is recognised by words of the app's own vocabulary that English never uses; names of people,
 * campuses, states and programs stay Spanish in both languages and are left out of the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, isBlocking } from './axe.js';
import {
  BUSY,
  pageText,
  screenshot,
  signIn,
  startStack,
  writeArtifact,
  type Session,
  type Stack,
} from './harness.js';

const DESKTOP = { width: 1440, height: 900 } as const;
/** Some pages compute an analysis on first open (effects, cohorts) on a busy machine. */
const PAGE_TIMEOUT = 180_000;

/** Words of the app's Spanish that an English page must not show (matched as whole words, any case). */
const SPANISH = [
  'semestre',
  'semestres',
  'rezago',
  'asistencia',
  'promedio',
  'reprobados',
  'regularización',
  'regularizaciones',
  'pendientes',
  'beca',
  'estudiantes',
  'generación',
  'abandono',
  'eficiencia',
  'atendidos',
  'insuficientes',
  'ciclo',
  'cohorte',
  'método',
  'egresados',
  'inscritos',
  'días',
  'descargar',
  'hoja',
  'grupo',
  'sin',
  'según',
  'respecto',
];
const SPANISH_RE = new RegExp(`(?<![\\p{L}])(${SPANISH.join('|')})(?![\\p{L}])`, 'giu');

/** The Spanish words found in a text (lower case, unique). */
function spanishIn(text: string): string[] {
  return [...new Set([...text.matchAll(SPANISH_RE)].map((m) => (m[1] ?? '').toLowerCase()))];
}

let stack: Stack;
const texts: Record<string, string> = {};
const blocking: string[] = [];

beforeAll(async () => {
  stack = await startStack({ scored: true });
});
afterAll(async () => {
  writeArtifact('english-pages.json', texts);
  await stack?.close();
});

async function english(role: 'tutor' | 'national'): Promise<Session> {
  const s = await signIn(stack, role, DESKTOP, { bypassCSP: true });
  await s.page.getByTestId('lang-switch').click();
  await expect.poll(() => s.page.evaluate('document.documentElement.lang')).toBe('en');
  return s;
}

/** Opens a view, waits until nothing is loading, scans it with axe, keeps its text; returns the text. */
async function visit(s: Session, name: string, href: string, ready: string): Promise<string> {
  const page = s.page;
  await page.goto(new URL(href, stack.url).toString());
  await page.locator(ready).first().waitFor({ timeout: PAGE_TIMEOUT });
  await expect.poll(() => page.locator(BUSY).count(), { timeout: PAGE_TIMEOUT }).toBe(0);
  for (const v of (await axeViolations(page)).filter(isBlocking))
    blocking.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
  const text = await pageText(page);
  texts[name] = text;
  await screenshot(page, `english-${name}`);
  return text;
}

/** The visible text of every element a test id names, joined. */
async function textsOf(s: Session, testId: string): Promise<string> {
  return (await s.page.getByTestId(testId).allInnerTexts()).join('\n');
}

describe('English mode', () => {
  it('a tutor reads the queue reasons, the group sheet links and a student card in English', async () => {
    const s = await english('tutor');
    try {
      await visit(s, 'tutoria', '/?view=tutoria', '[data-testid="worklist-reasons"] li');
      const reasons = await textsOf(s, 'worklist-reasons');
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons).not.toMatch(/semestres? de rezago|asistencia|promedio|reprobad|regularizaci/i);
      expect(spanishIn(reasons)).toEqual([]);
      expect(await textsOf(s, 'worklist-summary')).not.toMatch(/days days/);
      // The group sheet: choosing a group shows its downloads, labelled in English.
      const group = s.page.getByTestId('filter-group');
      const options = await group
        .locator('option')
        .evaluateAll((os) =>
          os.map((o) => (o as unknown as { value: string }).value).filter((v) => v !== ''),
        );
      expect(options.length).toBeGreaterThan(0);
      await group.selectOption(options[0] ?? '');
      await s.page.getByTestId('group-sheet-pdf').waitFor();
      const links = await s.page.locator('[data-testid^="group-sheet-"]').allInnerTexts();
      expect(spanishIn(links.join('\n'))).toEqual([]);
      // The downloads ask for English and write English reasons (issue 13, item 1 of the daily brief).
      expect(await s.page.getByTestId('worklist-csv').getAttribute('href')).toContain('lang=en');
      for (const id of ['group-sheet-csv', 'worklist-csv']) {
        const href = (await s.page.getByTestId(id).getAttribute('href')) ?? '';
        expect(href, id).toContain('lang=en');
        const res = await s.page.request.get(new URL(href, s.page.url()).toString());
        expect(res.status(), id).toBe(200);
        expect(await res.text(), id).not.toMatch(/asistencia|promedio|reprobad|regularizaci|rezago|razones/i);
      }
      const tutoria = await pageText(s.page);
      texts['tutoria-group'] = tutoria;
      expect(spanishIn(tutoria)).toEqual([]);
      // A student's card, from the queue.
      const first = s.page.locator('[data-testid="worklist"] h3 a').first();
      await first.click();
      await s.page.locator('main h1').first().waitFor();
      await expect.poll(() => s.page.locator(BUSY).count(), { timeout: PAGE_TIMEOUT }).toBe(0);
      const card = await pageText(s.page);
      texts['student'] = card;
      for (const v of (await axeViolations(s.page)).filter(isBlocking))
        blocking.push(`student: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
      expect(spanishIn(card)).toEqual([]);
    } finally {
      await s.context.close();
    }
    expect(blocking).toEqual([]);
  }, 600_000);

  it('a national user reads Efectos, Escenarios, Generaciones and Impacto in English', async () => {
    const s = await english('national');
    try {
      const efectos = await visit(s, 'efectos', '/?view=efectos', '[data-testid="effects-table"]');
      const method = await textsOf(s, 'effects-method');
      expect(method).toMatch(/doubly robust/);
      expect(method).not.toMatch(/asistencia|semestre|abandono|particiones/i);
      expect(spanishIn(efectos)).toEqual([]);
      const views = [
        ['escenarios', '[data-testid="whatif-table"]'],
        ['generaciones', '[data-testid="survival-table"]'],
        ['impacto', '[data-testid="baseline-select"]'],
      ] as const;
      const found: Record<string, string[]> = {};
      for (const [view, ready] of views) {
        const words = spanishIn(await visit(s, view, `/?view=${view}`, ready));
        if (words.length > 0) found[view] = words;
      }
      expect(found).toEqual({});
      // The unit line names the nation in English (the server's unit name is Spanish).
      await s.page.goto(new URL('/?view=escenarios', stack.url).toString());
      await expect.poll(() => textsOf(s, 'whatif-unit'), { timeout: PAGE_TIMEOUT }).toMatch(/^National · /);
    } finally {
      await s.context.close();
    }
    expect(blocking).toEqual([]);
  }, 900_000);

  it("shows the server's error message in the UI language", async () => {
    const s = await english('national');
    try {
      await s.page.goto(new URL('/?view=plantel&unit=XXNOPE0000Z', stack.url).toString());
      // The campus page's breakdown and its student list each show the error: the first of them.
      const alert = s.page.getByRole('alert').filter({ hasText: 'XXNOPE0000Z' }).first();
      await alert.waitFor({ timeout: PAGE_TIMEOUT });
      const english = await alert.innerText();
      texts['server-error'] = english;
      expect(english).toMatch(/Unknown (unit|campus)/);
      expect(english).not.toMatch(/desconocid/i);
      // Back in Spanish the page asks again and the server answers in Spanish.
      await s.page.getByTestId('lang-switch').click();
      await expect.poll(() => alert.innerText(), { timeout: PAGE_TIMEOUT }).toMatch(/desconocid/i);
    } finally {
      await s.context.close();
    }
  }, 300_000);
});
