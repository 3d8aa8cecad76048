/**
 * Shared harness of the in-process API tests (app.test.ts, scope.test.ts): demo data at a tiny scale, the demo
 * accounts, the Hono app with its log entries captured, and request helpers. Imports nothing test-only, so the
 * build can compile it; it is only used by tests.
 */
import ExcelJS from 'exceljs';
import { loadConfig } from '../config.js';
import type { Role } from '../domain/access.js';
import { loadDemoFixture } from '../test-support/demo-fixtures.js';
import { createDemoAccounts, type DemoAccount } from '../services/accounts/index.js';
import type { Store } from '../storage/db.js';
import { createApp } from './app.js';
import type { ApiDeps } from './context.js';
import { apiDeps } from './server.js';

export const ORIGIN = 'http://localhost';
export const DEMO_SCALE = 0.003;
export const DEMO_SEED = 7;
export const CURP_RE = /[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d/;

export type App = ReturnType<typeof createApp>;

export interface Harness {
  readonly app: App;
  readonly deps: ApiDeps;
  readonly logs: Record<string, unknown>[];
  readonly accounts: Readonly<Record<Role, DemoAccount>>;
}

/**
 * The harness's environment: API rate limits off, since the functional suites sign in and call far more often than
 * a person would (src/api/security.test.ts turns them on).
 */
export const HARNESS_ENV: Readonly<Record<string, string>> = {
  TRAYECTO_RATE_API: '0',
};

/** Demo data, one account per role, and the app over the store. */
export async function createHarness(
  store: Store,
  env: Readonly<Record<string, string>> = HARNESS_ENV,
): Promise<Harness> {
  await loadDemoFixture(store, { seed: DEMO_SEED, scale: DEMO_SCALE });
  const created = await createDemoAccounts(store.db, new Date());
  if (!created) throw new Error('createDemoAccounts created no accounts');
  const accounts = Object.fromEntries(created.map((a) => [a.role, a])) as Record<Role, DemoAccount>;
  const logs: Record<string, unknown>[] = [];
  const deps = await apiDeps(store, loadConfig(env), (e) => logs.push(e));
  return { app: createApp(deps, { checkResponses: true }), deps, logs, accounts };
}

export interface Call {
  readonly method?: string;
  readonly cookie?: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/** A request with a full URL on ORIGIN and a same-origin Origin header (the app checks it on POST/DELETE). */
export function call(app: App, path: string, init: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { Origin: ORIGIN, ...init.headers };
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  return Promise.resolve(
    app.request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body: init.body }),
  );
}

export function postSession(app: App, username: string, password: string): Promise<Response> {
  return call(app, '/api/v1/session', { method: 'POST', body: JSON.stringify({ username, password }) });
}

/** `name=value` of the session cookie set by a response, or throws. */
export function sessionCookie(res: Response): string {
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie?.startsWith('trayecto_session=')) {
    throw new Error(`login failed: ${res.status} ${res.headers.get('set-cookie') ?? ''}`);
  }
  return cookie;
}

export async function login(h: Harness, role: Role): Promise<string> {
  const a = h.accounts[role];
  return sessionCookie(await postSession(h.app, a.username, a.password));
}

/** GET as JSON, failing loudly on any status but 200. */
export async function getJson<T>(app: App, path: string, cookie: string): Promise<T> {
  const res = await call(app, path, { cookie });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every cell of every worksheet of an XLSX file, as text rows. */
export async function xlsxRows(buffer: ArrayBuffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  const rows: string[][] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => cells.push(cell.text));
      rows.push(cells);
    }),
  );
  return rows;
}

/** A response body as searchable text: XLSX cells are extracted, everything else is read as UTF-8. */
export async function bodyText(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('spreadsheetml')) {
    return (await xlsxRows(await res.arrayBuffer())).map((r) => r.join('\t')).join('\n');
  }
  return res.text();
}

export interface StudentItem {
  readonly id: string;
  readonly name: string | null;
  readonly curp: string | null;
  readonly campusCct: string;
}

export interface StudentPage {
  readonly items: StudentItem[];
  readonly total: number;
}

/** Every student a user can list (pages of 200), optionally with extra query parameters. */
export async function allStudents(app: App, cookie: string, query = ''): Promise<StudentItem[]> {
  const out: StudentItem[] = [];
  for (let page = 1; page <= 100; page++) {
    const r = await getJson<StudentPage>(app, `/api/v1/students?pageSize=200&page=${page}${query}`, cookie);
    out.push(...r.items);
    if (r.items.length < 200) return out;
  }
  throw new Error('more than 100 pages of students');
}

/**
 * A scanner for the personal data of a set of students: any CURP-shaped text, their full names and, when
 * asked, their pseudonymous ids. Returns what it found ("curp:…", "name:…", "id:…"). Linear in the text: each
 * word that starts a known name is checked against the names that start with it.
 */
export function personalDataScanner(
  students: readonly StudentItem[],
): (text: string, opts?: { ids?: boolean }) => string[] {
  const byFirstWord = new Map<string, string[]>();
  for (const { name } of students) {
    if (!name) throw new Error('personalDataScanner needs students listed with their names');
    const first = name.split(' ')[0] ?? '';
    const list = byFirstWord.get(first) ?? [];
    list.push(name);
    byFirstWord.set(first, list);
  }
  const ids = new Set(students.map((s) => s.id));
  return (text, opts = {}) => {
    const found = new Set<string>();
    for (const m of text.matchAll(new RegExp(CURP_RE.source, 'g'))) found.add(`curp:${m[0]}`);
    for (const m of text.matchAll(/\p{L}+/gu)) {
      for (const name of byFirstWord.get(m[0]) ?? []) {
        if (text.startsWith(name, m.index)) found.add(`name:${name}`);
      }
    }
    if (opts.ids) {
      for (const m of text.matchAll(/(?<![\w-])[\w-]{22}(?![\w-])/g))
        if (ids.has(m[0])) found.add(`id:${m[0]}`);
    }
    return [...found];
  };
}
