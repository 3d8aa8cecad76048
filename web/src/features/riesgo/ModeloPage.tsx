/**
 * Modelo: the risk model report: metrics on the temporal test (logistic, trees and rules side by side),
 * calibration, capacity (individual scoring vs campus-level targeting vs rules), fairness gaps and the
 * model card in the current language.
 */
import { useMemo } from 'react';
import { Chart } from '../../components/charts/Chart';
import type { LineSpec } from '../../components/charts/spec';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi } from '../../lib/useApi';
import { riesgoApi, type ModelReport } from './api';
import { RiskSetupNotice } from './RiskSetup';

export function ModeloPage() {
  const { t } = useI18n();
  const report = useApi('risk:model', (s) => riesgoApi.model(s));
  return (
    <div className="page">
      <h1>{t('model.title')}</h1>
      <p className="muted">{t('model.intro')}</p>
      {report.state.status === 'error' && report.state.error.code === 'no_risk_model' ? (
        <RiskSetupNotice onDone={report.reload} fallback={t('model.none')} />
      ) : (
        <Async state={report.state} reload={report.reload}>
          {(r) => <Report report={r} />}
        </Async>
      )}
    </div>
  );
}

function Report({ report }: { readonly report: ModelReport }) {
  const { t, lang, num, pct, date } = useI18n();
  const m = report.metrics;
  const calibration = useMemo<LineSpec>(
    () => ({
      kind: 'line',
      title: t('model.calibration'),
      categoryLabel: t('model.predicted'),
      valueLabel: t('model.observed'),
      format: { kind: 'percent', decimals: 1 },
      categories: m.calibration.map((b) => (b.meanPredicted * 100).toFixed(1)),
      series: [
        { name: t('model.observed'), values: m.calibration.map((b) => b.observedRate * 100) },
        { name: t('model.predicted'), values: m.calibration.map((b) => b.meanPredicted * 100), dashed: true },
      ],
    }),
    [m, t],
  );
  const d = (v: number | null) => (v === null ? '—' : num(v, 3));
  const p = (v: number | null) => (v === null ? '—' : pct(v * 100, 1));
  return (
    <>
      <p data-testid="model-version">
        {t('model.version', {
          v: num(report.version),
          cutoff: date(report.dataCutoff),
          date: date(report.createdAt.slice(0, 10)),
        })}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('model.metrics')}>
        <table data-testid="model-metrics">
          <caption>{t('model.metrics')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('model.method')}</th>
              <th scope="col" className="num">
                ROC-AUC
              </th>
              <th scope="col" className="num">
                PR-AUC
              </th>
              <th scope="col" className="num">
                Brier
              </th>
            </tr>
          </thead>
          <tbody>
            {(['logistic', 'gbt', 'rules'] as const).map((k) => (
              <tr key={k}>
                <th scope="row">
                  {t(`model.method.${k}`)}
                  {k === m.chosen ? ' ✔' : ''}
                </th>
                <td className="num">{d(m.methods[k].rocAuc)}</td>
                <td className="num">{d(m.methods[k].prAuc)}</td>
                <td className="num">{m.methods[k].brier === null ? '—' : num(m.methods[k].brier, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel">
        <Chart spec={calibration} testId="model-calibration" />
      </section>
      <section className="panel">
        <h2>
          {t('model.capacity', { share: pct(m.capacity.share * 100, 0), places: num(m.capacity.places) })}
        </h2>
        <table data-testid="model-capacity">
          <thead>
            <tr>
              <th scope="col">{t('model.strategy')}</th>
              <th scope="col" className="num">
                {t('model.precision')}
              </th>
              <th scope="col" className="num">
                {t('model.recall')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(['individual', 'campus', 'rules'] as const).map((k) => (
              <tr key={k}>
                <th scope="row">{t(`model.strategy.${k}`)}</th>
                <td className="num">{p(m.capacity[k].precision)}</td>
                <td className="num">{p(m.capacity[k].recall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{t('model.fairness')}</h2>
        <p className="muted">{t('model.fairnessHelp')}</p>
        <table data-testid="model-fairness">
          <thead>
            <tr>
              <th scope="col">{t('model.dimension')}</th>
              <th scope="col">{t('model.method')}</th>
              <th scope="col" className="num">
                {t('model.fprGap')}
              </th>
              <th scope="col" className="num">
                {t('model.fnrGap')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(['model', 'rules'] as const).flatMap((who) =>
              m.fairness[who].map((f) => (
                <tr key={`${who}-${f.dimension}`}>
                  <th scope="row">{f.dimension}</th>
                  <td>{who === 'model' ? t(`model.method.${m.chosen}`) : t('model.method.rules')}</td>
                  <td className="num">
                    {p(f.fprGap)} {f.fprGapGroups ? `(${f.fprGapGroups.join(' / ')})` : ''}
                  </td>
                  <td className="num">
                    {p(f.fnrGap)} {f.fnrGapGroups ? `(${f.fnrGapGroups.join(' / ')})` : ''}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{t('model.card')}</h2>
        <pre className="model-card" data-testid="model-card">
          {lang === 'en' ? report.cardEn : report.cardEs}
        </pre>
      </section>
    </>
  );
}
