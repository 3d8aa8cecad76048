/**
 * Tutoría: the work queue (students at risk ranked by flag and probability, with the rule reasons and the
 * last action) and the form to log an intervention. Tutors see their groups; a campus its campus; state and
 * national coordinators choose a campus (?unit=CCT). Campus and coordinators also see the escalated cases.
 */
import { useState, type FormEvent } from 'react';
import { useApp } from '../../app/context';
import { Link } from '../../components/Link';
import { Async } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi } from '../../lib/useApi';
import { KINDS, tutoriaApi, type QueueItem } from './api';

export function TutoriaPage() {
  const { t, lang } = useI18n();
  const { user, route } = useApp();
  const campus =
    user.role === 'tutor' || user.role === 'campus' ? undefined : (route.unit ?? user.campusCct ?? undefined);
  const needsCampus = campus === undefined && user.role !== 'tutor' && user.role !== 'campus';
  const [version, setVersion] = useState(0);
  const queue = useApi(needsCampus ? null : `worklist:${campus ?? ''}:${version}`, (s) =>
    tutoriaApi.worklist(campus, s),
  );
  const showEscalations = user.role !== 'tutor' && !needsCampus;
  const escalated = useApi(showEscalations ? `escalations:${campus ?? ''}:${version}` : null, (s) =>
    tutoriaApi.escalations(campus, s),
  );
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canWrite = user.role !== 'analyst';

  return (
    <div className="page">
      <h1>{t('tutoria.title')}</h1>
      {needsCampus && <p className="muted">{t('tutoria.chooseCampus')}</p>}
      {saved && (
        <p className="notice" role="status" data-testid="intervention-saved">
          {saved}
        </p>
      )}
      <Async state={queue.state} reload={queue.reload}>
        {(q) => (
          <>
            <p className="muted" data-testid="worklist-summary">
              {t('tutoria.summary', {
                shown: q.items.length,
                atRisk: q.atRisk,
                red: q.red,
                capacity: q.capacity,
                days: q.escalateAfterDays,
              })}
            </p>
            {q.items.length === 0 ? (
              <p>{t('tutoria.empty')}</p>
            ) : (
              <table className="data-table" data-testid="worklist" aria-label={t('tutoria.title')}>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('tutoria.student')}</th>
                    <th scope="col">{t('tutoria.group')}</th>
                    <th scope="col">{t('tutoria.flag')}</th>
                    <th scope="col">{t('tutoria.probability')}</th>
                    <th scope="col">{t('tutoria.reasons')}</th>
                    <th scope="col">{t('tutoria.lastAction')}</th>
                    {canWrite && <th scope="col">{t('tutoria.action')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {q.items.map((item) => (
                    <Row
                      key={item.student}
                      item={item}
                      canWrite={canWrite}
                      open={open === item.student}
                      onToggle={() => setOpen(open === item.student ? null : item.student)}
                      onSaved={(message) => {
                        setOpen(null);
                        setSaved(message);
                        setVersion((v) => v + 1);
                      }}
                      lang={lang}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Async>
      {showEscalations && (
        <section aria-labelledby="escalations-title">
          <h2 id="escalations-title">{t('tutoria.escalations')}</h2>
          <Async state={escalated.state} reload={escalated.reload}>
            {(e) => (
              <>
                <p className="muted" data-testid="escalations-total">
                  {t('tutoria.escalationsTotal', { n: e.total })}
                </p>
                <ul>
                  {e.items.slice(0, 20).map((i) => (
                    <li key={i.student}>
                      <Link to={{ view: 'estudiante', id: i.student }}>{i.name ?? i.student}</Link> ·{' '}
                      {i.campusCct} · {i.reasons.join('; ')} ·{' '}
                      {i.lastAction
                        ? `${i.lastAction.date} (${i.daysSinceAction ?? '—'} d)`
                        : t('tutoria.noAction')}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Async>
        </section>
      )}
    </div>
  );
}

function Row({
  item,
  canWrite,
  open,
  onToggle,
  onSaved,
  lang,
}: {
  readonly item: QueueItem;
  readonly canWrite: boolean;
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly onSaved: (message: string) => void;
  readonly lang: 'es' | 'en';
}) {
  const { t, pct } = useI18n();
  return (
    <>
      <tr data-testid="worklist-row" data-flag={item.flag} data-student={item.student}>
        <td>{item.rank}</td>
        <td>
          <Link to={{ view: 'estudiante', id: item.student }}>{item.name ?? item.student}</Link>
        </td>
        <td>{item.group ?? '—'}</td>
        <td>
          <span className={`flag flag-${item.flag}`} data-testid="worklist-flag">
            {t(`tutoria.flag.${item.flag}`)}
          </span>
          {item.escalated && <span className="badge"> {t('tutoria.escalated')}</span>}
        </td>
        <td>{item.probability === null ? '—' : pct(item.probability * 100, 1)}</td>
        <td data-testid="worklist-reasons">
          <ul className="plain">
            {item.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </td>
        <td data-testid="worklist-last-action">
          {item.lastAction
            ? `${item.lastAction.date} · ${item.lastAction.label[lang]}`
            : t('tutoria.noAction')}
        </td>
        {canWrite && (
          <td>
            <button type="button" data-testid="log-action" aria-expanded={open} onClick={onToggle}>
              {t('tutoria.logAction')}
            </button>
          </td>
        )}
      </tr>
      {open && (
        <tr>
          <td colSpan={8}>
            <InterventionForm student={item.student} name={item.name ?? item.student} onSaved={onSaved} />
          </td>
        </tr>
      )}
    </>
  );
}

function InterventionForm({
  student,
  name,
  onSaved,
}: {
  readonly student: string;
  readonly name: string;
  readonly onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('tutoring');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
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
    <form className="intervention-form" data-testid="intervention-form" onSubmit={submit}>
      <label>
        {t('tutoria.kind')}
        <select
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
      </label>
      <label>
        {t('tutoria.date')}
        <input
          type="date"
          data-testid="intervention-date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <label>
        {t('tutoria.sessions')}
        <input
          type="number"
          min={0}
          max={200}
          data-testid="intervention-sessions"
          value={sessions}
          onChange={(e) => setSessions(e.target.value)}
        />
      </label>
      <label>
        {t('tutoria.description')}
        <textarea
          data-testid="intervention-text"
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" data-testid="intervention-submit" disabled={busy}>
        {t('tutoria.save')}
      </button>
    </form>
  );
}
