/** Mexico's state geometry (GET /geo/states): the 32 states for the choropleth, or one state alone. */
import type { GeoCollection, GeoFeature } from '../api/types';

/** Drops features without a state code (the islands Natural Earth assigns to no state). */
export function statesGeo(geo: GeoCollection): GeoCollection {
  return { type: 'FeatureCollection', features: geo.features.filter((f) => stateCodeOf(f) !== null) };
}

/** The feature's INEGI code, zero-padded ("9" → "09"), or null. */
export function stateCodeOf(feature: GeoFeature): string | null {
  const code = feature.properties.cve_ent;
  if (code === null || code === undefined || code === '') return null;
  return normalizeStateCode(String(code));
}

export function normalizeStateCode(code: string): string {
  return /^\d$/.test(code) ? `0${code}` : code;
}

/** One state's features only, so that the map fits that state. */
export function stateGeo(geo: GeoCollection, code: string): GeoCollection {
  const wanted = normalizeStateCode(code);
  return { type: 'FeatureCollection', features: geo.features.filter((f) => stateCodeOf(f) === wanted) };
}
