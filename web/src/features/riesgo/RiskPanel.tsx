/** The risk panel on the student page: flag, probability, reasons, factor contributions, history. */
import { useMemo } from 'react';
import { Chart } from '../../components/charts/Chart';
import { DataTable } from '../../components/DataTable';
import type { BarSpec } from '../../components/charts/spec';
import { Semaforo } from '../../components/Semaforo';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi } from '../../lib/useApi';
import { riesgoApi, type Flag, type StudentRiskPanel } from './api';

export function FlagBadge({ flag }: { readonly flag: Flag }) {
  return <Semaforo flag={flag} />;
}

export function RiskPanel({ id }: { readonly id: string }) {
  const { t } = useI18n();
  const panel = useApi(`risk:${id}`, (s) => riesgoApi.student(id, s));
  return (
    <section className="panel" aria-labelledby="risk-title" data-testid="risk-panel">
      <h2 id="risk-title">{t('risk.panel.title')}</h2>
      <Async state={panel.state} reload={panel.reload}>
        {(p) => <PanelBody panel={p} />}
      </Async>
    </section>
  );
}

function PanelBody({ panel }: { readonly panel: StudentRiskPanel }) {
  const { t, lang, pct, num, date } = useI18n();
  const spec = useMemo<BarSpec>(() => {
    const top = panel.contributions.slice(0, 8);
    return {
      kind: 'bar',
      horizontal: true,
      title: t('risk.panel.factors'),
      description: t('risk.panel.factorsHelp'),
      categoryLabel: t('risk.panel.factor'),
      valueLabel: t('risk.panel.logOdds'),
      format: { kind: 'number', decimals: 2 },
      categories: top.map((c) => c[lang]),
      series: [{ name: t('risk.panel.logOdds'), values: top.map((c) => c.logOdds) }],
    };
  }, [panel, t, lang]);
  if (!panel.active || panel.flag === null) return <p className="muted">{t('risk.panel.inactive')}</p>;
  return (
    <>
      <p>
        <FlagBadge flag={panel.flag} />{' '}
        {panel.probability !== null && (
          <span data-testid="risk-probability">
            {t('risk.panel.probability', { p: pct(panel.probability * 100, 1) })}
          </span>
        )}{' '}
        <span className="muted">
          {t('risk.panel.cutoff', { cutoff: date(panel.cutoff), rules: num(panel.ruleSetVersion) })}
          {panel.modelVersion !== null ? ` · ${t('risk.panel.model', { v: num(panel.modelVersion) })}` : ''}
        </span>
      </p>
      {panel.reasons.length > 0 ? (
        <ul data-testid="risk-reasons">
          {panel.reasons.map((r) => (
            <li key={r.code} className={`risk-reason risk-${r.level}`}>
              {r[lang]}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('risk.panel.noReasons')}</p>
      )}
      {panel.contributions.length > 0 && <Chart spec={spec} testId="risk-factors" />}
      {panel.history.length > 0 && (
        <DataTable
          rows={panel.history}
          columns={[
            { key: 'cutoff', header: t('risk.cutoff'), rowHeader: true, cell: (h) => date(h.cutoff) },
            { key: 'flag', header: t('risk.flag'), cell: (h) => <FlagBadge flag={h.flag} /> },
            {
              key: 'probability',
              header: t('risk.probability'),
              numeric: true,
              cell: (h) => (h.probability === null ? '—' : pct(h.probability * 100, 1)),
            },
          ]}
          rowKey={(h) => h.cutoff}
          caption={t('risk.panel.history')}
          region={t('risk.panel.history')}
        />
      )}
    </>
  );
}
