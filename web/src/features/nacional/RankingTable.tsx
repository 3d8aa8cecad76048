/** States (or campuses, programs) ranked by the selected indicator, each linked to its page. */
import { useApp } from '../../app/context';
import { Link } from '../../components/Link';
import { useI18n } from '../../i18n/I18nProvider';
import { INDICATORS, type IndicatorKey } from '../../lib/indicators';
import { linkTo, type View } from '../../lib/route';
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
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid="ranking-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('ranking.rank')}
            </th>
            <th scope="col">{unitHeader}</th>
            <th scope="col" className="num">
              {t(`ind.${indicator}`)}
            </th>
            {baseYear && (
              <th scope="col" className="num">
                {t('ranking.change', { year: baseYear })}
              </th>
            )}
            {meta.key !== 'mt' && (
              <th scope="col" className="num">
                {t('ranking.mt')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const c = change(indicator, e.value, e.base);
            return (
              <tr
                key={e.row.unit_id}
                data-unit={e.row.unit_id}
                className={e.row.unit_id === highlightId ? 'highlight' : undefined}
              >
                <td className="num">{e.rank}</td>
                <th scope="row">
                  <Link to={linkTo(route, { view, unit: e.row.unit_id })}>{e.row.unit_name}</Link>
                </th>
                <td className="num" data-testid="ranking-value">
                  {ind(indicator, e.value)}
                </td>
                {baseYear && <td className={`num change ${c.sense}`}>{c.text}</td>}
                {meta.key !== 'mt' && <td className="num">{num(e.row.mt)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
