/**
 * What the web app knows about each indicator: whether it is a count or a percentage, how many decimals
 * it shows (SEP 1, CONALEP's eficiencia terminal 2), and which direction is good (for map colors).
 */
import type { IndicatorRow } from '../api/models';

import { COUNT_KEYS, RATE_KEYS, type CountKey, type RateKey } from '../../../src/domain/enums';

export { COUNT_KEYS, RATE_KEYS, type CountKey, type RateKey };
export type IndicatorKey = CountKey | RateKey;

export const INDICATOR_KEYS: readonly IndicatorKey[] = [...RATE_KEYS, ...COUNT_KEYS];

/** The indicator shown when the URL names none. */
export const DEFAULT_INDICATOR: IndicatorKey = 'abandono';

export interface IndicatorMeta {
  readonly key: IndicatorKey;
  readonly kind: 'count' | 'percent';
  readonly decimals: number;
  /** True when a higher value is better (retention, ET, pass rate); decides the color ramp. */
  readonly higherIsBetter: boolean;
  /** Needs year n+1 (MT and NI1): null in the last year of the data. */
  readonly needsNextYear: boolean;
}

const percent = (key: RateKey, higherIsBetter: boolean, needsNextYear = false): IndicatorMeta => ({
  key,
  kind: 'percent',
  decimals: key === 'eficiencia_terminal' ? 2 : 1,
  higherIsBetter,
  needsNextYear,
});
const count = (key: CountKey): IndicatorMeta => ({
  key,
  kind: 'count',
  decimals: 0,
  higherIsBetter: true,
  needsNextYear: false,
});

export const INDICATORS: Readonly<Record<IndicatorKey, IndicatorMeta>> = {
  abandono: percent('abandono', false, true),
  abandono_intra: percent('abandono_intra', false),
  abandono_inter: percent('abandono_inter', false, true),
  retencion: percent('retencion', true, true),
  eficiencia_terminal: percent('eficiencia_terminal', true),
  reprobacion: percent('reprobacion', false),
  reprobacion_con_reg: percent('reprobacion_con_reg', false),
  aprobacion: percent('aprobacion', true),
  aprobacion_con_reg: percent('aprobacion_con_reg', true),
  mt: count('mt'),
  ni1: count('ni1'),
  ex: count('ex'),
  ap: count('ap'),
  reg: count('reg'),
  eg: count('eg'),
};

export function isIndicatorKey(value: string | null | undefined): value is IndicatorKey {
  return value !== null && value !== undefined && Object.hasOwn(INDICATORS, value);
}

export function indicatorValue(row: IndicatorRow | undefined, key: IndicatorKey): number | null {
  if (!row) return null;
  const v = row[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
