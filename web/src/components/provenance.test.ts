import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { IndicatorRow, Summary } from '../api/models';
import { I18nProvider } from '../i18n/I18nProvider';
import { KpiGrid } from './KpiGrid';
import styles from './Provenance.module.css';
import { chartProvenance, kpiProvenance, latestYearOf, shiftSchoolYear, summaryForYear } from './provenance';

function row(
  school_year: string,
  c: { mt: number; ni1: number; eg: number; abandono: number | null; et: number | null },
): IndicatorRow {
  return {
    level: 'national',
    unit_id: 'MX',
    unit_name: 'Nacional',
    school_year,
    sex: null,
    mt: c.mt,
    ni1: c.ni1,
    ex: c.mt,
    ap: c.mt,
    reg: 0,
    eg: c.eg,
    abandono: c.abandono,
    abandono_intra: null,
    abandono_inter: null,
    retencion: null,
    eficiencia_terminal: c.et,
    reprobacion: null,
    reprobacion_con_reg: null,
    aprobacion: null,
    aprobacion_con_reg: null,
  };
}

const years = [
  row('2015-2016', { mt: 1000, ni1: 400, eg: 250, abandono: 15, et: null }),
  row('2016-2017', { mt: 1010, ni1: 410, eg: 260, abandono: 14, et: null }),
  row('2017-2018', { mt: 1020, ni1: 420, eg: 200, abandono: 16.3, et: 50.18 }),
  row('2018-2019', { mt: 1050, ni1: 430, eg: 210, abandono: 14.2, et: 51.22 }),
  row('2019-2020', { mt: 1100, ni1: 440, eg: 220, abandono: 12.9, et: 52.38 }),
  row('2020-2021', { mt: 1200, ni1: 450, eg: 230, abandono: null, et: 52.27 }),
];

/** What GET /summary sends: cards of the latest complete year (2019-2020), enrollment of 2020-2021. */
const summary: Summary = {
  level: 'national',
  unitId: 'MX',
  unitName: 'Nacional',
  latestYear: '2020-2021',
  latestComplete: '2019-2020',
  baseline: '2017-2018',
  headline: [
    { key: 'mt', year: '2020-2021', value: 1200, baseYear: '2018-2019', base: 1050 },
    { key: 'abandono', year: '2019-2020', value: 12.9, baseYear: '2017-2018', base: 16.3 },
    { key: 'eficiencia_terminal', year: '2019-2020', value: 52.38, baseYear: '2017-2018', base: 50.18 },
  ],
  campuses: 3,
  programs: 2,
  teachers: 40,
  years,
};

const render = (year?: string) =>
  renderToStaticMarkup(
    createElement(I18nProvider, null, createElement(KpiGrid, { summary, ...(year ? { year } : {}) })),
  );
const kpiText = (html: string, id: string) =>
  new RegExp(`data-testid="kpi-${id}">([^<]*)<`).exec(html)?.[1] ?? null;

describe('summaryForYear (finding 8: the cards follow the year selector)', () => {
  it('shows abandono and ET of the selected year and enrollment at the start of the next', () => {
    const byKey = new Map(summaryForYear(summary, '2018-2019').headline.map((k) => [k.key, k]));
    expect(byKey.get('abandono')).toMatchObject({ year: '2018-2019', value: 14.2, baseYear: '2017-2018' });
    expect(byKey.get('eficiencia_terminal')).toMatchObject({ year: '2018-2019', value: 51.22, base: 50.18 });
    expect(byKey.get('mt')).toMatchObject({
      year: '2019-2020',
      value: 1100,
      baseYear: '2018-2019',
      base: 1050,
    });
  });

  it('gives the server cards for the default year (the latest complete one)', () => {
    expect(summaryForYear(summary, '2019-2020').headline).toEqual(summary.headline);
  });

  it('shows enrollment of the selected year itself when it is the last in the data', () => {
    const mt = summaryForYear(summary, '2020-2021').headline.find((k) => k.key === 'mt');
    expect(mt).toMatchObject({ year: '2020-2021', value: 1200 });
  });

  it('leaves the summary alone for a year it has no row of', () => {
    expect(summaryForYear(summary, '2030-2031')).toBe(summary);
    expect(summaryForYear({ ...summary, years: [] }, '2018-2019')).toEqual({ ...summary, years: [] });
  });

  it('says under the cards why enrollment has a later year and baseline', () => {
    expect(render('2018-2019')).toContain(
      'Matrícula al inicio del ciclo siguiente al del abandono (2019-2020, base 2018-2019); abandono y eficiencia terminal del ciclo 2018-2019 (base 2017-2018).',
    );
  });

  it('renders the selected year in the cards', () => {
    const html = render('2018-2019');
    expect(kpiText(html, 'abandono')).toBe('14.2 %');
    expect(kpiText(html, 'eficiencia_terminal')).toBe('51.22 %');
    expect(kpiText(html, 'mt')).toBe('1,100');
    expect(kpiText(render('2019-2020'), 'abandono')).toBe('12.9 %');
  });
});

describe('kpiProvenance', () => {
  it('names the formula, numerator and denominator of abandono with their values, source and cut-off', () => {
    const lines = kpiProvenance('es', summary, { key: 'abandono', year: '2018-2019', baseYear: '2017-2018' });
    const text = lines.map((l) => `${l.term}: ${l.value}`).join('\n');
    expect(text).toContain('Fórmula: AE_n = [1 − (MT_{n+1} − NI1_{n+1} + EG_n) / MT_n] × 100');
    // dropouts = MT_n − (MT_{n+1} − NI1_{n+1} + EG_n) = 1050 − (1100 − 440 + 210) = 180
    expect(text).toMatch(/Numerador: .*: 180$/m);
    expect(text).toMatch(/Denominador: .*MT_n: 1,050$/m);
    expect(text).toContain('Fuente: conteos de flujo de los registros');
    expect(text).toContain('Corte de datos: último ciclo con registros: 2020-2021');
    expect(text).toContain('Ciclo 2018-2019 comparado con el año base 2017-2018.');
  });

  it('gives ET its numerator EG_n and denominator NI1 two years earlier', () => {
    const text = kpiProvenance('en', summary, { key: 'eficiencia_terminal', year: '2019-2020' })
      .map((l) => `${l.term}: ${l.value}`)
      .join('\n');
    expect(text).toContain('Formula: ET_n = EG_n / NI1_{n−2} × 100');
    expect(text).toMatch(/Numerator: .*EG_n: 220$/m);
    expect(text).toMatch(/Denominator: .*NI1_\{n−2\} \(2017-2018\): 420$/m);
    expect(text).toContain('Data cut-off: latest school year with records: 2020-2021');
  });

  it('says why the enrollment baseline is one year after the others', () => {
    const text = kpiProvenance('es', summary, { key: 'mt', year: '2020-2021', baseYear: '2018-2019' })
      .map((l) => l.value)
      .join('\n');
    expect(text).toContain('matrícula total 2020-2021: 1,200');
    expect(text).toContain('al inicio del ciclo siguiente al del abandono');
    expect(text).toContain('su año base es 2018-2019');
  });

  it('marks a missing count instead of inventing one', () => {
    const text = kpiProvenance('es', summary, { key: 'abandono', year: '2020-2021' })
      .map((l) => l.value)
      .join('\n');
    expect(text).toContain('sin datos para este ciclo');
  });

  it('describes the counts of the catalog as such', () => {
    const lines = kpiProvenance('en', summary, { key: 'planteles' });
    expect(lines.map((l) => l.value)).toContain("Trayecto's catalog: units within this page's scope");
  });
});

describe('the "¿Cómo se calcula?" disclosure', () => {
  it('is a button tied to a hidden panel on every card', () => {
    const html = render('2018-2019');
    const buttons = html.match(
      /<button[^>]*aria-expanded="false"[^>]*aria-controls="([^"]+)"[^>]*>¿Cómo se calcula\?/g,
    );
    expect(buttons).toHaveLength(6);
    const id = /aria-controls="([^"]+)"/.exec(buttons?.[0] ?? '')?.[1] ?? '';
    expect(styles.panel).toBeTruthy();
    expect(html).toContain(`id="${id}" class="${styles.panel ?? ''}" hidden=""`);
    expect(html).toMatch(/data-testid="prov-abandono"[^]*Numerador/);
    expect(html).toContain('<span class="visually-hidden"> (Abandono escolar');
  });

  it('explains a chart with its formula, source and cut-off', () => {
    const lines = chartProvenance('en', 'reprobacion', latestYearOf(years));
    expect(lines.map((l) => l.term)).toEqual(['Formula', 'Source', 'Data cut-off']);
    expect(lines[0]?.value).toBe('Rsin_n = (EX_n − AP_n) / EX_n × 100');
    expect(lines[1]?.value).toContain('flow counts');
    expect(lines[2]?.value).toBe('latest school year with records: 2020-2021');
  });

  it('shifts school years', () => {
    expect(shiftSchoolYear('2017-2018', 1)).toBe('2018-2019');
    expect(shiftSchoolYear('2017-2018', -2)).toBe('2015-2016');
  });
});
