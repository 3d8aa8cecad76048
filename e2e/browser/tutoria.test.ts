/**
 * The tutor's work queue in a real browser: a tutor signs in, opens Tutoría, sees students ranked by risk
 * (red before yellow), each with the rules' reasons and the last action, logs an intervention with the form,
 * and the row then shows it as the last action. The API and the database agree with what the page shows.
 *
 * The stack is the harness's, except that the demo tutor follows every group of their campus: at the demo's
 * scale a group holds one or two students, too few to rank.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDeps, createServerApp, listen } from '../../src/api/server.js';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/domain/access.js';
import { DEFAULT_SEED, generateDemo } from '../../src/services/generate-demo.js';
import { createDemoAccounts, type DemoAccount } from '../../src/services/users.js';
import { openStore, type Store } from '../../src/storage/db.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  DEMO_SCALE,
  SCREENSHOTS,
  screenshot,
  signIn,
  UI_TIMEOUT,
  WEB_DIST,
  type Session,
  type Stack,
} from './harness.js';

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
    tutor = await signIn(stack, 'tutor');
  });
  afterAll(async () => {
    await tutor?.context.close();
  });

  it('shows a ranked, explained worklist and logs an action', async () => {
    const page = tutor.page;
    await page.getByRole('link', { name: 'Tutoría', exact: true }).click();
    const rows = page.getByTestId('worklist-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    const api = await tutor.api<WorkQueue>('worklist');
    expect(api.items.length).toBeGreaterThan(1);
    expect(await rows.count()).toBe(api.items.length);

    // Ranked: the page's order is the API's, red before yellow, and every row explains itself.
    const flags: string[] = [];
    const students: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      flags.push((await rows.nth(i).getAttribute('data-flag')) ?? '');
      students.push((await rows.nth(i).getAttribute('data-student')) ?? '');
    }
    const order: Record<string, number> = { rojo: 2, amarillo: 1, verde: 0 };
    for (let i = 1; i < flags.length; i++)
      expect(order[flags[i - 1] ?? ''] ?? 0).toBeGreaterThanOrEqual(order[flags[i] ?? ''] ?? 0);
    expect(flags).not.toContain('verde');
    expect(students).toEqual(api.items.map((i) => i.student));
    const firstReasons = await rows.first().getByTestId('worklist-reasons').innerText();
    expect(firstReasons.trim().length).toBeGreaterThan(5);
    expect(firstReasons).toContain(api.items[0]?.reasons[0] ?? '—');
    const lastActionCells = await page.getByTestId('worklist-last-action').allInnerTexts();
    expect(lastActionCells.every((t) => t.trim().length > 0)).toBe(true);
    await screenshot(page, 'tutoria-worklist');

    // Log an action on the first student with the form.
    const target = api.items[0]!;
    const row = page.locator(`[data-testid="worklist-row"][data-student="${target.student}"]`);
    await row.getByTestId('log-action').click();
    const form = page.getByTestId('intervention-form');
    await form.waitFor();
    await form.getByTestId('intervention-kind').selectOption('family_contact');
    await form.getByTestId('intervention-date').fill('2026-11-27');
    await form.getByTestId('intervention-sessions').fill('2');
    await form.getByTestId('intervention-text').fill('Llamada a la familia para acordar una cita');
    await form.getByTestId('intervention-submit').click();
    await page.getByTestId('intervention-saved').waitFor();
    await expect
      .poll(async () => row.getByTestId('worklist-last-action').innerText(), { timeout: UI_TIMEOUT })
      .toContain('2026-11-27');
    expect(await row.getByTestId('worklist-last-action').innerText()).toContain('Contacto con la familia');
    await screenshot(page, 'tutoria-logged');

    const after = await tutor.api<WorkQueue>('worklist');
    expect(after.items.find((i) => i.student === target.student)?.lastAction).toMatchObject({
      date: '2026-11-27',
      kind: 'family_contact',
    });
    const stored = await store.db
      .selectFrom('interventions')
      .select(['kind', 'sessions', 'assigned_by', 'notes'])
      .where('kind', '=', 'family_contact')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ sessions: 2, notes: 'Llamada a la familia para acordar una cita' });
    expect(stored[0]?.assigned_by).not.toBeNull();
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
