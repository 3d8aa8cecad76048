/**
 * The daily downloads in English (issue 13): the work queue's CSV/XLSX and the group sheet's CSV/XLSX/PDF with
 * `lang=en` write English reasons, headers and words; Spanish stays the default; formula neutralisation
 * still applies to what a person typed (a name starting with "="). Server messages (errors, import row problems)
 * are English with lang=en or Accept-Language: en (docs/API.md, "Language").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { createTutorHarness } from '../test-support/tutor-harness.js';
import { bodyText, call, getJson, login, type Harness } from './test-helpers.js';

interface Queue {
  items: {
    student: string;
    name: string | null;
    group: string | null;
    reasons: string[];
    reasonsEn: string[];
  }[];
}
interface Sheet {
  campus: { cct: string; name: string; state: string };
  program: { name: string };
  rows: { name: string | null; reasons: string[] }[];
}

/** Spanish words the downloads used to write (reasons, headers, bands, yes/no), as whole words. */
const SPANISH =
  /(?<!\p{L})(rezago|asistencia|promedio|reprobad\p{L}*|pendientes?|beca|estudiantes?|semestre|sem[aá]foro|razones|motivos|prioridad|plantel|grupo|d[ií]as|acci[oó]n|[uú]ltima|retraso|corriente|rojo|amarillo|verde|inactivo|s[ií]|corte|emitido|ciclo|valor|calificaciones|m[oó]dulos|pagos|nombre|probabilidad|vencida|escalado|intervenciones|abiertas|colores)(?!\p{L})/iu;

const HEADER =
  'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,promedio,modulos_reprobados,asistencia,estatus_final';

interface ErrorBody {
  error: { code: string; message: string };
}
interface ImportAnswer {
  rejected: boolean;
  issues: { file: string; line: number; column?: string; value?: string; message: string }[];
}

function pdfText(buffer: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sheet-en-'));
  try {
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, new Uint8Array(buffer));
    return execFileSync('pdftotext', ['-layout', file, '-']).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text without the proper names it may carry (students, campus, state, program). */
const withoutNames = (text: string, names: readonly (string | null)[]) =>
  names.reduce<string>((t, n) => (n ? t.split(n).join(' ') : t), text);

describeEachDialect('API downloads in English', ({ store }) => {
  let h: Harness;
  let campus = '';
  let tutor = '';
  let group = '';
  beforeAll(async () => {
    h = await createTutorHarness(store());
    const db = store().db;
    campus = await login(h, 'campus');
    tutor = await login(h, 'tutor');
    // A student at risk whose name starts like a formula: the download must neutralise it in either language.
    const q = await getJson<Queue>(h.app, '/api/v1/worklist', tutor);
    const first = q.items.find((i) => i.group !== null && i.reasons.length > 0)!;
    group = first.group!;
    const id = h.deps.pseudonyms.fromPseudonym(first.student)!;
    await db
      .updateTable('student_identities')
      .set({ given_names: '=HYPERLINK("x")' })
      .where('student_id', '=', id)
      .execute();
  }, 120_000);

  it('writes the work queue in English with lang=en (CSV and XLSX), and in Spanish by default', async () => {
    const q = await getJson<Queue>(h.app, '/api/v1/worklist', tutor);
    const names = q.items.map((i) => i.name);
    for (const format of ['csv', 'xlsx']) {
      const en = await call(h.app, `/api/v1/worklist?format=${format}&lang=en`, { cookie: tutor });
      expect(en.status).toBe(200);
      const text = await bodyText(en);
      expect(text).toContain('reasons');
      expect(text).toContain(q.items[0]!.reasonsEn[0]!);
      expect(withoutNames(text, names)).not.toMatch(SPANISH);
      const es = await bodyText(await call(h.app, `/api/v1/worklist?format=${format}`, { cookie: tutor }));
      expect(es).toContain('razones');
      expect(es).toContain(q.items[0]!.reasons[0]!);
    }
    const csv = await bodyText(await call(h.app, '/api/v1/worklist?format=csv&lang=en', { cookie: tutor }));
    expect(csv).toContain(`"'=HYPERLINK(""x"")`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('writes the group sheet in English with lang=en (CSV, XLSX and PDF), and in Spanish by default', async () => {
    const s = await getJson<Sheet>(h.app, `/api/v1/groups/${group}/sheet?format=json`, campus);
    expect(s.rows.some((r) => r.reasons.length > 0)).toBe(true);
    const names = [
      ...s.rows.map((r) => r.name),
      // pdftotext may cut a long name at the cell's edge: its first words go too.
      ...s.rows.map((r) => r.name?.split(' ').slice(0, 2).join(' ') ?? null),
      s.campus.name,
      s.campus.state,
      s.program.name,
    ].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0));
    for (const format of ['csv', 'xlsx', 'pdf']) {
      const en = await call(h.app, `/api/v1/groups/${group}/sheet?format=${format}&lang=en`, {
        cookie: campus,
      });
      expect(en.status).toBe(200);
      const text = format === 'pdf' ? pdfText(await en.arrayBuffer()) : await bodyText(en);
      expect(text).toMatch(/Attendance|attendance/);
      expect(withoutNames(text, names)).not.toMatch(SPANISH);
      const es = await call(h.app, `/api/v1/groups/${group}/sheet?format=${format}`, { cookie: campus });
      const esText = format === 'pdf' ? pdfText(await es.arrayBuffer()) : await bodyText(es);
      expect(esText).toMatch(SPANISH);
    }
    const csv = await bodyText(
      await call(h.app, `/api/v1/groups/${group}/sheet?format=csv&lang=en`, { cookie: campus }),
    );
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  // Server messages in English (issue 13, the daily brief's item 1): `lang=en` or `Accept-Language: en` answer
  // English error messages and import row messages (file, line, column and value kept); `lang` wins.
  describe('messages', () => {
    let cookie = '';
    beforeAll(async () => {
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
      expect(es.body.error).toEqual({
        code: 'unknown_campus',
        message: 'Plantel desconocido: "XXNOPE0000Z"',
      });
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
});
