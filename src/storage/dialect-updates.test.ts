/**
 * Batched updates by id, as record imports write their changed rows (dialect.ts tableUpdater), on both dialects
 * and on both SQLite paths (raw handle, Kysely): text with quotes, backslashes, braces and the word NULL, real
 * nulls, decimals and integers land as given, only in the rows and columns named; a failed batch leaves nothing.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { tableChecksums } from './checksums.js';
import type { BulkValue } from './bulk.js';
import { importTargetOf, tableUpdater, tableWriter, type ColumnType } from './import-writes.js';

const EVENTS: readonly (readonly [string, ColumnType])[] = [
  ['id', 'int'],
  ['student_id', 'int'],
  ['campus_id', 'int'],
  ['school_year', 'text'],
  ['term_no', 'int'],
  ['event_date', 'text'],
  ['kind', 'text'],
  ['reason', 'text'],
  ['to_campus_id', 'int'],
];
const RESULTS: readonly (readonly [string, ColumnType])[] = [
  ['id', 'int'],
  ['student_id', 'int'],
  ['campus_id', 'int'],
  ['module_id', 'int'],
  ['school_year', 'text'],
  ['term_no', 'int'],
  ['grade', 'real'],
  ['attendance_pct', 'real'],
  ['passed', 'int'],
  ['regularization_grade', 'real'],
];
const AWKWARD = ['Dos "comillas"', 'barra \\ invertida', '{llaves, comas}', 'NULL', "O'Higgins", 'Ñuño'];

const event = (id: number): BulkValue[] => [
  id,
  id,
  1,
  '2024-2025',
  1,
  '2024-10-01',
  'dropout',
  'motivo',
  null,
];
// Grades that float4 holds exactly (module_results' reals are float4 on PostgreSQL).
const result = (id: number): BulkValue[] => [id, id, 1, 10, '2024-2025', 1, 8.5, 90.25, 1, null];

describeEachDialect('dialect adapter: batched updates by id', ({ store }) => {
  it('sets the named columns of the named rows, awkward text, nulls and decimals as given', async () => {
    const s = store();
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    await s.db.transaction().execute(async (trx) => {
      await tableWriter(s, trx, 'status_events', EVENTS).insert(ids.map(event));
      await tableWriter(s, trx, 'module_results', RESULTS).insert(ids.map(result));
    });
    await s.db.transaction().execute(async (trx) => {
      // The raw handle (SQLite) for the even rows, Kysely alone (the API's path) for some odd ones.
      const raw = tableUpdater(s, trx, 'status_events');
      await raw.update(
        ['reason', 'to_campus_id'],
        ids.filter((i) => i % 2 === 0).map((i) => [i, `${AWKWARD[i % AWKWARD.length]} ${i}`, i]),
      );
      await raw.update(['reason'], [[1, null]]);
      const bare = tableUpdater(importTargetOf(s.db), trx, 'status_events');
      await bare.update(
        ['reason'],
        [3, 5, 7].map((i) => [i, AWKWARD[i % AWKWARD.length] ?? '']),
      );
      await bare.update(['reason'], []);
      const grades = tableUpdater(s, trx, 'module_results');
      await grades.update(
        ['grade', 'passed', 'regularization_grade'],
        [
          [2, 5.5, 0, 7.25],
          [3, 10, 1, null],
        ],
      );
      await tableUpdater(importTargetOf(s.db), trx, 'module_results').update(
        ['regularization_grade', 'attendance_pct'],
        [[4, 6.75, 0.5]],
      );
    });
    const events = await s.db
      .selectFrom('status_events')
      .select(['id', 'reason', 'to_campus_id', 'kind'])
      .orderBy('id')
      .execute();
    const want = (i: number) => {
      if (i === 1) return { id: i, reason: null, to_campus_id: null, kind: 'dropout' };
      if (i % 2 === 0)
        return { id: i, reason: `${AWKWARD[i % AWKWARD.length]} ${i}`, to_campus_id: i, kind: 'dropout' };
      if ([3, 5, 7].includes(i))
        return { id: i, reason: AWKWARD[i % AWKWARD.length], to_campus_id: null, kind: 'dropout' };
      return { id: i, reason: 'motivo', to_campus_id: null, kind: 'dropout' };
    };
    expect(events).toEqual(ids.map(want));
    const results = await s.db
      .selectFrom('module_results')
      .select(['id', 'grade', 'attendance_pct', 'passed', 'regularization_grade'])
      .where('id', '<=', 5)
      .orderBy('id')
      .execute();
    expect(results).toEqual([
      { id: 1, grade: 8.5, attendance_pct: 90.25, passed: 1, regularization_grade: null },
      { id: 2, grade: 5.5, attendance_pct: 90.25, passed: 0, regularization_grade: 7.25 },
      { id: 3, grade: 10, attendance_pct: 90.25, passed: 1, regularization_grade: null },
      { id: 4, grade: 8.5, attendance_pct: 0.5, passed: 1, regularization_grade: 6.75 },
      { id: 5, grade: 8.5, attendance_pct: 90.25, passed: 1, regularization_grade: null },
    ]);
  });

  it('a batch of updates inside a failed transaction leaves nothing', async () => {
    const s = store();
    const before = await tableChecksums(s.db);
    await expect(
      s.db.transaction().execute(async (trx) => {
        await tableUpdater(s, trx, 'status_events').update(['reason'], [[10, 'cambiado']]);
        // kind is NOT NULL: the statement fails and the transaction rolls the first batch back.
        await tableUpdater(s, trx, 'status_events').update(['kind'], [[11, null]]);
      }),
    ).rejects.toThrow();
    expect(await tableChecksums(s.db)).toEqual(before);
  });
});
