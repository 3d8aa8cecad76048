/**
 * The row of key figure cards of a unit (nation, state, campus, program) from GET /summary, for the
 * selected school year when one is given (computed from the yearly rows the summary carries).
 */
import type { Summary } from '../api/models';
import { useI18n } from '../i18n/I18nProvider';
import { summaryKpis } from '../lib/kpis';
import { KpiCard, KpiRow } from './KpiCard';
import { cx } from '../lib/cx';
import styles from './KpiCard.module.css';
import { Provenance } from './Provenance';
import { baselineNote, kpiProvenance, summaryForYear } from './provenance';

export function KpiGrid({ summary, year }: { readonly summary: Summary; readonly year?: string }) {
  const { t, ind, num, change, lang } = useI18n();
  const shown = summaryForYear(summary, year);
  const note = baselineNote(lang, shown);
  return (
    <>
      <KpiRow label={t('kpi.title')}>
        {summaryKpis(shown).map((k) => {
          const value = k.indicator ? ind(k.indicator, k.value) : num(k.value);
          const delta =
            k.indicator && k.base !== undefined && k.baseYear
              ? change(k.indicator, k.value, k.base)
              : undefined;
          const label = t(k.label);
          return (
            <KpiCard
              key={k.id}
              id={k.id}
              label={label}
              value={value}
              {...(k.year ? { year: k.year } : {})}
              {...(delta ? { change: delta } : {})}
              {...(k.indicator && k.baseYear
                ? { baseText: t('kpi.vsBase', { year: k.baseYear, value: ind(k.indicator, k.base ?? null) }) }
                : {})}
            >
              <Provenance
                subject={label}
                testId={`prov-${k.id}`}
                lines={kpiProvenance(lang, shown, {
                  key: k.id,
                  ...(k.year ? { year: k.year } : {}),
                  ...(k.baseYear ? { baseYear: k.baseYear } : {}),
                })}
              />
            </KpiCard>
          );
        })}
      </KpiRow>
      {note && (
        <p className={cx('note', styles.note)} data-testid="kpi-note">
          {note}
        </p>
      )}
    </>
  );
}
