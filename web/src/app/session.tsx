/**
 * Who is signed in. The session lives in an HttpOnly cookie, so the app asks GET /session at start; any
 * 401 later (expired session) signs the user out here and sends them to the login page.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthorizedHandler } from '../api/client';
import type { SessionUser } from '../api/models';
import { clearCache } from '../lib/useApi';
import { navigate } from '../lib/useRoute';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'out' }
  | { readonly status: 'error'; readonly error: ApiError }
  | { readonly status: 'in'; readonly user: SessionUser };

interface SessionContextValue {
  readonly session: SessionState;
  readonly signedIn: (user: SessionUser) => void;
  readonly signOut: () => Promise<void>;
  readonly retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function currentHref(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** Sends the user to the login page, remembering the page they were on. */
export function goToLogin(): void {
  const here = currentHref();
  const next = here.startsWith('/?') && !here.includes('view=login') ? here : undefined;
  navigate({ view: 'login', ...(next ? { next } : {}) }, { replace: true });
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      clearCache();
      setSession({ status: 'out' });
      goToLogin();
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.session(controller.signal).then(
      ({ user }) => setSession({ status: 'in', user }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) setSession({ status: 'out' });
        else
          setSession({
            status: 'error',
            error: e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e)),
          });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signedIn = useCallback((user: SessionUser) => {
    clearCache();
    setSession({ status: 'in', user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Signed out locally either way; the cookie expires on its own.
    }
    clearCache();
    setSession({ status: 'out' });
    navigate({ view: 'login' });
  }, []);

  const retry = useCallback(() => {
    setSession({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ session, signedIn, signOut, retry }), [session, signedIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
