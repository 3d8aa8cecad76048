/** The demo's tables as a whole: whether any campus is stored, and emptying tables children first. */
import { expect, it } from 'vitest';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { clearTables, hasCampuses } from './generation.js';

describeEachDialect('generation tables', ({ store }) => {
  it('says whether the database holds data, and empties the tables given in order', async () => {
    const db = store().db;
    expect(await hasCampuses(db)).toBe(false);
    await buildPlaces(db);
    await buildStudents(db, [[1, 1, null]]);
    expect(await hasCampuses(db)).toBe(true);
    await clearTables(db, ['students', 'campuses']);
    expect(await hasCampuses(db)).toBe(false);
    expect(await db.selectFrom('students').select('id').execute()).toEqual([]);
    // Tables not named keep their rows.
    expect((await db.selectFrom('states').select('id').execute()).length).toBe(2);
  });
});
