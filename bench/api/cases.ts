/** What is measured: the requests of each page of the web app, one endpoint at a time and as a page mix. */
import type { Fixtures } from './database.js';

export type TargetKind = 'dashboard' | 'search';

/** p95 targets of the issue, at 50 connections on the full national demo. */
export const TARGET_P95_MS: Readonly<Record<TargetKind, number>> = { dashboard: 50, search: 20 };
export const TARGET_INITIAL_JS_BYTES = 400 * 1000;

export type Page = 'national' | 'state' | 'campus' | 'search';

export interface Case {
  readonly id: string;
  readonly page: Page;
  /** The path measured, or for a page mix the paths each connection cycles through, in order. */
  readonly paths: readonly string[];
  readonly label: string;
  readonly account: 'national' | 'campus';
  readonly target: TargetKind;
  /** Whether the brief lists the request, or the page makes it too (measured, for the record). */
  readonly listed: boolean;
  /** A problem with a sample answer (e.g. no rows: a fast answer about nothing proves nothing), or null. */
  readonly check: (body: unknown) => string | null;
}

const PAGE_LABEL: Readonly<Record<Page, string>> = {
  national: 'national dashboard',
  state: 'state page',
  campus: 'campus page',
  search: 'student search',
};
export const pageLabel = (p: Page) => PAGE_LABEL[p];

type Json = Record<string, unknown>;
const nonEmpty =
  (key: string | null, what: string) =>
  (body: unknown): string | null => {
    const value = key === null ? body : (body as Json | null)?.[key];
    return Array.isArray(value) && value.length > 0 ? null : `no ${what} in the answer`;
  };
const summaryCheck = (body: unknown) => {
  const b = body as Json | null;
  return Array.isArray(b?.headline) && Array.isArray(b?.years) && b.years.length > 0 ? null : 'no headline';
};
const checkAll =
  (checks: readonly ((body: unknown) => string | null)[]) =>
  (bodies: unknown): string | null => {
    const list = bodies as unknown[];
    for (let i = 0; i < checks.length; i++) {
      const p = checks[i]?.(list[i]);
      if (p) return p;
    }
    return null;
  };

interface Request {
  readonly path: string;
  readonly check: (body: unknown) => string | null;
  readonly listed: boolean;
  readonly key: string;
}

export function buildCases(f: Fixtures, baseline: string): Case[] {
  const y = f.latestComplete;
  const st = f.stateCode;
  const cct = encodeURIComponent(f.cct);
  const national: Request[] = [
    { key: 'summary', path: '/api/v1/summary', check: summaryCheck, listed: true },
    {
      key: 'indicators',
      path: '/api/v1/indicators?level=national',
      check: nonEmpty('rows', 'rows'),
      listed: true,
    },
    {
      key: 'states-year',
      path: `/api/v1/indicators?level=state&year=${y}`,
      check: nonEmpty('rows', 'rows'),
      listed: true,
    },
    { key: 'years', path: '/api/v1/catalog/years', check: nonEmpty('years', 'years'), listed: true },
    // NacionalPage also asks for these (the baseline map and the map geometry with the state names).
    {
      key: 'states-baseline',
      path: `/api/v1/indicators?level=state&year=${baseline}`,
      check: nonEmpty('rows', 'rows'),
      listed: false,
    },
    { key: 'geo', path: '/api/v1/geo/states', check: nonEmpty('features', 'features'), listed: false },
    { key: 'states', path: '/api/v1/catalog/states', check: nonEmpty(null, 'states'), listed: false },
  ];
  const state: Request[] = [
    { key: 'summary', path: `/api/v1/summary?level=state&unit=${st}`, check: summaryCheck, listed: true },
    {
      key: 'campuses-year',
      path: `/api/v1/indicators?level=campus&state=${st}&year=${y}`,
      check: nonEmpty('rows', 'rows'),
      listed: true,
    },
    {
      key: 'catalog',
      path: `/api/v1/catalog/campuses?state=${st}`,
      check: nonEmpty(null, 'campuses'),
      listed: true,
    },
  ];
  const campus: Request[] = [
    { key: 'summary', path: `/api/v1/summary?level=campus&unit=${cct}`, check: summaryCheck, listed: true },
    {
      key: 'programs-year',
      path: `/api/v1/indicators?level=program&campus=${cct}&year=${y}`,
      check: nonEmpty('rows', 'rows'),
      listed: true,
    },
  ];
  const single = (page: Page, r: Request, account: 'national' | 'campus' = 'national'): Case => ({
    id: `${page}.${r.key}`,
    page,
    paths: [r.path],
    label: r.listed ? r.path : `${r.path} (also on the page)`,
    account,
    target: page === 'search' ? 'search' : 'dashboard',
    listed: r.listed,
    check: r.check,
  });
  const mix = (page: Page, rs: readonly Request[]): Case => {
    const listed = rs.filter((r) => r.listed);
    return {
      id: `${page}.mix`,
      page,
      paths: listed.map((r) => r.path),
      label: `page mix: the ${listed.length} requests above in turn`,
      account: 'national',
      target: 'dashboard',
      listed: true,
      check: checkAll(listed.map((r) => r.check)),
    };
  };
  return [
    ...national.map((r) => single('national', r)),
    mix('national', national),
    ...state.map((r) => single('state', r)),
    mix('state', state),
    ...campus.map((r) => single('campus', r)),
    mix('campus', campus),
    single('search', {
      key: 'name',
      path: `/api/v1/students?q=${encodeURIComponent(SEARCH_PREFIX)}&pageSize=25`,
      check: nonEmpty('items', 'students'),
      listed: true,
    }),
    single(
      'search',
      {
        key: 'campus',
        path: `/api/v1/students?campus=${cct}&pageSize=25`,
        check: nonEmpty('items', 'students'),
        listed: true,
      },
      'campus',
    ),
  ];
}

/** A surname prefix as a user types it: the most common first surname and the start of a second one. */
export const SEARCH_PREFIX = 'HERNANDEZ GA';
