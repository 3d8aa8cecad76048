/** Estudiante: who the student is (as the role allows) and their trajectory, term by term. */
import { useMemo, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { StudentProfile } from '../../api/models';
import heading from '../../components/heading.module.css';
import { DataTable } from '../../components/DataTable';
import { useApp } from '../../app/context';
import { Chart } from '../../components/charts/Chart';
import { Link } from '../../components/Link';
import { Async, Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { linkTo } from '../../lib/route';
import { useApi } from '../../lib/useApi';
import { gradeSpec, studentInfo, studentSituation, timeline, yearResults, type TermView } from './shape';
import { Timeline } from './Timeline';
import { RiskPanel } from '../riesgo/RiskPanel';
import styles from './estudiante.module.css';

export function EstudiantePage() {
  const { t } = useI18n();
  const { route } = useApp();
  const id = route.id;
  const profile = useApi(id ? `student:${id}` : null, (s) => api.student(id ?? '', s));
  if (!id) return <Empty>{t('state.notFound')}</Empty>;
  return (
    <div className="page">
      <Async state={profile.state} reload={profile.reload}>
        {(p) => <Profile profile={p} />}
      </Async>
    </div>
  );
}

function Profile({ profile }: { readonly profile: StudentProfile }) {
  const { t, num, date, label } = useI18n();
  const { route } = useApp();
  const info = studentInfo(profile.student);
  const situation = studentSituation(profile);
  const terms = useMemo(() => timeline(profile), [profile]);
  const results = yearResults(profile);
  const termLabel = (x: TermView) => `${x.schoolYear} · ${x.termNo ?? '?'}`;
  const spec = useMemo(
    () =>
      gradeSpec(terms, {
        title: t('student.gradeChart'),
        categoryLabel: t('student.term'),
        valueLabel: t('student.gradeAvg'),
        term: termLabel,
      }),
    [terms, t],
  );
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('student.yes') : t('student.no'));
  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className={heading.breadcrumb}>
        <ol>
          <li>
            <Link to={linkTo(route, { view: 'nacional' })}>{t('nav.nacional')}</Link>
          </li>
          {info.campus.code && (
            <li>
              <Link to={linkTo(route, { view: 'plantel', unit: info.campus.code })}>
                {info.campus.name ?? info.campus.code}
              </Link>
            </li>
          )}
          <li aria-current="page">{info.name ?? info.id}</li>
        </ol>
      </nav>
      <h1>
        <span className={heading.levelTag}>{t('student.title')}</span>{' '}
        {info.name ?? <code className="id">{info.id}</code>}
      </h1>
      <dl className={styles.facts} data-testid="student-facts">
        <Fact term={t('student.id')} value={<code className="id">{info.id ?? '—'}</code>} />
        {info.curp && <Fact term={t('student.curp')} value={<code>{info.curp}</code>} />}
        {info.sex && (
          <Fact
            term={t('student.sex')}
            value={info.sex === 'H' || info.sex === 'M' ? t(`student.sex.${info.sex}`) : info.sex}
          />
        )}
        {info.birthDate && <Fact term={t('student.birthDate')} value={date(info.birthDate)} />}
        <Fact term={t('student.generation')} value={info.generation ?? '—'} />
        <Fact term={t('student.campus')} value={info.campus.name ?? info.campus.code ?? '—'} />
        <Fact term={t('student.program')} value={info.program.name ?? info.program.code ?? '—'} />
        {info.semester !== null && <Fact term={t('student.semester')} value={num(info.semester)} />}
        {situation && <Fact term={t('student.status')} value={label('status', situation)} />}
      </dl>

      {info.id && <RiskPanel id={info.id} />}

      {terms.some((x) => x.gradeAvg !== null) && (
        <section className="panel">
          <Chart spec={spec} testId="grade-chart" />
        </section>
      )}

      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('student.timeline')}</h2>
        {terms.length === 0 ? <Empty>{t('student.none')}</Empty> : <Timeline terms={terms} />}
      </section>

      {results.length > 0 && (
        <section className="panel">
          <DataTable
            rows={results}
            columns={[
              { key: 'year', header: t('chart.year'), rowHeader: true, cell: (r) => r.schoolYear },
              { key: 'semester', header: t('student.semester'), numeric: true, cell: (r) => num(r.semester) },
              { key: 'passedAll', header: t('student.passedAll'), cell: (r) => yesNo(r.passedAll) },
              { key: 'regularized', header: t('student.regularized'), cell: (r) => yesNo(r.regularized) },
              {
                key: 'pending',
                header: t('student.pending'),
                numeric: true,
                cell: (r) => num(r.pendingModules),
              },
              { key: 'graduated', header: t('student.graduatedYear'), cell: (r) => yesNo(r.graduated) },
            ]}
            rowKey={(r) => r.schoolYear}
            caption={t('student.yearResults')}
            region={t('student.yearResults')}
          />
        </section>
      )}
    </>
  );
}

function Fact({ term, value }: { readonly term: string; readonly value: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
