/**
 * Fetch wrapper for the HTTP API v1 (docs/API.md), typed by the generated contract (models.ts, web/generated/api-schema.gen.ts). Same-origin cookies carry the session; a 401
 * sends the user to the login page (keeping where they were); every other error is an ApiError with the
 * envelope's code and message, in the UI language (setApiLanguage), shown to the user as is.
 */
import type {
  Answer,
  AuditPage,
  AuditQuery,
  Campus,
  CohortReport,
  GeoCollection,
  ImpactReport,
  IndicatorRow,
  PublishedComparison,
  Level,
  Program,
  SessionUser,
  State,
  StudentPage,
  StudentProfile,
  Summary,
  YearsCatalog,
} from './models';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

let messageLanguage: 'es' | 'en' = 'es';

/**
 * The UI language, sent as Accept-Language with every API call so that the server's messages (errors, import
 * row problems) come in it (docs/API.md, "Idioma"); the language provider sets it.
 */
export function setApiLanguage(lang: 'es' | 'en'): void {
  messageLanguage = lang;
}

/** The headers every API call carries: the UI language. */
export function languageHeaders(): Record<string, string> {
  return { 'Accept-Language': messageLanguage };
}

/** `/path?a=1&b=2`, leaving out empty parameters. */
export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** Reads the error envelope `{ error: { code, message } }`, falling back to the HTTP status. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const err = body.error;
    if (typeof err === 'object' && err !== null) {
      const { code, message } = err as { code?: unknown; message?: unknown };
      if (typeof message === 'string')
        return new ApiError(status, typeof code === 'string' ? code : 'error', message);
    }
  }
  return new ApiError(status, status >= 500 ? 'internal_error' : 'http_error', `HTTP ${status}`);
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** The app shell sets what a 401 does (go to the login page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

async function request<T>(
  method: string,
  path: string,
  query?: Query,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...languageHeaders(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  };
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    const message =
      messageLanguage === 'en' ? 'Could not connect to the server' : 'No se pudo conectar con el servidor';
    throw new ApiError(0, 'network_error', message);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const error = errorFromBody(res.status, parsed);
    // The login request itself answers 401 on a wrong password: that message is shown on the form.
    if (res.status === 401 && path !== '/session') onUnauthorized();
    throw error;
  }
  return parsed as T;
}

/** The raw call, for features that keep their own endpoint list (features/tutoria/api.ts). */
export const apiRequest = request;

const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  request<T>('GET', path, query, undefined, signal);

export interface IndicatorQuery {
  readonly level: Level;
  readonly year?: string;
  readonly unit?: string;
  readonly state?: string;
  readonly by?: 'sex';
}

/** Link to a table endpoint in another format (the server sends the file). */
export function downloadUrl(path: string, query: Query, format: 'csv' | 'xlsx'): string {
  return buildUrl(path, { ...query, format });
}

export const api = {
  login: (username: string, password: string) =>
    request<Answer<'/api/v1/session', 'post'>>('POST', '/session', undefined, { username, password }),
  session: (signal?: AbortSignal) => get<{ user: SessionUser }>('/session', undefined, signal),
  logout: () => request<void>('DELETE', '/session'),
  states: (signal?: AbortSignal) => get<State[]>('/catalog/states', undefined, signal),
  campuses: (state?: string, signal?: AbortSignal) => get<Campus[]>('/catalog/campuses', { state }, signal),
  programs: (signal?: AbortSignal) => get<Program[]>('/catalog/programs', undefined, signal),
  years: (signal?: AbortSignal) => get<YearsCatalog>('/catalog/years', undefined, signal),
  indicators: (q: IndicatorQuery, signal?: AbortSignal) =>
    get<{ rows: IndicatorRow[] }>('/indicators', { ...q }, signal),
  summary: (level: Level, unit?: string, signal?: AbortSignal) =>
    get<Summary>('/summary', { level, unit }, signal),
  rankings: (
    q: { level: Exclude<Level, 'national'>; indicator: string; year: string; state?: string },
    signal?: AbortSignal,
  ) => get<{ rows: IndicatorRow[] }>('/rankings', { ...q }, signal),
  cohorts: (q: { generation: string; level?: Level; unit?: string }, signal?: AbortSignal) =>
    get<CohortReport>('/cohorts', { ...q }, signal),
  impact: (q: { baseline?: string; year?: string; level?: Level; unit?: string }, signal?: AbortSignal) =>
    get<ImpactReport>('/impact', { ...q }, signal),
  students: (
    q: {
      q?: string;
      campus?: string;
      group?: string;
      order?: 'risk' | 'group';
      page?: number;
      pageSize?: number;
    },
    signal?: AbortSignal,
  ) => get<StudentPage>('/students', { ...q }, signal),
  student: (id: string, signal?: AbortSignal) =>
    get<StudentProfile>(`/students/${encodeURIComponent(id)}`, undefined, signal),
  publishedDropout: (q: { year?: string; state?: string }, signal?: AbortSignal) =>
    get<PublishedComparison>('/published/abandono', { ...q }, signal),
  audit: (q: AuditQuery, signal?: AbortSignal) => get<AuditPage>('/audit', { ...q }, signal),
  geoStates: (signal?: AbortSignal) => get<GeoCollection>('/geo/states', undefined, signal),
};
