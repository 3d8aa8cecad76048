/** The campuses of a state, each linked to its page, with the selected indicator and enrollment. */
import type { IndicatorRow } from '../../api/models';
import type { Campus } from '../../api/models';
import { useApp } from '../../app/context';
import { DataTable } from '../../components/DataTable';
import { Link } from '../../components/Link';
import { Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import type { IndicatorKey } from '../../lib/indicators';
import { linkTo } from '../../lib/route';
import { campusEntries } from './shape';

export interface CampusListProps {
  readonly campuses: readonly Campus[];
  readonly rows: readonly IndicatorRow[];
  readonly indicator: IndicatorKey;
  readonly caption: string;
  /** Published abandono by CCT for the selected year, shown beside the computed one when given. */
  readonly published?: ReadonlyMap<string, number>;
}

export function CampusList({ campuses, rows, indicator, caption, published }: CampusListProps) {
  const { t, ind, num, pct } = useI18n();
  const showPublished = indicator === 'abandono' && published !== undefined && published.size > 0;
  const { route } = useApp();
  const entries = campusEntries(campuses, rows, indicator);
  if (entries.length === 0) return <Empty />;
  return (
    <DataTable
      rows={entries}
      columns={[
        {
          key: 'campus',
          header: t('ranking.campus'),
          rowHeader: true,
          cell: (e) => (
            <Link to={linkTo(route, { view: 'plantel', unit: e.campus.cct })}>{e.campus.name}</Link>
          ),
        },
        { key: 'cct', header: 'CCT', cell: (e) => <code>{e.campus.cct}</code> },
        { key: 'value', header: t(`ind.${indicator}`), numeric: true, cell: (e) => ind(indicator, e.value) },
        showPublished && {
          key: 'published',
          header: t('published.column'),
          numeric: true,
          cell: (e) => pct(published.get(e.campus.cct) ?? null),
        },
        { key: 'mt', header: t('ranking.mt'), numeric: true, cell: (e) => num(e.row?.mt ?? null) },
      ]}
      rowKey={(e) => e.campus.cct}
      rowAttrs={(e) => ({ 'data-unit': e.campus.cct })}
      caption={caption}
      region={caption}
      testId="campus-list"
    />
  );
}
