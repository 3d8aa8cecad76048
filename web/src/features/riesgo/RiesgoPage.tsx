/**
 * Riesgo: with a campus (unit = CCT), the campus risk overview (students by flag and semester, frequent
 * reasons, students ranked by risk); without one, the campuses of the user's scope by their share of red
 * flags (from the latest stored scoring run).
 */
import { useMemo } from 'react';
import { useApp } from '../../app/context';
import { Chart } from '../../components/charts/Chart';
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

function CampusTable({ list }: { readonly list: CampusList }) {
  const { t, num, pct, date } = useI18n();
  const { route } = useApp();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('risk.campuses')}>
      <table data-testid="risk-campuses">
        <caption>{t('risk.campusesCaption', { cutoff: date(list.cutoff) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('risk.campus')}</th>
            <th scope="col">{t('risk.state')}</th>
            <th scope="col" className="num">
              {t('risk.students')}
            </th>
            <th scope="col" className="num">
              {t('risk.flag.rojo')}
            </th>
            <th scope="col" className="num">
              {t('risk.flag.amarillo')}
            </th>
            <th scope="col" className="num">
              {t('risk.redShare')}
            </th>
            <th scope="col" className="num">
              {t('risk.meanProbability')}
            </th>
          </tr>
        </thead>
        <tbody>
          {list.campuses.slice(0, 400).map((c) => (
            <tr key={c.cct}>
              <th scope="row">
                <Link to={linkTo(route, { view: 'riesgo', unit: c.cct })}>{c.name}</Link>
              </th>
              <td>{c.state}</td>
              <td className="num">{num(c.total)}</td>
              <td className="num">{num(c.rojo)}</td>
              <td className="num">{num(c.amarillo)}</td>
              <td className="num">{pct(c.rojoShare * 100, 1)}</td>
              <td className="num">{c.meanProbability === null ? '—' : pct(c.meanProbability * 100, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
        <span className="level-tag">{t('risk.title')}</span> {overview.campus.name}
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
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('risk.ranked')}>
            <table data-testid="risk-students">
              <thead>
                <tr>
                  <th scope="col">{t('risk.student')}</th>
                  <th scope="col" className="num">
                    {t('risk.semester')}
                  </th>
                  <th scope="col">{t('risk.flag')}</th>
                  <th scope="col" className="num">
                    {t('risk.probability')}
                  </th>
                  <th scope="col">{t('risk.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.students.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={linkTo(route, { view: 'estudiante', id: s.id })}>
                        {s.name ?? <code className="id">{s.id}</code>}
                      </Link>
                    </th>
                    <td className="num">{num(s.semester)}</td>
                    <td>
                      <FlagBadge flag={s.flag} />
                    </td>
                    <td className="num">{s.probability === null ? '—' : pct(s.probability * 100, 1)}</td>
                    <td>{s.reasons.map((r) => r[lang]).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
