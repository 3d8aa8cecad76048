/** The unit's indicators of the year next to its parent level's, with the difference in points. */
import { useI18n } from '../../i18n/I18nProvider';
import { INDICATORS } from '../../lib/indicators';
import type { Comparison } from './shape';

export interface ComparisonTableProps {
  readonly rows: readonly Comparison[];
  readonly caption: string;
  readonly unitName: string;
  readonly parentName: string | null;
}

export function ComparisonTable({ rows, caption, unitName, parentName }: ComparisonTableProps) {
  const { t, ind, change } = useI18n();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid="comparison-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('unit.indicator')}</th>
            <th scope="col" className="num">
              {unitName}
            </th>
            {parentName && (
              <>
                <th scope="col" className="num">
                  {parentName}
                </th>
                <th scope="col" className="num">
                  {t('unit.difference')}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = r.delta === null ? null : change(r.key, r.unit, r.parent);
            return (
              <tr key={r.key} data-indicator={r.key}>
                <th scope="row">{t(`ind.${r.key}`)}</th>
                <td className="num" data-testid={`unit-${r.key}`}>
                  {ind(r.key, r.unit)}
                </td>
                {parentName && (
                  <>
                    <td className="num">{ind(r.key, r.parent)}</td>
                    <td className={`num change ${c?.sense ?? ''}`}>
                      {c ? c.text : INDICATORS[r.key].kind === 'count' ? '' : '—'}
                      {c && c.sense !== 'unknown' && c.sense !== 'same' && (
                        <span className="visually-hidden">
                          {' '}
                          ({t(c.sense === 'better' ? 'kpi.better' : 'kpi.worse')})
                        </span>
                      )}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
