import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/stores.js';
import { dataVersion } from '../../storage/data-version.js';
import { login, sessionCache } from './auth.js';
import { addUser, disableUser } from './users.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describeEachDialect('session cache', ({ dialect, store }) => {
  const opened: Database.Database[] = [];
  afterAll(() => opened.forEach((d) => d.close()));

  async function signedIn(username: string) {
    await addUser(store().db, { username, password: 'contraseña-larga', role: 'national' }, NOW);
    return (await login(store().db, username, 'contraseña-larga', NOW)).token;
  }

  it('answers from memory while the version holds and re-reads after it changes', async () => {
    const token = await signedIn('cache.uno');
    let version = 'v1';
    const cache = sessionCache(store().db, () => version, 60_000);
    expect((await cache.authenticate(token, NOW)).user.username).toBe('cache.uno');
    await store().db.deleteFrom('sessions').execute();
    // Same version, fresh entry: still served (the documented window)…
    expect((await cache.authenticate(token, later(1_000))).scope.role).toBe('national');
    // …until the version changes.
    version = 'v2';
    await expect(cache.authenticate(token, later(2_000))).rejects.toMatchObject({ code: 'no_session' });
  });

  it('re-reads after the time to live and forgets a token at once on sign-out', async () => {
    const token = await signedIn('cache.dos');
    const cache = sessionCache(store().db, () => 'v', 5_000);
    await cache.authenticate(token, NOW);
    await store().db.deleteFrom('sessions').execute();
    await expect(cache.authenticate(token, later(5_001))).rejects.toMatchObject({ code: 'no_session' });

    const other = await signedIn('cache.tres');
    await cache.authenticate(other, NOW);
    cache.forget(other);
    await store().db.deleteFrom('sessions').execute();
    await expect(cache.authenticate(other, later(10))).rejects.toMatchObject({ code: 'no_session' });
    await expect(cache.authenticate(undefined, NOW)).rejects.toMatchObject({ code: 'no_session' });
  });

  it('ends every session of an account it disables; enabling it again revives none (finding 11)', async () => {
    const first = await signedIn('cache.cinco');
    const second = (await login(store().db, 'cache.cinco', 'contraseña-larga', NOW)).token;
    const cache = sessionCache(store().db, () => 'v', 60_000);
    await cache.authenticate(first, NOW);
    await disableUser(store().db, 'cache.cinco', true, { actor: 'cli:admin' }, { sessions: cache });
    // The cache of the process that disabled the account forgets it at once, whatever its time to live.
    await expect(cache.authenticate(first, later(10))).rejects.toMatchObject({ code: 'no_session' });
    await disableUser(store().db, 'cache.cinco', false, { actor: 'cli:admin' });
    const fresh = sessionCache(store().db, () => 'v', 60_000);
    for (const token of [first, second])
      await expect(fresh.authenticate(token, later(20))).rejects.toMatchObject({ code: 'no_session' });
    const left = await store()
      .db.selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('s.id')
      .where('u.username', '=', 'cache.cinco')
      .execute();
    expect(left).toEqual([]);
    // Signing in again works.
    const again = (await login(store().db, 'cache.cinco', 'contraseña-larga', later(30))).token;
    expect((await fresh.authenticate(again, later(40))).user.username).toBe('cache.cinco');
  });

  it.runIf(dialect === 'sqlite')(
    'on SQLite, a change committed by another connection is seen on the next request',
    async () => {
      const token = await signedIn('cache.cuatro');
      const s = store();
      const cache = sessionCache(s.db, dataVersion(s), 60_000);
      await cache.authenticate(token, NOW);
      const file = s.sqlite?.name;
      if (!file) throw new Error('no SQLite file');
      const other = new Database(file);
      opened.push(other);
      other.prepare("update users set disabled = 1 where username = 'cache.cuatro'").run();
      await expect(cache.authenticate(token, later(10))).rejects.toMatchObject({ code: 'no_session' });
    },
  );
});
