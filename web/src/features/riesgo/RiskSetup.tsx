/**
 * The first start's early warning (issue 13, finding 6): while the server trains the model and scores the active
 * students in the background (GET /analyses/status, riskSetup), Riesgo and Modelo de riesgo say so, with the
 * current step and the time elapsed, and reload themselves when it is done, instead of asking for a command or
 * showing an error.
 */
import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client';
import status from '../../components/Status.module.css';
import { useI18n } from '../../i18n/I18nProvider';

export interface RiskSetupState {
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  /** The last step's message (Spanish). */
  readonly message: string | null;
  readonly startedAt: string | null;
  readonly error: string | null;
}

const POLL_MS = 3_000;

/** Polls the runner's status until the setup is done or failed; then calls `onDone` once. */
export function useRiskSetup(onDone: () => void): RiskSetupState | null {
  const [setup, setSetup] = useState<RiskSetupState | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const s = await apiRequest<{ riskSetup: RiskSetupState }>('GET', '/analyses/status');
        if (stopped) return;
        setSetup(s.riskSetup);
        if (s.riskSetup.state === 'done') return onDone();
        if (s.riskSetup.state === 'failed') return;
      } catch {
        // A passing network error: try again at the next tick.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onDone is a reload function of the page: polling starts once per mount.
  }, []);
  return setup;
}

/** What the page shows instead of its content while the first start prepares the early warning. */
export function RiskSetupNotice({
  onDone,
  fallback,
}: {
  readonly onDone: () => void;
  readonly fallback: string;
}) {
  const { t, lang, num } = useI18n();
  const setup = useRiskSetup(onDone);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  if (setup === null)
    return (
      <p className={status.loading} data-testid="loading">
        {t('risk.setup.checking')}
      </p>
    );
  if (setup.state === 'failed')
    return (
      <div className={status.errorBox} role="alert" data-testid="risk-setup">
        <p>{t('risk.setup.failed')}</p>
        {lang === 'es' && setup.error && <p>{setup.error}</p>}
      </div>
    );
  if (setup.state === 'running') {
    const seconds = setup.startedAt ? Math.max(0, (now - Date.parse(setup.startedAt)) / 1000) : null;
    return (
      <div className={status.loading} role="status" aria-live="polite" data-testid="risk-setup">
        <p>{t('risk.setup.running')}</p>
        <p className="muted">
          {lang === 'es' && setup.message ? `${setup.message} · ` : ''}
          {seconds === null ? '' : t('risk.setup.elapsed', { s: num(Math.round(seconds)) })}
        </p>
      </div>
    );
  }
  // idle (no setup in this process) or done without scores: what the operator can do.
  return (
    <p className={status.empty} data-testid="risk-setup">
      {fallback}
    </p>
  );
}
