/** Mexico's state geometry (GET /geo/states): the 32 states for the choropleth, or one state alone. */
import type { GeoCollection, GeoFeature } from '../api/models';

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
  return {
    type: 'FeatureCollection',
    features: geo.features.filter((f) => stateCodeOf(f) === wanted).map(withoutDistantIslands),
  };
}

type Ring = readonly (readonly number[])[];
type Polygon = readonly Ring[];

/** Shoelace area of a ring, in squared degrees (only compared with other rings). */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[(i + 1) % ring.length] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

/**
 * Keeps the polygons of a state that are at least 10 % of its largest one, so that a state map fits the
 * mainland instead of far-away islands (Colima's Revillagigedo islands squeeze the mainland into a sliver).
 */
export function withoutDistantIslands(feature: GeoFeature): GeoFeature {
  const g = feature.geometry as { type?: string; coordinates?: readonly Polygon[] } | null;
  if (!g || g.type !== 'MultiPolygon' || !g.coordinates) return feature;
  const areas = g.coordinates.map((p) => ringArea(p[0] ?? []));
  const largest = Math.max(...areas);
  const kept = g.coordinates.filter((_, i) => (areas[i] ?? 0) >= largest * 0.1);
  return { ...feature, geometry: { type: 'MultiPolygon', coordinates: kept } };
}
