import { describe, expect, it } from 'vitest';
import { resolveSelection, safeNext, selectorsOf } from './selection';

const years = {
  years: ['2022-2023', '2023-2024', '2024-2025', '2025-2026'],
  latestComplete: '2024-2025',
  baseline: '2017-2018',
};

describe('resolveSelection', () => {
  it('takes year and indicator from the URL when valid', () => {
    expect(
      resolveSelection({ view: 'nacional', year: '2023-2024', indicator: 'eficiencia_terminal' }, years),
    ).toEqual({
      year: '2023-2024',
      indicator: 'eficiencia_terminal',
    });
  });

  it('falls back to the latest complete year and to abandono', () => {
    expect(resolveSelection({ view: 'nacional', year: '1999-2000', indicator: 'nope' }, years)).toEqual({
      year: '2024-2025',
      indicator: 'abandono',
    });
    expect(resolveSelection({ view: 'nacional' }, { ...years, latestComplete: '' }).year).toBe('2025-2026');
  });
});

describe('safeNext', () => {
  it.each([
    ['/?view=estado&unit=15', '/?view=estado&unit=15'],
    ['https://evil.example/', null],
    ['//evil.example/?x', null],
    ['/?view=login', null],
    [undefined, null],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('selectorsOf', () => {
  it('shows the indicator selector only where it acts', () => {
    expect(selectorsOf('nacional')).toEqual({ year: true, indicator: true });
    expect(selectorsOf('generaciones')).toEqual({ year: false, indicator: false });
    expect(selectorsOf('impacto')).toEqual({ year: true, indicator: false });
  });
});
