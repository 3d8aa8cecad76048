import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRow } from './csv.js';
import { tokenizeCsv } from './csv.js';
import { CsvTokenizer, openCsvStream } from './csv-stream.js';
import { DEFAULT_FILE_LIMITS, FileLimitError, type FileLimits } from './limits.js';

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

  const readAll = async (text: string, limits: Partial<FileLimits> = {}) => {
    const s = await openCsvStream({ bytes: Buffer.from(text) }, 'f.csv', 2, {
      ...DEFAULT_FILE_LIMITS,
      ...limits,
    });
    const rows: CsvRow[] = [];
    for await (const b of s.batches) rows.push(...b);
    return { header: s.head.header, rows };
  };
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(FileLimitError);
    return e as FileLimitError;
  };

  it('finding 12.4: skips the rows of bare commas a spreadsheet saves after the data, as the XLSX reader does', async () => {
    const template = 'curp,cct,ciclo_escolar\r\nA,B,2024-2025\r\n' + ',,\r\n'.repeat(28) + ' , ,\r\n';
    expect((await readAll(template)).rows).toEqual([{ line: 2, cells: ['A', 'B', '2024-2025'] }]);
    // A blank first line is not the header, as in a sheet.
    expect((await readAll(',,\na,b\n1,2\n')).header).toEqual(['a', 'b']);
  });

  it('finding 11.4: refuses a row wider or longer than the limits, and a file with too many rows, naming the line', async () => {
    const wide = await refusal(readAll(`a,b\n1,2\n${'x,'.repeat(50)}\n`, { maxColumns: 10 }));
    expect(wide.message).toBe(
      'f.csv:3: la fila tiene más celdas de las admitidas: pasa del máximo de 10; el archivo se rechazó sin leerlo completo (límite TRAYECTO_IMPORT_MAX_COLUMNS)',
    );
    expect((await refusal(readAll(`a,b\n1,${'x'.repeat(5000)}\n`, { maxLineChars: 1000 }))).limit).toBe(
      'maxLineChars',
    );
    expect(
      (await refusal(readAll(`a,b\n1,"open\n${'2,3\n'.repeat(500)}`, { maxLineChars: 1000 }))).message,
    ).toMatch(/^f\.csv:2: la fila \(¿unas comillas sin cerrar\?\)/);
    expect((await refusal(readAll('a,b\n1,2\n3,4\n5,6\n', { maxRows: 2 }))).message).toMatch(
      /^f\.csv:4: el archivo tiene más filas/,
    );
    expect((await refusal(readAll(`${'h,'.repeat(20)}h\n`, { maxColumns: 10 }))).message).toMatch(
      /^f\.csv:1: la fila tiene más celdas/,
    );
    expect((await readAll('a,b\n1,2\n3,4\n', { maxRows: 2 })).rows).toHaveLength(2);
  });

  it('refuses a one-million-column row and a 20 MB line with the default limits', async () => {
    expect((await refusal(readAll(`a,b\n${',1'.repeat(1_000_000)}\n`))).limit).toBe('maxColumns');
    expect((await refusal(readAll(`a,b\n1,${'x'.repeat(20_000_000)}\n`))).limit).toBe('maxLineChars');
  });
});
