import { describe, expect, it } from 'vitest';
import { contrast, RAMP_BAD_HIGH, RAMP_GOOD_HIGH, SEMAFORO_COLORS, SERIES_COLORS, TEXT } from './palette';

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
  ['semáforo rojo', '#9b1c1c', '#fde8e8'],
  ['semáforo amarillo', '#7a4b00', '#fff4d6'],
  ['semáforo verde', '#1e5e2f', '#e5f5e9'],
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

  it.each(Object.entries(SEMAFORO_COLORS))('semáforo %s %s ≥ 3:1 against white', (_f, c) => {
    expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('draws the semáforo in its own hues: rojo red, amarillo amber, verde green', () => {
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [
        number,
        number,
        number,
      ];
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    expect(hue(SEMAFORO_COLORS.rojo) < 15 || hue(SEMAFORO_COLORS.rojo) > 345).toBe(true);
    expect(hue(SEMAFORO_COLORS.amarillo)).toBeGreaterThan(25);
    expect(hue(SEMAFORO_COLORS.amarillo)).toBeLessThan(55);
    expect(hue(SEMAFORO_COLORS.verde)).toBeGreaterThan(90);
    expect(hue(SEMAFORO_COLORS.verde)).toBeLessThan(160);
  });

  it('keeps map labels readable: dark text on the lightest ramp steps', () => {
    for (const ramp of [RAMP_BAD_HIGH, RAMP_GOOD_HIGH]) {
      expect(contrast(TEXT, ramp[0])).toBeGreaterThanOrEqual(4.5);
      // The darkest step stands out from the lightest one as a graphical object.
      expect(contrast(ramp[0], ramp[ramp.length - 1] as string)).toBeGreaterThanOrEqual(3);
    }
  });
});
