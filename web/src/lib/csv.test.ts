import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from './csv';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [12.5, '12.5'],
    [null, ''],
    [Number.NaN, ''],
  ] as const)('cell %j → %s', (value, text) => {
    expect(csvCell(value)).toBe(text);
  });

  it('writes a BOM, a header and CRLF rows', () => {
    expect(
      toCsv(
        ['Estado', 'Abandono (%)'],
        [
          ['México', 12.3],
          ['Baja California, Sur', null],
        ],
      ),
    ).toBe('\uFEFFEstado,Abandono (%)\r\nMéxico,12.3\r\n"Baja California, Sur",\r\n');
  });

  it('makes file names without accents', () => {
    expect(csvFileName('Abandono escolar por entidad, 2024-2025')).toBe(
      'abandono-escolar-por-entidad-2024-2025.csv',
    );
    expect(csvFileName('¿?')).toBe('datos.csv');
  });
});
