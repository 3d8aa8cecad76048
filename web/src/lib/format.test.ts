import { describe, expect, it } from 'vitest';
import { change, formatDate, formatIndicator, formatNumber, formatPercent, formatSigned } from './format';

describe('formatNumber', () => {
  it.each([
    ['es', 324335, 0, '324,335'],
    ['en', 324335, 0, '324,335'],
    ['es', 12.345, 2, '12.35'],
    ['es', 1.005, 2, '1.01'],
    ['es', -0.125, 2, '-0.13'],
    ['es', 0.04, 1, '0.0'],
    ['es', -0.04, 1, '0.0'],
    ['en', 1234.5, 1, '1,234.5'],
  ] as const)('%s %d with %d decimals → %s', (lang, value, decimals, text) => {
    expect(formatNumber(lang, value, decimals)).toBe(text);
  });

  it('shows a dash for null, undefined and non-finite values', () => {
    expect(formatNumber('es', null)).toBe('—');
    expect(formatNumber('es', undefined)).toBe('—');
    expect(formatNumber('es', Number.NaN)).toBe('—');
  });
});

describe('formatIndicator', () => {
  it('rounds rates half-up to 1 decimal and eficiencia terminal to 2', () => {
    expect(formatIndicator('es', 'abandono', 12.95)).toBe('13.0 %');
    expect(formatIndicator('en', 'abandono', 12.94999)).toBe('12.9%');
    expect(formatIndicator('es', 'eficiencia_terminal', 62.565)).toBe('62.57 %');
    expect(formatIndicator('es', 'mt', 307859)).toBe('307,859');
  });

  it('keeps negative dropout (no clamping)', () => {
    expect(formatIndicator('es', 'abandono', -0.8)).toBe('-0.8 %');
  });

  it('shows a dash for a rate that cannot be computed', () => {
    expect(formatIndicator('es', 'abandono', null)).toBe('—');
    expect(formatPercent('en', null)).toBe('—');
  });
});

describe('formatSigned and change', () => {
  it('signs with a true minus', () => {
    expect(formatSigned('es', -3.44, 1)).toBe('\u22123.4');
    expect(formatSigned('es', 2, 1)).toBe('+2.0');
    expect(formatSigned('es', 0.01, 1)).toBe('0.0');
  });

  it('gives a drop in dropout as points, and as better', () => {
    const c = change('es', 'abandono', 12.9, 16.3);
    expect(c.text).toBe('\u22123.4 pts');
    expect(c.sense).toBe('better');
  });

  it('gives a rise in ET with 2 decimals, as better', () => {
    const c = change('en', 'eficiencia_terminal', 62.57, 50.18);
    expect(c.text).toBe('+12.39 pp');
    expect(c.sense).toBe('better');
  });

  it('gives a count change with its relative change', () => {
    expect(change('es', 'mt', 324335, 307859).text).toBe('+16,476 (+5.4 %)');
  });

  it('is unknown when a side is missing', () => {
    expect(change('es', 'abandono', null, 16.3)).toEqual({ delta: null, text: '—', sense: 'unknown' });
  });
});

describe('formatDate', () => {
  it('formats an ISO date without a time zone shift', () => {
    expect(formatDate('en', '2024-08-05')).toBe('Aug 5, 2024');
    expect(formatDate('es', '2024-01-01')).toMatch(/^1 ene\.? 2024$/);
  });

  it('passes through text that is not a date', () => {
    expect(formatDate('es', 'n/d')).toBe('n/d');
    expect(formatDate('es', null)).toBe('—');
  });
});
