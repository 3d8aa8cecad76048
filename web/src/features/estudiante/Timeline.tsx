/** The trajectory, term by term: semester, campus, grades, failed modules, attendance, status and events. */
import { DataTable } from '../../components/DataTable';
import events from '../../components/events.module.css';
import { useI18n } from '../../i18n/I18nProvider';
import { cx } from '../../lib/cx';
import type { TermView } from './shape';
import styles from './estudiante.module.css';

const BAD_STATUS = new Set(['dropout', 'temporary_leave', 'transfer_out']);

export function Timeline({ terms }: { readonly terms: readonly TermView[] }) {
  const { t, num, pct, date, label } = useI18n();
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('student.yes') : t('student.no'));
  return (
    <ol className={styles.timeline} data-testid="student-timeline">
      {terms.map((term) => (
        <li key={term.key} className={styles.timelineItem} data-term={term.key}>
          <h3>
            {t('student.termN', { year: term.schoolYear, term: term.termNo ?? '?' })}
            {term.semester !== null && (
              <span className={events.badge}>{`${t('student.semester')} ${term.semester}`}</span>
            )}
            {term.status && (
              <span className={cx(events.badge, 'status', BAD_STATUS.has(term.status) && events.bad)}>
                {label('status', term.status)}
              </span>
            )}
          </h3>
          {(term.campus.name ?? term.campus.code) && (
            <p className="muted">
              {term.campus.name ?? term.campus.code}
              {term.group && ` · ${t('student.group')} ${term.group}`}
            </p>
          )}
          {term.gradeAvg !== null || term.failedModules !== null || term.attendancePct !== null ? (
            <dl className={styles.metrics}>
              <div>
                <dt>{t('student.gradeAvg')}</dt>
                <dd>{num(term.gradeAvg, 1)}</dd>
              </div>
              <div>
                <dt>{t('student.failed')}</dt>
                <dd className={term.failedModules ? styles.warn : undefined}>{num(term.failedModules)}</dd>
              </div>
              <div>
                <dt>{t('student.attendance')}</dt>
                <dd>{pct(term.attendancePct)}</dd>
              </div>
              {term.scholarshipDelayDays !== null && term.scholarshipDelayDays > 0 && (
                <div>
                  <dt>{t('student.scholarshipDelay')}</dt>
                  <dd>{num(term.scholarshipDelayDays)}</dd>
                </div>
              )}
            </dl>
          ) : null}
          {term.events.length > 0 && (
            <ul className={styles.events} aria-label={t('student.events')}>
              {term.events.map((e, i) => (
                <li key={i}>
                  <span className={events.date}>{date(e.date)}</span>{' '}
                  <strong>{label('status', e.kind)}</strong>
                  {e.reason && ` · ${label('reason', e.reason)}`}
                </li>
              ))}
            </ul>
          )}
          {term.interventions.length > 0 && (
            <ul className={styles.interventions} aria-label={t('student.interventions')}>
              {term.interventions.map((x, i) => (
                <li key={i}>
                  <strong>{label('intervention', x.kind)}</strong>
                  {x.startDate && ` · ${date(x.startDate)}${x.endDate ? ` – ${date(x.endDate)}` : ''}`}
                  {x.sessions !== null && ` · ${t('student.sessions')}: ${num(x.sessions)}`}
                  {x.outcome && ` · ${label('outcome', x.outcome)}`}
                </li>
              ))}
            </ul>
          )}
          {term.modules.length > 0 && (
            <details className={styles.modules}>
              <summary>
                {t('student.modules')} ({term.modules.length})
              </summary>
              <DataTable
                rows={term.modules}
                columns={[
                  {
                    key: 'module',
                    header: t('student.module'),
                    rowHeader: true,
                    cell: (m) => m.name ?? m.code ?? '—',
                  },
                  { key: 'grade', header: t('student.grade'), numeric: true, cell: (m) => num(m.grade, 1) },
                  {
                    key: 'attendance',
                    header: t('student.attendance'),
                    numeric: true,
                    cell: (m) => pct(m.attendancePct),
                  },
                  { key: 'passed', header: t('student.passed'), cell: (m) => yesNo(m.passed) },
                  {
                    key: 'regularization',
                    header: t('student.regularization'),
                    numeric: true,
                    cell: (m) => num(m.regularizationGrade, 1),
                  },
                ]}
                rowKey={(m, i) => `${m.code ?? ''}-${i}`}
                caption={t('student.modules')}
                captionHidden
              />
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
