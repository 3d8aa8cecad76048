/** One student of a queue: semáforo, reasons, last action, when the next is due, and the actions. */
import { useState } from 'react';
import { Link } from '../../components/Link';
import events from '../../components/events.module.css';
import { Semaforo } from '../../components/Semaforo';
import { useI18n } from '../../i18n/I18nProvider';
import { nextActionDue } from '../../../../src/domain/worklist-view';
import type { QueueItem } from './api';
import { History } from './History';
import { InterventionForm } from './InterventionForm';
import { cx } from '../../lib/cx';
import styles from './tutoria.module.css';

/** The card's band colour. */
const CARD_BAND = { rojo: styles.cardRojo, amarillo: styles.cardAmarillo, verde: styles.cardVerde } as const;

export function QueueCard({
  item,
  today,
  afterDays,
  canWrite,
  onChanged,
  testId = 'worklist-row',
}: {
  readonly item: QueueItem;
  readonly today: string;
  readonly afterDays: number;
  readonly canWrite: boolean;
  readonly onChanged: (message: string) => void;
  readonly testId?: string;
}) {
  const { t, tp, lang, pct, num, date } = useI18n();
  const [open, setOpen] = useState<'form' | 'history' | null>(null);
  const name = item.name ?? item.student;
  const due = nextActionDue(item.lastAction?.date ?? null, afterDays, today);
  const toggle = (what: 'form' | 'history') => setOpen(open === what ? null : what);
  return (
    <li
      className={cx(styles.queueCard, CARD_BAND[item.flag])}
      data-testid={testId}
      data-flag={item.flag}
      data-student={item.student}
    >
      <div className={styles.cardHead}>
        <h3 className={styles.cardTitle}>
          <span className={styles.rank}>{num(item.rank)}.</span>{' '}
          <Link to={{ view: 'estudiante', id: item.student }}>{name}</Link>
        </h3>
        <Semaforo flag={item.flag} testId="worklist-flag" />
        {item.escalated && (
          <span className={cx(events.badge, events.bad, 'nowrap')}>{t('tutoria.escalated')}</span>
        )}
      </div>
      <p className={styles.cardMeta}>
        {item.group !== null && (
          <span>
            {t('tutoria.group')} {item.group}
          </span>
        )}
        {item.semester !== null && <span>{t('tutoria.semesterN', { n: num(item.semester) })}</span>}
        {item.probability !== null && (
          <span>
            {t('tutoria.probability')} {pct(item.probability * 100, 1)}
          </span>
        )}
      </p>
      <ul className={styles.reasons} data-testid="worklist-reasons" aria-label={t('tutoria.reasons')}>
        {(lang === 'en' ? item.reasonsEn : item.reasons).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <dl className={styles.cardDates}>
        <div>
          <dt>{t('tutoria.lastAction')}</dt>
          <dd data-testid="worklist-last-action">
            {item.lastAction
              ? `${date(item.lastAction.date)} · ${item.lastAction.label[lang]}${
                  item.daysSinceAction !== null
                    ? ` (${tp('tutoria.daysAgo', item.daysSinceAction, { n: num(item.daysSinceAction) })})`
                    : ''
                }`
              : t('tutoria.noAction')}
          </dd>
        </div>
        <div>
          <dt>{t('tutoria.nextDue')}</dt>
          <dd data-testid="worklist-next-due" className={due.overdue ? styles.overdue : undefined}>
            {due.overdue
              ? item.lastAction
                ? t('tutoria.overdueSince', { date: date(due.date) })
                : t('tutoria.dueNow')
              : t('tutoria.dueBy', { date: date(due.date) })}
          </dd>
        </div>
      </dl>
      <div className={styles.cardActions}>
        {canWrite && (
          <button
            type="button"
            className="primary"
            data-testid="log-action"
            aria-expanded={open === 'form'}
            onClick={() => toggle('form')}
          >
            {t('tutoria.logAction')}
          </button>
        )}
        <button
          type="button"
          data-testid="show-history"
          aria-expanded={open === 'history'}
          onClick={() => toggle('history')}
        >
          {item.openInterventions > 0
            ? t('tutoria.historyOpen', {
                open: tp('tutoria.openCount', item.openInterventions, { n: num(item.openInterventions) }),
              })
            : t('tutoria.history')}
        </button>
      </div>
      {open === 'form' && (
        <InterventionForm
          student={item.student}
          name={name}
          today={today}
          onSaved={(message) => {
            setOpen('history');
            onChanged(message);
          }}
        />
      )}
      {open === 'history' && (
        <History student={item.student} name={name} today={today} canWrite={canWrite} onChanged={onChanged} />
      )}
    </li>
  );
}
