import { describe, expect, it } from 'vitest';
import { contrast, RAMP_BAD_HIGH, RAMP_GOOD_HIGH, SERIES_COLORS, TEXT } from './palette';

// The colors that styles.css uses for text on its backgrounds (kept in sync by hand).
const TEXT_PAIRS: [string, string, string][] = [
  ['body text', '#1a1a1a', '#ffffff'],
  ['muted text', '#4a5568', '#ffffff'],
  ['muted text on panel', '#4a5568', '#f4f6f8'],
  ['links', '#1f5fa8', '#ffffff'],
  ['links on panel', '#1f5fa8', '#f4f6f8'],
  ['header text', '#ffffff', '#0b4f3a'],
  ['header focus ring', '#f2c744', '#0b4f3a'],
  ['better', '#1b7a3d', '#ffffff'],
  ['worse', '#b3261e', '#ffffff'],
  ['error text', '#8a1c0b', '#fdecea'],
  ['button text', '#ffffff', '#0b6e4f'],
];

describe('palette contrast (WCAG AA)', () => {
  it('knows the reference ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(TEXT_PAIRS)('%s: %s on %s ≥ 4.5:1', (_what, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(SERIES_COLORS.map((c) => [c]))('series color %s ≥ 3:1 against white', (c) => {
    expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('keeps map labels readable: dark text on the lightest ramp steps', () => {
    for (const ramp of [RAMP_BAD_HIGH, RAMP_GOOD_HIGH]) {
      expect(contrast(TEXT, ramp[0])).toBeGreaterThanOrEqual(4.5);
      // The darkest step stands out from the lightest one as a graphical object.
      expect(contrast(ramp[0], ramp[ramp.length - 1] as string)).toBeGreaterThanOrEqual(3);
    }
  });
});
