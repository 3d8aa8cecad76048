/** Session-cached catalogs and geometry, shared by every page. */
import { api } from '../api/client';
import type { Campus, GeoCollection, Program, State } from '../api/models';
import { statesGeo } from './geo';
import { cached } from './useApi';

export const catalog = {
  states: (): Promise<State[]> => cached('states', () => api.states()),
  campuses: (): Promise<Campus[]> => cached('campuses', () => api.campuses()),
  programs: (): Promise<Program[]> => cached('programs', () => api.programs()),
  geo: (): Promise<GeoCollection> => cached('geo', () => api.geoStates().then(statesGeo)),
};
