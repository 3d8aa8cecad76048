/**
 * Modelo: the risk model report: metrics on the temporal test (logistic, trees and rules side by side),
 * calibration, capacity (individual scoring vs campus-level targeting vs rules), fairness gaps and the
 * model card in the current language.
 */
import { useMemo } from 'react';
import { Chart } from '../../components/charts/Chart';
import { DataTable } from '../../components/DataTable';
import styles from './ModeloPage.module.css';
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
      <DataTable
        rows={['logistic', 'gbt', 'rules'] as const}
        columns={[
          {
            key: 'method',
            header: t('model.method'),
            rowHeader: true,
            cell: (k) => (
              <>
                {t(`model.method.${k}`)}
                {k === m.chosen ? ' ✔' : ''}
              </>
            ),
          },
          { key: 'roc', header: 'ROC-AUC', numeric: true, cell: (k) => d(m.methods[k].rocAuc) },
          { key: 'pr', header: 'PR-AUC', numeric: true, cell: (k) => d(m.methods[k].prAuc) },
          {
            key: 'brier',
            header: 'Brier',
            numeric: true,
            cell: (k) => (m.methods[k].brier === null ? '—' : num(m.methods[k].brier, 4)),
          },
        ]}
        rowKey={(k) => k}
        caption={t('model.metrics')}
        region={t('model.metrics')}
        testId="model-metrics"
      />
      <section className="panel">
        <Chart spec={calibration} testId="model-calibration" />
      </section>
      <section className="panel">
        <h2>
          {t('model.capacity', { share: pct(m.capacity.share * 100, 0), places: num(m.capacity.places) })}
        </h2>
        <DataTable
          rows={['individual', 'campus', 'rules'] as const}
          columns={[
            {
              key: 'strategy',
              header: t('model.strategy'),
              rowHeader: true,
              cell: (k) => t(`model.strategy.${k}`),
            },
            {
              key: 'precision',
              header: t('model.precision'),
              numeric: true,
              cell: (k) => p(m.capacity[k].precision),
            },
            { key: 'recall', header: t('model.recall'), numeric: true, cell: (k) => p(m.capacity[k].recall) },
          ]}
          rowKey={(k) => k}
          bare
          testId="model-capacity"
        />
      </section>
      <section className="panel">
        <h2>{t('model.fairness')}</h2>
        <p className="muted">{t('model.fairnessHelp')}</p>
        <DataTable
          rows={(['model', 'rules'] as const).flatMap((who) => m.fairness[who].map((f) => ({ who, f })))}
          columns={[
            { key: 'dimension', header: t('model.dimension'), rowHeader: true, cell: ({ f }) => f.dimension },
            {
              key: 'method',
              header: t('model.method'),
              cell: ({ who }) => (who === 'model' ? t(`model.method.${m.chosen}`) : t('model.method.rules')),
            },
            {
              key: 'fpr',
              header: t('model.fprGap'),
              numeric: true,
              cell: ({ f }) => (
                <>
                  {p(f.fprGap)} {f.fprGapGroups ? `(${f.fprGapGroups.join(' / ')})` : ''}
                </>
              ),
            },
            {
              key: 'fnr',
              header: t('model.fnrGap'),
              numeric: true,
              cell: ({ f }) => (
                <>
                  {p(f.fnrGap)} {f.fnrGapGroups ? `(${f.fnrGapGroups.join(' / ')})` : ''}
                </>
              ),
            },
          ]}
          rowKey={({ who, f }) => `${who}-${f.dimension}`}
          bare
          testId="model-fairness"
        />
      </section>
      <section className="panel">
        <h2>{t('model.card')}</h2>
        <pre className={styles.card} data-testid="model-card">
          {lang === 'en' ? report.cardEn : report.cardEs}
        </pre>
      </section>
    </>
  );
}
