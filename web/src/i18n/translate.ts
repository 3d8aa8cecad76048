/** Message lookup and interpolation, pure. */
import type { Lang } from '../lib/format';
import { en } from './en';
import { es, type MessageKey, type Messages } from './es';

export const MESSAGES: Readonly<Record<Lang, Messages>> = { es, en };

export type Vars = Readonly<Record<string, string | number>>;

/** Replaces `{name}` with vars.name; unknown placeholders stay as written. */
export function interpolate(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return interpolate(MESSAGES[lang][key], vars);
}

/** Keys with plural forms: `<base>.one` and `<base>.other` (and any other CLDR category a language needs). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

/**
 * The form of a message for a count, chosen with Intl.PluralRules ("1 problema", "2 problemas"); `{n}` is
 * the count as the caller formatted it (vars.n), or the bare number.
 */
export function plural(lang: Lang, key: PluralKey, count: number, vars: Vars = {}): string {
  const rule = new Intl.PluralRules(lang === 'es' ? 'es-MX' : 'en-US').select(count);
  const form = `${key}.${rule}`;
  const chosen: MessageKey = isMessageKey(form) ? form : (`${key}.other` as MessageKey);
  return translate(lang, chosen, { n: count, ...vars });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

/** A label for a code that may or may not have a message (status kinds, intervention kinds). */
export function labelOf(lang: Lang, prefix: string, code: string | null | undefined): string {
  if (!code) return '—';
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? translate(lang, key) : code.replaceAll('_', ' ');
}

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'es';
}
