import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutralizeFormula } from './csv-cell.js';

describe('CSV cells (finding 8: formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+52 55 1234', "'+52 55 1234"],
    ['-1+cmd', "'-1+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tdato', "'\tdato"],
    ['\r=1', `"'\r=1"`],
    ['Pérez, Ana', '"Pérez, Ana"'],
    ['normal', 'normal'],
    ['', ''],
  ])('neutralizes a text cell %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('keeps numbers as numbers, negative ones included, and numeric text that cannot be a formula', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
    expect(csvCell('-7.25')).toBe('-7.25');
    expect(csvCell('-7,25')).toBe(`"'-7,25"`);
    expect(csvCell('-1-1')).toBe("'-1-1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(neutralizeFormula('=1')).toBe("'=1");
    expect(csvLine(['=1', -2, null, 'x'])).toBe("'=1,-2,,x");
  });
});
