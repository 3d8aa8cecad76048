/**
 * Published vs computed campus dropout: the ministry's published rates (imported file) beside the ones the
 * records give under the same SEP formula, with their correlation and the campuses that differ most.
 */
import { api, downloadUrl } from '../../api/client';
import type { PublishedComparison } from '../../api/models';
import { useApp } from '../../app/context';
import { Link } from '../../components/Link';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { linkTo } from '../../lib/route';
import { useApi } from '../../lib/useApi';

const SHOWN = 10;

/** The campuses with both rates, largest absolute difference first. */
export function largestDifferences(c: PublishedComparison, n = SHOWN) {
  return c.rows
    .filter((r) => r.difference !== null)
    .sort((a, b) => Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0))
    .slice(0, n);
}

export function PublishedPanel() {
  const { t, num, pct } = useI18n();
  const { route } = useApp();
  const published = useApi('published:national', (s) => api.publishedDropout({}, s));
  return (
    <section className="panel" data-testid="published-panel">
      <Async state={published.state} reload={published.reload}>
        {(c) => (
          <>
            <h2>{t('published.title', { year: c.schoolYear })}</h2>
            <p>
              {t('published.summary', {
                count: num(c.count),
                r: c.correlation === null ? '—' : num(c.correlation, 3),
              })}
            </p>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('published.largest')}>
              <table data-testid="published-table">
                <caption>{t('published.largest')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ranking.campus')}</th>
                    <th scope="col">{t('ranking.state')}</th>
                    <th scope="col" className="num">
                      {t('published.published')}
                    </th>
                    <th scope="col" className="num">
                      {t('published.computed')}
                    </th>
                    <th scope="col" className="num">
                      {t('unit.difference')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {largestDifferences(c).map((r) => (
                    <tr key={r.cct} data-unit={r.cct}>
                      <th scope="row">
                        <Link to={linkTo(route, { view: 'plantel', unit: r.cct })}>{r.name}</Link>
                      </th>
                      <td>{r.state}</td>
                      <td className="num">{pct(r.published)}</td>
                      <td className="num">{pct(r.computed)}</td>
                      <td className="num">{t('published.points', { value: num(r.difference, 1) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <a href={downloadUrl('/published/abandono', { year: c.schoolYear }, 'csv')} download>
                {t('published.download')}
              </a>
            </p>
          </>
        )}
      </Async>
    </section>
  );
}
