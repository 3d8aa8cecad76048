/**
 * The director's breakdown of a campus (issue 13): its programs (official indicators of the selected year and
 * students by semáforo, each linked to its program page) and its groups of the scored term (what the records
 * say and students by semáforo), worst first by the share in red; every column sorts. Shown to every role
 * whose scope holds the campus.
 */
import { useState } from 'react';
import { useApp } from '../../app/context';
import { Link } from '../../components/Link';
import { SortHeader } from '../../components/SortHeader';
import { Async, Empty } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { linkTo } from '../../lib/route';
import { nextSort, sortRows, type SortDir, type SortState, type SortValue } from '../../lib/sort';
import { useApi } from '../../lib/useApi';
import { breakdownApi, type Bands, type BreakdownGroup, type BreakdownProgram } from './breakdownApi';

function useSort<K extends string>(initial: SortState<K>) {
  const [sort, setSort] = useState(initial);
  const onSort = (key: K, firstDir: SortDir) => setSort((s) => nextSort(s, key, firstDir));
  return { sort, onSort };
}

/** The three bands as one bar (aria-hidden: the numbers are in their own cells). */
function BandBar({ risk }: { readonly risk: Bands }) {
  if (risk.total === 0) return null;
  const w = (n: number) => `${(100 * n) / risk.total}%`;
  return (
    <span className="band-bar" aria-hidden="true">
      <span className="band-rojo" style={{ width: w(risk.rojo) }} />
      <span className="band-amarillo" style={{ width: w(risk.amarillo) }} />
      <span className="band-verde" style={{ width: w(risk.verde) }} />
    </span>
  );
}

type RiskKey = 'rojo' | 'amarillo' | 'verde' | 'rojoShare';
const riskValue = (r: Bands, k: RiskKey): SortValue => (k === 'rojoShare' ? r.rojoShare : r[k]);

function RiskHeaders<K extends string>({
  sort,
  onSort,
}: {
  readonly sort: SortState<K | RiskKey>;
  readonly onSort: (k: K | RiskKey, d: SortDir) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {(['rojo', 'amarillo', 'verde'] as const).map((f) => (
        <SortHeader key={f} column={f} sort={sort} onSort={onSort} numeric>
          {t(`risk.flag.${f}`)}
        </SortHeader>
      ))}
      <SortHeader column="rojoShare" sort={sort} onSort={onSort} numeric>
        {t('breakdown.redShare')}
      </SortHeader>
    </>
  );
}

function RiskCells({ risk }: { readonly risk: Bands }) {
  const { num, pct } = useI18n();
  return (
    <>
      <td className="num">{num(risk.rojo)}</td>
      <td className="num">{num(risk.amarillo)}</td>
      <td className="num">{num(risk.verde)}</td>
      <td className="num">
        {risk.rojoShare === null ? '—' : pct(risk.rojoShare * 100, 1)}
        <BandBar risk={risk} />
      </td>
    </>
  );
}

type ProgramKey = 'name' | 'mt' | 'abandono' | 'aprobacion' | RiskKey;

function ProgramTable({
  programs,
  caption,
}: {
  readonly programs: readonly BreakdownProgram[];
  readonly caption: string;
}) {
  const { t, num, ind } = useI18n();
  const { route } = useApp();
  const { sort, onSort } = useSort<ProgramKey>({ key: 'rojoShare', dir: 'desc' });
  const rows = sortRows(programs, sort, (p, k) =>
    k === 'name'
      ? p.name
      : k === 'mt' || k === 'abandono' || k === 'aprobacion'
        ? p[k]
        : riskValue(p.risk, k),
  );
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('breakdown.programsTable')}>
      <table data-testid="program-list" className="breakdown-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <SortHeader column="name" sort={sort} onSort={onSort} firstDir="asc">
              {t('ranking.program')}
            </SortHeader>
            <SortHeader column="mt" sort={sort} onSort={onSort} numeric>
              {t('ranking.mt')}
            </SortHeader>
            <SortHeader column="abandono" sort={sort} onSort={onSort} numeric>
              {t('ind.abandono')}
            </SortHeader>
            <SortHeader column="aprobacion" sort={sort} onSort={onSort} numeric>
              {t('ind.aprobacion')}
            </SortHeader>
            <RiskHeaders sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.code} data-unit={p.code} data-testid="breakdown-program">
              <th scope="row">
                <Link to={linkTo(route, { view: 'carrera', unit: p.code })}>{p.name}</Link>
              </th>
              <td className="num">{num(p.mt)}</td>
              <td className="num">{ind('abandono', p.abandono)}</td>
              <td className="num">{ind('aprobacion', p.aprobacion)}</td>
              <RiskCells risk={p.risk} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type GroupKey =
  'code' | 'program' | 'semester' | 'enrolled' | 'left' | 'withFailed' | 'attendance' | 'grade' | RiskKey;

function groupValue(g: BreakdownGroup, k: GroupKey): SortValue {
  switch (k) {
    case 'code':
      return g.code;
    case 'program':
      return g.programName;
    case 'semester':
    case 'enrolled':
    case 'left':
    case 'withFailed':
      return g[k];
    case 'attendance':
      return g.meanAttendance;
    case 'grade':
      return g.meanGrade;
    case 'rojo':
    case 'amarillo':
    case 'verde':
    case 'rojoShare':
      return riskValue(g.risk, k);
  }
}

function GroupTable({
  groups,
  caption,
}: {
  readonly groups: readonly BreakdownGroup[];
  readonly caption: string;
}) {
  const { t, num, pct } = useI18n();
  const { sort, onSort } = useSort<GroupKey>({ key: 'rojoShare', dir: 'desc' });
  const rows = sortRows(groups, sort, groupValue);
  const header = (k: GroupKey, label: string, numeric = true, firstDir: SortDir = 'desc') => (
    <SortHeader column={k} sort={sort} onSort={onSort} numeric={numeric} firstDir={firstDir}>
      {label}
    </SortHeader>
  );
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('breakdown.groupsTable')}>
      <table data-testid="group-list" className="breakdown-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header('code', t('breakdown.group'), false, 'asc')}
            {header('program', t('ranking.program'), false, 'asc')}
            {header('semester', t('breakdown.semester'), true, 'asc')}
            {header('enrolled', t('breakdown.enrolled'))}
            {header('left', t('breakdown.left'))}
            {header('withFailed', t('breakdown.withFailed'))}
            {header('attendance', t('breakdown.attendance'), true, 'asc')}
            {header('grade', t('breakdown.grade'), true, 'asc')}
            <RiskHeaders sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr
              key={`${g.programCode}|${g.code}|${g.semester}`}
              data-testid="breakdown-group"
              data-group={g.code}
            >
              <th scope="row">{g.code}</th>
              <td>{g.programName}</td>
              <td className="num">{num(g.semester)}</td>
              <td className="num">{num(g.enrolled)}</td>
              <td className="num">{num(g.left)}</td>
              <td className="num">{num(g.withFailed)}</td>
              <td className="num">{pct(g.meanAttendance, 1)}</td>
              <td className="num">{num(g.meanGrade, 1)}</td>
              <RiskCells risk={g.risk} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
