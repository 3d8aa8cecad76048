/** Sign-in throttle rows: read by key, saved as upserts, deleted, and purged by age (counters and known pairs apart). */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { deleteThrottle, purgeThrottle, readThrottle, saveThrottle } from './login-throttle.js';

describeEachDialect('login throttle', ({ store }) => {
  it('reads only the keys asked for; a save replaces the row of its key', async () => {
    const db = store().db;
    expect(await readThrottle(db, ['u:ana'])).toEqual(new Map());
    await saveThrottle(db, [
      { key: 'u:ana', failures: 1, lastAt: '2026-12-01T10:00:00Z' },
      { key: 'a:10.0.0.1', failures: 2, lastAt: '2026-12-01T10:01:00Z' },
    ]);
    await saveThrottle(db, [{ key: 'u:ana', failures: 3, lastAt: '2026-12-01T10:05:00Z' }]);
    const got = await readThrottle(db, ['u:ana', 'u:nadie']);
    expect([...got.values()]).toEqual([{ key: 'u:ana', failures: 3, lastAt: '2026-12-01T10:05:00Z' }]);
    await deleteThrottle(db, ['u:ana']);
    expect([...(await readThrottle(db, ['u:ana', 'a:10.0.0.1'])).keys()]).toEqual(['a:10.0.0.1']);
  });

  it('purges old counters and pairs not seen since their own date, keeping the rest', async () => {
    const db = store().db;
    await saveThrottle(db, [
      { key: 'u:old', failures: 5, lastAt: '2026-11-01T00:00:00Z' },
      { key: 'u:new', failures: 1, lastAt: '2026-12-02T00:00:00Z' },
      { key: 'k:ana|10.0.0.1', failures: 0, lastAt: '2026-06-01T00:00:00Z' },
      { key: 'k:ana|10.0.0.2', failures: 0, lastAt: '2026-11-01T00:00:00Z' },
    ]);
    await purgeThrottle(db, '2026-12-01T00:00:00Z', '2026-10-01T00:00:00Z', 'k:');
    const left = await readThrottle(db, ['u:old', 'u:new', 'k:ana|10.0.0.1', 'k:ana|10.0.0.2', 'a:10.0.0.1']);
    expect([...left.keys()].sort()).toEqual(['a:10.0.0.1', 'k:ana|10.0.0.2', 'u:new']);
  });
});
