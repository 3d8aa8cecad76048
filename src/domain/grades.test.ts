import { describe, expect, it } from 'vitest';
import { PASSING_GRADE, passes } from './grades.js';

describe('passing rule (finding 12.3): grade ≥ 6.0 on the exact value', () => {
  it('passes at 6.0 and above, fails below, with no rounding before judging', () => {
    expect(PASSING_GRADE).toBe(6);
    expect(passes(6)).toBe(true);
    expect(passes(10)).toBe(true);
    expect(passes(5.95)).toBe(false);
    expect(passes(5.9999)).toBe(false);
    expect(passes(0)).toBe(false);
  });
});
