/**
 * Estado, Plantel and Carrera: the unit's key figures and indicators next to its parent level, its trend,
 * its campuses on the map, the distribution across campuses (or programs), and its campuses or students.
 */
import { useMemo } from 'react';
import { api } from '../../api/client';
import type { Campus, IndicatorRow } from '../../api/models';
import { useApp } from '../../app/context';
import { Chart } from '../../components/charts/Chart';
import { KpiGrid } from '../../components/KpiGrid';
import { Provenance } from '../../components/Provenance';
import { chartProvenance, latestYearOf } from '../../components/provenance';
import heading from '../../components/heading.module.css';
import { Link } from '../../components/Link';
import { Async, Empty, ErrorBox, Loading } from '../../components/Status';
import { useI18n } from '../../i18n/I18nProvider';
import { catalog } from '../../lib/catalog';
import { normalizeStateCode, stateGeo } from '../../lib/geo';
import { INDICATORS } from '../../lib/indicators';
import { linkTo } from '../../lib/route';
import { barsByUnit, lineByYear } from '../../lib/series';
import { useApi, type ApiState } from '../../lib/useApi';
import { navigate } from '../../lib/useRoute';
import { CampusList } from './CampusList';
import { ComparisonTable } from './ComparisonTable';
import { Breakdown } from './Breakdown';
import { ReportLinks } from './ReportLinks';
import { campusMapSpec, compare, parentOf, rowOfYear, stateOfUnit, type UnitLevel } from './shape';
import { StudentSearch } from './StudentSearch';
import styles from './unidad.module.css';

const rowsOf = (s: ApiState<{ rows: IndicatorRow[] }>): IndicatorRow[] =>
  s.status === 'ok' ? s.data.rows : [];

export function UnitPage({ level }: { readonly level: UnitLevel }) {
  const { t } = useI18n();
  const { route } = useApp();
  if (!route.unit) return <Empty>{t('unit.notFound')}</Empty>;
  return <UnitView level={level} unit={route.unit} />;
}

function UnitView({ level, unit }: { readonly level: UnitLevel; readonly unit: string }) {
  const { t, lang } = useI18n();
  const { route, selection } = useApp();
  const { year, indicator } = selection;
  const indName = t(`ind.${indicator}`);
  const valueLabel = INDICATORS[indicator].kind === 'percent' ? `${indName} (%)` : indName;

  const campuses = useApi('campuses', () => catalog.campuses());
  const allCampuses: Campus[] = campuses.state.status === 'ok' ? campuses.state.data : [];
  const catalogReady = campuses.state.status !== 'loading';
  const unitRows = useApi(`ind:${level}:${unit}`, (s) => api.indicators({ level, unit }, s));
  const summary = useApi(`summary:${level}:${unit}`, (s) => api.summary(level, unit, s));
  const parent = catalogReady ? parentOf(level, unit, allCampuses) : null;
  const parentRows = useApi(parent ? `ind:${parent.level}:${parent.unit ?? ''}` : null, (s) =>
    api.indicators({ level: parent?.level ?? 'national', ...(parent?.unit ? { unit: parent.unit } : {}) }, s),
  );
  const stateCode = catalogReady ? stateOfUnit(level, unit, allCampuses) : null;
  const distKey =
    level === 'program' ? `ind:program:all:${year}` : stateCode ? `ind:campus:${stateCode}:${year}` : null;
  const distRows = useApi(distKey, (s) =>
    level === 'program'
      ? api.indicators({ level: 'program', year }, s)
      : api.indicators({ level: 'campus', state: stateCode ?? '', year }, s),
  );
  const geo = useApi(stateCode ? 'geo' : null, () => catalog.geo());
  const published = useApi(level === 'state' && stateCode ? `published:${stateCode}` : null, (s) =>
    api.publishedDropout({ state: stateCode ?? '' }, s),
  );
  const publishedOfYear =
    published.state.status === 'ok' && published.state.data.schoolYear === year
      ? new Map(published.state.data.rows.map((r) => [r.cct, r.published]))
      : undefined;

  const unitRow = rowOfYear(rowsOf(unitRows.state), year);
  const parentRow = rowOfYear(rowsOf(parentRows.state), year);
  const unitName =
    unitRow?.unit_name ??
    rowsOf(unitRows.state)[0]?.unit_name ??
    allCampuses.find((c) => c.cct === unit)?.name ??
    unit;
  const parentName = !parent
    ? null
    : parent.level === 'national'
      ? t('level.national')
      : (rowsOf(parentRows.state)[0]?.unit_name ?? parent.unit ?? null);
  const stateCampuses = stateCode
    ? allCampuses.filter((c) => normalizeStateCode(c.stateCode) === stateCode)
    : [];

  const trendSpec = useMemo(
    () =>
      lineByYear(
        [
          { name: unitName, rows: rowsOf(unitRows.state) },
          ...(parent && parentName
            ? [{ name: parentName, rows: rowsOf(parentRows.state), dashed: true }]
            : []),
        ],
        indicator,
        {
          title: t('unit.trend', { indicator: indName, unit: unitName, parent: parentName ?? '' }),
          categoryLabel: t('chart.year'),
          valueLabel,
        },
      ),
    [unitRows.state, parentRows.state, parent, parentName, unitName, indicator, indName, valueLabel, t],
  );

  const distSpec = useMemo(
    () =>
      barsByUnit(
        rowsOf(distRows.state),
        indicator,
        {
          title: t(level === 'program' ? 'unit.distributionPrograms' : 'unit.distribution', {
            indicator: indName,
            year,
          }),
          description: t('chart.clickHint'),
          categoryLabel: t(level === 'program' ? 'ranking.program' : 'ranking.campus'),
          valueLabel,
          seriesName: indName,
        },
        level === 'state' ? undefined : unit,
      ),
    [distRows.state, indicator, indName, level, unit, valueLabel, year, t],
  );

  const mapSpec = useMemo(() => {
    if (!stateCode || geo.state.status !== 'ok') return null;
    return campusMapSpec(
      stateCampuses,
      rowsOf(distRows.state),
      indicator,
      stateGeo(geo.state.data, stateCode),
      `mx-state-${stateCode}`,
      {
        title: t('unit.map', {
          unit: level === 'state' ? unitName : (parentName ?? ''),
          indicator: indName,
          year,
        }),
        description: t('chart.clickHint'),
        valueLabel,
        pointLabel: t('ranking.campus'),
      },
      level === 'campus' ? unit : undefined,
    );
    // stateCampuses is derived from the campus catalog state.
  }, [
    stateCode,
    geo.state,
    campuses.state,
    distRows.state,
    indicator,
    indName,
    level,
    unit,
    unitName,
    parentName,
    valueLabel,
    year,
    t,
  ]);

  const distView = level === 'program' ? 'carrera' : 'plantel';
  // A unit that does not exist and one outside the user's scope answer the same 404: say it once.
  if (unitRows.state.status === 'error' && unitRows.state.error.status === 404) {
    return (
      <div className="page">
        <h1>
          <span className={heading.levelTag}>{t(`level.${level}`)}</span> {unit}
        </h1>
        <ErrorBox error={unitRows.state.error} />
        <p>
          <Link to={linkTo(route, { view: 'nacional' })}>{t('nav.nacional')}</Link>
        </p>
      </div>
    );
  }
  const unitLink = (id: string) => navigate(linkTo(route, { view: distView, unit: id }));

  return (
    <div className="page">
      <nav aria-label={t('nav.breadcrumb')} className={heading.breadcrumb}>
        <ol>
          <li>
            <Link to={linkTo(route, { view: 'nacional' })}>{t('nav.nacional')}</Link>
          </li>
          {level === 'campus' && parent?.unit && (
            <li>
              <Link to={linkTo(route, { view: 'estado', unit: parent.unit })}>{parentName}</Link>
            </li>
          )}
          <li aria-current="page">{unitName}</li>
        </ol>
      </nav>
      <h1>
        <span className={heading.levelTag}>{t(`level.${level}`)}</span> {unitName}
      </h1>
      <p className={styles.sublinks}>
        <Link to={{ view: 'generaciones', level, unit }}>{t('unit.seeCohorts')}</Link>
        <Link to={linkTo(route, { view: 'impacto', level, unit })}>{t('unit.seeImpact')}</Link>
      </p>
      {(level === 'state' || level === 'campus') && <ReportLinks level={level} unit={unit} />}

      <Async state={summary.state} reload={summary.reload}>
        {(data) => <KpiGrid summary={data} year={year} />}
      </Async>

      <div className="grid-2">
        <section className="panel">
          <Async state={unitRows.state} reload={unitRows.reload}>
            {() => (
              <ComparisonTable
                rows={compare(unitRow, parentRow)}
                caption={
                  parentName
                    ? t('unit.compare', { parent: parentName, year })
                    : t('unit.indicators', { year })
                }
                unitName={unitName}
                parentName={parentRows.state.status === 'ok' ? parentName : null}
              />
            )}
          </Async>
        </section>
        <section className="panel">
          <Async state={unitRows.state} reload={unitRows.reload}>
            {(data) => (
              <>
                <Chart spec={trendSpec} />
                <Provenance
                  subject={trendSpec.title}
                  testId="prov-trend"
                  lines={chartProvenance(lang, indicator, latestYearOf(data.rows))}
                />
              </>
            )}
          </Async>
          {INDICATORS[indicator].needsNextYear && <p className="note">{t('ind.nullHint')}</p>}
        </section>
      </div>

      <div className={stateCode ? 'grid-2' : undefined}>
        {stateCode && (
          <section className="panel">
            {mapSpec ? (
              <Chart
                spec={mapSpec}
                testId="campus-map"
                onSelect={(id) => navigate(linkTo(route, { view: 'plantel', unit: id }))}
              />
            ) : geo.state.status === 'error' ? (
              <Async state={geo.state} reload={geo.reload}>
                {() => null}
              </Async>
            ) : (
              <Loading />
            )}
          </section>
        )}
        {distKey !== null || !catalogReady ? (
          <section className="panel">
            <Async state={distRows.state} reload={distRows.reload}>
              {() => <Chart spec={distSpec} testId="distribution" onSelect={unitLink} />}
            </Async>
          </section>
        ) : null}
      </div>

      {level === 'state' && (
        <section className="panel">
          <h2>{t('unit.campusesOf', { unit: unitName })}</h2>
          <Async state={campuses.state} reload={campuses.reload}>
            {() => (
              <CampusList
                campuses={stateCampuses}
                rows={rowsOf(distRows.state)}
                indicator={indicator}
                caption={t('unit.campusesOf', { unit: unitName })}
                {...(publishedOfYear ? { published: publishedOfYear } : {})}
              />
            )}
          </Async>
        </section>
      )}
      {level === 'campus' && <Breakdown cct={unit} unitName={unitName} />}
      {level === 'campus' && <StudentSearch cct={unit} />}
    </div>
  );
}
