/**
 * Riesgo: with a campus (unit = CCT), the campus risk overview (students by flag and semester, frequent
 * reasons, students ranked by risk); without one, the campuses of the user's scope by their share of red
 * flags (from the latest stored scoring run).
 */
import { useMemo } from 'react';
import { useApp } from '../../app/context';
import { Chart } from '../../components/charts/Chart';
import { DataTable } from '../../components/DataTable';
import heading from '../../components/heading.module.css';
import type { BarSpec } from '../../components/charts/spec';
import { Link } from '../../components/Link';
import { Async, Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { linkTo } from '../../lib/route';
import { useApi } from '../../lib/useApi';
import { riesgoApi, type CampusList, type CampusOverview } from './api';
import { FlagBadge } from './RiskPanel';
import { RiskSetupNotice } from './RiskSetup';
import { semesterSpec } from './shape';

export function RiesgoPage() {
  const { route, user } = useApp();
  const cct = route.unit ?? user.campusCct ?? undefined;
  return <div className="page">{cct ? <Campus cct={cct} /> : <Campuses />}</div>;
}

function Campuses() {
  const { t } = useI18n();
  const list = useApi('risk:campuses', (s) => riesgoApi.campuses(s));
  return (
    <>
      <h1>{t('risk.title')}</h1>
      <p className="muted">{t('risk.intro')}</p>
      <Async state={list.state} reload={list.reload}>
        {(l) =>
          l.cutoff === null ? (
            <RiskSetupNotice onDone={list.reload} fallback={t('risk.noScores')} />
          ) : (
            <CampusTable list={l} />
          )
        }
      </Async>
    </>
  );
}

/** A share (0–1) as a percentage with one decimal, for the CSV. */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * Campuses by their students' risk: sortable, filtered by name, state or CCT, and the rows shown downloadable
 * as CSV.
 */
function CampusTable({ list }: { readonly list: CampusList }) {
  const { t, num, pct, date } = useI18n();
  const { route } = useApp();
  return (
    <DataTable
      rows={list.campuses.slice(0, 400)}
      columns={[
        {
          key: 'campus',
          header: t('risk.campus'),
          rowHeader: true,
          sort: (c) => c.name,
          cell: (c) => <Link to={linkTo(route, { view: 'riesgo', unit: c.cct })}>{c.name}</Link>,
        },
        { key: 'cct', header: 'CCT', csv: (c) => c.cct, cell: (c) => <code>{c.cct}</code> },
        { key: 'state', header: t('risk.state'), sort: (c) => c.state, cell: (c) => c.state },
        {
          key: 'total',
          header: t('risk.students'),
          numeric: true,
          sort: (c) => c.total,
          cell: (c) => num(c.total),
        },
        {
          key: 'rojo',
          header: t('risk.flag.rojo'),
          numeric: true,
          sort: (c) => c.rojo,
          cell: (c) => num(c.rojo),
        },
        {
          key: 'amarillo',
          header: t('risk.flag.amarillo'),
          numeric: true,
          sort: (c) => c.amarillo,
          cell: (c) => num(c.amarillo),
        },
        {
          key: 'redShare',
          header: t('risk.redShare'),
          numeric: true,
          sort: (c) => c.rojoShare,
          csv: (c) => percent(c.rojoShare),
          cell: (c) => pct(c.rojoShare * 100, 1),
        },
        {
          key: 'meanProbability',
          header: t('risk.meanProbability'),
          numeric: true,
          sort: (c) => c.meanProbability,
          csv: (c) => percent(c.meanProbability),
          cell: (c) => (c.meanProbability === null ? '—' : pct(c.meanProbability * 100, 1)),
        },
      ]}
      rowKey={(c) => c.cct}
      caption={t('risk.campusesCaption', { cutoff: date(list.cutoff) })}
      region={t('risk.campuses')}
      testId="risk-campuses"
      filter={t('table.filter')}
      csv={t('risk.campuses')}
    />
  );
}

function Campus({ cct }: { readonly cct: string }) {
  const overview = useApi(`risk:campus:${cct}`, (s) => riesgoApi.campus(cct, s));
  return (
    <Async state={overview.state} reload={overview.reload}>
      {(o) => <CampusBody overview={o} />}
    </Async>
  );
}

function CampusBody({ overview }: { readonly overview: CampusOverview }) {
  const { t, lang, num, pct, date } = useI18n();
  const { route } = useApp();
  const spec = useMemo<BarSpec>(
    () =>
      semesterSpec(overview.bySemester, {
        title: t('risk.bySemester'),
        semester: t('risk.semester'),
        students: t('risk.students'),
        band: (f) => t(`risk.flag.${f}`),
      }),
    [overview, t],
  );
  return (
    <>
      <h1>
        <span className={heading.levelTag}>{t('risk.title')}</span> {overview.campus.name}
      </h1>
      <p className="muted" data-testid="risk-summary">
        {t('risk.summary', {
          cutoff: date(overview.cutoff),
          total: num(overview.total),
          rojo: num(overview.byFlag.rojo),
          amarillo: num(overview.byFlag.amarillo),
          verde: num(overview.byFlag.verde),
        })}
        {overview.meanProbability !== null &&
          ` ${t('risk.meanProbabilityIs', { p: pct(overview.meanProbability * 100, 1) })}`}
      </p>
      {overview.bySemester.length > 0 && (
        <section className="panel">
          <Chart spec={spec} testId="risk-semesters" />
        </section>
      )}
      {overview.reasons.length > 0 && (
        <section className="panel">
          <h2>{t('risk.reasons')}</h2>
          <ul>
            {overview.reasons.map((r) => (
              <li key={r.code}>
                {r[lang]}: {num(r.count)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel">
        <h2>{t('risk.ranked')}</h2>
        {overview.students.length < overview.byFlag.rojo + overview.byFlag.amarillo && (
          <p className="muted" data-testid="risk-list-cut">
            {t('risk.listCut', {
              shown: num(overview.students.length),
              total: num(overview.byFlag.rojo + overview.byFlag.amarillo),
            })}{' '}
            <Link to={{ view: 'tutoria', unit: overview.campus.cct }}>{t('nav.tutoria')}</Link>
          </p>
        )}
        {overview.students.length === 0 ? (
          <Empty>{t('risk.none')}</Empty>
        ) : (
          <DataTable
            rows={overview.students}
            columns={[
              {
                key: 'student',
                header: t('risk.student'),
                rowHeader: true,
                cell: (s) => (
                  <Link to={linkTo(route, { view: 'estudiante', id: s.id })}>
                    {s.name ?? <code className="id">{s.id}</code>}
                  </Link>
                ),
              },
              { key: 'semester', header: t('risk.semester'), numeric: true, cell: (s) => num(s.semester) },
              { key: 'flag', header: t('risk.flag'), cell: (s) => <FlagBadge flag={s.flag} /> },
              {
                key: 'probability',
                header: t('risk.probability'),
                numeric: true,
                cell: (s) => (s.probability === null ? '—' : pct(s.probability * 100, 1)),
              },
              {
                key: 'reasons',
                header: t('risk.reasons'),
                cell: (s) => s.reasons.map((r) => r[lang]).join('; '),
              },
            ]}
            rowKey={(s) => s.id}
            region={t('risk.ranked')}
            testId="risk-students"
          />
        )}
      </section>
    </>
  );
}
