/** States (or campuses, programs) ranked by the selected indicator, each linked to its page. */
import { useApp } from '../../app/context';
import { DataTable } from '../../components/DataTable';
import { Link } from '../../components/Link';
import { useI18n } from '../../i18n/I18nProvider';
import { INDICATORS, type IndicatorKey } from '../../lib/indicators';
import { linkTo, type View } from '../../lib/route';
import styles from './NacionalPage.module.css';
import type { RankingEntry } from './shape';

export interface RankingTableProps {
  readonly entries: readonly RankingEntry[];
  readonly indicator: IndicatorKey;
  readonly caption: string;
  readonly unitHeader: string;
  readonly view: View;
  readonly baseYear?: string;
  readonly highlightId?: string;
}

export function RankingTable({
  entries,
  indicator,
  caption,
  unitHeader,
  view,
  baseYear,
  highlightId,
}: RankingTableProps) {
  const { t, ind, num, change } = useI18n();
  const { route } = useApp();
  const meta = INDICATORS[indicator];
  return (
    <DataTable
      rows={entries}
      columns={[
        { key: 'rank', header: t('ranking.rank'), numeric: true, cell: (e) => e.rank },
        {
          key: 'unit',
          header: unitHeader,
          rowHeader: true,
          cell: (e) => <Link to={linkTo(route, { view, unit: e.row.unit_id })}>{e.row.unit_name}</Link>,
        },
        {
          key: 'value',
          header: t(`ind.${indicator}`),
          numeric: true,
          cell: (e) => ind(indicator, e.value),
          attrs: () => ({ 'data-testid': 'ranking-value' }),
        },
        baseYear
          ? {
              key: 'change',
              header: t('ranking.change', { year: baseYear }),
              numeric: true,
              cell: (e) => change(indicator, e.value, e.base).text,
              attrs: (e) => ({ className: `change ${change(indicator, e.value, e.base).sense}` }),
            }
          : null,
        meta.key !== 'mt' && {
          key: 'mt',
          header: t('ranking.mt'),
          numeric: true,
          cell: (e) => num(e.row.mt),
        },
      ]}
      rowKey={(e) => e.row.unit_id}
      rowAttrs={(e) => ({
        'data-unit': e.row.unit_id,
        className: e.row.unit_id === highlightId ? styles.highlight : undefined,
      })}
      caption={caption}
      region={caption}
      testId="ranking-table"
    />
  );
}
