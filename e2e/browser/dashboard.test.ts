/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against the in-process server
 * over a demo database: the national user's walk nation → state → campus → student, numbers checked against the
 * API, language switch, keyboard navigation, and the first render time of the national dashboard (measured and
 * recorded, not asserted: speed belongs in benchmarks). Scope and privacy as the campus and analyst users see
 * them: e2e/browser/dashboard-scope.test.ts.
 * Screenshots and render-timing.json go to e2e/screenshots/ (ignored by git).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  esNumber,
  esPercent,
  median,
  PAGE_SCRIPTS,
  q,
  screenshot,
  signIn,
  startStack,
  UI_TIMEOUT,
  writeArtifact,
  type Session,
  type Stack,
} from './harness.js';

import {
  campusWithMostStudents,
  expectUrl,
  firstSurname,
  kpiValue,
  mostAdvancedStudent,
  num,
  PAGE_SIZE,
  rankingOrder,
  termKeys,
  testIdText,
  type Campus,
  type IndicatorRow,
  type StudentPage,
  type StudentProfile,
  type Summary,
  type YearsCatalog,
} from './dashboard-support.js';

let stack: Stack;
let national: Session;
let years: YearsCatalog;

beforeAll(async () => {
  stack = await startStack();
  national = await signIn(stack, 'national');
  years = await national.api<YearsCatalog>('catalog/years');
}, 120_000);

afterAll(async () => {
  await stack?.close();
  if (stack?.pageErrors.length) console.warn(`[browser] page errors:\n  ${stack.pageErrors.join('\n  ')}`);
});

describe('national user: nation → state → campus → student', () => {
  it('shows the national KPIs exactly as the API summary, formatted es-MX', async () => {
    const { page } = national;
    expectUrl(page, { view: 'nacional' });
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Panorama nacional');
    const summary = await national.api<Summary>('summary?level=national');
    await page.getByTestId('kpi-mt').waitFor();
    await expect.poll(() => testIdText(national, 'kpi-mt')).toBe(esNumber(kpiValue(summary, 'mt')));
    await expect
      .poll(() => testIdText(national, 'kpi-abandono'))
      .toBe(esPercent(kpiValue(summary, 'abandono'), 1));
    await expect
      .poll(() => testIdText(national, 'kpi-eficiencia_terminal'))
      .toBe(esPercent(kpiValue(summary, 'eficiencia_terminal'), 2));
    await expect.poll(() => testIdText(national, 'kpi-planteles')).toBe(esNumber(summary.campuses));
    // es-MX: comma thousands separator, decimal point, a space before %.
    const mt = kpiValue(summary, 'mt') ?? 0;
    if (mt >= 1000) expect(await testIdText(national, 'kpi-mt')).toMatch(/^\d{1,3}(,\d{3})+$/);
    expect(await testIdText(national, 'kpi-abandono')).toMatch(/^\d+\.\d %$/);
    expect(await testIdText(national, 'kpi-eficiencia_terminal')).toMatch(/^\d+\.\d\d %$/);
  });

  it('draws the state map (a painted canvas, not a blank one)', async () => {
    const { page } = national;
    await page.locator('[data-testid="state-map"] canvas').waitFor();
    const mapInk = () =>
      page.evaluate<{ inked: number; sampled: number; colors: number } | null>(
        PAGE_SCRIPTS.canvasInk('[data-testid="state-map"]'),
      );
    // Wait for the choropleth to be filled in (ECharts animates), then look at it.
    await expect
      .poll(async () => (await mapInk())?.inked ?? 0, { timeout: UI_TIMEOUT })
      .toBeGreaterThan(1000);
    const ink = await mapInk();
    if (!ink) throw new Error('the map canvas vanished');
    // 32 states on a color ramp: many painted pixels in several colors.
    expect(ink.inked / ink.sampled).toBeGreaterThan(0.05);
    expect(ink.colors).toBeGreaterThan(5);
    await screenshot(page, '01-nacional');
  });

  it('ranks the states as /indicators?level=state of the latest complete year, by abandono', async () => {
    const { page } = national;
    const { rows } = await national.api<{ rows: IndicatorRow[] }>(
      `indicators?level=state&year=${q(years.latestComplete)}`,
    );
    const expected = rankingOrder(rows, 'abandono');
    expect(expected.length).toBe(32);
    // The page shows the latest complete year and abandono unless the URL says otherwise.
    expect(await page.getByTestId('year-select').inputValue()).toBe(years.latestComplete);
    expect(await page.getByTestId('indicator-select').inputValue()).toBe('abandono');
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr').first().waitFor();
    const shownUnits = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          (tr as unknown as { getAttribute(n: string): string | null }).getAttribute('data-unit'),
        ),
      );
    expect(shownUnits).toEqual(expected.map((r) => r.unit_id));
    const shownValues = await table.getByTestId('ranking-value').allTextContents();
    expect(shownValues.map((v) => v.trim())).toEqual(expected.map((r) => esPercent(num(r, 'abandono'), 1)));
    const shownNames = await table.locator('tbody tr th').allTextContents();
    expect(shownNames.map((v) => v.trim())).toEqual(expected.map((r) => r.unit_name));
  });

  it('shows published and computed campus dropout side by side, as the API gives them', async () => {
    const { page } = national;
    const c = await national.api<{
      schoolYear: string;
      rows: { cct: string; published: number; computed: number | null; difference: number | null }[];
    }>('published/abandono');
    const panel = page.getByTestId('published-table');
    await panel.locator('tbody tr').first().waitFor();
    const first = panel.locator('tbody tr').first();
    const cct = await first.getAttribute('data-unit');
    const row = c.rows.find((r) => r.cct === cct);
    if (!row) throw new Error(`campus ${cct ?? '?'} of the panel is not in the API answer`);
    // The first row is the campus with the largest absolute difference.
    const largest = Math.max(...c.rows.map((r) => Math.abs(r.difference ?? 0)));
    expect(Math.abs(row.difference ?? 0)).toBeCloseTo(largest, 9);
    const cells = (await first.locator('td').allTextContents()).map((v) => v.trim());
    expect(cells[1]).toBe(esPercent(row.published, 1));
    expect(cells[2]).toBe(esPercent(row.computed, 1));
  });

  it('goes to the top state, one of its campuses, and a student found by surname', async () => {
    const { page } = national;
    const table = page.getByTestId('ranking-table');
    const top = table.locator('tbody tr').first();
    const stateCode = (await top.getAttribute('data-unit')) ?? '';
    const stateName = ((await top.locator('a').textContent()) ?? '').trim();
    await top.locator('a').click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'estado');
    expectUrl(page, { view: 'estado', unit: stateCode });
    await expect.poll(() => page.locator('h1').first().innerText()).toContain(stateName);
    const stateSummary = await national.api<Summary>(`summary?level=state&unit=${q(stateCode)}`);
    await page.getByTestId('kpi-mt').waitFor();
    await expect.poll(() => testIdText(national, 'kpi-mt')).toBe(esNumber(kpiValue(stateSummary, 'mt')));
    await expect
      .poll(() => testIdText(national, 'kpi-abandono'))
      .toBe(esPercent(kpiValue(stateSummary, 'abandono'), 1));

    // The campus list holds exactly the state's campuses of the catalog.
    const campuses = await national.api<Campus[]>(`catalog/campuses?state=${q(stateCode)}`);
    const list = page.getByTestId('campus-list');
    await list.locator('tbody tr').first().waitFor();
    const listed = await list
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          (tr as unknown as { getAttribute(n: string): string | null }).getAttribute('data-unit'),
        ),
      );
    expect([...listed].sort()).toEqual(campuses.map((c) => c.cct).sort());
    await page.locator('[data-testid="campus-map"], [data-testid="distribution"]').first().waitFor();
    await screenshot(page, '02-estado');

    // The campus with the most students, so that the search has something to find.
    const target = await campusWithMostStudents(national, campuses);
    if (!target) throw new Error(`state ${stateCode} has no campus`);
    await list.locator(`tbody tr[data-unit="${target.cct}"] a`).click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'plantel');
    expectUrl(page, { view: 'plantel', unit: target.cct });
    await expect.poll(() => page.locator('h1').first().innerText()).toContain(target.name);
    await page.getByTestId('kpi-mt').waitFor();
    const campusSummary = await national.api<Summary>(`summary?level=campus&unit=${q(target.cct)}`);
    await expect.poll(() => testIdText(national, 'kpi-mt')).toBe(esNumber(kpiValue(campusSummary, 'mt')));
    await page.getByTestId('student-row').first().waitFor();
    await screenshot(page, '03-plantel');

    // A surname of a student the API lists for this campus (the most advanced one: a longer timeline).
    const { pick } = await mostAdvancedStudent(national, target);
    const surname = firstSurname(pick.name);
    const found = await national.api<StudentPage>(
      `students?campus=${q(target.cct)}&q=${q(surname)}&page=1&pageSize=${PAGE_SIZE}`,
    );
    expect(found.items.length).toBeGreaterThan(0);
    await page.getByTestId('student-search').fill(surname);
    await page.waitForURL((u) => u.searchParams.get('q') === surname);
    const rows = page.getByTestId('student-row');
    await expect
      .poll(async () =>
        rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { id: string } }).dataset.id)),
      )
      .toEqual(found.items.map((s) => s.id));
    for (const text of await rows.locator('th').allTextContents()) expect(text).toContain(surname);
    const chosen = found.items.find((s) => s.id === pick.id) ?? found.items[0];
    if (!chosen) throw new Error('no search result');
    await screenshot(page, '04-busqueda');

    // The student's trajectory: as many terms on the timeline as the API profile has.
    const profile = await national.api<StudentProfile>(`students/${q(chosen.id)}`);
    await page.locator(`[data-testid="student-row"][data-id="${chosen.id}"] a`).click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'estudiante');
    expectUrl(page, { view: 'estudiante', id: chosen.id });
    const timeline = page.getByTestId('student-timeline');
    await timeline.waitFor();
    const items = timeline.locator(':scope > li');
    expect(await items.count()).toBe(termKeys(profile).size);
    expect(await items.count()).toBeGreaterThanOrEqual(profile.terms.length);
    const heading = await page.locator('h1').first().innerText();
    if (chosen.name) expect(heading).toContain(chosen.name);
    if (chosen.curp) expect(await page.getByTestId('student-facts').innerText()).toContain(chosen.curp);
    for (const year of new Set(profile.terms.map((t) => t.school_year ?? t.schoolYear ?? '')))
      expect(await timeline.innerText()).toContain(year);
    await screenshot(page, '05-estudiante');
  });

  it('reaches the top state from the keyboard: Tab to the first ranking link, Enter', async () => {
    const page = await national.context.newPage();
    try {
      await page.goto('/?view=nacional');
      const firstRow = page.getByTestId('ranking-table').locator('tbody tr').first();
      await firstRow.waitFor();
      const unit = await firstRow.getAttribute('data-unit');
      let reached = false;
      const path: string[] = [];
      for (let i = 0; i < 80 && !reached; i++) {
        await page.keyboard.press('Tab');
        const active = await page.evaluate<{
          tag: string;
          text: string;
          inRanking: boolean;
          unit: string | null;
        } | null>(PAGE_SCRIPTS.activeElement);
        path.push(`${active?.tag ?? '?'}:${active?.text ?? ''}`);
        reached = !!active && active.tag === 'A' && active.inRanking;
        if (reached) expect(active?.unit, `focus path: ${path.join(' → ')}`).toBe(unit);
      }
      expect(reached, `the ranking link was never focused; focus path: ${path.join(' → ')}`).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('view') === 'estado');
      expectUrl(page, { view: 'estado', unit: unit ?? '' });
      await page.getByTestId('kpi-mt').waitFor();
    } finally {
      await page.close();
    }
  });

  it('switches to English: headings and <html lang> change', async () => {
    const page = await national.context.newPage();
    try {
      await page.goto('/?view=nacional');
      await page.getByTestId('kpi-mt').waitFor();
      expect(await page.evaluate<string>(PAGE_SCRIPTS.htmlLang)).toMatch(/^es/);
      expect(await page.locator('h1').first().innerText()).toBe('Panorama nacional');
      const mtEs = await page.getByTestId('kpi-mt').innerText();
      // The first card's label (its article's accessible name) changes language.
      const firstLabel = () => page.getByRole('article').first().getAttribute('aria-label');
      const labelEs = await firstLabel();
      expect(labelEs).toMatch(/^Matrícula/);
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.evaluate<string>(PAGE_SCRIPTS.htmlLang)).toMatch(/^en/);
      await expect.poll(() => page.locator('h1').first().innerText()).toBe('National overview');
      expect(await firstLabel()).not.toBe(labelEs);
      // Numbers follow the language too (en-US has the same separators as es-MX for integers).
      expect(await page.getByTestId('kpi-mt').innerText()).toBe(mtEs);
      expect(await page.getByTestId('kpi-abandono').innerText()).toMatch(/^\d+\.\d%$/);
      await screenshot(page, '06-national-en');
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.evaluate<string>(PAGE_SCRIPTS.htmlLang)).toMatch(/^es/);
    } finally {
      await page.close();
    }
  });
});

describe('first render of the national dashboard', () => {
  it('is measured from navigation start to KPI values and a painted map (median of 3 loads)', async () => {
    const loads: { ms: number; domContentLoaded: number; responseEnd: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await national.context.newPage();
      try {
        await page.goto('/?view=nacional', { waitUntil: 'commit' });
        const ms = await page.evaluate<number>(PAGE_SCRIPTS.dashboardReady(UI_TIMEOUT));
        const nav = await page.evaluate<{ domContentLoaded: number; responseEnd: number }>(`(() => {
          const n = performance.getEntriesByType('navigation')[0];
          return { domContentLoaded: n ? n.domContentLoadedEventEnd : -1, responseEnd: n ? n.responseEnd : -1 };
        })()`);
        loads.push({
          ms: Math.round(ms),
          domContentLoaded: Math.round(nav.domContentLoaded),
          responseEnd: Math.round(nav.responseEnd),
        });
        if (i === 0) await screenshot(page, '00-nacional-primer-render');
      } finally {
        await page.close();
      }
    }
    const result = {
      measuredAt: new Date().toISOString(),
      what: 'ms from navigation start until the national KPI values and a painted state map are on screen',
      scale: 0.01,
      chromium: stack.browser.version(),
      loads,
      medianMs: median(loads.map((l) => l.ms)),
      targetMs: 1500,
    };
    const file = writeArtifact('render-timing.json', result);
    console.log(
      `[browser] first national dashboard render: median ${result.medianMs} ms of ${loads
        .map((l) => l.ms)
        .join(', ')} ms (target ≤ ${result.targetMs} ms; not asserted) → ${file}`,
    );
    // Only sanity, not speed: a measurement was taken for each load.
    expect(loads).toHaveLength(3);
    expect(loads.every((l) => l.ms > 0)).toBe(true);
  });
});

describe('page health', () => {
  it('raised no uncaught exception in any page', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
