/**
 * The URL is the state of the app: view, level, unit, year, indicator, generation, student id, so that
 * every page can be linked to. Pure parse/serialize functions here; the hook lives in useRoute.ts.
 */
import { LEVELS as ALL_LEVELS } from '../../../src/domain/enums';
import type { Level } from '../api/models';

export const VIEWS = [
  'login',
  'nacional',
  'estado',
  'plantel',
  'carrera',
  'generaciones',
  'impacto',
  'estudiante',
  'auditoria',
  'tutoria',
  'efectos',
  'escenarios',
  'riesgo',
  'modelo',
  'importar',
] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  readonly view: View;
  /** State code, campus CCT or program code (with view estado/plantel/carrera, or with level). */
  readonly unit?: string;
  /** Level for generaciones and impacto (national when absent). */
  readonly level?: Level;
  readonly year?: string;
  readonly indicator?: string;
  readonly generation?: string;
  readonly baseline?: string;
  /** Student id (pseudonymous) for view estudiante. */
  readonly id?: string;
  /** Student search text on plantel. */
  readonly q?: string;
  /** Where to go back after signing in. */
  readonly next?: string;
}

const KEYS = [
  'view',
  'level',
  'unit',
  'year',
  'indicator',
  'generation',
  'baseline',
  'id',
  'q',
  'next',
] as const;
const LEVELS: readonly Level[] = ALL_LEVELS;

export function isView(value: string | null): value is View {
  return value !== null && (VIEWS as readonly string[]).includes(value);
}

export function parseRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const text = (key: string) => {
    const v = params.get(key)?.trim();
    return v ? v : undefined;
  };
  const view = params.get('view');
  const level = params.get('level');
  const route: Record<string, string | undefined> = {
    view: isView(view) ? view : 'nacional',
    level: level !== null && (LEVELS as readonly string[]).includes(level) ? level : undefined,
  };
  for (const key of KEYS) if (key !== 'view' && key !== 'level') route[key] = text(key);
  return stripEmpty(route) as unknown as Route;
}

function stripEmpty(r: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined));
}

/** `/?view=estado&unit=15&year=2024-2025`: keys in a fixed order, empty ones left out. */
export function routeHref(route: Route): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = route[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  return `/?${params.toString()}`;
}

/** The view a level's unit page has. */
export function viewOfLevel(level: Level): View {
  switch (level) {
    case 'national':
      return 'nacional';
    case 'state':
      return 'estado';
    case 'campus':
      return 'plantel';
    case 'program':
      return 'carrera';
  }
}

export function levelOfView(view: View): Level | null {
  switch (view) {
    case 'nacional':
      return 'national';
    case 'estado':
      return 'state';
    case 'plantel':
      return 'campus';
    case 'carrera':
      return 'program';
    case 'generaciones':
    case 'impacto':
    case 'estudiante':
    case 'auditoria':
    case 'tutoria':
    case 'efectos':
    case 'escenarios':
    case 'riesgo':
    case 'modelo':
    case 'importar':
    case 'login':
      return null;
  }
}

/**
 * A link from the current page to another that keeps the selections that follow the user (year and
 * indicator) and drops everything else.
 */
export function linkTo(current: Route, target: Omit<Route, 'year' | 'indicator'> & Partial<Route>): Route {
  return {
    ...(current.year ? { year: current.year } : {}),
    ...(current.indicator ? { indicator: current.indicator } : {}),
    ...target,
  };
}
