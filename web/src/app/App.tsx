/**
 * The shell: language, session, header and the page of the current URL. Pages are loaded on demand
 * (React.lazy), so the login page and the shell load first and ECharts only with the first chart.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { api } from '../api/client';
import { ErrorBox, Loading } from '../components/Status';
import { LoginPage } from '../features/login/LoginPage';
import { I18nProvider, useI18n } from '../i18n/I18nProvider';
import type { Route } from '../lib/route';
import { resolveSelection } from '../lib/selection';
import { cached, useApi } from '../lib/useApi';
import { navigate, useRoute } from '../lib/useRoute';
import type { SessionUser } from '../api/models';
import { AppContext } from './context';
import { Header } from './Header';
import { landingPage } from './roles';
import { goToLogin, SessionProvider, useSession } from './session';
import styles from './App.module.css';

const NacionalPage = lazy(() =>
  import('../features/nacional/NacionalPage').then((m) => ({ default: m.NacionalPage })),
);
const UnitPage = lazy(() => import('../features/unidad/UnitPage').then((m) => ({ default: m.UnitPage })));
const GeneracionesPage = lazy(() =>
  import('../features/generaciones/GeneracionesPage').then((m) => ({ default: m.GeneracionesPage })),
);
const ImpactoPage = lazy(() =>
  import('../features/impacto/ImpactoPage').then((m) => ({ default: m.ImpactoPage })),
);
const AuditoriaPage = lazy(() =>
  import('../features/auditoria/AuditoriaPage').then((m) => ({ default: m.AuditoriaPage })),
);
const TutoriaPage = lazy(() =>
  import('../features/tutoria/TutoriaPage').then((m) => ({ default: m.TutoriaPage })),
);
const EfectosPage = lazy(() =>
  import('../features/efectos/EfectosPage').then((m) => ({ default: m.EfectosPage })),
);
const EscenariosPage = lazy(() =>
  import('../features/escenarios/EscenariosPage').then((m) => ({ default: m.EscenariosPage })),
);
const RiesgoPage = lazy(() =>
  import('../features/riesgo/RiesgoPage').then((m) => ({ default: m.RiesgoPage })),
);
const ModeloPage = lazy(() =>
  import('../features/riesgo/ModeloPage').then((m) => ({ default: m.ModeloPage })),
);
const ImportarPage = lazy(() =>
  import('../features/importar/ImportarPage').then((m) => ({ default: m.ImportarPage })),
);
const EstudiantePage = lazy(() =>
  import('../features/estudiante/EstudiantePage').then((m) => ({ default: m.EstudiantePage })),
);

function Page({ route }: { readonly route: Route }): ReactNode {
  switch (route.view) {
    case 'nacional':
      return <NacionalPage />;
    case 'estado':
      return <UnitPage key={`state-${route.unit ?? ''}`} level="state" />;
    case 'plantel':
      return <UnitPage key={`campus-${route.unit ?? ''}`} level="campus" />;
    case 'carrera':
      return <UnitPage key={`program-${route.unit ?? ''}`} level="program" />;
    case 'generaciones':
      return <GeneracionesPage />;
    case 'impacto':
      return <ImpactoPage />;
    case 'estudiante':
      return <EstudiantePage key={route.id ?? ''} />;
    case 'auditoria':
      return <AuditoriaPage />;
    case 'tutoria':
      return <TutoriaPage key={route.unit ?? ''} />;
    case 'efectos':
      return <EfectosPage />;
    case 'escenarios':
      return <EscenariosPage />;
    case 'riesgo':
      return <RiesgoPage key={route.unit ?? ''} />;
    case 'modelo':
      return <ModeloPage />;
    case 'importar':
      return <ImportarPage />;
    case 'login':
      return null;
  }
}

function RedirectToLogin() {
  useEffect(goToLogin, []);
  return <Loading />;
}

function SignedIn({ user, route }: { readonly user: SessionUser; readonly route: Route }) {
  const { t } = useI18n();
  const years = useApi('years', () => cached('years', () => api.years()));
  useEffect(() => {
    // The bare address opens the user's own unit.
    if (window.location.search === '') navigate(landingPage(user), { replace: true });
  }, [user]);
  const pageKey = `${route.view}|${route.unit ?? ''}|${route.id ?? ''}`;
  useEffect(() => {
    document.title = `${t(`nav.${route.view === 'login' ? 'nacional' : route.view}`)} · ${t('app.name')}`;
  }, [route.view, t]);
  const firstPage = useRef(true);
  useEffect(() => {
    // After moving to another page (not on the first one), keyboard and screen reader users start at its content.
    if (firstPage.current) firstPage.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [pageKey]);
  const selection = useMemo(
    () => (years.state.status === 'ok' ? resolveSelection(route, years.state.data) : null),
    [route, years.state],
  );
  if (years.state.status === 'loading') return <Loading />;
  if (years.state.status === 'error') return <ErrorBox error={years.state.error} onRetry={years.reload} />;
  if (!selection) return null;
  return (
    <AppContext.Provider value={{ user, years: years.state.data, route, selection }}>
      <a className={styles.skipLink} href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading label={t('app.loadingPage')} />}>
          <Page route={route} />
        </Suspense>
      </main>
    </AppContext.Provider>
  );
}

function Shell() {
  const route = useRoute();
  const { session, retry } = useSession();
  if (route.view === 'login') return <LoginPage />;
  switch (session.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return (
        <main id="main" className={styles.narrow}>
          <ErrorBox error={session.error} onRetry={retry} />
        </main>
      );
    case 'out':
      return <RedirectToLogin />;
    case 'in':
      return <SignedIn user={session.user} route={route} />;
  }
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </I18nProvider>
  );
}
