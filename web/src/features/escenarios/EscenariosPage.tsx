/**
 * Escenarios (what-if): a generation projected with the reconstructed-cohort model, baseline against a
 * scenario that changes one semester's dropout, in SEP terms (eficiencia terminal, abandono).
 */
import { useMemo, useState } from 'react';
import { useApp } from '../../app/context';
import { canChooseAnyCampus } from '../../app/roles';
import { Chart } from '../../components/charts/Chart';
import { DataTable } from '../../components/DataTable';
import type { BarSpec } from '../../components/charts/spec';
import { AnalysisProgress, StaleNote, useAnalysis } from '../../components/AnalysisProgress';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { tutoriaApi, type WhatIfReport } from '../tutoria/api';

export function EscenariosPage() {
  const { t, num, pct } = useI18n();
  const { user, years } = useApp();
  const generations = years.years
    .map((y) => Number(y.slice(0, 4)))
    .filter((y) => years.years.includes(`${y + 1}-${y + 2}`))
    .map((y) => `${y}-${y + 3}`);
  const [generation, setGeneration] = useState(
    generations.includes('2022-2025') ? '2022-2025' : (generations.at(-1) ?? ''),
  );
  const [campus, setCampus] = useState(canChooseAnyCampus(user) ? '' : (user.campusCct ?? ''));
  const [semester, setSemester] = useState(1);
  const [change, setChange] = useState(-20);
  const query = { generation, campus: campus || undefined, semester, dropoutChange: change };
  const report = useAnalysis(generation ? `whatif:${JSON.stringify(query)}` : null, (s) =>
    tutoriaApi.whatIf(query, s),
  );
  return (
    <div className="page">
      <h1>{t('escenarios.title')}</h1>
      <p className="muted">{t('escenarios.intro')}</p>
      <div className="filters inline">
        <label>
          {t('escenarios.generation')}
          <select
            data-testid="whatif-generation"
            value={generation}
            onChange={(e) => setGeneration(e.target.value)}
          >
            {generations.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        {canChooseAnyCampus(user) && (
          <label>
            {t('escenarios.campus')}
            <input
              data-testid="whatif-campus"
              value={campus}
              maxLength={12}
              onChange={(e) => setCampus(e.target.value.toUpperCase())}
            />
          </label>
        )}
        <label>
          {t('escenarios.semester')}
          <select
            data-testid="whatif-semester"
            value={semester}
            onChange={(e) => setSemester(Number(e.target.value))}
          >
            {[1, 2, 3, 4, 5, 6].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('escenarios.change')}
          <input
            type="number"
            data-testid="whatif-change"
            min={-100}
            max={500}
            step={5}
            value={change}
            onChange={(e) => setChange(Number(e.target.value))}
          />
        </label>
      </div>
      {report.job ? (
        <AnalysisProgress job={report.job} />
      ) : (
        <Async state={report.state} reload={report.reload}>
          {(r) => (
            <>
              <StaleNote data={r} />
              <p className="muted" data-testid="whatif-unit">
                {r.unit.level === 'national' ? t('level.national') : r.unit.name} ·{' '}
                {t('escenarios.entrants', { n: num(r.baseline.entrants) })}
              </p>
              <DataTable
                rows={[
                  {
                    key: 'et',
                    label: t('escenarios.et'),
                    base: pct(r.baseline.eficienciaTerminal, 2),
                    scen: pct(r.scenario.eficienciaTerminal, 2),
                  },
                  {
                    key: 'dropout',
                    label: t('escenarios.dropout'),
                    base: pct(r.baseline.dropoutPct, 1),
                    scen: pct(r.scenario.dropoutPct, 1),
                  },
                  {
                    key: 'abandono',
                    label: t('escenarios.abandono'),
                    base: pct(r.baseline.abandono, 1),
                    scen: pct(r.scenario.abandono, 1),
                  },
                  {
                    key: 'observed',
                    label: t('escenarios.observed'),
                    base: pct(r.observed.eficienciaTerminalCohorte, 2),
                    scen: pct(r.observed.scenarioEficienciaTerminal, 2),
                  },
                  {
                    key: 'graduates',
                    label: t('escenarios.graduates'),
                    base: num(r.baseline.graduatesOnTime),
                    scen: num(r.scenario.graduatesOnTime),
                  },
                ]}
                columns={[
                  { key: 'indicator', header: t('escenarios.indicator'), cell: (row) => row.label },
                  { key: 'baseline', header: t('escenarios.baseline'), cell: (row) => row.base },
                  {
                    key: 'scenario',
                    header: t('escenarios.scenario'),
                    cell: (row) => row.scen,
                    attrs: (row) => (row.key === 'et' ? { 'data-testid': 'whatif-et' } : {}),
                  },
                ]}
                rowKey={(row) => row.key}
                bare
                className="data-table"
                testId="whatif-table"
              />
              <p data-testid="whatif-summary">
                {t('escenarios.summary', {
                  // Whole people: the projected differences are rounded to students.
                  kept: num(r.difference.studentsKept),
                  graduates: num(r.difference.extraGraduatesOnTime),
                  points: num(r.difference.eficienciaTerminalPoints, 2),
                })}
              </p>
              <SurvivalChart report={r} />
            </>
          )}
        </Async>
      )}
    </div>
  );
}

function SurvivalChart({ report }: { readonly report: WhatIfReport }) {
  const { t } = useI18n();
  const spec = useMemo<BarSpec>(
    () => ({
      kind: 'bar',
      title: t('escenarios.survival'),
      categoryLabel: t('escenarios.grade'),
      valueLabel: '%',
      format: { kind: 'percent', decimals: 1 },
      categories: report.baseline.survivalToGradePct.map((_, g) => `${g + 1}`),
      series: [
        { name: t('escenarios.baseline'), values: report.baseline.survivalToGradePct },
        { name: t('escenarios.scenario'), values: report.scenario.survivalToGradePct },
      ],
    }),
    [report, t],
  );
  return <Chart spec={spec} testId="whatif-chart" />;
}
