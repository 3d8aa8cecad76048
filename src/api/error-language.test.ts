/**
 * Server messages in the user's language (issue 13): `lang=en` or `Accept-Language: en` answer English error
 * messages and import row messages (file, line, column and value kept); Spanish is the default; `lang` wins
 * over the header.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { acceptedLanguage } from './language.js';
import { call, createHarness, login, type Harness } from './test-helpers.js';

const HEADER =
  'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,promedio,modulos_reprobados,asistencia,estatus_final';

interface ErrorBody {
  error: { code: string; message: string };
}
interface ImportAnswer {
  rejected: boolean;
  issues: { file: string; line: number; column?: string; value?: string; message: string }[];
}

it('reads the preferred language of Accept-Language', () => {
  expect(acceptedLanguage(undefined)).toBe('es');
  expect(acceptedLanguage('en-US,en;q=0.9')).toBe('en');
  expect(acceptedLanguage('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
  expect(acceptedLanguage('es;q=0.5, en;q=0.7')).toBe('en');
  expect(acceptedLanguage('fr')).toBe('es');
});

describeEachDialect('API messages in English', ({ store }) => {
  let h: Harness;
  let cookie = '';
  beforeAll(async () => {
    h = await createHarness(store());
    cookie = await login(h, 'national');
  });

  const error = async (path: string, headers: Record<string, string> = {}) => {
    const res = await call(h.app, path, { cookie, headers });
    return { status: res.status, body: (await res.json()) as ErrorBody };
  };

  it('answers an unknown campus in Spanish by default and in English when asked', async () => {
    const path = '/api/v1/breakdown/XXNOPE0000Z';
    const es = await error(path);
    expect(es.status).toBe(404);
    expect(es.body.error).toEqual({ code: 'unknown_campus', message: 'Plantel desconocido: "XXNOPE0000Z"' });
    const en = await error(path, { 'Accept-Language': 'en-US,en;q=0.9' });
    expect(en.status).toBe(404);
    expect(en.body.error).toEqual({ code: 'unknown_campus', message: 'Unknown campus: "XXNOPE0000Z"' });
    expect((await error(`${path}?lang=en`)).body.error.message).toBe('Unknown campus: "XXNOPE0000Z"');
    // The query parameter wins over the header.
    expect((await error(`${path}?lang=es`, { 'Accept-Language': 'en' })).body.error.message).toBe(
      'Plantel desconocido: "XXNOPE0000Z"',
    );
  });

  it('answers validation errors, unknown routes and a missing session in English', async () => {
    const bad = await error('/api/v1/indicators?level=planeta&lang=en');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^(Invalid parameter|Unknown level): /);
    expect((await error('/api/v1/no-such-route?lang=en')).body.error.message).toBe('Unknown route');
    const res = await call(h.app, '/api/v1/students?lang=en');
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.message).toBe('Sign in to continue');
  });

  it('answers import row errors in English, keeping file, line, column and value', async () => {
    const line = 'XXXX000000HDFRRR09,09DPT0001X,,2024-2025,3,1,101,1,8,0,90,concluido';
    const upload = (lang: string) =>
      call(h.app, `/api/v1/imports/enrollments?filename=inscripciones.csv&dryRun=true&lang=${lang}`, {
        method: 'POST',
        cookie,
        body: `${HEADER}\n${line}\n`,
        headers: { 'Content-Type': 'text/csv' },
      });
    const es = (await (await upload('es')).json()) as ImportAnswer;
    const en = (await (await upload('en')).json()) as ImportAnswer;
    expect(es.rejected).toBe(true);
    expect(en.issues.map(({ message: _, ...where }) => where)).toEqual(
      es.issues.map(({ message: _, ...where }) => where),
    );
    const term = (a: ImportAnswer) => a.issues.find((i) => i.column === 'periodo');
    expect(term(es)).toMatchObject({ file: 'inscripciones.csv', line: 2, value: '3' });
    expect(term(es)?.message).toBe('el periodo debe ser 1 (agosto-enero) o 2 (febrero-julio)');
    expect(term(en)?.message).toBe('the term must be 1 (August-January) or 2 (February-July)');
    const missing = (a: ImportAnswer) => a.issues.find((i) => i.column === 'clave_carrera');
    expect(missing(en)?.message).toBe('the value is missing');
  });
});
