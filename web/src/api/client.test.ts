import { describe, expect, it } from 'vitest';
import { buildUrl, errorFromBody } from './client';

describe('buildUrl', () => {
  it('prefixes /api/v1 and leaves out empty parameters', () => {
    expect(buildUrl('/indicators', { level: 'state', year: '2024-2025', unit: undefined, state: '' })).toBe(
      '/api/v1/indicators?level=state&year=2024-2025',
    );
    expect(buildUrl('/catalog/years')).toBe('/api/v1/catalog/years');
    expect(buildUrl('/students', { q: 'Pérez & Co' })).toBe('/api/v1/students?q=P%C3%A9rez+%26+Co');
  });
});

describe('errorFromBody', () => {
  it('reads the error envelope', () => {
    const e = errorFromBody(400, { error: { code: 'invalid_level', message: 'Nivel desconocido: "x"' } });
    expect([e.status, e.code, e.message]).toEqual([400, 'invalid_level', 'Nivel desconocido: "x"']);
  });

  it('falls back to the HTTP status without an envelope', () => {
    expect(errorFromBody(502, 'Bad gateway')).toMatchObject({
      status: 502,
      code: 'internal_error',
      message: 'HTTP 502',
    });
    expect(errorFromBody(404, { error: 'x' })).toMatchObject({ code: 'http_error' });
  });
});
