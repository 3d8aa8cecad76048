/** Nacional: key figures against the baseline, trend, choropleth of the states and the state ranking. */
import { useMemo } from 'react';
import { api } from '../../api/client';
import { useApp } from '../../app/context';
import { Chart } from '../../components/charts/Chart';
import { KpiGrid } from '../../components/KpiGrid';
import { Provenance } from '../../components/Provenance';
import { chartProvenance, latestYearOf } from '../../components/provenance';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { catalog } from '../../lib/catalog';
import { cx } from '../../lib/cx';
import { INDICATORS } from '../../lib/indicators';
import { linkTo } from '../../lib/route';
import { combine, useApi } from '../../lib/useApi';
import { navigate } from '../../lib/useRoute';
import { PublishedPanel } from './PublishedPanel';
import { RankingTable } from './RankingTable';
import { nationalTrendSpec, stateMapSpec, stateRanking } from './shape';
import styles from './NacionalPage.module.css';

export function NacionalPage() {
  const { t, lang } = useI18n();
  const { route, selection, years } = useApp();
  const { year, indicator } = selection;
  const indName = t(`ind.${indicator}`);
  const valueLabel = INDICATORS[indicator].kind === 'percent' ? `${indName} (%)` : indName;

  const summary = useApi('summary:national', (s) => api.summary('national', undefined, s));
  const trend = useApi('indicators:national', (s) => api.indicators({ level: 'national' }, s));
  const stateRows = useApi(`indicators:state:${year}`, (s) => api.indicators({ level: 'state', year }, s));
  const baseRows = useApi(`indicators:state:${years.baseline}`, (s) =>
    api.indicators({ level: 'state', year: years.baseline }, s),
  );
  const geo = useApi('geo+states', () => Promise.all([catalog.geo(), catalog.states()]));

  const mapState = combine(geo.state, stateRows.state);
  const mapSpec = useMemo(() => {
    if (mapState.status !== 'ok') return null;
    const [[g, states], { rows }] = mapState.data;
    return stateMapSpec(rows, g, indicator, states, {
      title: t('nacional.map', { indicator: indName, year }),
      description: t('chart.clickHint'),
      valueLabel,
      regionLabel: t('ranking.state'),
    });
    // mapState is rebuilt on each render; geo.state and stateRows.state are its identity.
  }, [geo.state, stateRows.state, indicator, indName, year, valueLabel, t]);
  const trendSpec = useMemo(
    () =>
      trend.state.status === 'ok'
        ? nationalTrendSpec(trend.state.data.rows, indicator, t('level.national'), {
            title: t('nacional.trend', { indicator: indName }),
            categoryLabel: t('chart.year'),
            valueLabel,
          })
        : null,
    [trend.state, indicator, indName, valueLabel, t],
  );

  return (
    <div className="page">
      <h1>{t('nacional.title')}</h1>
      <Async state={summary.state} reload={summary.reload}>
        {(data) => <KpiGrid summary={data} year={year} />}
      </Async>

      <div className={styles.gridMap}>
        <section className="panel" aria-label={t('nacional.map', { indicator: indName, year })}>
          <Async
            state={mapState}
            reload={() => {
              geo.reload();
              stateRows.reload();
            }}
          >
            {() =>
              mapSpec && (
                <Chart
                  spec={mapSpec}
                  testId="state-map"
                  onSelect={(id) => navigate(linkTo(route, { view: 'estado', unit: id }))}
                />
              )
            }
          </Async>
          {INDICATORS[indicator].needsNextYear && <p className="note">{t('ind.nullHint')}</p>}
          <Provenance
            subject={t('nacional.map', { indicator: indName, year })}
            testId="prov-map"
            lines={chartProvenance(lang, indicator, years.years.at(-1) ?? null)}
          />
        </section>

        <section className={cx('panel', styles.scrollPanel)}>
          <Async state={stateRows.state} reload={stateRows.reload}>
            {(data) => (
              <RankingTable
                entries={stateRanking(
                  data.rows,
                  baseRows.state.status === 'ok' ? baseRows.state.data.rows : [],
                  indicator,
                )}
                indicator={indicator}
                caption={t('nacional.ranking', { indicator: indName, year })}
                unitHeader={t('ranking.state')}
                view="estado"
                {...(baseRows.state.status === 'ok' ? { baseYear: years.baseline } : {})}
              />
            )}
          </Async>
        </section>
      </div>

      <section className="panel">
        <Async state={trend.state} reload={trend.reload}>
          {(data) =>
            trendSpec && (
              <>
                <Chart spec={trendSpec} />
                <Provenance
                  subject={t('nacional.trend', { indicator: indName })}
                  testId="prov-trend"
                  lines={chartProvenance(lang, indicator, latestYearOf(data.rows))}
                />
              </>
            )
          }
        </Async>
      </section>

      <PublishedPanel />
    </div>
  );
}
