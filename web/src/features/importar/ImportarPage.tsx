/**
 * Importar: a campus, state or national user uploads a CSV or XLSX of records (POST /imports/{kind}), first as a
 * dry run if they like; the Spanish error report (row, column, value, message) is shown and can be downloaded;
 * the template of each kind is one click away. Nothing is written unless the whole file is valid.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, buildUrl, errorFromBody, languageHeaders } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import type { MessageKey } from '../../i18n/es';
import { useI18n } from '../../i18n/I18nProvider';
import { IMPORT_KINDS, reportCsv, type ImportKind, type ImportSummary } from './shape';

const SHOWN = 100;

type State =
  | { readonly status: 'idle' }
  | { readonly status: 'sending' }
  | { readonly status: 'done'; readonly summary: ImportSummary }
  | { readonly status: 'error'; readonly message: string };

export function ImportarPage() {
  const { t, tp, num } = useI18n();
  const [kind, setKind] = useState<ImportKind>('module-results');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [state, setState] = useState<State>({ status: 'idle' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setState({ status: 'sending' });
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await fetch(buildUrl(`/imports/${kind}`, { dryRun: dryRun ? 'true' : 'false' }), {
        method: 'POST',
        credentials: 'same-origin',
        headers: languageHeaders(),
        body: form,
      });
      const body: unknown = await res.json().catch(() => undefined);
      if (!res.ok) throw errorFromBody(res.status, body);
      setState({ status: 'done', summary: body as ImportSummary });
    } catch (err) {
      setState({ status: 'error', message: err instanceof ApiError ? err.message : t('import.failed') });
    }
  };

  const download = (s: ImportSummary) => {
    const url = URL.createObjectURL(new Blob([reportCsv(s.issues)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `errores-${s.file.replace(/\.[^.]+$/, '')}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="page">
      <h1>{t('import.title')}</h1>
      <p className="note">{t('import.intro')}</p>
      <form className="filters" onSubmit={(e) => void submit(e)} data-testid="import-form">
        <label>
          {t('import.kind')}
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as ImportKind)}
            data-testid="import-kind"
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`import.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <a href={buildUrl(`/imports/${kind}/template`)} download data-testid="import-template">
          {t('import.template')}
        </a>
        <label>
          {t('import.file')}
          <input
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="import-file"
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          {t('import.dryRun')}
        </label>
        <button type="submit" disabled={!file || state.status === 'sending'} data-testid="import-submit">
          {state.status === 'sending' ? t('import.sending') : t('import.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {state.status === 'error' ? (
          <p className="error" role="alert">
            {state.message}
          </p>
        ) : null}
        {state.status === 'done' ? (
          <section data-testid="import-result">
            {state.summary.rejected ? (
              <>
                <p className="error" role="alert">
                  {tp('import.rejected', state.summary.issueCount, { n: num(state.summary.issueCount) })}
                </p>
                <button type="button" onClick={() => download(state.summary)} data-testid="import-report">
                  {t('import.downloadReport')}
                </button>
                <DataTable
                  rows={state.summary.issues.slice(0, SHOWN)}
                  columns={[
                    { key: 'line', header: t('import.line'), rowHeader: true, cell: (i) => i.line },
                    { key: 'column', header: t('import.column'), cell: (i) => i.column ?? '' },
                    { key: 'value', header: t('import.value'), cell: (i) => i.value ?? '' },
                    { key: 'message', header: t('import.message'), cell: (i) => i.message },
                  ]}
                  rowKey={(_, k) => k}
                  caption={t('import.issues')}
                  captionHidden
                  region={t('import.issues')}
                  testId="import-issues"
                />
                {state.summary.issueCount > SHOWN ? (
                  <p className="muted">
                    {tp('import.more', state.summary.issueCount - SHOWN, {
                      n: num(state.summary.issueCount - SHOWN),
                    })}
                  </p>
                ) : null}
              </>
            ) : (
              <p data-testid="import-ok">
                {t(state.summary.dryRun ? 'import.okDry' : 'import.ok', {
                  rows: num(state.summary.rows),
                  inserted: num(state.summary.inserted),
                  updated: num(state.summary.updated),
                  unchanged: num(state.summary.unchanged),
                })}
              </p>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}
