/** The form that logs a new intervention (an action) for a student. */
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { KINDS, tutoriaApi } from './api';
import { cx } from '../../lib/cx';
import styles from './tutoria.module.css';

export function InterventionForm({
  student,
  name,
  today,
  onSaved,
}: {
  readonly student: string;
  readonly name: string;
  readonly today: string;
  readonly onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('tutoring');
  const [date, setDate] = useState(today);
  const [sessions, setSessions] = useState('1');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    tutoriaApi
      .addIntervention({
        student,
        kind,
        startDate: date,
        sessions: Number(sessions),
        description: text || null,
      })
      .then(
        () => onSaved(t('tutoria.saved', { name, kind: t(`tutoria.kind.${kind}`) })),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form
      className={styles.cardForm}
      data-testid="intervention-form"
      onSubmit={submit}
      aria-label={t('tutoria.logActionFor', { name })}
    >
      <div className={styles.formRow}>
        <label htmlFor={`${id}-kind`}>{t('tutoria.kind')}</label>
        <select
          id={`${id}-kind`}
          data-testid="intervention-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`tutoria.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={cx(styles.formRow, styles.two)}>
        <div>
          <label htmlFor={`${id}-date`}>{t('tutoria.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            data-testid="intervention-date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-sessions`}>{t('tutoria.sessions')}</label>
          <input
            id={`${id}-sessions`}
            type="number"
            inputMode="numeric"
            min={0}
            max={200}
            data-testid="intervention-sessions"
            value={sessions}
            onChange={(e) => setSessions(e.target.value)}
          />
        </div>
      </div>
      <div className={styles.formRow}>
        <label htmlFor={`${id}-text`}>{t('tutoria.description')}</label>
        <textarea
          id={`${id}-text`}
          data-testid="intervention-text"
          maxLength={2000}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="intervention-submit" disabled={busy}>
        {t('tutoria.save')}
      </button>
    </form>
  );
}
