/**
 * Error messages in the user's language. Services throw AppError with a stable code and a Spanish message
 * (domain/errors.ts); the API answers English when asked (docs/API.md, "Idioma"), by finding the Spanish form
 * of the code in the one table (table.ts, table-more.ts), reading the values out of it and writing them into
 * the English form. A message no form matches is answered as thrown (Spanish): a value is never lost.
 */
import { ERROR_MESSAGES, type MessagePair } from './table.js';
import { MORE_ERROR_MESSAGES } from './table-more.js';
import { ISSUE_MESSAGES } from './issues.js';

export type { MessagePair } from './table.js';
export { ISSUE_MESSAGES } from './issues.js';
export type MessageLang = 'es' | 'en';

/** Every code with its message forms, Spanish and English. */
export const ERROR_MESSAGE_TABLE: Readonly<Record<string, readonly MessagePair[]>> = {
  ...ERROR_MESSAGES,
  ...MORE_ERROR_MESSAGES,
};

/**
 * Spanish words that arrive as values (level labels, what a year is) and their English, put in where an English
 * form says `{n|en}`; a user's own value (always a plain `{n}`) is never translated.
 */
const VALUE_WORDS: Readonly<Record<string, string>> = {
  nacional: 'national',
  entidad: 'state',
  plantel: 'campus',
  carrera: 'program',
  'Año base': 'Baseline year',
  Ciclo: 'School year',
  riesgo: 'risk',
  grupo: 'group',
  Nota: 'Note',
  Descripción: 'Description',
  solicitud: 'request',
};

/** Spanish phrases that arrive inside values (a calendar issue) and their English. */
const VALUE_PHRASES: readonly (readonly [RegExp, string])[] = [
  [
    /^ciclo escolar inválido: "(.*)" \(se espera AAAA-AAAA, p\. ej\. (\d{4}-\d{4})\)$/s,
    'invalid school year: "$1" (expected YYYY-YYYY, e.g. $2)',
  ],
];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compiled = new Map<string, RegExp>();
function formRegex(es: string): RegExp {
  let r = compiled.get(es);
  if (!r) {
    const parts = es.split(/\{\d+\}/).map(escapeRegex);
    r = new RegExp(`^${parts.join('(.*?)')}$`, 's');
    compiled.set(es, r);
  }
  return r;
}

/** The placeholders' numbers in a form (`{1}`, or `{1|en}`: the value put in English), in order of appearance. */
export function placeholders(form: string): number[] {
  return [...form.matchAll(/\{(\d+)(?:\|en)?\}/g)].map((m) => Number(m[1]));
}

function englishValue(value: string): string {
  const word = VALUE_WORDS[value];
  if (word !== undefined) return word;
  for (const [re, en] of VALUE_PHRASES) if (re.test(value)) return value.replace(re, en);
  return value;
}

/** The message of `code` in `lang`: the Spanish message itself, or its English form. */
export function localizeMessage(code: string, message: string, lang: MessageLang): string {
  return lang === 'es' ? message : fromForms(ERROR_MESSAGE_TABLE[code] ?? [], message);
}

/** A file import's row-level message (file, line, column and value are kept apart) in `lang`. */
export function localizeIssue(message: string, lang: MessageLang): string {
  return lang === 'es' ? message : fromForms(ISSUE_MESSAGES, message);
}

function fromForms(forms: readonly MessagePair[], message: string): string {
  for (const [es, en] of forms) {
    const m = formRegex(es).exec(message);
    if (!m) continue;
    const order = placeholders(es);
    const values = new Map(order.map((n, i) => [n, m[i + 1] ?? '']));
    return en.replace(/\{(\d+)(\|en)?\}/g, (_, n: string, translated?: string) => {
      const value = values.get(Number(n)) ?? '';
      return translated ? englishValue(value) : value;
    });
  }
  return message;
}
