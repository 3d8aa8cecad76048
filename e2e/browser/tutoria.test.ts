/**
 * The tutor's daily loop in a real browser, on a phone (390 × 844): a tutor signs in and lands on their queue,
 * sees students ranked by risk (red before yellow) as cards with the semáforo, the rules' reasons, the last
 * action and when the next is due, filters, sorts and downloads what is shown, logs an intervention, follows it
 * up, records an outcome that closes it, reopens it, and reads its history with the description. The API and
 * the database agree with what the page shows; nothing scrolls sideways.
 *
 * The stack is the harness's, except that the demo tutor follows every group of their campus: at the demo's
 * scale a group holds one or two students, too few to rank.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDeps, createServerApp, listen } from '../../src/api/server.js';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/domain/access.js';
import { DEFAULT_SEED, generateDemo } from '../../src/services/operations/index.js';
import { createDemoAccounts, type DemoAccount } from '../../src/services/accounts/index.js';
import { openStore, type Store } from '../../src/storage/db.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  DEMO_SCALE,
  PAGE_SCRIPTS,
  SCREENSHOTS,
  screenshot,
  signIn,
  UI_TIMEOUT,
  WEB_DIST,
  writeArtifact,
  type Session,
  type Stack,
} from './harness.js';
import { axeViolations, isBlocking } from './axe.js';

const PHONE = { width: 390, height: 844 } as const;

/**
 * The controls of the page's main area smaller than a 44 × 44 px touch target (WCAG 2.5.5; a thumb on a phone),
 * described by test id or text. Links inside running text are exempt (WCAG 2.5.8); button-like links are not.
 */
/** axe-core's serious and critical violations of the page as it is now (0 is the bar: issue 13). */
async function blocking(page: Session['page']): Promise<string[]> {
  return (await axeViolations(page))
    .filter(isBlocking)
    .map((v) => `${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
}

const SMALL_TARGETS = `(() => [...document.querySelectorAll(
  'main button, main select, main input:not([type=hidden]), main textarea, main a[download]'
)].filter((e) => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && (r.height < 44 || r.width < 44);
}).map((e) => {
  const r = e.getBoundingClientRect();
  const name = e.getAttribute('data-testid') || e.getAttribute('name') || e.textContent.trim().slice(0, 30) || e.tagName;
  return name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height);
}))()`;

interface HeaderTargets {
  readonly names: string[];
  readonly small: string[];
  readonly overlaps: string[];
  readonly height: number;
}

/**
 * The header's links, buttons and selects on screen: their names, those under 44 × 44 px, the pairs that
 * overlap, and the header's height.
 */
const HEADER_TARGETS = `(() => {
  const name = (e) => e.getAttribute('data-testid') || e.textContent.trim().slice(0, 30) || e.tagName;
  const items = [...document.querySelectorAll('header a, header button, header select')]
    .map((e) => ({ name: name(e), r: e.getBoundingClientRect() }))
    .filter((x) => x.r.width > 0 && x.r.height > 0);
  const size = (x) => x.name + ' ' + Math.round(x.r.width) + 'x' + Math.round(x.r.height);
  const overlaps = [];
  items.forEach((a, i) => items.slice(i + 1).forEach((b) => {
    const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (w > 0.5 && h > 0.5) overlaps.push(size(a) + ' / ' + size(b));
  }));
  return {
    names: items.map((x) => x.name),
    small: items.filter((x) => x.r.width < 44 || x.r.height < 44).map(size),
    overlaps,
    height: Math.round(document.querySelector('header').getBoundingClientRect().height),
  };
})()`;

/** One attribute of every element a locator matches, in order. */
async function attrs(locator: Locator, name: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < (await locator.count()); i++) out.push((await locator.nth(i).getAttribute(name)) ?? '');
  return out;
}

interface QueueItem {
  readonly student: string;
  readonly flag: 'rojo' | 'amarillo' | 'verde';
  readonly reasons: readonly string[];
  readonly lastAction: { readonly date: string; readonly kind: string } | null;
}
interface WorkQueue {
  readonly items: readonly QueueItem[];
}

let store: Store;
let stack: Stack;
let server: ServerType;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trayecto-tutoria-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(dir, 'demo.db');
  await generateDemo({
    target: { dialect: 'sqlite', file },
    seed: DEFAULT_SEED,
    scale: DEMO_SCALE,
    force: false,
  });
  store = openStore({ dialect: 'sqlite', file });
  const created = await createDemoAccounts(store.db, new Date());
  if (!created) throw new Error('createDemoAccounts created no accounts');
  const tutor = await store.db
    .selectFrom('users')
    .select(['id', 'campus_id'])
    .where('username', '=', 'tutor')
    .executeTakeFirstOrThrow();
  const year = await store.db
    .selectFrom('school_years')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const groups = await store.db
    .selectFrom('enrollments')
    .select('group_code')
    .distinct()
    .where('campus_id', '=', tutor.campus_id ?? -1)
    .where('school_year', '=', year.id)
    .execute();
  await store.db.deleteFrom('tutor_groups').where('user_id', '=', tutor.id).execute();
  await store.db
    .insertInto('tutor_groups')
    .values(
      groups.map((g) => ({ user_id: tutor.id, campus_id: tutor.campus_id ?? -1, group_code: g.group_code })),
    )
    .execute();
  const accounts = Object.fromEntries(created.map((a) => [a.role, a])) as Record<Role, DemoAccount>;
  const deps = await apiDeps(store, loadConfig({ TRAYECTO_LOG_LEVEL: 'warn' }), () => {});
  const started = await listen(createServerApp(deps, WEB_DIST), '127.0.0.1', 0);
  server = started.server;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  stack = { url: started.url, accounts, browser, pageErrors: [], close: async () => {} };
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  if (server) {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tutor work queue in the browser', () => {
  let tutor: Session;
  beforeAll(async () => {
    // Phone first: the tutor's whole loop at 390 × 844.
    tutor = await signIn(stack, 'tutor', PHONE, { bypassCSP: true });
  });
  afterAll(async () => {
    await tutor?.context.close();
  });

  it('lands on the queue: cards with semáforo, reasons, last and next action, no sideways scrolling', async () => {
    const page = tutor.page;
    // Finding 3: the tutor landed on campus statistics.
    expect(new URL(page.url()).searchParams.get('view')).toBe('tutoria');
    const cards = page.getByTestId('worklist-row');
    await cards.first().waitFor({ timeout: UI_TIMEOUT });
    const api = await tutor.api<WorkQueue>('worklist');
    expect(api.items.length).toBeGreaterThan(1);
    expect(await cards.count()).toBe(Math.min(25, api.items.length));

    // Ranked: the page's order is the API's, red before yellow, and every card explains itself.
    const flags = await attrs(cards, 'data-flag');
    const students = await attrs(cards, 'data-student');
    const order: Record<string, number> = { rojo: 2, amarillo: 1, verde: 0 };
    for (let i = 1; i < flags.length; i++)
      expect(order[flags[i - 1] ?? ''] ?? 0).toBeGreaterThanOrEqual(order[flags[i] ?? ''] ?? 0);
    expect(flags).not.toContain('verde');
    expect(students).toEqual(api.items.slice(0, 25).map((i) => i.student));
    const first = cards.first();
    expect(await first.getByTestId('worklist-reasons').innerText()).toContain(
      api.items[0]?.reasons[0] ?? '—',
    );
    // The semáforo is an icon and a word, in the band's colour (finding 2: plain black text).
    const flag = first.getByTestId('worklist-flag');
    expect((await flag.innerText()).trim()).toMatch(/^[●▲] (rojo|amarillo)$/);
    const color = await page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="worklist-row"] [data-testid="worklist-flag"]')).color`,
    );
    expect(color).toBe(api.items[0]?.flag === 'rojo' ? 'rgb(155, 28, 28)' : 'rgb(122, 75, 0)');
    expect((await first.getByTestId('worklist-next-due').innerText()).trim().length).toBeGreaterThan(3);
    // es-MX dates, never ISO (finding 9).
    expect(await first.getByTestId('worklist-last-action').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // Finding 3: 827 px wide on a phone, the action off-screen, a header of ~360 px.
    expect(await page.evaluate(PAGE_SCRIPTS.horizontalOverflow)).toBeLessThanOrEqual(0);
    const button = await first.getByTestId('log-action').boundingBox();
    expect(button).not.toBeNull();
    expect((button?.x ?? 0) + (button?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    const header = await page.getByRole('banner').boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(140);
    // Filters, downloads and the action button are big enough for a thumb.
    expect(await page.evaluate(SMALL_TARGETS)).toEqual([]);
    expect(await blocking(page)).toEqual([]);
    await screenshot(page, 'tutoria-phone-queue');
  });

  it('filters, sorts and downloads what it shows', async () => {
    const page = tutor.page;
    const cards = page.getByTestId('worklist-row');
    const api = await tutor.api<WorkQueue>('worklist');
    const yellow = api.items.filter((i) => i.flag === 'amarillo');
    await page.getByTestId('filter-flag').selectOption('amarillo');
    await expect.poll(() => cards.count()).toBe(Math.min(25, yellow.length));
    const flags = await attrs(cards, 'data-flag');
    expect(new Set(flags)).toEqual(new Set(yellow.length ? ['amarillo'] : []));
    const href = await page.getByTestId('worklist-csv').getAttribute('href');
    expect(href).toContain('flag=amarillo');
    const csv = await tutor.context.request.get(`${stack.url}${(href ?? '').slice(1)}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(yellow.length + 1);
    await page.getByTestId('filter-flag').selectOption('');
    await page.getByTestId('filter-sort').selectOption('days');
    const sorted = await tutor.api<WorkQueue & { items: { daysSinceAction: number | null }[] }>(
      'worklist?sort=days',
    );
    await expect.poll(async () => cards.first().getAttribute('data-student')).toBe(sorted.items[0]?.student);
    await page.getByTestId('filter-sort').selectOption('rank');
    await screenshot(page, 'tutoria-phone-filtered');
  });

  it('logs an action, follows it up, closes it with an outcome and reopens it, with the history shown', async () => {
    const page = tutor.page;
    const api = await tutor.api<WorkQueue>('worklist');
    const target = api.items[0]!;
    const card = page.locator(`[data-testid="worklist-row"][data-student="${target.student}"]`);
    await card.getByTestId('log-action').click();
    const form = card.getByTestId('intervention-form');
    await form.getByTestId('intervention-kind').selectOption('family_contact');
    await form.getByTestId('intervention-date').fill('2026-11-27');
    await form.getByTestId('intervention-sessions').fill('2');
    await form.getByTestId('intervention-text').fill('Llamada a la familia para acordar una cita');
    expect(await page.evaluate(SMALL_TARGETS)).toEqual([]);
    await screenshot(page, 'tutoria-phone-form');
    await form.getByTestId('intervention-submit').click();
    await page.getByTestId('intervention-saved').waitFor();
    await expect
      .poll(async () => card.getByTestId('worklist-last-action').innerText(), { timeout: UI_TIMEOUT })
      .toContain('27 nov 2026');
    expect(await card.getByTestId('worklist-last-action').innerText()).toContain('Contacto con la familia');

    // Finding 1: the description typed is shown again, in the history that opens after saving.
    const entry = card.locator('[data-testid="history-item"]').filter({ hasText: 'Contacto con la familia' });
    await expect
      .poll(async () => entry.getByTestId('history-description').innerText(), { timeout: UI_TIMEOUT })
      .toBe('Llamada a la familia para acordar una cita');
    expect(await entry.getByTestId('history-outcome').innerText()).toBe('En curso');

    // A follow-up.
    await entry.getByTestId('followup-text').fill('La madre confirmó la cita del lunes');
    await entry.getByTestId('followup-date').fill('2026-12-01');
    await entry.getByTestId('followup-submit').click();
    await expect
      .poll(async () => entry.getByTestId('followup').allInnerTexts(), { timeout: UI_TIMEOUT })
      .toEqual([expect.stringContaining('La madre confirmó la cita del lunes')]);
    expect(await entry.getByTestId('followup').innerText()).toContain('1 dic 2026');
    await expect
      .poll(async () => card.getByTestId('worklist-last-action').innerText(), { timeout: UI_TIMEOUT })
      .toContain('1 dic 2026');

    // An outcome closes it; reopen brings it back.
    await entry.getByTestId('outcome-select').selectOption('canalizada');
    await entry.getByTestId('close-intervention').click();
    await expect
      .poll(async () => entry.getByTestId('history-outcome').innerText(), { timeout: UI_TIMEOUT })
      .toBe('Canalizada a otra instancia');
    await screenshot(page, 'tutoria-phone-closed');
    const closed = await store.db
      .selectFrom('interventions')
      .select(['id', 'outcome', 'end_date', 'sessions', 'notes', 'assigned_by'])
      .where('kind', '=', 'family_contact')
      .execute();
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({
      outcome: 'canalizada',
      sessions: 2,
      notes: 'Llamada a la familia para acordar una cita',
    });
    expect(closed[0]?.end_date).not.toBeNull();
    expect(closed[0]?.assigned_by).not.toBeNull();
    await entry.getByTestId('reopen').click();
    await expect
      .poll(async () => entry.getByTestId('history-outcome').innerText(), { timeout: UI_TIMEOUT })
      .toBe('En curso');
    const reopened = await store.db
      .selectFrom('interventions')
      .select(['outcome', 'end_date'])
      .where('id', '=', closed[0]!.id)
      .executeTakeFirstOrThrow();
    expect(reopened).toEqual({ outcome: null, end_date: null });
    const notes = await store.db
      .selectFrom('intervention_notes')
      .select(['body', 'note_date'])
      .where('intervention_id', '=', closed[0]!.id)
      .execute();
    expect(notes).toEqual([{ body: 'La madre confirmó la cita del lunes', note_date: '2026-12-01' }]);
    expect(await page.evaluate(PAGE_SCRIPTS.horizontalOverflow)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(SMALL_TARGETS)).toEqual([]);
    expect(await blocking(page)).toEqual([]);
    await screenshot(page, 'tutoria-phone-history');
    expect(stack.pageErrors).toEqual([]);
  });

  it('shows the effect estimates and a what-if projection', async () => {
    const page = tutor.page;
    await page.getByRole('link', { name: 'Efectos', exact: true }).click();
    await page.getByTestId('effects-table').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('effects-row').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Escenarios', exact: true }).click();
    await page.getByTestId('whatif-table').waitFor();
    const et = await page.getByTestId('whatif-et').innerText();
    expect(et).toMatch(/%/);
    expect(await page.getByTestId('whatif-summary').innerText()).toContain('Alumnos retenidos');
    await screenshot(page, 'escenarios');
    expect(stack.pageErrors).toEqual([]);
  });

  it('shows the campus director the escalated cases on a phone, with room for a thumb', async () => {
    const campus = await signIn(stack, 'campus', PHONE, { bypassCSP: true });
    try {
      const page = campus.page;
      await page.goto(`${stack.url}?view=tutoria`);
      const esc = await campus.api<{ total: number }>('escalations');
      await page.getByTestId('escalations-total').waitFor({ timeout: UI_TIMEOUT });
      if (esc.total > 0) await page.getByTestId('escalation-card').first().waitFor();
      await page.getByTestId('worklist-row').first().waitFor({ timeout: UI_TIMEOUT });
      expect(await page.evaluate(PAGE_SCRIPTS.horizontalOverflow)).toBeLessThanOrEqual(0);
      expect(await page.evaluate(SMALL_TARGETS)).toEqual([]);
      expect(await blocking(page)).toEqual([]);
      await screenshot(page, 'tutoria-phone-escalations');
    } finally {
      await campus.context.close();
    }
  });

  it("gives the header's links and buttons 44 × 44 px on a phone, apart, in both languages", async () => {
    const page = tutor.page;
    await page.goto(`${stack.url}?view=tutoria`);
    await page.getByTestId('worklist-row').first().waitFor({ timeout: UI_TIMEOUT });
    const measured: HeaderTargets[] = [];
    // Spanish, then English (a longer button label), then back to Spanish for the tests that follow.
    for (const lang of ['es', 'en']) {
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toMatch(new RegExp(`^${lang}`));
      const m = await page.evaluate<HeaderTargets>(HEADER_TARGETS);
      measured.push(m);
      // The brand, every section link, the language button and sign out.
      expect(m.names).toEqual(expect.arrayContaining(['lang-switch', 'sign-out']));
      expect(m.names.length).toBeGreaterThanOrEqual(6);
      expect(m.small, lang).toEqual([]);
      expect(m.overlaps, lang).toEqual([]);
      expect(m.height, lang).toBeLessThanOrEqual(130);
      expect(await blocking(page)).toEqual([]);
      await page.getByTestId('lang-switch').click();
    }
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('es-MX');
    writeArtifact('header-targets-phone.json', measured);
    await screenshot(page, 'header-phone');
  });

  it('keeps the analyst out of the tutoring queue and read-only', async () => {
    const analyst = await signIn(stack, 'analyst');
    try {
      expect(await analyst.page.getByRole('link', { name: 'Tutoría', exact: true }).count()).toBe(0);
      const res = await analyst.context.request.post(`${stack.url}api/v1/interventions`, {
        data: { student: 'x', kind: 'tutoring' },
        headers: { Origin: stack.url.replace(/\/$/, '') },
      });
      expect([403, 404]).toContain(res.status());
    } finally {
      await analyst.context.close();
    }
  });
});
