import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { interpolate, labelOf, parseLang, plural, translate } from './translate';

describe('messages', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
    for (const [key, text] of [...Object.entries(es), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(es) as (keyof typeof es)[]) {
      expect(names(en[key]), key).toEqual(names(es[key]));
    }
  });

  it('names the indicators in Spanish and English', () => {
    expect(translate('es', 'ind.eficiencia_terminal')).toBe('Eficiencia terminal');
    expect(translate('en', 'ind.abandono')).toBe('Dropout rate');
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(interpolate('{indicator} por entidad, {year}', { indicator: 'Abandono', year: '2024-2025' })).toBe(
      'Abandono por entidad, 2024-2025',
    );
    expect(interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('labelOf and parseLang', () => {
  it('translates known codes and shows unknown ones readably', () => {
    expect(labelOf('es', 'status', 'temporary_leave')).toBe('Baja temporal');
    expect(labelOf('en', 'status', 'some_new_kind')).toBe('some new kind');
    expect(labelOf('es', 'status', null)).toBe('—');
  });

  it('defaults to Spanish', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('fr')).toBe('es');
    expect(parseLang(null)).toBe('es');
  });
});

describe('plural', () => {
  it('chooses the form with Intl.PluralRules (never "1 problemas")', () => {
    expect(plural('es', 'tutoria.days', 1)).toBe('1 día');
    expect(plural('es', 'tutoria.days', 14)).toBe('14 días');
    expect(plural('en', 'tutoria.days', 1)).toBe('1 day');
    expect(plural('en', 'tutoria.days', 0)).toBe('0 days');
    expect(plural('es', 'tutoria.escalationsTotal', 1_352, { n: '1,352' })).toMatch(/^1,352 casos rojos/);
  });
});
