/**
 * Efectos: each intervention type's effect on leaving school during the year, adjusted for who received it
 * (doubly robust AIPW with boosted trees, 95 % interval, E-value), next to the naive comparison; on demo data, the true
 * effect of the generator too.
 */
import { useMemo } from 'react';
import { Chart } from '../../components/charts/Chart';
import { DataTable } from '../../components/DataTable';
import type { BarSpec } from '../../components/charts/spec';
import { AnalysisProgress, StaleNote, useAnalysis } from '../../components/AnalysisProgress';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { tutoriaApi, type EffectsReport } from '../tutoria/api';

export function EfectosPage() {
  const { t, lang, num } = useI18n();
  const report = useAnalysis('effects', (s) => tutoriaApi.effects(s));
  const pts = (x: number | null | undefined) => (x === null || x === undefined ? '—' : num(x * 100, 2));
  return (
    <div className="page">
      <h1>{t('efectos.title')}</h1>
      <p className="muted">{t('efectos.intro')}</p>
      {report.job ? (
        <AnalysisProgress job={report.job} />
      ) : (
        <Async state={report.state} reload={report.reload}>
          {(r) => (
            <>
              <StaleNote data={r} />
              <p className="muted" data-testid="effects-method">
                {t('efectos.method', { splits: num(splitsOf(r)) })}. {t('efectos.outcome')}.{' '}
                {t('efectos.units', { n: num(r.studentYears), from: r.fromSchoolYear ?? '—' })}
              </p>
              <EffectsChart report={r} />
              <DataTable
                rows={r.effects}
                columns={[
                  { key: 'kind', header: t('efectos.kind'), cell: (e) => e.label[lang] },
                  {
                    key: 'treated',
                    header: t('efectos.treated'),
                    cell: (e) => (e.estimate ? num(e.estimate.treated) : '—'),
                  },
                  { key: 'naive', header: t('efectos.naive'), cell: (e) => pts(e.estimate?.naive.estimate) },
                  {
                    key: 'adjusted',
                    header: t('efectos.adjusted'),
                    cell: (e) => pts(e.estimate?.att.estimate),
                  },
                  {
                    key: 'interval',
                    header: t('efectos.interval'),
                    cell: (e) =>
                      e.estimate
                        ? `${pts(e.estimate.att.low)} – ${pts(e.estimate.att.high)}`
                        : e.note === null
                          ? '—'
                          : lang === 'es'
                            ? e.note
                            : t('efectos.insufficient'),
                  },
                  {
                    key: 'truth',
                    header: t('efectos.truth'),
                    cell: (e) => (e.truth ? pts(e.truth.attYearExitRiskDifference) : '—'),
                  },
                ]}
                rowKey={(e) => e.kind}
                rowAttrs={(e) => ({ 'data-testid': 'effects-row', 'data-kind': e.kind })}
                bare
                className="data-table"
                testId="effects-table"
              />
              <p className="muted">{t('efectos.reading')}</p>
            </>
          )}
        </Async>
      )}
    </div>
  );
}

/** The splits the estimates are medians over (the method names them); the estimator's default before any. */
const splitsOf = (r: EffectsReport): number => r.effects.find((e) => e.estimate)?.estimate?.splits ?? 3;

function EffectsChart({ report }: { readonly report: EffectsReport }) {
  const { t, lang } = useI18n();
  const spec = useMemo<BarSpec>(
    () => ({
      kind: 'bar',
      title: t('efectos.chart'),
      categoryLabel: t('efectos.kind'),
      valueLabel: t('efectos.points'),
      format: { kind: 'number', decimals: 2 },
      categories: report.effects.map((e) => e.label[lang]),
      series: [
        {
          name: t('efectos.naive'),
          values: report.effects.map((e) => (e.estimate ? e.estimate.naive.estimate * 100 : null)),
        },
        {
          name: t('efectos.adjusted'),
          values: report.effects.map((e) => (e.estimate ? e.estimate.att.estimate * 100 : null)),
        },
      ],
    }),
    [report, t, lang],
  );
  return <Chart spec={spec} testId="effects-chart" />;
}
