/**
 * Generaciones: survival by semester of a generation and the ones before it, and its apparent ET next to
 * its true-cohort ET, with the API's explanation of why they differ.
 */
import { useMemo } from 'react';
import { api } from '../../api/client';
import type { CohortReport } from '../../api/models';
import { useApp } from '../../app/context';
import { Chart } from '../../components/charts/Chart';
import { DataTable } from '../../components/DataTable';
import { KpiCard, KpiRow } from '../../components/KpiCard';
import { Async, Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { formatSigned } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { AnalysisProgress, StaleNote, untilComputed, useAnalysis } from '../../components/AnalysisProgress';
import { cx } from '../../lib/cx';
import { navigate } from '../../lib/useRoute';
import styles from './GeneracionesPage.module.css';
import {
  comparisonGenerations,
  defaultGeneration,
  etComparisonSpec,
  generationsOf,
  survivalSpec,
} from './shape';

const COMPARED = 4;

export function GeneracionesPage() {
  const { t } = useI18n();
  const { route, years } = useApp();
  const all = useMemo(() => generationsOf(years), [years]);
  const generation =
    route.generation && all.includes(route.generation) ? route.generation : defaultGeneration(years);
  if (!generation) return <Empty />;
  return (
    <div className="page">
      <h1>{t('cohort.title')}</h1>
      <div className="filters inline">
        <label>
          {t('cohort.generation')}
          <select
            data-testid="generation-select"
            value={generation}
            onChange={(e) => navigate({ ...route, generation: e.target.value })}
          >
            {all.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
      </div>
      <CohortView generation={generation} all={all} />
    </div>
  );
}

function CohortView({ generation, all }: { readonly generation: string; readonly all: readonly string[] }) {
  const { t, lang, pct, num } = useI18n();
  const { route } = useApp();
  const unitQuery =
    route.level && route.level !== 'national' && route.unit ? { level: route.level, unit: route.unit } : {};
  const scopeKey = JSON.stringify(unitQuery);
  const report = useAnalysis(`cohort:${generation}:${scopeKey}`, (s) =>
    api.cohorts({ generation, ...unitQuery }, s),
  );
  const gens = comparisonGenerations(generation, all, COMPARED);
  const series = useApi(`cohorts:${gens.join(',')}:${scopeKey}`, async (s) => {
    const settled = await Promise.allSettled(
      gens.map((g) =>
        untilComputed(
          (s2) => api.cohorts({ generation: g, ...unitQuery }, s2),
          s,
          () => {},
        ),
      ),
    );
    return settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  });

  const charts = useMemo(() => {
    if (series.state.status !== 'ok') return null;
    const reports: CohortReport[] = series.state.data;
    return {
      survival: survivalSpec(reports, {
        title: t('cohort.survivalTitle'),
        categoryLabel: t('cohort.semester'),
        valueLabel: `${t('cohort.survival')} (%)`,
        semester: (n) => t('cohort.semesterN', { n }),
      }),
      et: etComparisonSpec(reports, {
        title: t('cohort.compare'),
        categoryLabel: t('cohort.generation'),
        valueLabel: t('cohort.etcAxis'),
        apparent: t('cohort.apparentShort'),
        trueCohort: t('cohort.trueShort'),
      }),
    };
  }, [series.state, t]);

  return report.job ? (
    <AnalysisProgress job={report.job} />
  ) : (
    <Async state={report.state} reload={report.reload}>
      {(r) => (
        <>
          <StaleNote data={r} />
          <p className="muted">
            {t('cohort.unit', { unit: r.unit.level === 'national' ? t('level.national') : r.unit.name })}
          </p>
          <KpiRow label={t('cohort.compare')}>
            <KpiCard
              id="cohort-entrants"
              label={t('cohort.entrants')}
              value={num(r.entrants)}
              year={r.entrySchoolYear}
            />
            <KpiCard
              id="cohort-apparent"
              label={t('cohort.apparent', { year: r.apparent.schoolYear })}
              value={pct(r.apparent.eficienciaTerminal, 2)}
            />
            <KpiCard
              id="cohort-true"
              label={t('cohort.true', { generation: r.generation })}
              value={pct(r.trueCohort.eficienciaTerminalCohorte, 2)}
            />
            <KpiCard
              id="cohort-difference"
              label={t('cohort.difference')}
              value={`${formatSigned(lang, r.differencePoints, 2)} ${lang === 'es' ? 'pts' : 'pp'}`}
            />
            <KpiCard
              id="cohort-cutoff"
              label={t('cohort.byCutoff', { year: r.cutoffYear })}
              value={pct(r.trueCohort.graduationByCutoff, 2)}
            />
          </KpiRow>
          <section className={cx('panel', styles.explanation)} aria-labelledby="cohort-why">
            <h2 id="cohort-why">{t('cohort.explanation')}</h2>
            <p data-testid="cohort-explanation">{r.explanation[lang]}</p>
          </section>
          <div className="grid-2">
            <section className="panel">
              <Async state={series.state} reload={series.reload}>
                {() => charts && <Chart spec={charts.survival} testId="survival-chart" />}
              </Async>
            </section>
            <section className="panel">
              <Async state={series.state} reload={series.reload}>
                {() => charts && <Chart spec={charts.et} testId="et-chart" />}
              </Async>
            </section>
          </div>
          <section className="panel">
            <DataTable
              rows={[
                ...r.semesters.map((s) => ({
                  key: String(s.semester),
                  label: t('cohort.semesterN', { n: s.semester }),
                  reached: s.enrolled,
                  share: pct(s.survival_pct),
                  byCutoff: s.enrolled_by_cutoff,
                  byCutoffShare: pct(s.survival_by_cutoff_pct),
                })),
                {
                  key: 'onTime',
                  label: t('cohort.onTime'),
                  reached: r.trueCohort.graduatedOnTime,
                  share: pct(r.trueCohort.eficienciaTerminalCohorte, 2),
                  byCutoff: r.trueCohort.graduatedByCutoff,
                  byCutoffShare: pct(r.trueCohort.graduationByCutoff, 2),
                },
              ]}
              columns={[
                { key: 'semester', header: t('cohort.semester'), rowHeader: true, cell: (row) => row.label },
                {
                  key: 'reached',
                  header: t('cohort.reached'),
                  numeric: true,
                  cell: (row) => num(row.reached),
                },
                { key: 'share', header: '%', numeric: true, cell: (row) => row.share },
                {
                  key: 'byCutoff',
                  header: t('cohort.reachedByCutoff'),
                  numeric: true,
                  cell: (row) => num(row.byCutoff),
                },
                { key: 'byCutoffShare', header: '%', numeric: true, cell: (row) => row.byCutoffShare },
              ]}
              rowKey={(row) => row.key}
              caption={
                <>
                  {t('cohort.survival')}: {r.generation}
                </>
              }
              region={t('cohort.survival')}
              testId="survival-table"
            />
          </section>
        </>
      )}
    </Async>
  );
}
