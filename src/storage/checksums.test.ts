/** Table checksums: every base table of the schema, row counts, and a digest that ignores row order only. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { digestRows, tableChecksums, tableNames } from './checksums.js';

it('digests rows whatever their order or key order, and tells different rows apart', () => {
  const a = digestRows([
    { id: 1, v: 'x' },
    { v: 'y', id: 2 },
  ]);
  expect(a).toEqual(
    digestRows([
      { id: 2, v: 'y' },
      { id: 1, v: 'x' },
    ]),
  );
  expect(a.rows).toBe(2);
  expect(a.digest).not.toBe(
    digestRows([
      { id: 1, v: 'x' },
      { id: 2, v: 'z' },
    ]).digest,
  );
  expect(digestRows([])).toEqual({ rows: 0, digest: '0000000000000000' });
  expect(digestRows([{ b: new Uint8Array([1]), n: 5n }]).digest).not.toBe(
    digestRows([{ b: new Uint8Array([2]), n: 5n }]).digest,
  );
});

describeEachDialect('table checksums', ({ store }) => {
  it('covers every table of the schema by name, and moves with a table content', async () => {
    const db = store().db;
    const names = await tableNames(db);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['students', 'flow_counts', 'audit_log', 'dataset_meta']));
    const before = await tableChecksums(db);
    expect(Object.keys(before)).toEqual(names);
    expect(before['dataset_meta']?.rows).toBe(0);
    await db.insertInto('dataset_meta').values({ key: 'k', value: '1' }).execute();
    const after = await tableChecksums(db);
    expect(after['dataset_meta']?.rows).toBe(1);
    expect(after['dataset_meta']?.digest).not.toBe(before['dataset_meta']?.digest);
    expect(after['students']).toEqual(before['students']);
  });
});
