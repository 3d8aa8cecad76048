import { describe, expect, it } from 'vitest';
import { linkTo, parseRoute, routeHref, viewOfLevel } from './route';

describe('parseRoute', () => {
  it('reads the deep links of every view', () => {
    expect(parseRoute('?view=nacional&year=2024-2025&indicator=abandono')).toEqual({
      view: 'nacional',
      year: '2024-2025',
      indicator: 'abandono',
    });
    expect(parseRoute('?view=estado&unit=15')).toEqual({ view: 'estado', unit: '15' });
    expect(parseRoute('?view=plantel&unit=15DPT0001X')).toEqual({ view: 'plantel', unit: '15DPT0001X' });
    expect(parseRoute('?view=generaciones&generation=2022-2025')).toEqual({
      view: 'generaciones',
      generation: '2022-2025',
    });
    expect(parseRoute('?view=estudiante&id=a1b2')).toEqual({ view: 'estudiante', id: 'a1b2' });
  });

  it('defaults to nacional and drops unknown views, levels and empty values', () => {
    expect(parseRoute('')).toEqual({ view: 'nacional' });
    expect(parseRoute('?view=admin&unit=&level=planet')).toEqual({ view: 'nacional' });
  });
});

describe('routeHref', () => {
  it('writes keys in a fixed order and round-trips', () => {
    const route = { view: 'impacto', level: 'state', unit: '09', baseline: '2017-2018' } as const;
    const href = routeHref(route);
    expect(href).toBe('/?view=impacto&level=state&unit=09&baseline=2017-2018');
    expect(parseRoute(href.slice(1))).toEqual(route);
  });

  it('encodes the search text', () => {
    expect(routeHref({ view: 'plantel', unit: 'X', q: 'Pérez López' })).toBe(
      '/?view=plantel&unit=X&q=P%C3%A9rez+L%C3%B3pez',
    );
  });
});

describe('linkTo', () => {
  it('keeps year and indicator, drops the rest', () => {
    const current = {
      view: 'estado',
      unit: '15',
      year: '2023-2024',
      indicator: 'reprobacion',
      q: 'x',
    } as const;
    expect(linkTo(current, { view: 'plantel', unit: '15DPT0001X' })).toEqual({
      view: 'plantel',
      unit: '15DPT0001X',
      year: '2023-2024',
      indicator: 'reprobacion',
    });
  });

  it('maps levels to views', () => {
    expect(viewOfLevel('campus')).toBe('plantel');
    expect(viewOfLevel('program')).toBe('carrera');
  });
});
