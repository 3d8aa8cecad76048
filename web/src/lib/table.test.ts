import { describe, expect, it } from 'vitest';
import { csvCell } from './csv';
import { filterRows, fold, sortByColumn, tableCsv, visibleRows, type ColumnData } from './table';

interface Row {
  readonly name: string;
  readonly state: string;
  readonly rate: number | null;
}

const rows: Row[] = [
  { name: 'Plantel Querétaro', state: 'Querétaro', rate: 12.5 },
  { name: 'Plantel Mérida', state: 'Yucatán', rate: null },
  { name: 'Plantel Tijuana', state: 'Baja California', rate: 3 },
  { name: '=HYPERLINK("x")', state: '+Sonora', rate: -2 },
];

const columns: ColumnData<Row>[] = [
  { key: 'name', sort: (r) => r.name, csvHeader: 'Plantel' },
  { key: 'state', csv: (r) => r.state, csvHeader: 'Entidad' },
  { key: 'rate', sort: (r) => r.rate, firstDir: 'desc', csvHeader: 'Abandono (%)' },
  { key: 'link' },
];

describe('filterRows', () => {
  it('keeps the rows holding every word, accents and case ignored', () => {
    expect(filterRows(rows, columns, 'queretaro').map((r) => r.name)).toEqual(['Plantel Querétaro']);
    expect(filterRows(rows, columns, 'PLANTEL  yucatan').map((r) => r.name)).toEqual(['Plantel Mérida']);
    expect(filterRows(rows, columns, 'plantel baja').map((r) => r.name)).toEqual(['Plantel Tijuana']);
  });
  it('searches the sort and CSV values, and keeps everything for an empty query', () => {
    expect(filterRows(rows, columns, '12.5')).toHaveLength(1);
    expect(filterRows(rows, columns, '   ')).toHaveLength(4);
    expect(filterRows(rows, columns, 'nowhere')).toEqual([]);
  });
  it('uses a column’s own text when it has one', () => {
    const withText: ColumnData<Row>[] = [{ key: 'x', text: (r) => `zona ${r.state}` }];
    expect(filterRows(rows, withText, 'zona yuc').map((r) => r.state)).toEqual(['Yucatán']);
  });
  it('folds accents and case', () => {
    expect(fold('Mérida ÁÉÍÓÚÑ')).toBe('merida aeioun');
  });
});

describe('sortByColumn', () => {
  it('sorts by the column’s value both ways, missing values last', () => {
    expect(sortByColumn(rows, columns, { key: 'rate', dir: 'desc' }).map((r) => r.rate)).toEqual([
      12.5,
      3,
      -2,
      null,
    ]);
    expect(sortByColumn(rows, columns, { key: 'rate', dir: 'asc' }).map((r) => r.rate)).toEqual([
      -2,
      3,
      12.5,
      null,
    ]);
  });
  it('sorts text with the Spanish collation', () => {
    expect(sortByColumn(rows.slice(0, 3), columns, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual([
      'Plantel Mérida',
      'Plantel Querétaro',
      'Plantel Tijuana',
    ]);
  });
  it('keeps the given order for no sort, or a column that does not sort', () => {
    expect(sortByColumn(rows, columns, null)).toEqual(rows);
    expect(sortByColumn(rows, columns, { key: 'state', dir: 'asc' })).toEqual(rows);
  });
});

describe('tableCsv', () => {
  it('writes exactly the rows shown, in the order shown, one column per exportable column', () => {
    const shown = visibleRows(rows, columns, 'plantel', { key: 'rate', dir: 'desc' });
    expect(tableCsv(shown, columns)).toBe(
      '\uFEFFPlantel,Entidad,Abandono (%)\r\n' +
        'Plantel Querétaro,Querétaro,12.5\r\n' +
        'Plantel Tijuana,Baja California,3\r\n' +
        'Plantel Mérida,Yucatán,\r\n',
    );
  });
  it('neutralises formulas: text starting with = + - @ tab or CR gets an apostrophe, numbers stay', () => {
    expect(tableCsv([rows[3] as Row], columns)).toBe(
      '\uFEFFPlantel,Entidad,Abandono (%)\r\n"\'=HYPERLINK(""x"")",\'+Sonora,-2\r\n',
    );
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a=b')).toBe('a=b');
  });
});
