import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './sort';

const rows = [
  { g: 'P13-201', red: 0.5 },
  { g: 'P13-1001', red: null },
  { g: 'P13-401', red: 0.1 },
  { g: 'Ñ-1', red: 0.5 },
  { g: 'P13-601', red: 0.9 },
];
const value = (r: (typeof rows)[number], k: 'g' | 'red') => r[k];

describe('sortRows', () => {
  it('sorts numbers both ways with nulls last and ties in their given order', () => {
    expect(sortRows(rows, { key: 'red', dir: 'desc' }, value).map((r) => r.g)).toEqual([
      'P13-601',
      'P13-201',
      'Ñ-1',
      'P13-401',
      'P13-1001',
    ]);
    expect(sortRows(rows, { key: 'red', dir: 'asc' }, value).map((r) => r.g)).toEqual([
      'P13-401',
      'P13-201',
      'Ñ-1',
      'P13-601',
      'P13-1001',
    ]);
  });

  it('sorts texts in Spanish order with numbers inside read as numbers', () => {
    expect(sortRows(rows, { key: 'g', dir: 'asc' }, value).map((r) => r.g)).toEqual([
      'Ñ-1',
      'P13-201',
      'P13-401',
      'P13-601',
      'P13-1001',
    ]);
  });

  it('flips the direction on the same column and starts another with its first direction', () => {
    expect(nextSort({ key: 'red', dir: 'desc' }, 'red', 'desc')).toEqual({ key: 'red', dir: 'asc' });
    expect(nextSort({ key: 'red', dir: 'desc' }, 'g', 'asc')).toEqual({ key: 'g', dir: 'asc' });
  });
});
