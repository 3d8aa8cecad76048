/**
 * One JSON shape for indicators: `trayecto indicators --format json` prints the rows that GET /api/v1/indicators
 * answers in `rows`, field for field and in the same order (docs/API.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createHarness, postSession, sessionCookie, type Harness } from '../src/api/test-helpers.js';
import { migrateToLatest, openStore, type Store } from '../src/storage/db.js';
import { runJson, tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
let file: string;
let store: Store;
let h: Harness;
let cookie: string;

beforeAll(async () => {
  dir = tempDir();
  file = dir.file('indicators.db');
  store = openStore({ dialect: 'sqlite', file });
  await migrateToLatest(store.db);
  h = await createHarness(store);
  const national = h.accounts.national;
  cookie = sessionCookie(await postSession(h.app, national.username, national.password));
}, 120_000);

afterAll(async () => {
  await store?.close();
  dir?.remove();
});

const api = async (query: string) => {
  const res = await call(h.app, `/api/v1/indicators?${query}`, { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: unknown[] }).rows;
};

describe('trayecto indicators --format json and GET /api/v1/indicators', () => {
  const cases: [string, readonly string[]][] = [
    ['national', []],
    ['state', ['--year', '2024-2025']],
    ['campus', ['--year', '2024-2025', '--by', 'sex']],
  ];
  it.each(cases)('print the same rows (level %s)', async (level, extra) => {
    const cli = await runJson<unknown[]>([
      'indicators',
      '--level',
      level,
      ...extra,
      '--db',
      file,
      '--format',
      'json',
    ]);
    const query = new URLSearchParams({ level });
    if (extra.includes('--year')) query.set('year', '2024-2025');
    if (extra.includes('--by')) query.set('by', 'sex');
    const rows = await api(query.toString());
    expect(cli.length).toBeGreaterThan(0);
    expect(cli).toEqual(rows);
    // The same field order too: a consumer may read either.
    expect(Object.keys(cli[0] as object)).toEqual(Object.keys(rows[0] as object));
  });
});
