/**
 * The selections that follow the user across pages (school year and indicator), resolved from the URL
 * against the catalog: an unknown year or indicator in a link falls back to the default instead of failing.
 */
import type { YearsCatalog } from '../api/models';
import { DEFAULT_INDICATOR, isIndicatorKey, type IndicatorKey } from './indicators';
import type { Route, View } from './route';

export interface Selection {
  readonly year: string;
  readonly indicator: IndicatorKey;
}

export function resolveSelection(route: Route, years: YearsCatalog): Selection {
  const fallback = years.latestComplete || years.years.at(-1) || '';
  return {
    year: route.year && years.years.includes(route.year) ? route.year : fallback,
    indicator: isIndicatorKey(route.indicator) ? route.indicator : DEFAULT_INDICATOR,
  };
}

/** Which header selectors act on a view. */
export function selectorsOf(view: View): { year: boolean; indicator: boolean } {
  switch (view) {
    case 'nacional':
    case 'estado':
    case 'plantel':
    case 'carrera':
      return { year: true, indicator: true };
    case 'impacto':
      return { year: true, indicator: false };
    case 'login':
    case 'generaciones':
    case 'estudiante':
    case 'auditoria':
    case 'tutoria':
    case 'efectos':
    case 'escenarios':
    case 'riesgo':
    case 'modelo':
    case 'importar':
      return { year: false, indicator: false };
  }
}

/** The page to return to after signing in: only same-app links (`/?…`), never another site. */
export function safeNext(next: string | undefined): string | null {
  if (!next || !next.startsWith('/?') || next.startsWith('//')) return null;
  if (/[\r\n]/.test(next) || new URLSearchParams(next.slice(2)).get('view') === 'login') return null;
  return next;
}
