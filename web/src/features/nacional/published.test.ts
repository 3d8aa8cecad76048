import { describe, expect, it } from 'vitest';
import type { PublishedComparison } from '../../api/models';
import { largestDifferences } from './PublishedPanel';

const row = (cct: string, published: number, computed: number | null) => ({
  cct,
  name: cct,
  state: 'México',
  published,
  computed,
  difference: computed === null ? null : computed - published,
});

describe('largestDifferences', () => {
  it('keeps campuses with both rates, largest absolute difference first', () => {
    const c: PublishedComparison = {
      schoolYear: '2024-2025',
      years: ['2024-2025'],
      rows: [row('A', 10, 11), row('B', 10, null), row('C', 10, 4), row('D', 10, 12.5)],
      count: 3,
      correlation: 0.5,
    };
    expect(largestDifferences(c).map((r) => r.cct)).toEqual(['C', 'D', 'A']);
    expect(largestDifferences(c, 1).map((r) => r.cct)).toEqual(['C']);
    // The answer's rows are not reordered.
    expect(c.rows.map((r) => r.cct)).toEqual(['A', 'B', 'C', 'D']);
  });
});
