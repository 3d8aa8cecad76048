import { describe, expect, it } from 'vitest';
import { auditWhen, detailsText } from './format';

describe('auditWhen', () => {
  it('writes the moment as the other pages write dates, with 24-hour time, in the given zone', () => {
    const at = '2026-12-07T20:05:41.123Z';
    expect(auditWhen(at, 'es', 'America/Mexico_City')).toBe('7 dic 2026, 14:05');
    expect(auditWhen(at, 'en', 'America/Mexico_City')).toBe('Dec 7, 2026, 14:05');
    expect(auditWhen(at, 'es', 'UTC')).toBe('7 dic 2026, 20:05');
    expect(auditWhen('not a date', 'es')).toBe('not a date');
  });
});

describe('detailsText', () => {
  it('labels every key in either language, sí/no for flags, a dash for nothing (finding 9)', () => {
    expect(detailsText({ identity: true, stateId: null }, 'es')).toBe('Identidad visible: sí · Estado: —');
    expect(detailsText({ identity: true, stateId: null }, 'en')).toBe('Identity visible: yes · State: —');
    expect(detailsText({ rows: 1250, query: false, to: { role: 'state' } }, 'es')).toBe(
      'Filas: 1,250 · Con búsqueda: no · Después: (Rol: state)',
    );
    expect(detailsText({ identity: false, someThing: [1, 2], groups: [] }, 'en')).toBe(
      'Identity visible: no · Some thing: 1, 2 · Groups: —',
    );
    expect(detailsText(null, 'es')).toBe('');
    expect(detailsText({ action: 'student.view', format: 'csv' }, 'en')).toBe(
      'Action: Student record opened · Format: csv',
    );
  });
});
