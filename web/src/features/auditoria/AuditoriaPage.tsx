/**
 * Auditoría: the append-only audit log (GET /audit) — who opened a student profile, downloaded personal data,
 * imported a file, changed a role or a threshold. National coordinators see every row, state coordinators the
 * rows of their state. Filters by action family and dates, pages of 50, CSV and Excel downloads of the filtered
 * log. Students appear by internal id, never by name.
 */
import { useState, type FormEvent } from 'react';
import { api, downloadUrl } from '../../api/client';
import type { AuditQuery } from '../../api/models';
import { DataTable } from '../../components/DataTable';
import pager from '../../components/pager.module.css';
import { Async, Empty } from '../../components/Status';
import type { MessageKey } from '../../i18n/es';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi } from '../../lib/useApi';
import { auditActionLabel, auditTargetLabel } from '../../../../src/domain/audit';
import { auditWhen, detailsText } from './format';
import { AUDIT_FAMILIES } from './shape';

const PAGE_SIZE = 50;

export function AuditoriaPage() {
  const { t, num, lang } = useI18n();
  const [form, setForm] = useState<{ action: string; since: string; until: string }>({
    action: '',
    since: '',
    until: '',
  });
  const [filters, setFilters] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);
  const query: AuditQuery = { ...filters, page, pageSize: PAGE_SIZE };
  const result = useApi(`audit:${JSON.stringify(query)}`, (signal) => api.audit(query, signal));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({
      ...(form.action ? { action: form.action } : {}),
      ...(form.since ? { since: form.since } : {}),
      ...(form.until ? { until: form.until } : {}),
    });
    setPage(1);
  };
  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <p className="note">{t('audit.intro')}</p>
      <form className="filters inline" onSubmit={submit} data-testid="audit-filters">
        <label>
          {t('audit.action')}
          <select
            data-testid="audit-action"
            value={form.action}
            onChange={(e) => setForm({ ...form, action: e.target.value })}
          >
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_FAMILIES.map((f) => (
              <option key={f} value={f}>
                {t(`audit.family.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.since')}
          <input
            type="date"
            value={form.since}
            onChange={(e) => setForm({ ...form, since: e.target.value })}
          />
        </label>
        <label>
          {t('audit.until')}
          <input
            type="date"
            value={form.until}
            onChange={(e) => setForm({ ...form, until: e.target.value })}
          />
        </label>
        <button type="submit">{t('audit.apply')}</button>
        <a href={downloadUrl('/audit', { ...filters }, 'csv')} download data-testid="audit-csv">
          {t('audit.downloadCsv')}
        </a>
        <a href={downloadUrl('/audit', { ...filters }, 'xlsx')} download>
          {t('audit.downloadXlsx')}
        </a>
      </form>
      <Async state={result.state} reload={result.reload}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
          return (
            <>
              <p className="muted" aria-live="polite" data-testid="audit-total">
                {t('audit.total', { total: num(data.total) })}
              </p>
              {data.items.length === 0 ? (
                <Empty>{t('audit.none')}</Empty>
              ) : (
                <DataTable
                  rows={data.items}
                  columns={[
                    {
                      key: 'at',
                      header: t('audit.at'),
                      rowHeader: true,
                      cell: (r) => <time dateTime={r.at}>{auditWhen(r.at, lang)}</time>,
                    },
                    {
                      key: 'actor',
                      header: t('audit.actor'),
                      cell: (r) => (
                        <>
                          {r.actor}
                          {r.role ? (
                            <span className="muted"> · {t(`role.${r.role}` as MessageKey)}</span>
                          ) : null}
                        </>
                      ),
                    },
                    {
                      key: 'action',
                      header: t('audit.action'),
                      // The words for people; the code (what filters and downloads use) for operators.
                      cell: (r) => (
                        <span title={r.action} data-testid="audit-action-label">
                          {auditActionLabel(r.action, lang)}
                        </span>
                      ),
                    },
                    {
                      key: 'target',
                      header: t('audit.target'),
                      cell: (r) =>
                        r.target ? (
                          <span title={r.target} data-testid="audit-target-label">
                            {auditTargetLabel(r.target, lang)}
                          </span>
                        ) : (
                          '—'
                        ),
                    },
                    {
                      key: 'details',
                      header: t('audit.details'),
                      cell: (r) => detailsText(r.details, lang),
                      attrs: () => ({ className: 'details' }),
                    },
                  ]}
                  rowKey={(r) => r.id}
                  rowAttrs={(r) => ({ 'data-testid': 'audit-row', 'data-action': r.action })}
                  caption={t('audit.title')}
                  captionHidden
                  region={t('audit.title')}
                  testId="audit-table"
                />
              )}
              {pages > 1 && (
                <nav className={pager.pager} aria-label={t('students.page', { page: data.page, pages })}>
                  <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                    {t('students.prev')}
                  </button>
                  <span>{t('students.page', { page: data.page, pages })}</span>
                  <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                    {t('students.next')}
                  </button>
                </nav>
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}
