/**
 * The batched import path (lookups per batch of students, rows written in multi-row INSERTs) leaves exactly
 * the rows a row-by-row reference holds: a whole term of the demo's module results is exported, deleted and
 * imported back, in batches small enough that students straddle them, and the table compared column by column
 * with the rows as the generator wrote them (issue 15: numbers identical before and after the speed-ups).
 */
import { beforeAll, expect, it } from 'vitest';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import {
  clearTerm as clearTermOf,
  lastModuleResultsYear,
  TERM_HEADER as HEADER,
  termLine as line,
  termRows,
  termStored as stored,
  type TermRow as Row,
} from '../../test-support/module-results-term.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { importRecords } from './records.js';

describeEachDialect('module results: batched import equals the row-by-row reference', ({ store }) => {
  let year: string;
  let reference: Row[];
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
    year = await lastModuleResultsYear(store());
    reference = await termRows(store(), year);
  }, 180_000);

  const clearTerm = () => clearTermOf(store(), year);

  it('a whole term imported back in small batches is the same table, row for row', async () => {
    expect(reference.length).toBeGreaterThan(1000);
    await clearTerm();
    // 97 rows a batch: a student's modules straddle batches; file order is the reference's (by student).
    const file = { bytes: Buffer.from(`${[HEADER, ...reference.map(line)].join('\n')}\n`) };
    const s = await importRecords(store(), 'module-results', file, 'calificaciones.csv', { batchSize: 97 });
    expect(s.issues.slice(0, 3)).toEqual([]);
    expect([s.inserted, s.updated, s.unchanged]).toEqual([reference.length, 0, 0]);
    expect((await termRows(store(), year)).map(stored)).toEqual(reference.map(stored));
    // The same file in one batch: every row found as it is (idempotent), nothing written.
    const again = await importRecords(store(), 'module-results', file, 'calificaciones.csv', {
      batchSize: 100_000,
    });
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, reference.length]);
    expect((await termRows(store(), year)).map(stored)).toEqual(reference.map(stored));
  }, 120_000);

  it('a row repeated batches later is refused with the first line named, and nothing is written', async () => {
    await clearTerm();
    const rows = reference.slice(0, 500);
    const first = rows[3] as Row;
    // Line 5 (header + 4th row) comes back as the last line, several batches of 97 later.
    const file = { bytes: Buffer.from(`${[HEADER, ...rows.map(line), line(first)].join('\n')}\n`) };
    const s = await importRecords(store(), 'module-results', file, 'calificaciones.csv', { batchSize: 97 });
    expect(s.rejected).toBe(true);
    expect(s.issues.map((i) => [i.line, i.column, i.message])).toEqual([
      [rows.length + 2, 'clave_modulo', 'fila repetida: la misma clave aparece en la línea 5'],
    ]);
    expect(await termRows(store(), year)).toEqual([]);
  }, 120_000);
});
