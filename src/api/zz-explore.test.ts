import { it } from 'vitest';
import { createTestStore } from '../test-support/stores.js';
import { call, createHarness, login } from './test-helpers.js';

it('explore', async () => {
  const t = await createTestStore('sqlite');
  const h = await createHarness(t.store);
  const c = { national: await login(h, 'national'), state: await login(h, 'state'), campus: await login(h, 'campus'), analyst: await login(h, 'analyst') };
  const paths = [
    '/api/v1/summary?level=state&unit=14', '/api/v1/summary?level=campus&unit=01DPT0002I', '/api/v1/summary?level=program&unit=P01',
    '/api/v1/cohorts?generation=2020-2023&level=state&unit=14', '/api/v1/cohorts?generation=2020-2023&level=campus&unit=01DPT0002I',
    '/api/v1/cohorts?generation=2020-2023&level=program&unit=%s', '/api/v1/impact?level=program&unit=%s', '/api/v1/impact?level=state&unit=14',
    '/api/v1/impact?level=campus&unit=01DPT0002I', '/api/v1/indicators?level=program', '/api/v1/cohorts?generation=2020-2023', '/api/v1/students?group=P24-101',
    '/api/v1/summary?level=campus&unit=15DPT0037A', '/api/v1/summary?level=state&unit=15',
  ];
  const progs = await (await call(h.app, '/api/v1/catalog/programs', { cookie: c.national })).json() as { code: string }[];
  console.log(progs.slice(0, 3));
  for (const p0 of paths) {
    const p = p0.replace('%s', progs[0]!.code).replace('P01', progs[0]!.code);
    for (const [role, ck] of Object.entries(c)) {
      const res = await call(h.app, p, { cookie: ck });
      const txt = await res.text();
      console.log(role, p, res.status, txt.length, txt.slice(0, 200));
    }
  }
  await t.dispose();
});
