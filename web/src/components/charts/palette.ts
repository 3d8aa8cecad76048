/**
 * Colors of the charts and the map. Series colors keep at least 3:1 against white (WCAG 1.4.11, graphical
 * objects); palette.test.ts checks it, and the text colors in styles.css at 4.5:1.
 */
export const SERIES_COLORS = ['#1f5fa8', '#b3261e', '#0b6e4f', '#7a4fa3', '#a15c00', '#4a5568'] as const;

/**
 * The semáforo (risk bands): rojo red, amarillo amber, verde green, everywhere (charts, badges, cards),
 * always beside an icon and a word (components/Semaforo.tsx), never colour alone.
 */
export const SEMAFORO_COLORS = { rojo: '#b3261e', amarillo: '#b86e00', verde: '#1b7a3d' } as const;

export const HIGHLIGHT = '#f2c744';
export const MUTED = '#9aa3af';
export const NO_DATA_FILL = '#d9dee5';
export const LAND_FILL = '#eef1f5';
export const BORDER = '#6b7280';
export const TEXT = '#1a1a1a';

/** Light → dark: low values light. Used when a high value is bad (dropout, failure). */
export const RAMP_BAD_HIGH = ['#fde0c5', '#f8a86b', '#e0601c', '#a8320f', '#6b1a08'] as const;
/** Light → dark: used when a high value is good (retention, ET, pass rate) or neutral (counts). */
export const RAMP_GOOD_HIGH = ['#dbe9f6', '#93bfe3', '#4a8bc6', '#1f5fa8', '#0d3b66'] as const;

export function rampFor(higherIsBetter: boolean): readonly string[] {
  return higherIsBetter ? RAMP_GOOD_HIGH : RAMP_BAD_HIGH;
}

function channel(hex: string, i: number): number {
  const v = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

/** WCAG contrast ratio of two #rrggbb colors (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
