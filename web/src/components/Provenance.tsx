/** "¿Cómo se calcula?": a button that shows or hides how a figure is obtained (formula, values, source, cut-off). */
import { useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { cx } from '../lib/cx';
import { provenanceText, type ProvenanceLine } from './provenance';
import styles from './Provenance.module.css';

export interface ProvenanceProps {
  readonly lines: readonly ProvenanceLine[];
  /** What the figure is (read by screen readers after the button text, so every button has its own name). */
  readonly subject: string;
  readonly testId?: string;
}

export function Provenance({ lines, subject, testId }: ProvenanceProps) {
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div>
      <button
        type="button"
        className={cx('link-button', styles.toggle)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {provenanceText(lang, 'how')}
        <span className="visually-hidden"> ({subject})</span>
      </button>
      <div
        id={panelId}
        className={styles.panel}
        hidden={!open}
        {...(testId ? { 'data-testid': testId } : {})}
      >
        <dl>
          {lines
            .filter((l) => l.term)
            .map((l) => (
              <div key={l.term}>
                <dt>{l.term}</dt>
                <dd>{l.value}</dd>
              </div>
            ))}
        </dl>
        {lines
          .filter((l) => !l.term)
          .map((l) => (
            <p key={l.value}>{l.value}</p>
          ))}
      </div>
    </div>
  );
}
