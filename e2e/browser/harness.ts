/**
 * Harness of the browser tests: a demo database in a temporary directory, the demo accounts, the API and the
 * built web app served in process on a free port, and Debian's Chromium driven by playwright-core (never a
 * downloaded browser). Plus the helpers the tests share: signing in, reading the API with the page's own
 * session, es-MX formatting, screenshots.
 *
 * tsconfig.json has no DOM library (it checks the server), so the code that runs inside the page is written
 * as strings (see PAGE_SCRIPTS) and everything else goes through locators.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiDeps, createServerApp, listen } from '../../src/api/server.js';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/domain/access.js';
import { roundHalfUp } from '../../src/domain/indicators.js';
import { createDemoAccounts, type DemoAccount } from '../../src/services/accounts/index.js';
import { writeDemo } from './demo-template.js';
import { SERVER_LOG_DIR_VAR } from './global-setup.js';
import { openStore, type Store } from '../../src/storage/db.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIST = join(ROOT, 'web', 'dist');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
export const CHROMIUM = process.env.TRAYECTO_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export { DEMO_SCALE } from './demo-template.js';
export const CURP_RE = /[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d/;
/** How long a page may take to show something before a wait fails (generous: CI machines are slow). */
export const UI_TIMEOUT = 15_000;
/**
 * What a page shows while something is still loading: the loading state, an analysis being computed, the risk
 * setup under way (by test id: the web's classes are CSS module classes, not names to select by).
 */
export const BUSY =
  '[data-testid="loading"], [data-testid="analysis-progress"], [data-testid="risk-setup"][role="status"]';

export interface Stack {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  readonly accounts: Readonly<Record<Role, DemoAccount>>;
  readonly browser: Browser;
  /** Uncaught exceptions of any page, as "page url: message". */
  readonly pageErrors: string[];
  /** Starts the first start's background training and scoring now (as `trayecto start` does once it listens). */
  setupRisk?(): void;
  close(): Promise<void>;
}

/**
 * The server's log as production writes it (one JSON line per entry, every level) plus anything written to this
 * process's stdout and stderr while the stack is up, appended to a file of the run's log directory. Returns the
 * function the API logs through and a function that stops the capture.
 */
export function captureServerLog(): { log: (entry: Record<string, unknown>) => void; stop: () => void } {
  const dir = process.env[SERVER_LOG_DIR_VAR];
  if (!dir) return { log: () => {}, stop: () => {} };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `server-${process.pid}-${Date.now()}.log`);
  const write = (text: string) => appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((st) => st.write.bind(st));
  streams.forEach((st, i) => {
    const original = originals[i] as (...a: unknown[]) => boolean;
    st.write = (chunk: unknown, ...rest: unknown[]) => {
      write(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return original(chunk, ...rest);
    };
  });
  write(JSON.stringify({ level: 'info', event: 'capture_start', at: new Date().toISOString() }));
  return {
    log: (entry) => write(JSON.stringify(entry)),
    stop: () => streams.forEach((st, i) => (st.write = originals[i] as typeof st.write)),
  };
}

/**
 * Demo data at scale 0.01, accounts, server on port 0 and Chromium. Everything is undone by close().
 * `scored`: the active students' semáforo stored first (rules only, no model), as after `trayecto risk score`.
 * `setupRisk`: the first start's background training and scoring begins once the server listens (`trayecto start`).
 */
export async function startStack(
  options: { readonly scored?: boolean; readonly setupRisk?: boolean } = {},
): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'trayecto-browser-'));
  const serverLog = captureServerLog();
  mkdirSync(SCREENSHOTS, { recursive: true });
  let store: Store | null = null;
  let server: ServerType | null = null;
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    if (server) {
      const s = server;
      // Keep-alive connections of the browser would hold close() open: drop them.
      (s as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    await store?.close();
    serverLog.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const file = join(dir, 'demo.db');
    // The run's template (generated and scored once, by the global setup), copied.
    await writeDemo(file, options.scored === true);
    store = openStore({ dialect: 'sqlite', file });
    const created = await createDemoAccounts(store.db, new Date());
    if (!created) throw new Error('createDemoAccounts created no accounts');
    const accounts = Object.fromEntries(created.map((a) => [a.role, a])) as Record<Role, DemoAccount>;
    const deps = await apiDeps(store, loadConfig({ TRAYECTO_LOG_LEVEL: 'debug' }), serverLog.log);
    const started = await listen(createServerApp(deps, WEB_DIST), '127.0.0.1', 0);
    server = started.server;
    const setupRisk = () => void deps.analyses.setupRisk('sistema');
    if (options.setupRisk) setupRisk();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    return { url: started.url, accounts, browser, pageErrors: [], setupRisk, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** GET /api/v1/<path> with the browser context's own cookie; fails on any status but 200. */
  api<T>(path: string): Promise<T>;
  /** The status of GET /api/v1/<path> with the same cookie. */
  status(path: string): Promise<number>;
}

/** A fresh browser context (its own cookies and storage) signed in through the login form. */
export async function signIn(
  stack: Stack,
  role: Role,
  viewport: { readonly width: number; readonly height: number } = { width: 1280, height: 900 },
  options: { readonly bypassCSP?: boolean } = {},
): Promise<Session> {
  const account = stack.accounts[role];
  const context = await stack.browser.newContext({
    baseURL: stack.url,
    viewport,
    // Only the accessibility scan sets it: axe-core is injected as a script the app's CSP would refuse.
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}),
    locale: 'es-MX',
    timezoneId: 'America/Mexico_City',
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.on('weberror', (e) => stack.pageErrors.push(`${e.page()?.url() ?? '?'}: ${e.error().message}`));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) =>
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  try {
    await page.goto(stack.url);
    await page.getByTestId('login-username').fill(account.username);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-submit').click();
    await page.locator(`[data-testid="user-role"][data-role="${account.role}"]`).waitFor();
  } catch (e) {
    // Leave evidence: what the page showed and what went wrong while loading it.
    await page.screenshot({ path: join(SCREENSHOTS, `sign-in-failure-${role}.png`) }).catch(() => {});
    const body = await page
      .locator('body')
      .innerText({ timeout: 1000 })
      .catch(() => '?');
    throw new Error(
      `signing in as ${account.username} failed at ${page.url()}: ${String(e)}\n` +
        `page text: ${body.slice(0, 500)}\n${problems.join('\n')}`,
      { cause: e },
    );
  }
  const get = (path: string) => context.request.get(`${stack.url}api/v1/${path}`);
  return {
    context,
    page,
    api: async <T>(path: string): Promise<T> => {
      const res = await get(path);
      if (res.status() !== 200) throw new Error(`GET /api/v1/${path}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
    status: async (path: string) => (await get(path)).status(),
  };
}

/** es-MX number as the app shows it: round half up, thousands with commas, decimal point. */
export function esNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = roundHalfUp(value, decimals);
  return new Intl.NumberFormat('es-MX', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(rounded === 0 ? 0 : rounded);
}

/** es-MX percentage: "12.5 %" (1 decimal for SEP rates, 2 for eficiencia terminal). */
export function esPercent(value: number | null | undefined, decimals = 1): string {
  const n = esNumber(value, decimals);
  return n === '—' ? n : `${n} %`;
}

/**
 * A full-page screenshot. Scrolled to the top before and after: in this Chromium, a full-page capture of a
 * scrolled page leaves the mouse input offset from the layout, so the next click would land elsewhere.
 */
/** A full-page screenshot kept as a test artefact under e2e/screenshots/ (git-ignored); prints and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  await page.evaluate('window.scrollTo(0, 0)');
  console.log(`screenshot: ${path}`);
  return path;
}

export function writeArtifact(name: string, data: unknown): string {
  const path = join(SCREENSHOTS, name);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** Visible text of the page body (what a user can read, hidden elements excluded). */
export async function pageText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** The value of an API query parameter, encoded. */
export const q = encodeURIComponent;

/**
 * Code evaluated inside the page. Written as strings because the test project has no DOM types.
 * - canvasInk(selector): how many sampled pixels of the first canvas under the selector are painted
 *   (not transparent and not white), and how many distinct colors they have.
 * - dashboardReady(timeout): resolves with performance.now() (ms since navigation start) at the first
 *   animation frame where the national KPI values and a painted map are on screen. Polled in the page
 *   (requestAnimationFrame), not with page.waitForFunction: the app's CSP forbids the eval it uses.
 */
export const PAGE_SCRIPTS = {
  canvasInk: (selector: string) => `(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)} + ' canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return null;
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0, sampled = 0;
    const colors = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {
      sampled++;
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && !(r > 245 && g > 245 && b > 245)) {
        inked++;
        colors.add((r >> 3) + ',' + (g >> 3) + ',' + (b >> 3));
      }
    }
    return { width: canvas.width, height: canvas.height, sampled, inked, colors: colors.size };
  })()`,
  dashboardReady: (timeoutMs: number) => `new Promise((resolve, reject) => {
    const ready = () => {
      const kpis = ['kpi-mt', 'kpi-abandono', 'kpi-eficiencia_terminal', 'kpi-planteles'].map(
        (id) => document.querySelector('[data-testid="' + id + '"]'));
      if (kpis.some((k) => !k || !k.textContent || !k.textContent.trim())) return false;
      const canvas = document.querySelector('[data-testid="state-map"] canvas');
      if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
      const box = canvas.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 0; i < data.length && inked < 200; i += 4 * 11) {
        if (data[i + 3] > 0 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) inked++;
      }
      return inked >= 200;
    };
    const giveUp = setTimeout(() => reject(new Error('dashboard not ready after ${timeoutMs} ms')), ${timeoutMs});
    const tick = () => {
      if (ready()) {
        clearTimeout(giveUp);
        resolve(performance.now());
      } else requestAnimationFrame(tick);
    };
    tick();
  })`,
  activeElement: `(() => {
    const el = document.activeElement;
    if (!el) return null;
    const row = el.closest('tr');
    return {
      tag: el.tagName,
      text: (el.textContent || '').trim().slice(0, 60),
      href: el.getAttribute('href'),
      inRanking: !!el.closest('[data-testid="ranking-table"] tbody'),
      unit: row ? row.getAttribute('data-unit') : null,
    };
  })()`,
  htmlLang: `document.documentElement.lang`,
  /** How far the page scrolls sideways (0 when everything fits the viewport's width). */
  horizontalOverflow: `document.documentElement.scrollWidth - document.documentElement.clientWidth`,
} as const;

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}
