/** The campuses of a state, each linked to its page, with the selected indicator and enrollment. */
import type { IndicatorRow } from '../../api/models';
import type { Campus } from '../../api/models';
import { useApp } from '../../app/context';
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
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid="campus-list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ranking.campus')}</th>
            <th scope="col">CCT</th>
            <th scope="col" className="num">
              {t(`ind.${indicator}`)}
            </th>
            {showPublished && (
              <th scope="col" className="num">
                {t('published.column')}
              </th>
            )}
            <th scope="col" className="num">
              {t('ranking.mt')}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.campus.cct} data-unit={e.campus.cct}>
              <th scope="row">
                <Link to={linkTo(route, { view: 'plantel', unit: e.campus.cct })}>{e.campus.name}</Link>
              </th>
              <td>
                <code>{e.campus.cct}</code>
              </td>
              <td className="num">{ind(indicator, e.value)}</td>
              {showPublished && <td className="num">{pct(published.get(e.campus.cct) ?? null)}</td>}
              <td className="num">{num(e.row?.mt ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
