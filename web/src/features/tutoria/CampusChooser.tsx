/** State and national coordinators open the queue of any campus of their scope (state coordinators: their state). */
import { api } from '../../api/client';
import { useApp } from '../../app/context';
import { stateScope } from '../../app/roles';
import { useI18n } from '../../i18n/I18nProvider';
import { cached, useApi } from '../../lib/useApi';
import { navigate } from '../../lib/useRoute';
import styles from './tutoria.module.css';

export function CampusChooser({ current }: { readonly current: string | undefined }) {
  const { t } = useI18n();
  const { user } = useApp();
  const state = stateScope(user);
  const campuses = useApi(`campuses:${state ?? ''}`, () =>
    cached(`campuses:${state ?? ''}`, () => api.campuses(state)),
  );
  const list = campuses.state.status === 'ok' ? campuses.state.data : [];
  return (
    <div className={styles.queueFilters}>
      <label>
        {t('tutoria.campus')}
        <select
          data-testid="tutoria-campus"
          value={current ?? ''}
          onChange={(e) => navigate({ view: 'tutoria', ...(e.target.value ? { unit: e.target.value } : {}) })}
        >
          <option value="">{t('tutoria.chooseCampusOption')}</option>
          {[...list]
            .sort((a, b) => a.name.localeCompare(b.name, 'es'))
            .map((c) => (
              <option key={c.cct} value={c.cct}>
                {c.name} ({c.cct})
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
