/** The row of key figure cards of a unit (nation, state, campus, program) from GET /summary. */
import type { Summary } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { summaryKpis } from '../lib/kpis';
import { KpiCard } from './KpiCard';

export function KpiGrid({ summary }: { readonly summary: Summary }) {
  const { t, ind, num, change } = useI18n();
  return (
    <section className="kpis" aria-label={t('kpi.title')}>
      {summaryKpis(summary).map((k) => {
        const value = k.indicator ? ind(k.indicator, k.value) : num(k.value);
        const delta =
          k.indicator && k.base !== undefined && k.baseYear
            ? change(k.indicator, k.value, k.base)
            : undefined;
        return (
          <KpiCard
            key={k.id}
            id={k.id}
            label={t(k.label)}
            value={value}
            {...(k.year ? { year: k.year } : {})}
            {...(delta ? { change: delta } : {})}
            {...(k.indicator && k.baseYear
              ? { baseText: t('kpi.vsBase', { year: k.baseYear, value: ind(k.indicator, k.base ?? null) }) }
              : {})}
          />
        );
      })}
    </section>
  );
}
