/** One key figure: its value, the year, and the change against the baseline year. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { cx } from '../lib/cx';
import styles from './KpiCard.module.css';

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
    <article className={styles.kpi} aria-label={label}>
      <p className={styles.label}>{label}</p>
      <p className={styles.value} data-testid={`kpi-${id}`}>
        {value}
      </p>
      {year && <p className={styles.year}>{t('kpi.year', { year })}</p>}
      {change && change.sense !== 'unknown' && (
        <p className={cx(styles.change, change.sense)}>
          <span className="arrow" aria-hidden="true">
            {change.sense === 'same' ? '■' : (change.delta ?? 0) > 0 ? '▲' : '▼'}
          </span>{' '}
          {change.text} <span className="visually-hidden">({senseText})</span>
          {baseText && <span className={styles.base}> · {baseText}</span>}
        </p>
      )}
      {children}
    </article>
  );
}

/** The row of key figure cards: a labelled section laid out as a grid. */
export function KpiRow({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <section className={styles.row} aria-label={label}>
      {children}
    </section>
  );
}
