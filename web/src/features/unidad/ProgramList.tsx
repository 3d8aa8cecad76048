/**
 * The programs of a campus, worst first by the selected indicator, each linked to its program page. Shown to
 * the users whose scope is that campus (campus directors, tutors): the API restricts program figures to it.
 */
import { api } from '../../api/client';
import type { IndicatorRow } from '../../api/models';
import { useApp } from '../../app/context';
import { Link } from '../../components/Link';
import { Async, Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { INDICATORS, type IndicatorKey } from '../../lib/indicators';
import { linkTo } from '../../lib/route';
import { useApi } from '../../lib/useApi';

export function ProgramList({ unitName }: { readonly unitName: string }) {
  const { t, ind, num } = useI18n();
  const { route, selection } = useApp();
  const { year, indicator } = selection;
  const rows = useApi(`ind:program:own:${year}`, (s) => api.indicators({ level: 'program', year }, s));
  const caption = t('unit.programsOf', { unit: unitName, year });
  const value = (r: IndicatorRow, k: IndicatorKey): number | null => {
    const v = (r as unknown as Record<string, unknown>)[k];
    return typeof v === 'number' ? v : null;
  };
  return (
    <section className="panel" aria-labelledby="programs-title">
      <h2 id="programs-title">{caption}</h2>
      <Async state={rows.state} reload={rows.reload}>
        {(data) => {
          const list = data.rows
            .filter((r) => r.sex === null)
            .sort((a, b) => {
              const va = value(a, indicator) ?? Number.NEGATIVE_INFINITY;
              const vb = value(b, indicator) ?? Number.NEGATIVE_INFINITY;
              return INDICATORS[indicator].higherIsBetter ? va - vb : vb - va;
            });
          if (list.length === 0) return <Empty />;
          return (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('unit.programsTable')}>
              <table data-testid="program-list">
                <thead>
                  <tr>
                    <th scope="col">{t('ranking.program')}</th>
                    <th scope="col" className="num">
                      {t(`ind.${indicator}`)}
                    </th>
                    <th scope="col" className="num">
                      {t('ranking.mt')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.unit_id} data-unit={r.unit_id}>
                      <th scope="row">
                        <Link to={linkTo(route, { view: 'carrera', unit: r.unit_id })}>{r.unit_name}</Link>
                      </th>
                      <td className="num">{ind(indicator, value(r, indicator))}</td>
                      <td className="num">{num(r.mt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
    </section>
  );
}
