/** One key figure: its value, the year, and the change against the baseline year. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface KpiCardProps {
  /** Test hook suffix: data-testid="kpi-<id>" on the value. */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly year?: string;
  readonly change?: {
    readonly text: string;
    readonly delta: number | null;
    readonly sense: 'better' | 'worse' | 'same' | 'unknown';
  };
  readonly baseText?: string;
  /** Shown under the figure (the "¿Cómo se calcula?" disclosure). */
  readonly children?: ReactNode;
}

export function KpiCard({ id, label, value, year, change, baseText, children }: KpiCardProps) {
  const { t } = useI18n();
  const senseText =
    change && change.sense !== 'unknown'
      ? t(change.sense === 'better' ? 'kpi.better' : change.sense === 'worse' ? 'kpi.worse' : 'kpi.same')
      : null;
  return (
    <article className="kpi" aria-label={label}>
      <p className="kpi-label">{label}</p>
      <p className="kpi-value" data-testid={`kpi-${id}`}>
        {value}
      </p>
      {year && <p className="kpi-year">{t('kpi.year', { year })}</p>}
      {change && change.sense !== 'unknown' && (
        <p className={`kpi-change ${change.sense}`}>
          <span className="arrow" aria-hidden="true">
            {change.sense === 'same' ? '■' : (change.delta ?? 0) > 0 ? '▲' : '▼'}
          </span>{' '}
          {change.text} <span className="visually-hidden">({senseText})</span>
          {baseText && <span className="kpi-base"> · {baseText}</span>}
        </p>
      )}
      {children}
    </article>
  );
}
