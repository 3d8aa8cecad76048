/**
 * Downloads of the official reports of a state or campus (911 start and end of year as XLSX, the campus card
 * as PDF) for the selected school year. Analysts get the public version only, so their links ask for it.
 */
import { useApp } from '../../app/context';
import { wantsPublicReports } from '../../app/roles';
import { useI18n } from '../../i18n/I18nProvider';
import styles from './unidad.module.css';

export function ReportLinks({ level, unit }: { readonly level: 'state' | 'campus'; readonly unit: string }) {
  const { t } = useI18n();
  const { user, selection } = useApp();
  const params = new URLSearchParams({
    [level === 'state' ? 'state' : 'campus']: level === 'state' ? String(Number(unit)) : unit,
    year: selection.year,
  });
  if (wantsPublicReports(user)) params.set('public', 'true');
  const href = (kind: string) => `/api/v1/reports/${kind}?${params.toString()}`;
  return (
    <p className={styles.sublinks} data-testid="report-links">
      <span>{t('unit.reports')}</span>
      <a href={href('911-inicio')} download>
        {t('unit.report911Start')}
      </a>
      <a href={href('911-fin')} download>
        {t('unit.report911End')}
      </a>
      {level === 'campus' && (
        <a href={href('boleta')} download>
          {t('unit.reportCard')}
        </a>
      )}
    </p>
  );
}
