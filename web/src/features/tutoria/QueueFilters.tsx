/** The queue's filters (group, band, days without action) and sort order. */
import { useI18n } from '../../i18n/I18nProvider';
import { QUEUE_SORTS, type QueueFilter } from '../../../../src/domain/worklist-view';
import styles from './tutoria.module.css';

const DAY_STEPS = [7, 14, 30] as const;

export function QueueFilters({
  groups,
  filter,
  onChange,
}: {
  readonly groups: readonly string[];
  readonly filter: QueueFilter;
  readonly onChange: (f: QueueFilter) => void;
}) {
  const { t, tp } = useI18n();
  const set = (patch: Partial<Record<keyof QueueFilter, unknown>>) => {
    const next = { ...filter, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === '') delete next[k];
    onChange(next);
  };
  return (
    <div className={styles.queueFilters} role="group" aria-label={t('tutoria.filters')}>
      <label>
        {t('tutoria.group')}
        <select
          data-testid="filter-group"
          value={filter.group ?? ''}
          onChange={(e) => set({ group: e.target.value || undefined })}
        >
          <option value="">{t('tutoria.all')}</option>
          {groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('risk.flag')}
        <select
          data-testid="filter-flag"
          value={filter.flag ?? ''}
          onChange={(e) => set({ flag: e.target.value || undefined })}
        >
          <option value="">{t('tutoria.all')}</option>
          <option value="rojo">{t('risk.flag.rojo')}</option>
          <option value="amarillo">{t('risk.flag.amarillo')}</option>
        </select>
      </label>
      <label>
        {t('tutoria.withoutAction')}
        <select
          data-testid="filter-days"
          value={filter.minDays === undefined ? '' : String(filter.minDays)}
          onChange={(e) => set({ minDays: e.target.value === '' ? undefined : Number(e.target.value) })}
        >
          <option value="">{t('tutoria.all')}</option>
          {DAY_STEPS.map((d) => (
            <option key={d} value={d}>
              {tp('tutoria.atLeastDays', d, { n: d })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tutoria.sort')}
        <select
          data-testid="filter-sort"
          value={filter.sort ?? 'rank'}
          onChange={(e) => set({ sort: e.target.value === 'rank' ? undefined : e.target.value })}
        >
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`tutoria.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
