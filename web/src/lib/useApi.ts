/**
 * Data hook for API calls: loading, data and error states, cancellation when the inputs change, and a
 * session-long cache for catalogs (states, campuses, years, geometry) that every page reuses.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

export type ApiState<T> =
  | { readonly status: 'loading'; readonly data?: undefined; readonly error?: undefined }
  | { readonly status: 'ok'; readonly data: T; readonly error?: undefined }
  | { readonly status: 'error'; readonly data?: undefined; readonly error: ApiError };

export type ApiResult<T> = Readonly<{ state: ApiState<T>; reload: () => void }>;

function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, 'client_error', e instanceof Error ? e.message : String(e));
}

/**
 * Runs `load` whenever `key` changes (null: do nothing and stay loading). The key is the identity of the
 * request, e.g. JSON of its parameters.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiResult<T> {
  const [state, setState] = useState<{ key: string | null; value: ApiState<T> }>({
    key,
    value: { status: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);
  // An error shown is asked again when the language changes, so that the server's message follows it.
  const { lang } = useI18n();
  const failed = state.value.status === 'error';
  const askedIn = useRef(lang);
  useEffect(() => {
    if (askedIn.current === lang) return;
    askedIn.current = lang;
    if (failed) setAttempt((n) => n + 1);
  }, [lang, failed]);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState({ key, value: { status: 'loading' } });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'ok', data } });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'error', error: toApiError(e) } });
      },
    );
    return () => controller.abort();
    // `load` is recreated on every render; `key` is what identifies the request.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // While a new key loads, show loading rather than the previous key's data.
  const value: ApiState<T> = state.key === key ? state.value : { status: 'loading' };
  return { state: value, reload };
}

/**
 * The last data while a refresh of the same thing loads (after a write), so that the page keeps what the user
 * had open instead of flashing a spinner; errors and first loads pass through.
 */
export function useKeepWhileLoading<T>(state: ApiState<T>): ApiState<T> {
  const last = useRef<T | null>(null);
  if (state.status === 'ok') last.current = state.data;
  return state.status === 'loading' && last.current !== null ? { status: 'ok', data: last.current } : state;
}

const cache = new Map<string, Promise<unknown>>();

/** Shares one request per key for the whole session; a failed request is forgotten so it can be retried. */
export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit as Promise<T>;
  const promise = load();
  cache.set(key, promise);
  promise.catch(() => cache.delete(key));
  return promise;
}

/** Forgets cached catalogs (after signing out, another user may have another scope). */
export function clearCache(): void {
  cache.clear();
}

/** Both requests' data, or the first error, or loading while either loads. */
export function combine<A, B>(a: ApiState<A>, b: ApiState<B>): ApiState<[A, B]> {
  if (a.status === 'error') return a;
  if (b.status === 'error') return b;
  if (a.status === 'loading' || b.status === 'loading') return { status: 'loading' };
  return { status: 'ok', data: [a.data, b.data] };
}
