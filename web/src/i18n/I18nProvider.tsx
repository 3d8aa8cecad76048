/**
 * Language state (es by default, remembered in localStorage), `<html lang>` and the API's message language
 * (Accept-Language) that follow it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  change,
  formatDate,
  formatIndicator,
  formatNumber,
  formatPercent,
  type Change,
  type Lang,
} from '../lib/format';
import type { IndicatorKey } from '../lib/indicators';
import { setApiLanguage } from '../api/client';
import type { MessageKey } from './es';
import { labelOf, parseLang, plural, translate, type PluralKey, type Vars } from './translate';

const STORAGE_KEY = 'trayecto.lang';

export interface I18n {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  readonly t: (key: MessageKey, vars?: Vars) => string;
  /** A message in its plural form for `count` (Intl.PluralRules). */
  readonly tp: (key: PluralKey, count: number, vars?: Vars) => string;
  readonly label: (prefix: string, code: string | null | undefined) => string;
  readonly num: (value: number | null | undefined, decimals?: number) => string;
  readonly pct: (value: number | null | undefined, decimals?: number) => string;
  readonly ind: (key: IndicatorKey, value: number | null | undefined) => string;
  readonly change: (key: IndicatorKey, value: number | null, base: number | null) => Change;
  readonly date: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    return parseLang(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'es';
  }
}

/** The stored language, told to the API client before the first page asks for anything. */
function initialLang(): Lang {
  const lang = storedLang();
  setApiLanguage(lang);
  return lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setApiLanguage(next);
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'es' ? 'es-MX' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tp: (key, count, vars) => plural(lang, key, count, vars),
      label: (prefix, code) => labelOf(lang, prefix, code),
      num: (v, d) => formatNumber(lang, v, d),
      pct: (v, d) => formatPercent(lang, v, d),
      ind: (key, v) => formatIndicator(lang, key, v),
      change: (key, v, b) => change(lang, key, v, b),
      date: (iso) => formatDate(lang, iso),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
