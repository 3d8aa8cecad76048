/**
 * Identity retention: students whose last school year ended before a date are counted and stripped of what
 * identifies them (CURP "RET<id>", names, birth day), once; everyone else is left as they were.
 */
import { beforeAll, expect, it } from 'vitest';
import { identityRow } from '../test-support/small-records.js';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { leaverIdentityCounts, purgeLeaverIdentities } from './retention-queries.js';

describeEachDialect('retention queries', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    // 1 left in 2018-2019 (ended 2019-07-12), 2 in 2019-2020 (ended 2020-07-10), 3 never left.
    await buildStudents(db, [
      [1, 1, '2018-2019'],
      [2, 2, '2019-2020'],
      [3, 1, null],
    ]);
    await db
      .insertInto('student_identities')
      .values([identityRow(1, 1), identityRow(2, 2), identityRow(3, 1)])
      .execute();
  });

  const identities = () =>
    store()
      .db.selectFrom('student_identities as i')
      .innerJoin('students as s', 's.id', 'i.student_id')
      .select(['i.student_id', 'i.curp', 'i.given_names', 'i.first_surname', 'i.search_key', 's.birth_date'])
      .orderBy('i.student_id')
      .execute();

  it('counts the identities of students who left before the cutoff, none purged yet', async () => {
    expect(await leaverIdentityCounts(store().db, '2019-07-12')).toEqual({ total: 0, purged: 0 });
    expect(await leaverIdentityCounts(store().db, '2020-01-01')).toEqual({ total: 1, purged: 0 });
    expect(await leaverIdentityCounts(store().db, '2030-01-01')).toEqual({ total: 2, purged: 0 });
  });

  it('strips only the leavers, once, and keeps their records', async () => {
    const db = store().db;
    await purgeLeaverIdentities(db, '2020-01-01', 'RETENIDO');
    const rows = await identities();
    expect(rows.map((r) => Number(r.student_id))).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({
      curp: 'RET1',
      given_names: '',
      first_surname: 'RETENIDO',
      search_key: '',
    });
    expect(rows[0]?.birth_date).toBe('2002-07-01');
    expect(rows[1]).toMatchObject({ curp: 'CURP2', given_names: 'Nombre2', birth_date: '2002-03-15' });
    expect(rows[2]).toMatchObject({ curp: 'CURP3', given_names: 'Nombre3' });
    expect(await leaverIdentityCounts(db, '2030-01-01')).toEqual({ total: 2, purged: 1 });
    // A second purge leaves a purged identity as it is (its surname is not rewritten).
    await purgeLeaverIdentities(db, '2020-01-01', 'OTRO');
    expect((await identities())[0]).toMatchObject({ curp: 'RET1', first_surname: 'RETENIDO' });
  });
});
