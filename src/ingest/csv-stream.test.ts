import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRow } from './csv.js';
import { tokenizeCsv } from './csv.js';
import { CsvTokenizer, openCsvStream } from './csv-stream.js';

/** Tokenizes `text` fed in pieces cut at `cuts`. */
function chunked(text: string, cuts: readonly number[], delimiter = ','): CsvRow[] {
  const t = new CsvTokenizer(delimiter);
  const out: CsvRow[] = [];
  let from = 0;
  for (const c of [...new Set(cuts)].sort((a, b) => a - b)) {
    t.push(text.slice(from, c), out);
    from = c;
  }
  t.push(text.slice(from), out);
  t.end(out);
  return out;
}

describe('CsvTokenizer', () => {
  it('gives the same records and lines as tokenizeCsv wherever the text is cut (quotes, CRLF, blank lines)', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-zñ0-9 ]{0,6}$/),
      fc.stringMatching(/^[a-z,"\r\n ]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 4 }).map((c) => c.join(','));
    const text = fc
      .tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([ls, eol]) => ls.join(eol) + eol);
    fc.assert(
      fc.property(text, fc.array(fc.nat(200), { maxLength: 6 }), (t, cuts) => {
        const whole = tokenizeCsv(t, ',');
        expect(
          chunked(
            t,
            cuts.map((c) => c % (t.length + 1)),
          ),
        ).toEqual(whole.records);
      }),
      { numRuns: 300 },
    );
  });
});

describe('openCsvStream', () => {
  it('detects Windows-1252, the semicolon, and keeps physical line numbers across quoted line breaks', async () => {
    const text = 'curp;nombre\r\nA;"José\r\nÁngel"\r\nB;Núñez\r\n';
    const s = await openCsvStream({ bytes: Buffer.from(text, 'latin1') }, 'f.csv', 1);
    expect([s.head.encoding, s.head.delimiter, s.head.header]).toEqual([
      'windows-1252',
      ';',
      ['curp', 'nombre'],
    ]);
    const rows: CsvRow[] = [];
    for await (const b of s.batches) rows.push(...b);
    expect(rows).toEqual([
      { line: 2, cells: ['A', 'José\r\nÁngel'] },
      { line: 4, cells: ['B', 'Núñez'] },
    ]);
  });
});
