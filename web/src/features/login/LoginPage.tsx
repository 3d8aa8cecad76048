/** Sign-in form. The API's message (in Spanish) is shown as is when the sign-in fails. */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { landingPage } from '../../app/roles';
import styles from './LoginPage.module.css';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/I18nProvider';
import { parseRoute } from '../../lib/route';
import { safeNext } from '../../lib/selection';
import { navigate, useRoute } from '../../lib/useRoute';

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { signedIn } = useSession();
  const route = useRoute();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.login(username.trim(), password);
      signedIn(user);
      const next = safeNext(route.next);
      navigate(next ? parseRoute(next.slice(1)) : landingPage(user), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <main id="main" className={styles.login}>
      <div className={styles.card}>
        <div className={styles.head}>
          <p className={styles.brandName}>{t('app.name')}</p>
          <button
            type="button"
            className="link-button"
            data-testid="lang-switch"
            aria-label={t('header.langLabel')}
            onClick={() => setLang(lang === 'es' ? 'en' : 'es')}
          >
            <span lang={lang === 'es' ? 'en' : 'es'}>{t('header.lang')}</span>
          </button>
        </div>
        <p className="muted">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            required
          />
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            required
          />
          {error && (
            <p id="login-error" className={styles.error} role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
