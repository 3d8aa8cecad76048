/**
 * Retention (trayecto db purge): students who left more than N years ago lose their name, CURP and exact birth
 * date, and nothing else changes (records, flow counts, other students); the purge is audited, a dry run
 * writes nothing, and a second run finds nothing left to do. SQLite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { insertIdentityChanges } from '../../storage/identity-changes.js';
import type { Database } from '../../storage/schema.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { listAudit } from './audit.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { PURGED_SURNAME, purgeIdentities } from './retention.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const YEARS = 10; // cutoff 2016-11-28: students whose last school year ended by July 2016

async function checksum(db: Kysely<Database>, table: 'flow_counts' | 'enrollments' | 'year_results') {
  const rows = await db.selectFrom(table).selectAll().execute();
  const text = rows.map((r) => JSON.stringify(Object.values(r).map(String))).sort();
  return createHash('sha256').update(text.join('\n')).digest('hex');
}

const identities = (db: Kysely<Database>) =>
  db
    .selectFrom('student_identities as i')
    .innerJoin('students as s', 's.id', 'i.student_id')
    .select([
      'i.student_id',
      'i.curp',
      'i.given_names',
      'i.first_surname',
      's.birth_date',
      's.last_school_year',
    ])
    .orderBy('i.student_id')
    .execute();

describeEachDialect('retention purge', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 11, scale: 0.003 });
  });

  it('a dry run counts the students past retention and changes nothing', async () => {
    const db = store().db;
    const before = await identities(db);
    const s = await purgeIdentities(db, { years: YEARS, now: NOW, dryRun: true });
    const expected = before.filter((r) => r.last_school_year !== null && r.last_school_year <= '2015-2016');
    expect(expected.length).toBeGreaterThan(0);
    expect(s).toMatchObject({
      cutoff: '2016-11-28',
      students: expected.length,
      alreadyPurged: 0,
      dryRun: true,
    });
    expect(await identities(db)).toEqual(before);
    expect((await listAudit(db, null, { action: 'data.purge' })).total).toBe(0);
  });

  it('removes names, CURP and exact birth date of those students only; records and counts stay', async () => {
    const db = store().db;
    const before = await identities(db);
    const sums = [
      await checksum(db, 'flow_counts'),
      await checksum(db, 'enrollments'),
      await checksum(db, 'year_results'),
    ];
    const past = before.find((r) => r.last_school_year !== null && r.last_school_year <= '2015-2016');
    const recent = before.find((r) => r.last_school_year !== null && r.last_school_year > '2016-2017');
    const kept = (id: number, actor: string) => ({
      at: NOW.toISOString(),
      actor,
      importRunId: 1,
      studentId: id,
      stateId: null,
      campusId: null,
      before: { given_names: 'ANTES' },
      after: { given_names: 'DESPUES' },
    });
    await insertIdentityChanges(db, [
      kept(Number(past?.student_id), 'a'),
      kept(Number(recent?.student_id), 'b'),
    ]);
    const s = await purgeIdentities(db, { years: YEARS, now: NOW, actor: 'cli:dpo' });
    const after = await identities(db);
    // The name changes kept by imports go with the identity (identity_changes).
    const changes = await db.selectFrom('identity_changes').select('actor').execute();
    expect(changes.map((c) => c.actor)).toEqual(['b']);
    expect(after.length).toBe(before.length);
    let purged = 0;
    for (const [i, old] of before.entries()) {
      const now = after[i];
      const past = old.last_school_year !== null && old.last_school_year <= '2015-2016';
      if (!past) {
        expect(now).toEqual(old);
        continue;
      }
      purged++;
      expect(now).toMatchObject({
        curp: `RET${old.student_id}`,
        given_names: '',
        first_surname: PURGED_SURNAME,
        birth_date: `${old.birth_date.slice(0, 4)}-07-01`,
      });
    }
    expect(s.students).toBe(purged);
    const text = JSON.stringify(after);
    for (const old of before.filter(
      (r) => r.last_school_year !== null && r.last_school_year <= '2015-2016',
    )) {
      expect(text).not.toContain(old.curp);
    }
    expect([
      await checksum(db, 'flow_counts'),
      await checksum(db, 'enrollments'),
      await checksum(db, 'year_results'),
    ]).toEqual(sums);
    const audit = await listAudit(db, null, { action: 'data.purge' });
    expect(audit.items.map((r) => [r.actor, r.details])).toEqual([
      ['cli:dpo', { years: YEARS, cutoff: '2016-11-28', students: purged }],
    ]);
  });

  it('a second run finds nothing left to purge and writes no audit row', async () => {
    const db = store().db;
    const first = await purgeIdentities(db, { years: YEARS, now: NOW, dryRun: true });
    const s = await purgeIdentities(db, { years: YEARS, now: NOW });
    expect(s).toMatchObject({ students: 0, alreadyPurged: first.alreadyPurged });
    expect(first.alreadyPurged).toBeGreaterThan(0);
    expect((await listAudit(db, null, { action: 'data.purge' })).total).toBe(1);
  });

  it('refuses a retention of less than one year', async () => {
    await expect(purgeIdentities(store().db, { years: 0, now: NOW })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});
