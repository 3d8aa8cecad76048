/**
 * A student's interventions, newest first, each with its description and follow-up notes; on an open one a
 * follow-up and an outcome that closes it; on a closed one, reopen.
 */
import { useId, useState, type FormEvent } from 'react';
import events from '../../components/events.module.css';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi } from '../../lib/useApi';
import { OUTCOMES, tutoriaApi, type InterventionView } from './api';
import { cx } from '../../lib/cx';
import styles from './tutoria.module.css';

type Outcome = (typeof OUTCOMES)[number];

export function History({
  student,
  name,
  today,
  canWrite,
  onChanged,
}: {
  readonly student: string;
  readonly name: string;
  readonly today: string;
  readonly canWrite: boolean;
  readonly onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const list = useApi(`interventions:${student}:${version}`, (s) => tutoriaApi.interventions(student, s));
  const changed = (message: string) => {
    setVersion((v) => v + 1);
    onChanged(message);
  };
  return (
    <section className="history" data-testid="history" aria-label={t('tutoria.historyOf', { name })}>
      <Async state={list.state} reload={list.reload}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="muted">{t('tutoria.noHistory')}</p>
          ) : (
            <ol className={styles.historyList}>
              {[...l.items]
                .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.id - a.id)
                .map((iv) => (
                  <Entry
                    key={`${iv.id}:${version}`}
                    iv={iv}
                    today={today}
                    canWrite={canWrite}
                    onChanged={changed}
                  />
                ))}
            </ol>
          )
        }
      </Async>
    </section>
  );
}

function Entry({
  iv,
  today,
  canWrite,
  onChanged,
}: {
  readonly iv: InterventionView;
  readonly today: string;
  readonly canWrite: boolean;
  readonly onChanged: (message: string) => void;
}) {
  const { t, tp, lang, date, num } = useI18n();
  const notes = useApi(iv.notes > 0 ? `followups:${iv.id}:${iv.notes}` : null, (s) =>
    tutoriaApi.followUps(iv.id, s),
  );
  const [error, setError] = useState<string | null>(null);
  const isOpen = iv.outcome === null;
  const run = (p: Promise<unknown>, message: string) =>
    p.then(
      () => onChanged(message),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <li className={styles.historyItem} data-testid="history-item" data-id={iv.id} data-open={isOpen}>
      <p className="history-title">
        <strong>{iv.kindLabel[lang]}</strong> · {date(iv.startDate)}
        {iv.endDate && ` – ${date(iv.endDate)}`}
      </p>
      <p className="muted">
        {tp('tutoria.sessionsCount', iv.sessions, { n: num(iv.sessions) })} ·{' '}
        <span data-testid="history-outcome" className={isOpen ? styles.statusOpen : 'status-closed'}>
          {iv.outcomeLabel[lang]}
        </span>
        {iv.assignedBy && ` · ${t('tutoria.by', { name: iv.assignedBy })}`}
      </p>
      {iv.description && (
        <p className={styles.historyDescription} data-testid="history-description">
          {iv.description}
        </p>
      )}
      {iv.notes > 0 && notes.state.status === 'ok' && (
        <ul className={styles.followups} aria-label={t('tutoria.followUps')}>
          {notes.state.data.followUps.map((n) => (
            <li key={n.id} data-testid="followup">
              <span className={events.date}>{date(n.date)}</span> · {n.author}: {n.body}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {canWrite &&
        (isOpen ? (
          <>
            <FollowUpForm
              today={today}
              onSubmit={(body, d) =>
                run(tutoriaApi.addNote(iv.id, { body, date: d }), t('tutoria.followUpSaved'))
              }
            />
            <OutcomeForm
              onSubmit={(outcome) =>
                run(
                  tutoriaApi.updateIntervention(iv.id, { outcome, endDate: today }),
                  t('tutoria.closed', { outcome: t(`tutoria.outcome.${outcome}`) }),
                )
              }
            />
          </>
        ) : (
          <button
            type="button"
            data-testid="reopen"
            onClick={() =>
              void run(
                tutoriaApi.updateIntervention(iv.id, { outcome: null, endDate: null }),
                t('tutoria.reopened'),
              )
            }
          >
            {t('tutoria.reopen')}
          </button>
        ))}
    </li>
  );
}

function FollowUpForm({
  today,
  onSubmit,
}: {
  readonly today: string;
  readonly onSubmit: (body: string, date: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [body, setBody] = useState('');
  const [date, setDate] = useState(today);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    void onSubmit(body, date).finally(() => setBusy(false));
  };
  return (
    <form className={styles.cardForm} data-testid="followup-form" onSubmit={submit}>
      <div className={styles.formRow}>
        <label htmlFor={`${id}-body`}>{t('tutoria.followUp')}</label>
        <textarea
          id={`${id}-body`}
          data-testid="followup-text"
          rows={2}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      <div className={cx(styles.formRow, styles.inline)}>
        <div>
          <label htmlFor={`${id}-date`}>{t('tutoria.followUpDate')}</label>
          <input
            id={`${id}-date`}
            type="date"
            data-testid="followup-date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <button type="submit" data-testid="followup-submit" disabled={busy || !body.trim()}>
          {t('tutoria.saveFollowUp')}
        </button>
      </div>
    </form>
  );
}

function OutcomeForm({ onSubmit }: { readonly onSubmit: (outcome: Outcome) => Promise<unknown> }) {
  const { t } = useI18n();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>('concluida');
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void onSubmit(outcome).finally(() => setBusy(false));
  };
  return (
    <form className={cx(styles.cardForm, styles.inline)} data-testid="outcome-form" onSubmit={submit}>
      <div className={cx(styles.formRow, styles.inline)}>
        <div>
          <label htmlFor={`${id}-outcome`}>{t('tutoria.outcome')}</label>
          <select
            id={`${id}-outcome`}
            data-testid="outcome-select"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as Outcome)}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`tutoria.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" data-testid="close-intervention" disabled={busy}>
          {t('tutoria.close')}
        </button>
      </div>
    </form>
  );
}
