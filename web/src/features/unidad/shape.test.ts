import { describe, expect, it } from 'vitest';
import type { Campus } from '../../api/models';
import { geo, row } from '../../test/builders';
import { campusEntries, campusMapSpec, compare, parentOf, rowOfYear, stateOfUnit } from './shape';

const campuses: Campus[] = [
  { cct: '15DPT0002Z', name: 'Toluca', stateCode: '15', latitude: 19.29, longitude: -99.65 },
  { cct: '15DPT0001X', name: 'Atlacomulco', stateCode: '15', latitude: 19.8, longitude: -99.87 },
  { cct: '15DPT0003Y', name: 'Sin coordenadas', stateCode: '15', latitude: Number.NaN, longitude: -99 },
];

describe('parentOf and stateOfUnit', () => {
  it('compares a campus with its state, a state and a program with the nation', () => {
    expect(parentOf('campus', '15DPT0001X', campuses)).toEqual({ level: 'state', unit: '15' });
    expect(parentOf('state', '15', campuses)).toEqual({ level: 'national' });
    expect(parentOf('program', 'P001', campuses)).toEqual({ level: 'national' });
    expect(parentOf('campus', 'UNKNOWN', campuses)).toBeNull();
  });

  it('finds the state of a unit', () => {
    expect(stateOfUnit('state', '9', campuses)).toBe('09');
    expect(stateOfUnit('campus', '15DPT0002Z', campuses)).toBe('15');
    expect(stateOfUnit('program', 'P001', campuses)).toBeNull();
  });
});

describe('compare', () => {
  it('gives the difference in points for rates only', () => {
    const c = compare(row({ abandono: 10, mt: 500 }), row({ abandono: 12.5, mt: 9000 }));
    expect(c.find((x) => x.key === 'abandono')).toEqual({
      key: 'abandono',
      unit: 10,
      parent: 12.5,
      delta: -2.5,
    });
    expect(c.find((x) => x.key === 'mt')).toEqual({ key: 'mt', unit: 500, parent: 9000, delta: null });
  });

  it('is null where the parent is missing', () => {
    expect(compare(row(), undefined).every((x) => x.parent === null && x.delta === null)).toBe(true);
  });
});

describe('rowOfYear', () => {
  it('picks the total row of the year', () => {
    const rows = [row({ school_year: '2023-2024', sex: 'H' }), row({ school_year: '2023-2024', mt: 7 })];
    expect(rowOfYear(rows, '2023-2024')?.mt).toBe(7);
    expect(rowOfYear(rows, '2020-2021')).toBeUndefined();
  });
});

describe('campus map and list', () => {
  const rows = [row({ level: 'campus', unit_id: '15DPT0001X', abandono: 8 })];

  it('places campuses with coordinates, with their value and the highlight', () => {
    const spec = campusMapSpec(
      campuses,
      rows,
      'abandono',
      geo(['15']),
      'mx-state-15',
      {
        title: 'T',
        valueLabel: 'V',
        pointLabel: 'Plantel',
      },
      '15DPT0001X',
    );
    expect(spec.points).toEqual([
      { id: '15DPT0002Z', name: 'Toluca', lat: 19.29, lon: -99.65, value: null },
      { id: '15DPT0001X', name: 'Atlacomulco', lat: 19.8, lon: -99.87, value: 8, highlight: true },
    ]);
  });

  it('lists every campus by name, with or without data', () => {
    expect(campusEntries(campuses, rows, 'abandono').map((e) => [e.campus.cct, e.value])).toEqual([
      ['15DPT0001X', 8],
      ['15DPT0003Y', null],
      ['15DPT0002Z', null],
    ]);
  });
});
