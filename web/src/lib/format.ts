/**
 * Display formatting, es-MX or en-US. Values arrive at full precision and are rounded half-up here only
 * (docs/INDICATORS.md §1): 1 decimal for SEP rates, 2 for eficiencia terminal. Null shows as a dash.
 */
import { roundHalfUp } from '../../../src/domain/indicators';
import { INDICATORS, type IndicatorKey } from './indicators';

export type Lang = 'es' | 'en';

export const NULL_TEXT = '—';

export function localeOf(lang: Lang): string {
  return lang === 'es' ? 'es-MX' : 'en-US';
}

export { roundHalfUp };

export function formatNumber(lang: Lang, value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NULL_TEXT;
  const rounded = roundHalfUp(value, decimals);
  return new Intl.NumberFormat(localeOf(lang), {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(rounded === 0 ? 0 : rounded);
}

export function formatPercent(lang: Lang, value: number | null | undefined, decimals = 1): string {
  const n = formatNumber(lang, value, decimals);
  if (n === NULL_TEXT) return n;
  return lang === 'es' ? `${n} %` : `${n}%`;
}

export function formatIndicator(lang: Lang, key: IndicatorKey, value: number | null | undefined): string {
  const meta = INDICATORS[key];
  return meta.kind === 'percent'
    ? formatPercent(lang, value, meta.decimals)
    : formatNumber(lang, value, meta.decimals);
}

/** "+1.5", "−3.4" (a true minus sign), "0.0"; null when either side is missing. */
export function formatSigned(lang: Lang, value: number | null, decimals: number): string {
  if (value === null || !Number.isFinite(value)) return NULL_TEXT;
  const rounded = roundHalfUp(value, decimals);
  const body = formatNumber(lang, Math.abs(rounded), decimals);
  if (rounded > 0) return `+${body}`;
  if (rounded < 0) return `\u2212${body}`;
  return body;
}

export interface Change {
  /** value − base, in the indicator's unit (percentage points for rates). */
  readonly delta: number | null;
  /** Text such as "−3.4 pts" or "+16,476 (+5.4 %)". */
  readonly text: string;
  /** 'better' | 'worse' | 'same' | 'unknown', by the indicator's good direction. */
  readonly sense: 'better' | 'worse' | 'same' | 'unknown';
}

/** The change of an indicator against its baseline value. */
export function change(lang: Lang, key: IndicatorKey, value: number | null, base: number | null): Change {
  if (value === null || base === null) return { delta: null, text: NULL_TEXT, sense: 'unknown' };
  const meta = INDICATORS[key];
  const delta = value - base;
  const rounded = roundHalfUp(delta, meta.decimals);
  const sense = rounded === 0 ? 'same' : rounded > 0 === meta.higherIsBetter ? 'better' : 'worse';
  if (meta.kind === 'percent') {
    const unit = lang === 'es' ? 'pts' : 'pp';
    return { delta, text: `${formatSigned(lang, delta, meta.decimals)} ${unit}`, sense };
  }
  const rel = base === 0 ? null : (delta / base) * 100;
  const relText = rel === null ? '' : ` (${formatSigned(lang, rel, 1)}${lang === 'es' ? ' %' : '%'})`;
  return { delta, text: `${formatSigned(lang, delta, 0)}${relText}`, sense };
}

/** "2024-08-05" → "5 ago 2024" / "Aug 5, 2024". Read as a calendar date (no time zone shift). */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return NULL_TEXT;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
