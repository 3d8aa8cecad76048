import { describe, expect, it } from 'vitest';
import { detailsText } from './shape';

describe('detailsText', () => {
  it('reads as words: named keys, sí/no, a dash for nothing, nested objects in parentheses', () => {
    expect(detailsText({ identity: true, stateId: null })).toBe('datos personales: sí · estado: —');
    expect(detailsText({ rows: 1250, query: false, to: { role: 'state' } })).toBe(
      'filas: 1,250 · con búsqueda: no · to: (rol: state)',
    );
    expect(detailsText({ identity: false, someThing: [1, 2] }, 'en')).toBe(
      'personal data: no · some thing: 1, 2',
    );
    expect(detailsText(null)).toBe('');
  });
});
