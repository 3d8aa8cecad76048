/** The current route, from the URL, and navigation by history.pushState. */
import { useSyncExternalStore } from 'react';
import { parseRoute, routeHref, type Route } from './route';

const EVENT = 'trayecto:navigate';

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(EVENT, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(EVENT, callback);
  };
}

const getSearch = () => window.location.search;

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (href === `${window.location.pathname}${window.location.search}`) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
}

export function useRoute(): Route {
  const search = useSyncExternalStore(subscribe, getSearch, getSearch);
  // parseRoute is cheap; memoizing by search text keeps the object stable between renders.
  return cachedParse(search);
}

let lastSearch: string | null = null;
let lastRoute: Route = { view: 'nacional' };
function cachedParse(search: string): Route {
  if (search !== lastSearch) {
    lastSearch = search;
    lastRoute = parseRoute(search);
  }
  return lastRoute;
}
