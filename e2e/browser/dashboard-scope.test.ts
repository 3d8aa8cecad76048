/**
 * The dashboard's scope and privacy in a real browser, as the campus and analyst users see them (the national
 * user's walk nation → state → campus → student, the first render and page health: e2e/browser/dashboard.test.ts).
 * This file starts its own stack; its beforeAll finds, through the national user's API, the same campus and student
 * that the national walk opens (the top state by abandono of the latest complete year, its campus with the most
 * students, that campus's most advanced named student, found by surname), so that the scope tests look for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  esNumber,
  CURP_RE,
  pageText,
  q,
  screenshot,
  signIn,
  startStack,
  type Session,
  type Stack,
} from './harness.js';
import {
  campusWithMostStudents,
  expectUrl,
  firstSurname,
  kpiValue,
  mostAdvancedStudent,
  PAGE_SIZE,
  rankingOrder,
  termKeys,
  testIdText,
  type Campus,
  type IndicatorRow,
  type StudentItem,
  type StudentPage,
  type StudentProfile,
  type Summary,
  type YearsCatalog,
} from './dashboard-support.js';

let stack: Stack;
let national: Session;
/** Names and CURPs the national user sees, which the analyst must never see. */
const seenIdentities: { name: string; curp: string }[] = [];
/** The campus the national walk drills into, and its student (for the scope tests). */
let visited: { campus: Campus; student: StudentItem } | null = null;

/** What dashboard.test.ts's national walk opens, chosen the same way through the API. */
async function nationalVisit(): Promise<{ campus: Campus; student: StudentItem }> {
  const years = await national.api<YearsCatalog>('catalog/years');
  const { rows } = await national.api<{ rows: IndicatorRow[] }>(
    `indicators?level=state&year=${q(years.latestComplete)}`,
  );
  const stateCode = rankingOrder(rows, 'abandono')[0]?.unit_id ?? '';
  const campuses = await national.api<Campus[]>(`catalog/campuses?state=${q(stateCode)}`);
  const target = await campusWithMostStudents(national, campuses);
  if (!target) throw new Error(`state ${stateCode} has no campus`);
  const { named: withName, pick } = await mostAdvancedStudent(national, target);
  for (const s of withName.slice(0, 30)) seenIdentities.push({ name: s.name ?? '', curp: s.curp ?? '' });
  const found = await national.api<StudentPage>(
    `students?campus=${q(target.cct)}&q=${q(firstSurname(pick.name))}&page=1&pageSize=${PAGE_SIZE}`,
  );
  const chosen = found.items.find((s) => s.id === pick.id) ?? found.items[0];
  if (!chosen) throw new Error('no search result');
  return { campus: target, student: chosen };
}

beforeAll(async () => {
  stack = await startStack();
  national = await signIn(stack, 'national');
  visited = await nationalVisit();
}, 120_000);

afterAll(async () => {
  await stack?.close();
  if (stack?.pageErrors.length) console.warn(`[browser] page errors:\n  ${stack.pageErrors.join('\n  ')}`);
});

describe('campus user', () => {
  let campus: Session;
  beforeAll(async () => {
    campus = await signIn(stack, 'campus');
  });
  afterAll(async () => {
    await campus?.context.close();
  });

  it('lands on its campus, and its search lists only its own students', async () => {
    const { page } = campus;
    const me = await campus.api<{ user: { campusCct: string | null } }>('session');
    const own = me.user.campusCct ?? '';
    expect(own).not.toBe('');
    await page.waitForURL((u) => u.searchParams.get('view') === 'plantel');
    expectUrl(page, { view: 'plantel', unit: own });
    await page.getByTestId('kpi-mt').waitFor();
    const summary = await campus.api<Summary>(`summary?level=campus&unit=${q(own)}`);
    await expect.poll(() => testIdText(campus, 'kpi-mt')).toBe(esNumber(kpiValue(summary, 'mt')));
    const firstPage = await campus.api<StudentPage>(`students?campus=${q(own)}&page=1&pageSize=${PAGE_SIZE}`);
    const rows = page.getByTestId('student-row');
    await expect
      .poll(async () =>
        rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { id: string } }).dataset.id)),
      )
      .toEqual(firstPage.items.map((s) => s.id));
    expect(firstPage.items.every((s) => s.campusCct === own)).toBe(true);
    await screenshot(page, '07-plantel-propio');

    // Searching for the student the national user opened elsewhere: never found from this campus.
    if (visited && visited.campus.cct !== own && visited.student.name) {
      const surname = firstSurname(visited.student.name);
      const scoped = await campus.api<StudentPage>(
        `students?campus=${q(own)}&q=${q(surname)}&page=1&pageSize=${PAGE_SIZE}`,
      );
      expect(scoped.items.every((s) => s.campusCct === own)).toBe(true);
      await page.getByTestId('student-search').fill(surname);
      await page.waitForURL((u) => u.searchParams.get('q') === surname);
      await expect
        .poll(async () =>
          rows.evaluateAll((trs) =>
            trs.map((tr) => (tr as unknown as { dataset: { id: string } }).dataset.id),
          ),
        )
        .toEqual(scoped.items.map((s) => s.id));
      expect(await page.locator(`[data-testid="student-row"][data-id="${visited.student.id}"]`).count()).toBe(
        0,
      );
      // Without a campus filter the API still answers only this campus.
      const anywhere = await campus.api<StudentPage>(`students?q=${q(surname)}&pageSize=200`);
      expect(anywhere.items.every((s) => s.campusCct === own)).toBe(true);
      expect(anywhere.items.some((s) => s.id === visited?.student.id)).toBe(false);
    }
  });

  it('gets the out-of-scope state, and no data, for another campus and its student', async () => {
    const { page } = campus;
    const me = await campus.api<{ user: { campusCct: string | null } }>('session');
    const own = me.user.campusCct ?? '';
    let other = visited?.campus;
    if (!other || other.cct === own) {
      const all = await national.api<Campus[]>('catalog/campuses');
      other = all.find((c) => c.cct !== own);
    }
    if (!other) throw new Error('no other campus');
    expect(await campus.status(`summary?level=campus&unit=${q(other.cct)}`)).toBe(404);

    await page.goto(`/?view=plantel&unit=${q(other.cct)}`);
    const alert = page.locator('[role="alert"]');
    await alert.first().waitFor();
    expect(await alert.first().innerText()).toMatch(/alcance|no se encontr/i);
    expect(await page.locator('[data-testid^="kpi-"]').count()).toBe(0);
    expect(await page.getByTestId('student-search').count()).toBe(0);
    expect(await page.getByTestId('student-row').count()).toBe(0);
    expect(await page.locator('[data-testid="campus-map"], [data-testid="distribution"]').count()).toBe(0);
    const text = await pageText(page);
    expect(text).not.toContain(other.name);
    expect(text).not.toMatch(CURP_RE);
    await screenshot(page, '08-plantel-ajeno');
    // The same page as for a campus that does not exist: nothing tells the two apart.
    const outOfScope = (await alert.first().innerText()).replaceAll(other.cct, '<cct>');
    const missing = '99XXX9999Z';
    await page.goto(`/?view=plantel&unit=${missing}`);
    await page.locator('[role="alert"]').first().waitFor();
    expect((await page.locator('[role="alert"]').first().innerText()).replaceAll(missing, '<cct>')).toBe(
      outOfScope,
    );

    if (visited && visited.campus.cct !== own) {
      await page.goto(`/?view=estudiante&id=${q(visited.student.id)}`);
      await page.locator('[role="alert"]').first().waitFor();
      expect(await page.getByTestId('student-timeline').count()).toBe(0);
      const studentText = await pageText(page);
      if (visited.student.name) expect(studentText).not.toContain(visited.student.name);
      expect(studentText).not.toMatch(CURP_RE);
    }
  });
});

describe('analyst user', () => {
  let analyst: Session;
  beforeAll(async () => {
    analyst = await signIn(stack, 'analyst');
  });
  afterAll(async () => {
    await analyst?.context.close();
  });

  it('sees students and their trajectories without any name or CURP', async () => {
    const { page } = analyst;
    const cct = visited?.campus.cct ?? (await national.api<Campus[]>('catalog/campuses'))[0]?.cct ?? '';
    const roster = await national.api<StudentPage>(`students?campus=${q(cct)}&pageSize=200`);
    for (const s of roster.items.slice(0, 30))
      seenIdentities.push({ name: s.name ?? '', curp: s.curp ?? '' });
    const names = seenIdentities.filter((x) => x.name);
    expect(names.length).toBeGreaterThan(0);
    const leaks = (text: string) => {
      const found: string[] = [];
      const curp = CURP_RE.exec(text);
      if (curp) found.push(`CURP ${curp[0]}`);
      for (const { name, curp: c } of seenIdentities) {
        if (name && text.includes(name)) found.push(`name ${name}`);
        if (c && text.includes(c)) found.push(`CURP ${c}`);
        const words = name.split(/\s+/);
        const surnames = words.slice(-2).join(' ');
        if (words.length >= 3 && text.includes(surnames)) found.push(`surnames ${surnames}`);
      }
      return found;
    };

    await page.goto(`/?view=plantel&unit=${q(cct)}`);
    const rows = page.getByTestId('student-row');
    await rows.first().waitFor();
    const firstPage = await analyst.api<StudentPage>(
      `students?campus=${q(cct)}&page=1&pageSize=${PAGE_SIZE}`,
    );
    expect(firstPage.items.every((s) => s.name === null && s.curp === null)).toBe(true);
    await expect
      .poll(async () =>
        rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { id: string } }).dataset.id)),
      )
      .toEqual(firstPage.items.map((s) => s.id));
    expect(leaks(await pageText(page))).toEqual([]);
    expect(leaks(await page.content())).toEqual([]);
    await screenshot(page, '09-analista-plantel');

    const id = visited?.student.id ?? firstPage.items[0]?.id ?? '';
    await page.goto(`/?view=estudiante&id=${q(id)}`);
    const timeline = page.getByTestId('student-timeline');
    await timeline.waitFor();
    const profile = await analyst.api<StudentProfile>(`students/${q(id)}`);
    expect(await timeline.locator(':scope > li').count()).toBe(termKeys(profile).size);
    expect(leaks(await pageText(page))).toEqual([]);
    expect(leaks(await page.content())).toEqual([]);
    expect(await page.locator('h1').first().innerText()).toContain(id);
    await screenshot(page, '10-analista-estudiante');
  });
});

describe('page health', () => {
  it('raised no uncaught exception in any page', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
