import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from './nearest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('level', 'level')).toBe(0);
    expect(editDistance('levl', 'level')).toBe(1);
    expect(editDistance('lvele', 'level')).toBe(2);
    expect(editDistance('leevl', 'level')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('nearest', () => {
  const ccts = ['09DPT0001C', '09DPT0002B', '15DPT0010Z', '01DPT0002I', '14DPT0001Q'];
  it('suggests the closest few, nearest first', () => {
    expect(nearest('levl', ['format', 'level', 'unit', 'year'])).toEqual(['level']);
    expect(nearest('09DPT0001X', ccts, 2)).toEqual(['09DPT0001C', '09DPT0002B']);
  });
  it('finds codes by their prefix', () => {
    expect(nearest('09dpt', ccts)).toEqual(['09DPT0001C', '09DPT0002B']);
  });
  it('gives the nearest anyway when nothing is close', () => {
    expect(nearest('zzzzzzzz', ['format', 'level'], 1)).toHaveLength(1);
    expect(nearest('x', [])).toEqual([]);
  });
});
