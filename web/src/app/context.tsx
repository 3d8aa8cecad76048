/** What every page of the signed-in app needs: the user, the school-year catalog and the selections. */
import { createContext, useContext } from 'react';
import type { SessionUser, YearsCatalog } from '../api/models';
import type { Route } from '../lib/route';
import type { Selection } from '../lib/selection';

export interface AppContextValue {
  readonly user: SessionUser;
  readonly years: YearsCatalog;
  readonly route: Route;
  readonly selection: Selection;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside the signed-in shell');
  return ctx;
}
