import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ERROR_MESSAGE_TABLE,
  ISSUE_MESSAGES,
  localizeIssue,
  localizeMessage,
  placeholders,
} from './index.js';

const SRC = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** A literal message's shape: `${…}` become {1}, {2}…; null for anything but string or template literals. */
function shape(expr: string): string | null {
  const e = expr.trim();
  if (e.startsWith("'")) {
    const parts = e.split(/'\s*\+\s*'/);
    return parts.every((p) => !p.includes("'") || p.startsWith("'") || p.endsWith("'"))
      ? parts.map((p) => p.replace(/^'|'$/g, '').replace(/\\'/g, "'")).join('')
      : null;
  }
  if (!e.startsWith('`') || !e.endsWith('`')) return null;
  let n = 0;
  const form = e.slice(1, -1).replace(/\$\{[^{}`]*\}/g, () => `{${++n}}`);
  // A template nested in a value (`${ids.map((c) => `"${c}"`)}`) is cut at its first backtick: not a literal.
  return form.includes('${') ? null : form;
}

/** Every (code, message expression) thrown or answered outside cli/ (tests and test support left out). */
function thrownMessages(): { code: string; file: string; shape: string | null }[] {
  const re =
    /(?:\b(?:invalid|notFound|conflict|forbidden|unavailable|unauthorized|errorBody)\(|new AppError\(\s*'[a-z_]+',)\s*'([a-z0-9_]+)',\s*(`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'(?:\s*\+\s*'(?:[^'\\]|\\.)*')*|[^,)]+)/gs;
  return sourceFiles(SRC)
    .filter((f) => !f.endsWith('.test.ts') && !/\/(cli|test-support)\//.test(f))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(re)].map((m) => ({
        code: m[1] ?? '',
        file: file.slice(SRC.length),
        shape: shape(m[2] ?? ''),
      })),
    );
}

const normalized = (form: string) => form.replace(/\{\d+(?:\|en)?\}/g, '{}');

describe('error message table', () => {
  const thrown = thrownMessages();

  it('finds the codes thrown in the sources', () => {
    expect(thrown.length).toBeGreaterThan(150);
    expect(new Set(thrown.map((t) => t.code))).toContain('unknown_campus');
  });

  it('has every code thrown outside cli/, each in Spanish and English', () => {
    // contract_violation is the tests' own answer (checkResponses), never a user's.
    const missing = [...new Set(thrown.map((t) => t.code))].filter(
      (code) => code !== 'contract_violation' && (ERROR_MESSAGE_TABLE[code]?.length ?? 0) === 0,
    );
    expect(missing).toEqual([]);
    for (const [code, forms] of Object.entries(ERROR_MESSAGE_TABLE)) {
      for (const [es, en] of forms) {
        expect(es.trim(), code).not.toBe('');
        expect(en.trim(), code).not.toBe('');
        expect([...placeholders(en)].sort(), `${code}: ${en}`).toEqual([...placeholders(es)].sort());
      }
    }
  });

  it('matches every literal message thrown with one of its Spanish forms', () => {
    const unmatched = thrown
      .filter((t) => t.shape !== null && t.code !== 'contract_violation')
      .filter((t) => {
        const forms = (ERROR_MESSAGE_TABLE[t.code] ?? []).map(([es]) => normalized(es));
        return !forms.includes(normalized(t.shape ?? ''));
      })
      .map((t) => `${t.file} ${t.code}: ${t.shape}`);
    expect(unmatched).toEqual([]);
  });

  it('puts the values of a Spanish message into its English form', () => {
    expect(localizeMessage('unknown_campus', 'Plantel desconocido: "09DPT0001X"', 'en')).toBe(
      'Unknown campus: "09DPT0001X"',
    );
    expect(localizeMessage('unknown_unit', 'Unidad desconocida (carrera): "grupo"', 'en')).toBe(
      'Unknown unit (program): "grupo"',
    );
    expect(
      localizeMessage(
        'invalid_school_year',
        'ciclo escolar inválido: "2024" (se espera AAAA-AAAA, p. ej. 2024-2025). Ciclos válidos: 2023-2024',
        'en',
      ),
    ).toBe('invalid school year: "2024" (expected YYYY-YYYY, e.g. 2024-2025). Valid school years: 2023-2024');
    expect(localizeMessage('unknown_campus', 'Plantel desconocido', 'es')).toBe('Plantel desconocido');
  });

  it('answers a message no form matches as thrown, never losing it', () => {
    expect(localizeMessage('unknown_campus', 'Otro texto: 42', 'en')).toBe('Otro texto: 42');
    expect(localizeMessage('no_such_code', 'Algo', 'en')).toBe('Algo');
  });
});

describe('import row messages', () => {
  it('has each form in both languages with the same values', () => {
    for (const [es, en] of ISSUE_MESSAGES) {
      expect(en.trim(), es).not.toBe('');
      expect([...placeholders(en)].sort(), en).toEqual([...placeholders(es)].sort());
    }
  });

  it('finds each Spanish form among the messages the readers write', () => {
    const text = sourceFiles(join(SRC, 'ingest'))
      .filter((f) => !f.endsWith('.test.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const absent = ISSUE_MESSAGES.map(([es]) => es.split(/\{\d+\}/)[0] ?? '').filter(
      (head) => !text.includes(head),
    );
    expect(absent).toEqual([]);
  });

  it('puts a row message in English and leaves an unknown one as found', () => {
    expect(localizeIssue('falta el valor', 'en')).toBe('the value is missing');
    expect(localizeIssue('valor no válido; se espera uno de: 1, 2', 'en')).toBe(
      'invalid value; expected one of: 1, 2',
    );
    expect(localizeIssue('otro problema', 'en')).toBe('otro problema');
  });
});
