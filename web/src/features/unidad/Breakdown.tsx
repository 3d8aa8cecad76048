/**
 * The director's breakdown of a campus (issue 13): its programs (official indicators of the selected year and
 * students by semáforo, each linked to its program page) and its groups of the scored term (what the records
 * say and students by semáforo), worst first by the share in red; every column sorts. Shown to every role
 * whose scope holds the campus.
 */
import { useApp } from '../../app/context';
import { Link } from '../../components/Link';
import { DataTable, type Column } from '../../components/DataTable';
import { Async, Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { linkTo } from '../../lib/route';
import { useApi } from '../../lib/useApi';
import styles from './Breakdown.module.css';
import { breakdownApi, type Bands, type BreakdownGroup, type BreakdownProgram } from './breakdownApi';

/** The three bands as one bar (aria-hidden: the numbers are in their own cells). */
function BandBar({ risk }: { readonly risk: Bands }) {
  if (risk.total === 0) return null;
  const w = (n: number) => `${(100 * n) / risk.total}%`;
  return (
    <span className={styles.bandBar} aria-hidden="true">
      <span className={styles.rojo} style={{ width: w(risk.rojo) }} />
      <span className={styles.amarillo} style={{ width: w(risk.amarillo) }} />
      <span className={styles.verde} style={{ width: w(risk.verde) }} />
    </span>
  );
}

/** The four risk columns (students in red, yellow, green; the share in red with its bar), sortable. */
function riskColumns<T>(
  risk: (row: T) => Bands,
  t: ReturnType<typeof useI18n>['t'],
  num: ReturnType<typeof useI18n>['num'],
  pct: ReturnType<typeof useI18n>['pct'],
): Column<T>[] {
  return [
    ...(['rojo', 'amarillo', 'verde'] as const).map((f): Column<T> => ({
      key: f,
      header: t(`risk.flag.${f}`),
      numeric: true,
      sort: (row) => risk(row)[f],
      cell: (row) => num(risk(row)[f]),
    })),
    {
      key: 'rojoShare',
      header: t('breakdown.redShare'),
      numeric: true,
      sort: (row) => risk(row).rojoShare,
      cell: (row) => {
        const r = risk(row);
        return (
          <>
            {r.rojoShare === null ? '—' : pct(r.rojoShare * 100, 1)}
            <BandBar risk={r} />
          </>
        );
      },
    },
  ];
}

/** Worst first: the largest share of students in red. */
const WORST_FIRST = { key: 'rojoShare', dir: 'desc' } as const;

function ProgramTable({
  programs,
  caption,
}: {
  readonly programs: readonly BreakdownProgram[];
  readonly caption: string;
}) {
  const { t, num, pct, ind } = useI18n();
  const { route } = useApp();
  return (
    <DataTable
      rows={programs}
      columns={[
        {
          key: 'name',
          header: t('ranking.program'),
          rowHeader: true,
          sort: (p) => p.name,
          cell: (p) => <Link to={linkTo(route, { view: 'carrera', unit: p.code })}>{p.name}</Link>,
        },
        { key: 'mt', header: t('ranking.mt'), numeric: true, sort: (p) => p.mt, cell: (p) => num(p.mt) },
        {
          key: 'abandono',
          header: t('ind.abandono'),
          numeric: true,
          sort: (p) => p.abandono,
          cell: (p) => ind('abandono', p.abandono),
        },
        {
          key: 'aprobacion',
          header: t('ind.aprobacion'),
          numeric: true,
          sort: (p) => p.aprobacion,
          cell: (p) => ind('aprobacion', p.aprobacion),
        },
        ...riskColumns<BreakdownProgram>((p) => p.risk, t, num, pct),
      ]}
      rowKey={(p) => p.code}
      rowAttrs={(p) => ({ 'data-unit': p.code, 'data-testid': 'breakdown-program' })}
      caption={caption}
      region={t('breakdown.programsTable')}
      testId="program-list"
      className={styles.table}
      initialSort={WORST_FIRST}
    />
  );
}

function GroupTable({
  groups,
  caption,
}: {
  readonly groups: readonly BreakdownGroup[];
  readonly caption: string;
}) {
  const { t, num, pct } = useI18n();
  const count = (key: 'enrolled' | 'left' | 'withFailed', header: string): Column<BreakdownGroup> => ({
    key,
    header,
    numeric: true,
    firstDir: 'desc',
    sort: (g) => g[key],
    cell: (g) => num(g[key]),
  });
  return (
    <DataTable
      rows={groups}
      columns={[
        {
          key: 'code',
          header: t('breakdown.group'),
          rowHeader: true,
          sort: (g) => g.code,
          cell: (g) => g.code,
        },
        {
          key: 'program',
          header: t('ranking.program'),
          sort: (g) => g.programName,
          cell: (g) => g.programName,
        },
        {
          key: 'semester',
          header: t('breakdown.semester'),
          numeric: true,
          firstDir: 'asc',
          sort: (g) => g.semester,
          cell: (g) => num(g.semester),
        },
        count('enrolled', t('breakdown.enrolled')),
        count('left', t('breakdown.left')),
        count('withFailed', t('breakdown.withFailed')),
        {
          key: 'attendance',
          header: t('breakdown.attendance'),
          numeric: true,
          firstDir: 'asc',
          sort: (g) => g.meanAttendance,
          cell: (g) => pct(g.meanAttendance, 1),
        },
        {
          key: 'grade',
          header: t('breakdown.grade'),
          numeric: true,
          firstDir: 'asc',
          sort: (g) => g.meanGrade,
          cell: (g) => num(g.meanGrade, 1),
        },
        ...riskColumns<BreakdownGroup>((g) => g.risk, t, num, pct),
      ]}
      rowKey={(g) => `${g.programCode}|${g.code}|${g.semester}`}
      rowAttrs={(g) => ({ 'data-testid': 'breakdown-group', 'data-group': g.code })}
      caption={caption}
      region={t('breakdown.groupsTable')}
      testId="group-list"
      className={styles.table}
      initialSort={WORST_FIRST}
    />
  );
}

export function Breakdown({ cct, unitName }: { readonly cct: string; readonly unitName: string }) {
  const { t } = useI18n();
  const { selection } = useApp();
  const data = useApi(`breakdown:${cct}:${selection.year}`, (s) =>
    breakdownApi.campus(cct, selection.year, s),
  );
  return (
    <section className="panel" aria-labelledby="breakdown-title" data-testid="breakdown">
      <h2 id="breakdown-title">{t('breakdown.title', { unit: unitName })}</h2>
      <Async state={data.state} reload={data.reload}>
        {(b) => (
          <>
            <p className="muted" data-testid="breakdown-note">
              {b.cutoff
                ? t('breakdown.note', { cutoff: b.cutoff, year: b.schoolYear ?? '—', term: b.term ?? '—' })
                : t('breakdown.noScores', { year: b.schoolYear ?? '—' })}
            </p>
            {b.programs.length === 0 ? (
              <Empty />
            ) : (
              <ProgramTable
                programs={b.programs}
                caption={t('breakdown.programs', { unit: unitName, year: b.schoolYear ?? '—' })}
              />
            )}
            {b.groups.length > 0 && (
              <GroupTable
                groups={b.groups}
                caption={t('breakdown.groups', { unit: unitName, term: b.term ?? '—' })}
              />
            )}
          </>
        )}
      </Async>
    </section>
  );
}
