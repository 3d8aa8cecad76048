/**
 * Small repositories that upsert or purge, on both dialects with hand-built rows: sign-in counters
 * (login-throttle.ts), stored analyses (analysis-results.ts) and identity retention (retention-queries.ts).
 * Each assertion names rows that a wrong key, comparison or scope would get wrong.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { analysisDurations, readAnalysis, riskReadiness, writeAnalysis } from './analysis-results.js';
import { deleteThrottle, purgeThrottle, readThrottle, saveThrottle } from './login-throttle.js';
import { leaverIdentityCounts, purgeLeaverIdentities, PURGED_CURP_PREFIX } from './retention-queries.js';

describeEachDialect('login-throttle repository', ({ store }) => {
  it('inserts, replaces by key, reads only the keys asked, deletes', async () => {
    const db = store().db;
    await saveThrottle(db, [
      { key: 'a:ana', failures: 1, lastAt: '2026-12-01T10:00:00.000Z' },
      { key: 'i:10.0.0.1', failures: 2, lastAt: '2026-12-01T10:00:00.000Z' },
    ]);
    await saveThrottle(db, [{ key: 'a:ana', failures: 3, lastAt: '2026-12-01T10:05:00.000Z' }]);
    const read = await readThrottle(db, ['a:ana', 'a:nadie']);
    expect([...read.values()]).toEqual([{ key: 'a:ana', failures: 3, lastAt: '2026-12-01T10:05:00.000Z' }]);
    await deleteThrottle(db, ['a:ana']);
    expect([...(await readThrottle(db, ['a:ana', 'i:10.0.0.1'])).keys()]).toEqual(['i:10.0.0.1']);
  });

  it('purges old counters and old known pairs, each by its own date', async () => {
    const db = store().db;
    const rows = [
      { key: 'a:viejo', failures: 1, lastAt: '2026-11-01T00:00:00.000Z' }, // counter, old: purged
      { key: 'a:reciente', failures: 1, lastAt: '2026-12-06T00:00:00.000Z' }, // counter, recent: kept
      { key: 'k:ana|10.0.0.1', failures: 0, lastAt: '2026-11-01T00:00:00.000Z' }, // known, within a year: kept
      { key: 'k:ana|10.0.0.2', failures: 0, lastAt: '2025-06-01T00:00:00.000Z' }, // known, too old: purged
      // Starts like the prefix but is not it: an old counter, purged by the counters' date.
      { key: 'kxana', failures: 1, lastAt: '2026-11-01T00:00:00.000Z' },
    ];
    await saveThrottle(db, rows);
    await purgeThrottle(db, '2026-12-01T00:00:00.000Z', '2025-12-07T00:00:00.000Z', 'k:');
    const left = await readThrottle(
      db,
      rows.map((r) => r.key),
    );
    expect([...left.keys()].sort()).toEqual(['a:reciente', 'k:ana|10.0.0.1']);
  });
});

describeEachDialect('analysis-results repository', ({ store }) => {
  const base = { analysis: 'effects', result: '{"n":1}', computedAt: '2026-12-07T12:00:00.000Z' };

  it('writes, replaces by key, reads back exactly, and tells the longest run of each analysis', async () => {
    const db = store().db;
    expect(await readAnalysis(db, 'effects|nacional')).toBeNull();
    await writeAnalysis(db, { ...base, key: 'effects|nacional', dataVersion: 'v1', ms: 1200.4 });
    await writeAnalysis(db, { ...base, key: 'effects|estado:9', dataVersion: 'v1', ms: 300 });
    await writeAnalysis(db, {
      ...base,
      key: 'whatif|nacional',
      analysis: 'whatif',
      dataVersion: 'v1',
      ms: 90,
    });
    // A newer data version replaces the row of the same key.
    await writeAnalysis(db, {
      ...base,
      key: 'effects|nacional',
      dataVersion: 'v2',
      result: '{"n":2}',
      ms: 800,
    });
    expect(await readAnalysis(db, 'effects|nacional')).toEqual({
      ...base,
      key: 'effects|nacional',
      dataVersion: 'v2',
      result: '{"n":2}',
      ms: 800,
    });
    expect(await readAnalysis(db, 'effects|estado:9')).toMatchObject({ dataVersion: 'v1', ms: 300 });
    expect(Object.fromEntries(await analysisDurations(db))).toEqual({ effects: 800, whatif: 90 });
  });

  it('is not ready for early warning without a model and scores', async () => {
    expect(await riskReadiness(store().db)).toEqual({ model: false, scores: false });
  });
});

describeEachDialect('retention-queries repository', ({ store }) => {
  it('strips the identity of students who left before the date only, once, and keeps their records', async () => {
    const db = store().db;
    await db
      .insertInto('states')
      .values({ id: 9, code: '09', name: 'Ciudad de México', short_name: 'CDMX' })
      .execute();
    await db
      .insertInto('campuses')
      .values({
        id: 1,
        cct: '09DPT0001A',
        campus_number: 1,
        name: 'Plantel',
        state_id: 9,
        reporting_unit: 'CDMX',
        latitude: 19.4,
        longitude: -99.1,
        address: 'Calle 1',
        active: 1,
      })
      .execute();
    await db.insertInto('programs').values({ id: 1, code: 'P1', name: 'Programa', area: 'A' }).execute();
    await db
      .insertInto('school_years')
      .values([
        { id: '2018-2019', start_date: '2018-08-20', end_date: '2019-07-12' },
        { id: '2019-2020', start_date: '2019-08-19', end_date: '2020-07-10' },
        { id: '2024-2025', start_date: '2024-08-26', end_date: '2025-07-11' },
      ])
      .execute();
    const student = (id: number, last: string | null) => ({
      id,
      sex: 'M',
      birth_date: '2002-03-15',
      entry_year: 2016,
      entry_campus_id: 1,
      campus_id: 1,
      program_id: 1,
      last_school_year: last,
      last_term_no: 2,
      last_semester: 6,
      last_status: 'EG',
    });
    // 1 left in 2019 (purged); 2's last year ended on the cut-off day (kept: not before it); 3 is current; 4 has
    // no enrollment.
    await db
      .insertInto('students')
      .values([student(1, '2018-2019'), student(2, '2019-2020'), student(3, '2024-2025'), student(4, null)])
      .execute();
    const identity = (id: number) => ({
      student_id: id,
      campus_id: 1,
      curp: `CURP00000000000${id}`.slice(0, 18),
      given_names: 'ANA',
      first_surname: 'PEREZ',
      second_surname: 'LOPEZ',
      search_key: 'PEREZ LOPEZ ANA',
    });
    await db.insertInto('student_identities').values([1, 2, 3, 4].map(identity)).execute();

    expect(await leaverIdentityCounts(db, '2020-07-10')).toEqual({ total: 1, purged: 0 });
    await purgeLeaverIdentities(db, '2020-07-10', 'RETIRADO');
    await purgeLeaverIdentities(db, '2020-07-10', 'OTRO'); // already purged: untouched
    expect(await leaverIdentityCounts(db, '2020-07-10')).toEqual({ total: 1, purged: 1 });
    const ids = await db.selectFrom('student_identities').selectAll().orderBy('student_id').execute();
    expect(ids[0]).toEqual({
      student_id: 1,
      campus_id: 1,
      curp: `${PURGED_CURP_PREFIX}1`,
      given_names: '',
      first_surname: 'RETIRADO',
      second_surname: '',
      search_key: '',
    });
    expect(ids.slice(1)).toEqual([2, 3, 4].map(identity));
    const births = await db.selectFrom('students').select(['id', 'birth_date']).orderBy('id').execute();
    expect(births.map((b) => b.birth_date)).toEqual(['2002-07-01', '2002-03-15', '2002-03-15', '2002-03-15']);
    // A later cut-off takes in the 2020 leaver as well.
    expect(await leaverIdentityCounts(db, '2020-07-11')).toEqual({ total: 2, purged: 1 });
  });
});
