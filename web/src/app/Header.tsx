/** Header: brand, sections, the year and indicator selectors, the user with their role, language, sign out. */
import { Link } from '../components/Link';
import { useI18n } from '../i18n/I18nProvider';
import { INDICATOR_KEYS, INDICATORS } from '../lib/indicators';
import { selectorsOf } from '../lib/selection';
import { linkTo, type Route, type View } from '../lib/route';
import { navigate } from '../lib/useRoute';
import { useApp } from './context';
import { canImport, canSeeAudit, canSeeQueue, landingPage, queueFirst } from './roles';
import { useSession } from './session';
import styles from './Header.module.css';

type NavView = Exclude<View, 'login' | 'carrera' | 'estudiante'>;

function navItems(route: Route, user: ReturnType<typeof useApp>['user']): { view: NavView; to: Route }[] {
  const items: { view: NavView; to: Route }[] = [
    { view: 'nacional', to: linkTo(route, { view: 'nacional' }) },
  ];
  if (user.stateCode)
    items.push({ view: 'estado', to: linkTo(route, { view: 'estado', unit: user.stateCode }) });
  if (user.campusCct)
    items.push({ view: 'plantel', to: linkTo(route, { view: 'plantel', unit: user.campusCct }) });
  items.push({ view: 'generaciones', to: { view: 'generaciones' } });
  items.push({ view: 'impacto', to: linkTo(route, { view: 'impacto' }) });
  // Tutoring work queue: tutors (their groups) and campus directors (their campus) first of all; state and
  // national coordinators choose a campus of their scope there.
  if (canSeeQueue(user)) {
    const queue = { view: 'tutoria' as const };
    if (queueFirst(user)) items.unshift({ view: 'tutoria', to: queue });
    else items.push({ view: 'tutoria', to: queue });
  }
  items.push({ view: 'riesgo', to: { view: 'riesgo' } });
  items.push({ view: 'modelo', to: { view: 'modelo' } });
  items.push({ view: 'efectos', to: { view: 'efectos' } });
  items.push({ view: 'escenarios', to: { view: 'escenarios' } });
  // Record imports: national, state and campus users (the API scopes rows to their campuses).
  if (canImport(user)) items.push({ view: 'importar', to: { view: 'importar' } });
  // The audit log: national and state coordinators only (the API answers 403 to the rest).
  if (canSeeAudit(user)) items.push({ view: 'auditoria', to: { view: 'auditoria' } });
  return items;
}

export function Header() {
  const { t, lang, setLang } = useI18n();
  const { signOut } = useSession();
  const { user, years, route, selection } = useApp();
  const selectors = selectorsOf(route.view);
  const items = navItems(route, user);
  const isCurrent = (to: Route) => to.view === route.view && (to.unit ?? '') === (route.unit ?? '');
  return (
    <header className={styles.header}>
      <div className={styles.top}>
        <Link to={landingPage(user)} className={styles.brand}>
          <span className={styles.brandName}>{t('app.name')}</span>
          <span className={styles.tagline}>{t('app.tagline')}</span>
        </Link>
        <div className={styles.user}>
          <span className={styles.userName}>{user.displayName}</span>
          <span className={styles.role} data-testid="user-role" data-role={user.role}>
            {t(`role.${user.role}`)}
          </span>
          <button
            type="button"
            className={styles.button}
            data-testid="lang-switch"
            title={t('header.langLabel')}
            onClick={() => setLang(lang === 'es' ? 'en' : 'es')}
          >
            <span lang={lang === 'es' ? 'en' : 'es'}>{t('header.lang')}</span>
          </button>
          <button
            type="button"
            className={styles.button}
            data-testid="sign-out"
            onClick={() => void signOut()}
          >
            {t('header.signOut')}
          </button>
        </div>
      </div>
      <nav className={styles.nav} aria-label={t('nav.main')}>
        <ul>
          {items.map((item) => (
            <li key={`${item.view}-${item.to.unit ?? ''}`}>
              <Link to={item.to} aria-current={isCurrent(item.to) ? 'page' : undefined}>
                {t(`nav.${item.view}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {(selectors.year || selectors.indicator) && (
        <div className="filters" role="group" aria-label={t('header.filters')}>
          {selectors.year && (
            <label>
              {t('header.year')}
              <select
                data-testid="year-select"
                value={selection.year}
                onChange={(e) => navigate({ ...route, year: e.target.value })}
              >
                {[...years.years].reverse().map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          )}
          {selectors.indicator && (
            <label>
              {t('header.indicator')}
              <select
                data-testid="indicator-select"
                value={selection.indicator}
                onChange={(e) => navigate({ ...route, indicator: e.target.value })}
              >
                {INDICATOR_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {t(`ind.${k}`)}
                    {INDICATORS[k].kind === 'percent' ? ' (%)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
    </header>
  );
}
