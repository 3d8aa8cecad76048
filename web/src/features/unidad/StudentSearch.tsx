/**
 * Student search of a campus (GET /students?campus=CCT&q=…): results link to the student's trajectory; the group
 * and risk columns sort the whole list on the server (order=group|risk).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApp } from '../../app/context';
import { canSeeNames } from '../../app/roles';
import { Link } from '../../components/Link';
import pager from '../../components/pager.module.css';
import { Semaforo, type Band } from '../../components/Semaforo';
import { DataTable } from '../../components/DataTable';
import { Async, Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { useApi } from '../../lib/useApi';
import type { SortState } from '../../lib/sort';
import { navigate } from '../../lib/useRoute';
import styles from './unidad.module.css';

type StudentOrder = 'default' | 'risk' | 'group';

const isBand = (f: string | null | undefined): f is Band => f === 'rojo' || f === 'amarillo' || f === 'verde';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 350;

export function StudentSearch({ cct }: { readonly cct: string }) {
  const { t, num, pct, label } = useI18n();
  const { route, user } = useApp();
  const [text, setText] = useState(route.q ?? '');
  const [query, setQuery] = useState(route.q ?? '');
  const [page, setPage] = useState(1);
  const [order, setOrder] = useState<StudentOrder>('default');

  useEffect(() => {
    const id = setTimeout(() => {
      setQuery(text.trim());
      setPage(1);
    }, DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [text]);

  useEffect(() => {
    // Keep the search in the URL (replace: typing is not a history step).
    if ((route.q ?? '') !== query)
      navigate({ ...route, ...(query ? { q: query } : { q: undefined }) }, { replace: true });
  }, [query, route]);

  const result = useApi(`students:${cct}:${query}:${order}:${page}`, (signal) =>
    api.students(
      {
        campus: cct,
        ...(query ? { q: query } : {}),
        ...(order !== 'default' ? { order } : {}),
        page,
        pageSize: PAGE_SIZE,
      },
      signal,
    ),
  );
  // The server sorts the whole list (every page): a click on the same column goes back to the default order.
  const sort: SortState<StudentOrder> = { key: order, dir: order === 'risk' ? 'desc' : 'asc' };
  const onSort = (key: StudentOrder) => {
    setOrder((o) => (o === key ? 'default' : key));
    setPage(1);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(text.trim());
    setPage(1);
  };

  return (
    <section className="panel" aria-labelledby="students-title">
      <h2 id="students-title">{t('students.title')}</h2>
      {!canSeeNames(user) && <p className="note">{t('students.pseudonymous')}</p>}
      <form role="search" className={styles.search} onSubmit={submit}>
        <label htmlFor="student-search">{t('students.search')}</label>
        <input
          id="student-search"
          data-testid="student-search"
          type="search"
          value={text}
          placeholder={t('students.searchHint')}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
        />
        <button type="submit">{t('students.submit')}</button>
      </form>
      <Async state={result.state} reload={result.reload}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE)));
          const showName = data.items.some((s) => s.name);
          const showCurp = data.items.some((s) => s.curp);
          const showGeneration = data.items.some((s) => typeof s.entryYear === 'number');
          const showSemester = data.items.some((s) => typeof s.semester === 'number');
          const showStatus = data.items.some((s) => s.status);
          // Always shown (a column that comes and goes with the page could not be sorted by).
          const showGroup = true;
          const showRisk = true;
          return (
            <>
              <p className="muted" aria-live="polite" data-testid="student-total">
                {data.total === 1 && !data.totalIsLowerBound
                  ? t('students.resultsOne')
                  : t(data.totalIsLowerBound ? 'students.resultsAtLeast' : 'students.results', {
                      total: num(data.total),
                    })}
              </p>
              {data.items.length === 0 ? (
                <Empty>{t('students.none')}</Empty>
              ) : (
                <DataTable
                  rows={data.items}
                  columns={[
                    {
                      key: 'name',
                      header: showName ? t('students.name') : t('students.id'),
                      rowHeader: true,
                      cell: (s) => (
                        <Link to={{ view: 'estudiante', id: s.id }}>
                          {s.name ?? <code className="id">{s.id}</code>}
                        </Link>
                      ),
                    },
                    showCurp && {
                      key: 'curp',
                      header: t('students.curp'),
                      cell: (s) => <code>{s.curp ?? '—'}</code>,
                    },
                    { key: 'program', header: t('students.program'), cell: (s) => s.programName },
                    showGeneration && {
                      key: 'generation',
                      header: t('students.generation'),
                      cell: (s) =>
                        typeof s.entryYear === 'number' ? `${s.entryYear}-${s.entryYear + 3}` : '—',
                    },
                    showSemester && {
                      key: 'semester',
                      header: t('students.semester'),
                      numeric: true,
                      cell: (s) => num(s.semester ?? null),
                    },
                    showStatus && {
                      key: 'status',
                      header: t('students.status'),
                      cell: (s) => label('status', s.status),
                    },
                    showGroup && {
                      key: 'group',
                      header: t('students.group'),
                      firstDir: 'asc',
                      sort: (s) => s.group,
                      cell: (s) => s.group ?? '—',
                    },
                    showRisk && {
                      key: 'risk',
                      header: t('students.risk'),
                      firstDir: 'desc',
                      sort: (s) => s.riskProbability,
                      cell: (s) => (
                        <>
                          {isBand(s.riskFlag) ? <Semaforo flag={s.riskFlag} /> : '—'}
                          {typeof s.riskProbability === 'number' && ` ${pct(s.riskProbability * 100, 1)}`}
                        </>
                      ),
                      attrs: () => ({ className: 'nowrap', 'data-testid': 'student-risk' }),
                    },
                  ]}
                  rowKey={(s) => s.id}
                  rowAttrs={(s) => ({ 'data-testid': 'student-row', 'data-id': s.id })}
                  caption={t('students.title')}
                  captionHidden
                  region={t('students.table')}
                  testId="student-results"
                  sort={sort}
                  onSort={(key) => onSort(key as StudentOrder)}
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
    </section>
  );
}
