/**
 * Official SEP school-flow indicators (see docs/INDICATORS.md). Every rate is computed from counts
 * summed at the level asked, at full precision, and never clamped: dropout can be negative at a campus
 * (transfers in) and ET can exceed 100. A rate whose inputs are missing or whose denominator is zero is null.
 */
import { RATE_KEYS } from './enums.js';

declare const percentBrand: unique symbol;
/** A percentage: ratio × 100. Never mixed with a 0-1 ratio. */
export type Percent = number & { readonly [percentBrand]: true };

/** The flow counts of one unit in one school year (docs/DOMAIN.md §2). */
export interface FlowCounts {
  /** MT: enrolled at the start-of-year cut-off. */
  readonly mt: number;
  /** NI1: first-time entrants to year 1 (repeaters excluded). */
  readonly ni1: number;
  /** EX: enrolled at the end of the year (MT + altas − bajas). */
  readonly ex: number;
  /** AP: in EX, passed every module in ordinary evaluation. */
  readonly ap: number;
  /** REG: in EX, failed at year end and recovered every module in regularization. */
  readonly reg: number;
  /** EG: completed the last grade in the year (graduates). */
  readonly eg: number;
}

export const FLOW_KEYS = [
  'mt',
  'ni1',
  'ex',
  'ap',
  'reg',
  'eg',
] as const satisfies readonly (keyof FlowCounts)[];

export const ZERO_COUNTS: FlowCounts = Object.freeze({ mt: 0, ni1: 0, ex: 0, ap: 0, reg: 0, eg: 0 });

export function addCounts(a: FlowCounts, b: FlowCounts): FlowCounts {
  return {
    mt: a.mt + b.mt,
    ni1: a.ni1 + b.ni1,
    ex: a.ex + b.ex,
    ap: a.ap + b.ap,
    reg: a.reg + b.reg,
    eg: a.eg + b.eg,
  };
}

export function sumCounts(rows: Iterable<FlowCounts>): FlowCounts {
  let total = ZERO_COUNTS;
  for (const r of rows) total = addCounts(total, r);
  return total;
}

const pct = (num: number, den: number): Percent | null =>
  den === 0 || !Number.isFinite(num) || !Number.isFinite(den) ? null : (((num / den) * 100) as Percent);

/**
 * Abandono escolar total. AE_n = [1 − (MT_{n+1} − NI1_{n+1} + EG_n) / MT_n] × 100.
 * Denominator: MT_n. Source: SEP, Sistema de Indicadores Educativos (docs/DOMAIN.md §3).
 */
export function abandono(mtN: number, egN: number, mtNext: number, ni1Next: number): Percent | null {
  if (mtN === 0) return null;
  return ((1 - (mtNext - ni1Next + egN) / mtN) * 100) as Percent;
}

/**
 * Abandono intracurricular: left during year n. AEintra_n = (MT_n − EX_n) / MT_n × 100.
 * Denominator MT_n (assumed for INEE's split; with it intra + inter = total).
 */
export function abandonoIntra(mtN: number, exN: number): Percent | null {
  return pct(mtN - exN, mtN);
}

/**
 * Abandono intercurricular: finished year n but did not return.
 * AEinter_n = [EX_n − EG_n − (MT_{n+1} − NI1_{n+1})] / MT_n × 100. Denominator MT_n.
 */
export function abandonoInter(
  mtN: number,
  exN: number,
  egN: number,
  mtNext: number,
  ni1Next: number,
): Percent | null {
  return pct(exN - egN - (mtNext - ni1Next), mtN);
}

/** Retención: RET_n = 100 − AE_n. */
export function retencion(ae: Percent | null): Percent | null {
  return ae === null ? null : ((100 - ae) as Percent);
}

/**
 * Eficiencia terminal (apparent cohort, 3-year level): ET_n = EG_n / NI1_{n−2} × 100.
 * ET of school year n is the generation that ends in n. Not clamped: may exceed 100.
 */
export function eficienciaTerminal(egN: number, ni1TwoBefore: number): Percent | null {
  return pct(egN, ni1TwoBefore);
}

/**
 * Eficiencia terminal de cohorte (true cohort, from student records):
 * ETC_g = graduates of generation g by its normal end / entrants of generation g × 100.
 */
export function eficienciaTerminalCohorte(graduatesOnTime: number, entrants: number): Percent | null {
  return pct(graduatesOnTime, entrants);
}

/** Reprobación sin regularización: Rsin_n = (EX_n − AP_n) / EX_n × 100. */
export function reprobacion(exN: number, apN: number): Percent | null {
  return pct(exN - apN, exN);
}

/** Reprobación con regularización: Rcon_n = (EX_n − AP_n − REG_n) / EX_n × 100. */
export function reprobacionConReg(exN: number, apN: number, regN: number): Percent | null {
  return pct(exN - apN - regN, exN);
}

/** Aprobación: APR_n = AP_n / EX_n × 100. */
export function aprobacion(exN: number, apN: number): Percent | null {
  return pct(apN, exN);
}

/** Aprobación con regularización: (AP_n + REG_n) / EX_n × 100. */
export function aprobacionConReg(exN: number, apN: number, regN: number): Percent | null {
  return pct(apN + regN, exN);
}

/** Absorción: ABS_n = NI1_n / EGsec_{n−1} × 100 (needs lower-secondary graduates as an input). */
export function absorcion(ni1N: number, egSecPrev: number): Percent | null {
  return pct(ni1N, egSecPrev);
}

export interface IndicatorValues {
  readonly abandono: Percent | null;
  readonly abandono_intra: Percent | null;
  readonly abandono_inter: Percent | null;
  readonly retencion: Percent | null;
  readonly eficiencia_terminal: Percent | null;
  readonly reprobacion: Percent | null;
  readonly reprobacion_con_reg: Percent | null;
  readonly aprobacion: Percent | null;
  readonly aprobacion_con_reg: Percent | null;
}

export const INDICATOR_KEYS = RATE_KEYS satisfies readonly (keyof IndicatorValues)[];
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/**
 * All indicators of one unit and year. `next` is year n+1 (null when it is not in the data, which makes
 * abandono and retención null); `twoBefore` is year n−2 (null makes ET null).
 */
export function computeIndicators(
  current: FlowCounts,
  next: Pick<FlowCounts, 'mt' | 'ni1'> | null,
  twoBefore: Pick<FlowCounts, 'ni1'> | null,
): IndicatorValues {
  const { mt, ex, ap, reg, eg } = current;
  const ae = next ? abandono(mt, eg, next.mt, next.ni1) : null;
  return {
    abandono: ae,
    abandono_intra: abandonoIntra(mt, ex),
    abandono_inter: next ? abandonoInter(mt, ex, eg, next.mt, next.ni1) : null,
    retencion: retencion(ae),
    eficiencia_terminal: twoBefore ? eficienciaTerminal(eg, twoBefore.ni1) : null,
    reprobacion: reprobacion(ex, ap),
    reprobacion_con_reg: reprobacionConReg(ex, ap, reg),
    aprobacion: aprobacion(ex, ap),
    aprobacion_con_reg: aprobacionConReg(ex, ap, reg),
  };
}

/** Round half-up for display only (SEP shows 1 decimal; CONALEP shows ET with 2). */
export function roundHalfUp(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const shifted = Math.abs(value) * f;
  // Nudge by a relative epsilon so that 12.345 (stored as 12.34499…) rounds to 12.35.
  const rounded = Math.floor(shifted + 0.5 + shifted * Number.EPSILON * 4) / f;
  return Math.sign(value) * rounded;
}
