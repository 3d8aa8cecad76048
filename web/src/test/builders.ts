/** Builders for the web unit tests: an IndicatorRow with overrides, a tiny GeoJSON. */
import type { GeoCollection, IndicatorRow } from '../api/models';

export function row(overrides: Partial<IndicatorRow> = {}): IndicatorRow {
  return {
    level: 'state',
    unit_id: '01',
    unit_name: 'Aguascalientes',
    school_year: '2024-2025',
    sex: null,
    mt: 1000,
    ni1: 400,
    ex: 900,
    ap: 700,
    reg: 100,
    eg: 250,
    abandono: 12.5,
    abandono_intra: 10,
    abandono_inter: 2.5,
    retencion: 87.5,
    eficiencia_terminal: 62.5,
    reprobacion: 22.2,
    reprobacion_con_reg: 11.1,
    aprobacion: 77.8,
    aprobacion_con_reg: 88.9,
    ...overrides,
  };
}

export function geo(codes: readonly (string | null)[]): GeoCollection {
  return {
    type: 'FeatureCollection',
    features: codes.map((code, i) => ({
      type: 'Feature',
      id: `F${i}`,
      properties: { cve_ent: code, name: code ? `Estado ${code}` : null },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [i, 0],
            [i + 1, 0],
            [i + 1, 1],
            [i, 0],
          ],
        ],
      },
    })),
  };
}
