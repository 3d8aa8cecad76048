/**
 * Impacto: students kept and additional graduates of year n against the baseline, and their cumulative
 * sums, each shown with its formula, definition and inputs (a counterfactual means nothing without them).
 */
import { useMemo } from 'react';
import { api } from '../../api/client';
import type { CumulativeCounterfactual, ImpactReport } from '../../api/models';
import { useApp } from '../../app/context';
import { Chart } from '../../components/charts/Chart';
import { KpiCard, KpiRow } from '../../components/KpiCard';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi } from '../../lib/useApi';
import { cx } from '../../lib/cx';
import { navigate } from '../../lib/useRoute';
import styles from './ImpactoPage.module.css';
import {
  additionalInputs,
  baselineOptions,
  impactByYearSpec,
  keptInputs,
  readableFormula,
  type InputLine,
} from './shape';

export function ImpactoPage() {
  const { t, num } = useI18n();
  const { route, years, selection } = useApp();
  const year = selection.year;
  const options = baselineOptions(years.years, year);
  const baseline = route.baseline && options.includes(route.baseline) ? route.baseline : years.baseline;
  const unitQuery =
    route.level && route.level !== 'national' && route.unit ? { level: route.level, unit: route.unit } : {};
  const report = useApi(`impact:${baseline}:${year}:${JSON.stringify(unitQuery)}`, (s) =>
    api.impact({ baseline, year, ...unitQuery }, s),
  );

  return (
    <div className="page">
      <h1>{t('impact.title')}</h1>
      <div className="filters inline">
        <label>
          {t('impact.baseline')}
          <select
            data-testid="baseline-select"
            value={baseline}
            onChange={(e) => navigate({ ...route, baseline: e.target.value })}
          >
            {(options.includes(baseline) ? options : [baseline, ...options]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async state={report.state} reload={report.reload}>
        {(r) => (
          <>
            <p className="muted">
              {r.unit.level === 'national' ? t('level.national') : r.unit.name} · {t('impact.baseline')}{' '}
              {r.baseline} · {t('impact.year')} {r.year}
            </p>
            <KpiRow label={t('impact.title')}>
              <KpiCard
                id="impact-kept"
                label={t('impact.kept')}
                value={num(r.yearly.studentsKept.value)}
                year={r.year}
              />
              <KpiCard
                id="impact-additional"
                label={t('impact.additional')}
                value={num(r.yearly.additionalGraduates.value)}
                year={r.year}
              />
              <KpiCard
                id="impact-kept-cumulative"
                label={`${t('impact.kept')} · ${t('impact.cumulative', { from: r.cumulative.from, to: r.cumulative.to })}`}
                value={num(r.cumulative.studentsKept.value)}
              />
              <KpiCard
                id="impact-additional-cumulative"
                label={`${t('impact.additional')} · ${t('impact.cumulative', { from: r.cumulative.from, to: r.cumulative.to })}`}
                value={num(r.cumulative.additionalGraduates.value)}
              />
            </KpiRow>
            <ImpactChart report={r} />
            <div className="grid-2">
              <Method
                title={t('impact.kept')}
                formula={r.yearly.studentsKept.formula}
                definition={r.yearly.studentsKept.definition}
                inputs={keptInputs(r)}
                cumulative={r.cumulative.studentsKept}
              />
              <Method
                title={t('impact.additional')}
                formula={r.yearly.additionalGraduates.formula}
                definition={r.yearly.additionalGraduates.definition}
                inputs={additionalInputs(r)}
                cumulative={r.cumulative.additionalGraduates}
              />
            </div>
          </>
        )}
      </Async>
    </div>
  );
}

function ImpactChart({ report }: { readonly report: ImpactReport }) {
  const { t } = useI18n();
  const spec = useMemo(
    () =>
      impactByYearSpec(report, {
        title: t('impact.byYear', { year: report.baseline }),
        categoryLabel: t('chart.year'),
        valueLabel: t('chart.value'),
        kept: t('impact.kept'),
        additional: t('impact.additional'),
      }),
    [report, t],
  );
  return (
    <section className="panel">
      <Chart spec={spec} testId="impact-chart" />
    </section>
  );
}

interface MethodProps {
  readonly title: string;
  readonly formula: string;
  readonly definition: { readonly es: string; readonly en: string };
  readonly inputs: readonly InputLine[];
  readonly cumulative: CumulativeCounterfactual;
}

function Method({ title, formula, definition, inputs, cumulative }: MethodProps) {
  const { t, lang, num, pct } = useI18n();
  return (
    <section className={cx('panel', styles.method)} aria-label={`${t('impact.method')}: ${title}`}>
      <h2>
        {t('impact.method')}: {title}
      </h2>
      <h3>{t('impact.formula')}</h3>
      <p>
        <code className={styles.formula}>{readableFormula(formula, lang)}</code>
      </p>
      <h3>{t('impact.definition')}</h3>
      <p>{definition[lang]}</p>
      <h3>{t('impact.inputs')}</h3>
      <dl className={styles.inputs}>
        {inputs.map((i) => (
          <div key={i.label}>
            <dt>{t(i.label, { year: i.year ?? '' })}</dt>
            <dd>{i.kind === 'percent' ? pct(i.value, i.decimals) : num(i.value)}</dd>
          </div>
        ))}
      </dl>
      <h3>
        {t('impact.cumulative', {
          from: cumulative.byYear[0]?.year ?? '',
          to: cumulative.byYear.at(-1)?.year ?? '',
        })}
      </h3>
      <p>
        <code className={styles.formula}>{readableFormula(cumulative.formula, lang)}</code>
      </p>
      <p>{cumulative.definition[lang]}</p>
      {cumulative.missingYears.length > 0 && (
        <p className="note">{t('impact.missing', { years: cumulative.missingYears.join(', ') })}</p>
      )}
    </section>
  );
}
