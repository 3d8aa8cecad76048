/**
 * How a key figure is obtained, for the "¿Cómo se calcula?" disclosure of the cards and charts: formula,
 * numerator and denominator with their values, source and the data cut-off (docs/INDICATORS.md §3).
 * Also the cards of the selected year: the dropout year n gives abandono and ET of n, and enrollment at
 * the start of n+1 (docs/DOMAIN.md §4), which is why the enrollment baseline is one year after the others.
 */
import type { IndicatorRow, Summary } from '../api/models';
import { formatNumber, type Lang } from '../lib/format';
import { indicatorValue, isIndicatorKey, type IndicatorKey } from '../lib/indicators';

/** '2017-2018' shifted by n years ('2018-2019' for n = 1); the input unchanged when it is not a school year. */
export function shiftSchoolYear(year: string, n: number): string {
  const m = /^(\d{4})-(\d{4})$/.exec(year);
  if (!m) return year;
  return `${Number(m[1]) + n}-${Number(m[2]) + n}`;
}

function totalRows(summary: Summary): Map<string, IndicatorRow> {
  return new Map(
    summary.years.filter((r) => r.sex === null || r.sex === undefined).map((r) => [r.school_year, r]),
  );
}

/**
 * The summary's cards for the selected year, computed from the yearly rows it already carries: abandono,
 * ET and the other rates of `year`, enrollment at the start of the next year (or of `year` when it is the
 * last in the data). Baselines stay the summary's. Without rows or an unknown year the summary is unchanged.
 */
export function summaryForYear(summary: Summary, year: string | undefined): Summary {
  const rows = totalRows(summary);
  const baseline = summary.baseline;
  if (!year || !baseline || !rows.has(year)) return summary;
  const next = shiftSchoolYear(year, 1);
  const mtYear = rows.has(next) ? next : year;
  const mtBase = shiftSchoolYear(baseline, 1);
  const kpis = summary.headline.map((k) => {
    if (k.key === 'mt')
      return {
        ...k,
        year: mtYear,
        value: indicatorValue(rows.get(mtYear), 'mt'),
        baseYear: mtBase,
        base: indicatorValue(rows.get(mtBase), 'mt'),
      };
    if (!isIndicatorKey(k.key)) return k;
    return {
      ...k,
      year,
      value: indicatorValue(rows.get(year), k.key),
      baseYear: baseline,
      base: indicatorValue(rows.get(baseline), k.key),
    };
  });
  return { ...summary, headline: kpis };
}

const TEXT = {
  es: {
    how: '¿Cómo se calcula?',
    formula: 'Fórmula',
    numerator: 'Numerador',
    denominator: 'Denominador',
    source: 'Fuente',
    cutoff: 'Corte de datos',
    cutoffValue: 'último ciclo con registros: {year}',
    sourceFlows:
      'conteos de flujo de los registros de Trayecto (matrícula, nuevo ingreso, existencia, aprobados, egresados)',
    sourceCount: 'catálogo de Trayecto: unidades en el alcance de esta página',
    noData: 'sin datos para este ciclo',
    whyMt:
      'La matrícula se cuenta al inicio del ciclo siguiente al del abandono (ciclo {year}); por eso su año base es {base} y el de las demás tarjetas es un ciclo antes (docs/DOMAIN.md §4).',
    whyRate: 'Ciclo {year} comparado con el año base {base}.',
    baselineNote:
      'Matrícula al inicio del ciclo siguiente al del abandono ({mtYear}, base {mtBase}); abandono y eficiencia terminal del ciclo {year} (base {base}).',
    mt: 'MT = estudiantes inscritos al inicio del ciclo',
    other: 'véase docs/INDICATORS.md §3',
    numMt: 'matrícula total {year}',
    numAbandono: 'no regresaron ni egresaron: MT_n − (MT_{n+1} − NI1_{n+1} + EG_n)',
    denMtN: 'matrícula total del ciclo, MT_n',
    numEt: 'egresados del ciclo, EG_n',
    denEt: 'nuevo ingreso a 1.º dos ciclos antes, NI1_{n−2} ({year})',
    count: 'conteo',
  },
  en: {
    how: 'How is it calculated?',
    formula: 'Formula',
    numerator: 'Numerator',
    denominator: 'Denominator',
    source: 'Source',
    cutoff: 'Data cut-off',
    cutoffValue: 'latest school year with records: {year}',
    sourceFlows:
      "flow counts of Trayecto's records (enrollment, new entrants, end-of-year, passed, graduates)",
    sourceCount: "Trayecto's catalog: units within this page's scope",
    noData: 'no data for this year',
    whyMt:
      'Enrollment is counted at the start of the year after the dropout year (year {year}); that is why its baseline is {base} and the other cards’ baseline one year earlier (docs/DOMAIN.md §4).',
    whyRate: 'Year {year} compared with the baseline {base}.',
    baselineNote:
      'Enrollment at the start of the year after the dropout year ({mtYear}, baseline {mtBase}); dropout and graduation efficiency of year {year} (baseline {base}).',
    mt: 'MT = students enrolled at the start of the year',
    other: 'see docs/INDICATORS.md §3',
    numMt: 'total enrollment {year}',
    numAbandono: 'neither back nor graduated: MT_n − (MT_{n+1} − NI1_{n+1} + EG_n)',
    denMtN: "the year's total enrollment, MT_n",
    numEt: "the year's graduates, EG_n",
    denEt: 'first-year entrants two years earlier, NI1_{n−2} ({year})',
    count: 'count',
  },
} as const;

export type ProvenanceText = keyof (typeof TEXT)['es'];

export function provenanceText(lang: Lang, key: ProvenanceText, vars: Record<string, string> = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}

export interface ProvenanceLine {
  readonly term: string;
  readonly value: string;
}

/** The lines of one disclosure: formula, numerator, denominator (with values), why this year, source, cut-off. */
export function kpiProvenance(
  lang: Lang,
  summary: Summary,
  card: { readonly key: string; readonly year?: string; readonly baseYear?: string },
): ProvenanceLine[] {
  const p = (k: ProvenanceText, vars?: Record<string, string>) => provenanceText(lang, k, vars);
  const rows = totalRows(summary);
  const n = (v: number | null | undefined) =>
    v === null || v === undefined ? p('noData') : formatNumber(lang, v);
  const latest = summary.latestYear ?? [...rows.keys()].sort().at(-1) ?? null;
  const lines: ProvenanceLine[] = [];
  const year = card.year ?? '';
  const row = rows.get(year);
  const key = card.key;
  if (key === 'mt') {
    lines.push({ term: p('formula'), value: p('mt') });
    lines.push({ term: p('numerator'), value: `${p('numMt', { year })}: ${n(row?.mt)}` });
  } else if (key === 'abandono') {
    const nx = rows.get(shiftSchoolYear(year, 1));
    const dropped = row && nx ? row.mt - (nx.mt - nx.ni1 + row.eg) : null;
    lines.push({ term: p('formula'), value: indicatorFormula('abandono') });
    lines.push({ term: p('numerator'), value: `${p('numAbandono')}: ${n(dropped)}` });
    lines.push({ term: p('denominator'), value: `${p('denMtN')}: ${n(row?.mt)}` });
  } else if (key === 'eficiencia_terminal') {
    const before = shiftSchoolYear(year, -2);
    lines.push({ term: p('formula'), value: indicatorFormula('eficiencia_terminal') });
    lines.push({ term: p('numerator'), value: `${p('numEt')}: ${n(row?.eg)}` });
    lines.push({
      term: p('denominator'),
      value: `${p('denEt', { year: before })}: ${n(rows.get(before)?.ni1)}`,
    });
  } else if (isIndicatorKey(key)) {
    lines.push({ term: p('formula'), value: `${indicatorFormula(key)} (${p('other')})` });
  } else {
    lines.push({ term: p('formula'), value: p('count') });
  }
  if (card.baseYear && isIndicatorKey(key)) {
    lines.push({
      term: '',
      value:
        key === 'mt'
          ? p('whyMt', { year, base: card.baseYear })
          : p('whyRate', { year, base: card.baseYear }),
    });
  }
  lines.push({ term: p('source'), value: isIndicatorKey(key) ? p('sourceFlows') : p('sourceCount') });
  if (latest) lines.push({ term: p('cutoff'), value: p('cutoffValue', { year: latest }) });
  return lines;
}

const FORMULAS: Partial<Record<IndicatorKey, string>> = {
  abandono: 'AE_n = [1 − (MT_{n+1} − NI1_{n+1} + EG_n) / MT_n] × 100',
  abandono_intra: 'AEintra_n = (MT_n − EX_n) / MT_n × 100',
  abandono_inter: 'AEinter_n = [EX_n − EG_n − (MT_{n+1} − NI1_{n+1})] / MT_n × 100',
  retencion: 'RET_n = 100 − AE_n',
  eficiencia_terminal: 'ET_n = EG_n / NI1_{n−2} × 100',
  reprobacion: 'Rsin_n = (EX_n − AP_n) / EX_n × 100',
  reprobacion_con_reg: 'Rcon_n = (EX_n − AP_n − REG_n) / EX_n × 100',
  aprobacion: 'APR_n = AP_n / EX_n × 100',
  aprobacion_con_reg: '(AP_n + REG_n) / EX_n × 100',
};

/** The formula of an indicator as docs/INDICATORS.md §3 writes it; counts are their own name. */
export function indicatorFormula(key: IndicatorKey): string {
  return FORMULAS[key] ?? key.toUpperCase();
}

/** The lines of a chart's disclosure: the indicator's formula, source and cut-off. */
export function chartProvenance(lang: Lang, key: IndicatorKey, latestYear: string | null): ProvenanceLine[] {
  const p = (k: ProvenanceText, vars?: Record<string, string>) => provenanceText(lang, k, vars);
  return [
    { term: p('formula'), value: indicatorFormula(key) },
    { term: p('source'), value: p('sourceFlows') },
    ...(latestYear ? [{ term: p('cutoff'), value: p('cutoffValue', { year: latestYear }) }] : []),
  ];
}

/** The latest school year among indicator rows: the data cut-off. */
export function latestYearOf(rows: readonly IndicatorRow[]): string | null {
  return rows.reduce<string | null>((m, r) => (m === null || r.school_year > m ? r.school_year : m), null);
}

/** The visible line under the cards saying why enrollment's year and baseline are one year later; null without both. */
export function baselineNote(lang: Lang, summary: Summary): string | null {
  const mt = summary.headline.find((k) => k.key === 'mt');
  const rate = summary.headline.find((k) => k.key === 'abandono' || k.key === 'eficiencia_terminal');
  if (!mt || !rate) return null;
  return provenanceText(lang, 'baselineNote', {
    mtYear: mt.year,
    mtBase: mt.baseYear,
    year: rate.year,
    base: rate.baseYear,
  });
}
