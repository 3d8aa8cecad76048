/**
 * The semáforo of a student's risk: colour (rojo red, amarillo amber, verde green) plus an icon of its own
 * shape plus the word, so that it never rests on colour alone (WCAG 1.4.1). Used by every page that shows a band.
 */
import { useI18n } from '../i18n/I18nProvider';
import { cx } from '../lib/cx';
import styles from './Semaforo.module.css';

export type Band = 'rojo' | 'amarillo' | 'verde';

/** A different shape per band: a filled circle, a triangle, a check. */
export const SEMAFORO_ICONS: Readonly<Record<Band, string>> = { rojo: '●', amarillo: '▲', verde: '✔' };

export function Semaforo({ flag, testId = 'risk-flag' }: { readonly flag: Band; readonly testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={cx(styles.flag, styles[flag])} data-testid={testId} data-flag={flag}>
      <span className={styles.icon} aria-hidden="true">
        {SEMAFORO_ICONS[flag]}
      </span>{' '}
      {t(`risk.flag.${flag}`)}
    </span>
  );
}
