/**
 * Published vs computed campus dropout: the ministry's published rates (imported file) beside the ones the
 * records give under the same SEP formula, with their correlation and the campuses that differ most.
 */
import { api, downloadUrl } from '../../api/client';
import type { PublishedComparison } from '../../api/models';
import { useApp } from '../../app/context';
import { DataTable } from '../../components/DataTable';
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
            <DataTable
              rows={largestDifferences(c)}
              columns={[
                {
                  key: 'campus',
                  header: t('ranking.campus'),
                  rowHeader: true,
                  cell: (r) => <Link to={linkTo(route, { view: 'plantel', unit: r.cct })}>{r.name}</Link>,
                },
                { key: 'state', header: t('ranking.state'), cell: (r) => r.state },
                {
                  key: 'published',
                  header: t('published.published'),
                  numeric: true,
                  cell: (r) => pct(r.published),
                },
                {
                  key: 'computed',
                  header: t('published.computed'),
                  numeric: true,
                  cell: (r) => pct(r.computed),
                },
                {
                  key: 'difference',
                  header: t('unit.difference'),
                  numeric: true,
                  cell: (r) => t('published.points', { value: num(r.difference, 1) }),
                },
              ]}
              rowKey={(r) => r.cct}
              rowAttrs={(r) => ({ 'data-unit': r.cct })}
              caption={t('published.largest')}
              region={t('published.largest')}
              testId="published-table"
            />
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
