/** Loading, empty and error states, used by every page and panel. */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import type { ApiState } from '../lib/useApi';
import styles from './Status.module.css';

export function Loading({ label }: { readonly label?: string }) {
  const { t } = useI18n();
  return (
    <div className={styles.loading} role="status" aria-live="polite" data-testid="loading">
      <span className={styles.spinner} aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function Empty({ children }: { readonly children?: ReactNode }) {
  const { t } = useI18n();
  return <p className={styles.empty}>{children ?? t('state.empty')}</p>;
}

export function ErrorBox({ error, onRetry }: { readonly error: ApiError; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  const message = error.status === 404 ? `${t('state.notFound')} ${error.message}` : error.message;
  return (
    <div className={styles.errorBox} role="alert">
      <p>
        <strong>{t('state.error')}:</strong> {message}
      </p>
      {onRetry && error.status !== 404 && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** Renders the loading or error state of a request, or its data with `children`. */
export function Async<T>({
  state,
  reload,
  children,
}: {
  readonly state: ApiState<T>;
  readonly reload?: () => void;
  readonly children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return <ErrorBox error={state.error} {...(reload ? { onRetry: reload } : {})} />;
  return <>{children(state.data)}</>;
}
