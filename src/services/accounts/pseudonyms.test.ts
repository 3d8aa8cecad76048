import { expect, it } from 'vitest';
import { sharedTarget, openStore } from '../../storage/db.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { pseudonymSecret, pseudonymizer } from './pseudonyms.js';

describeEachDialect('pseudonym key', ({ store }) => {
  it('is created once when many workers ask at the same time (finding 11: no UNIQUE failure on first start)', async () => {
    const target = sharedTarget(store().db);
    if (!target) throw new Error('the test store has no shared target');
    // Separate connections, like the HTTP workers of a first `npm start`, plus concurrent calls on each.
    const others = Array.from({ length: 4 }, () => openStore(target));
    try {
      const dbs = [store().db, ...others.map((s) => s.db)];
      const secrets = await Promise.all(
        dbs.flatMap((db) => Array.from({ length: 4 }, () => pseudonymSecret(db, null))),
      );
      const stored = await pseudonymSecret(store().db, null);
      expect(new Set(secrets)).toEqual(new Set([stored]));
      expect(stored.length).toBeGreaterThanOrEqual(32);
      const rows = await store()
        .db.selectFrom('dataset_meta')
        .select('value')
        .where('key', '=', 'pseudonym_secret')
        .execute();
      expect(rows.length).toBe(1);
    } finally {
      for (const s of others) await s.close();
    }
    expect(await pseudonymSecret(store().db, 'configurada-1234567')).toBe('configurada-1234567');
  });

  it("resolves a pseudonym written to CSV as '-… (finding 8)", () => {
    const p = pseudonymizer('clave-de-prueba');
    let id = 1;
    while (!p.toPseudonym(id).startsWith('-')) id++;
    expect(p.fromPseudonym(`'${p.toPseudonym(id)}`)).toBe(id);
  });
});
