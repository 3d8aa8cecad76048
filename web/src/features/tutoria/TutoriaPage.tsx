/**
 * Tutoría, phone first: the work queue as cards (semáforo, reasons, last action, when the next is due),
 * filtered and sorted with the same function the API's downloads use (domain/worklist-view.ts), CSV/XLSX of
 * what is shown, and per student the actions: log one, follow up, record an outcome and close, reopen, the
 * history. Tutors see their groups; a campus its campus; state and national coordinators choose a campus
 * (?unit=CCT). Campus and coordinators also see the escalated cases.
 */
import { useMemo, useState } from 'react';
import { useApp } from '../../app/context';
import {
  canChooseQueueCampus,
  canSeeEscalations,
  canWriteInterventions,
  queueCampusIsOwn,
} from '../../app/roles';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi, useKeepWhileLoading } from '../../lib/useApi';
import { queueGroups, viewQueue, type QueueFilter } from '../../../../src/domain/worklist-view';
import { tutoriaApi, type QueueItem } from './api';
import { CampusChooser } from './CampusChooser';
import { QueueCard } from './QueueCard';
import { QueueFilters } from './QueueFilters';
import { cx } from '../../lib/cx';
import styles from './tutoria.module.css';

/** Cards shown at once; "Mostrar más" adds as many again. */
const PAGE = 25;

export function TutoriaPage() {
  const { t, tp, num } = useI18n();
  const { user, route } = useApp();
  const ownCampus = queueCampusIsOwn(user);
  const campus = ownCampus ? undefined : (route.unit ?? user.campusCct ?? undefined);
  const needsCampus = campus === undefined && !ownCampus;
  const [version, setVersion] = useState(0);
  const queue = useApi(needsCampus ? null : `worklist:${campus ?? ''}:${version}`, (s) =>
    tutoriaApi.worklist(campus, s),
  );
  const showEscalations = canSeeEscalations(user) && !needsCampus;
  const escalated = useApi(showEscalations ? `escalations:${campus ?? ''}:${version}` : null, (s) =>
    tutoriaApi.escalations(campus, s),
  );
  const queueState = useKeepWhileLoading(queue.state);
  const escalatedState = useKeepWhileLoading(escalated.state);
  const [filter, setFilter] = useState<QueueFilter>({});
  const [limit, setLimit] = useState(PAGE);
  const [escLimit, setEscLimit] = useState(PAGE);
  const [saved, setSaved] = useState<string | null>(null);
  const canWrite = canWriteInterventions(user);
  const changed = (message: string) => {
    setSaved(message);
    setVersion((v) => v + 1);
  };

  return (
    <div className={cx('page', styles.tutoria)}>
      <h1>{t('tutoria.title')}</h1>
      {canChooseQueueCampus(user) && <CampusChooser current={campus} />}
      {needsCampus && <p className="muted">{t('tutoria.chooseCampus')}</p>}
      {saved && (
        <p className="notice" role="status" data-testid="intervention-saved">
          {saved}
        </p>
      )}
      {!needsCampus && (
        <Async state={queueState} reload={queue.reload}>
          {(q) => (
            <Queue
              items={q.items}
              today={q.today}
              afterDays={q.escalateAfterDays}
              summary={t('tutoria.summary', {
                shown: num(q.items.length),
                atRisk: num(q.atRisk),
                red: num(q.red),
                capacity: num(q.capacity),
                days: tp('tutoria.days', q.escalateAfterDays, { n: num(q.escalateAfterDays) }),
              })}
              filter={filter}
              setFilter={(f) => {
                setFilter(f);
                setLimit(PAGE);
              }}
              limit={limit}
              more={() => setLimit((l) => l + PAGE)}
              campus={campus}
              canWrite={canWrite}
              onChanged={changed}
            />
          )}
        </Async>
      )}
      {showEscalations && (
        <section aria-labelledby="escalations-title" className={styles.queueSection}>
          <h2 id="escalations-title">{t('tutoria.escalations')}</h2>
          <Async state={escalatedState} reload={escalated.reload}>
            {(e) => (
              <>
                <p className="muted" data-testid="escalations-total">
                  {tp('tutoria.escalationsTotal', e.total, { n: num(e.total) })}{' '}
                  {e.items.length > 0 &&
                    t('tutoria.showing', {
                      shown: num(Math.min(escLimit, e.items.length)),
                      total: num(e.total),
                    })}
                </p>
                <ul className={styles.queueCards} data-testid="escalations">
                  {e.items.slice(0, escLimit).map((i) => (
                    <QueueCard
                      key={i.student}
                      item={i}
                      today={e.today}
                      afterDays={queueState.status === 'ok' ? queueState.data.escalateAfterDays : 14}
                      canWrite={canWrite}
                      onChanged={changed}
                      testId="escalation-card"
                    />
                  ))}
                </ul>
                {e.items.length > escLimit && (
                  <button
                    type="button"
                    data-testid="escalations-more"
                    onClick={() => setEscLimit((l) => l + PAGE)}
                  >
                    {t('tutoria.more', { n: num(Math.min(PAGE, e.items.length - escLimit)) })}
                  </button>
                )}
              </>
            )}
          </Async>
        </section>
      )}
    </div>
  );
}

function Queue({
  items,
  today,
  afterDays,
  summary,
  filter,
  setFilter,
  limit,
  more,
  campus,
  canWrite,
  onChanged,
}: {
  readonly items: readonly QueueItem[];
  readonly today: string;
  readonly afterDays: number;
  readonly summary: string;
  readonly filter: QueueFilter;
  readonly setFilter: (f: QueueFilter) => void;
  readonly limit: number;
  readonly more: () => void;
  readonly campus: string | undefined;
  readonly canWrite: boolean;
  readonly onChanged: (message: string) => void;
}) {
  const { t, num, lang } = useI18n();
  const shown = useMemo(() => viewQueue(items, filter), [items, filter]);
  const groups = useMemo(() => queueGroups(items), [items]);
  return (
    <section aria-labelledby="queue-title" className={styles.queueSection}>
      <h2 id="queue-title" className="visually-hidden">
        {t('tutoria.queue')}
      </h2>
      <p className="muted" data-testid="worklist-summary">
        {summary}
      </p>
      {items.length === 0 ? (
        <p>{t('tutoria.empty')}</p>
      ) : (
        <>
          <QueueFilters groups={groups} filter={filter} onChange={setFilter} />
          <div className={styles.queueToolbar}>
            <p data-testid="worklist-shown" role="status">
              {t('tutoria.showing', { shown: num(Math.min(limit, shown.length)), total: num(shown.length) })}
            </p>
            <a
              className={styles.buttonLink}
              data-testid="worklist-csv"
              href={tutoriaApi.worklistHref(campus, filter, 'csv', lang)}
              download
            >
              {t('tutoria.downloadCsv')}
            </a>
            <a
              className={styles.buttonLink}
              data-testid="worklist-xlsx"
              href={tutoriaApi.worklistHref(campus, filter, 'xlsx', lang)}
              download
            >
              {t('tutoria.downloadXlsx')}
            </a>
            {filter.group && (
              <span className="group-sheet-links" data-testid="group-sheet">
                <a
                  className={styles.buttonLink}
                  data-testid="group-sheet-pdf"
                  href={tutoriaApi.groupSheetHref(filter.group, campus, 'pdf', lang)}
                  download
                >
                  {t('tutoria.groupSheetPdf', { group: filter.group })}
                </a>
                <a
                  className={styles.buttonLink}
                  data-testid="group-sheet-xlsx"
                  href={tutoriaApi.groupSheetHref(filter.group, campus, 'xlsx', lang)}
                  download
                >
                  {t('tutoria.groupSheetXlsx', { group: filter.group })}
                </a>
                <a
                  className={styles.buttonLink}
                  data-testid="group-sheet-csv"
                  href={tutoriaApi.groupSheetHref(filter.group, campus, 'csv', lang)}
                  download
                >
                  {t('tutoria.groupSheetCsv', { group: filter.group })}
                </a>
              </span>
            )}
          </div>
          <ul className={styles.queueCards} data-testid="worklist">
            {shown.slice(0, limit).map((item) => (
              <QueueCard
                key={item.student}
                item={item}
                today={today}
                afterDays={afterDays}
                canWrite={canWrite}
                onChanged={onChanged}
              />
            ))}
          </ul>
          {shown.length > limit && (
            <button type="button" data-testid="worklist-more" onClick={more}>
              {t('tutoria.more', { n: num(Math.min(25, shown.length - limit)) })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
