/** Key figure cards from GET /summary: the headline indicators against the baseline, then system size. */
import type { Summary } from '../api/models';
import type { MessageKey } from '../i18n/es';
import { isIndicatorKey, type IndicatorKey } from './indicators';

export interface KpiModel {
  /** data-testid suffix: kpi-mt, kpi-abandono, kpi-eficiencia_terminal, kpi-planteles… */
  readonly id: string;
  /** Message key of the label. */
  readonly label: MessageKey;
  /** Indicator for formatting and the good direction; counts of the system have none. */
  readonly indicator: IndicatorKey | null;
  readonly value: number | null;
  readonly year?: string;
  readonly base?: number | null;
  readonly baseYear?: string;
}

const HEADLINE: readonly IndicatorKey[] = ['mt', 'abandono', 'eficiencia_terminal'];

export function summaryKpis(summary: Summary): KpiModel[] {
  const byKey = new Map<string, Summary['headline'][number]>(summary.headline.map((k) => [k.key, k]));
  const ordered = [
    ...HEADLINE.filter((k) => byKey.has(k)),
    ...summary.headline
      .map((k): string => k.key)
      .filter((k): k is IndicatorKey => isIndicatorKey(k) && !HEADLINE.includes(k)),
  ];
  const headline = ordered.flatMap((key): KpiModel[] => {
    const k = byKey.get(key);
    if (!k) return [];
    return [
      {
        id: key,
        label: `ind.${key}`,
        indicator: key,
        value: k.value,
        year: k.year,
        base: k.base,
        baseYear: k.baseYear,
      },
    ];
  });
  const size: KpiModel[] = [
    { id: 'planteles', label: 'ind.planteles', indicator: null, value: numberOrNull(summary.campuses) },
    { id: 'carreras', label: 'ind.carreras', indicator: null, value: numberOrNull(summary.programs) },
    { id: 'docentes', label: 'ind.docentes', indicator: null, value: numberOrNull(summary.teachers) },
  ];
  return [...headline, ...size];
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
