/** The unit's indicators of the year next to its parent level's, with the difference in points. */
import { DataTable } from '../../components/DataTable';
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
  const changeOf = (r: Comparison) => (r.delta === null ? null : change(r.key, r.unit, r.parent));
  return (
    <DataTable
      rows={rows}
      columns={[
        { key: 'indicator', header: t('unit.indicator'), rowHeader: true, cell: (r) => t(`ind.${r.key}`) },
        {
          key: 'unit',
          header: unitName,
          numeric: true,
          cell: (r) => ind(r.key, r.unit),
          attrs: (r) => ({ 'data-testid': `unit-${r.key}` }),
        },
        parentName !== null &&
          parentName !== '' && {
            key: 'parent',
            header: parentName,
            numeric: true,
            cell: (r) => ind(r.key, r.parent),
          },
        parentName !== null &&
          parentName !== '' && {
            key: 'difference',
            header: t('unit.difference'),
            numeric: true,
            cell: (r) => {
              const c = changeOf(r);
              return (
                <>
                  {c ? c.text : INDICATORS[r.key].kind === 'count' ? '' : '—'}
                  {c && c.sense !== 'unknown' && c.sense !== 'same' && (
                    <span className="visually-hidden">
                      {' '}
                      ({t(c.sense === 'better' ? 'kpi.better' : 'kpi.worse')})
                    </span>
                  )}
                </>
              );
            },
            attrs: (r) => ({ className: `change ${changeOf(r)?.sense ?? ''}` }),
          },
      ]}
      rowKey={(r) => r.key}
      rowAttrs={(r) => ({ 'data-indicator': r.key })}
      caption={caption}
      region={caption}
      testId="comparison-table"
    />
  );
}
