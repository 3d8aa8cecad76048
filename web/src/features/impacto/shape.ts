/** Data shaping of the impact page: the yearly counterfactuals and their inputs, as shown with the method. */
import type { BarSpec } from '../../components/charts/spec';
import type { ImpactReport } from '../../api/models';
import type { MessageKey } from '../../i18n/es';

export interface InputLine {
  readonly label: MessageKey;
  readonly value: number | null;
  readonly kind: 'percent' | 'count';
  readonly decimals: number;
  /** School year shown in the label, where the label has one. */
  readonly year?: string;
}

export function keptInputs(r: ImpactReport): InputLine[] {
  const i = r.yearly.studentsKept.inputs;
  return [
    { label: 'impact.abandonoBase', value: i.abandonoBase, kind: 'percent', decimals: 1 },
    { label: 'impact.abandonoN', value: i.abandonoN, kind: 'percent', decimals: 1 },
    { label: 'impact.mtN', value: i.mtN, kind: 'count', decimals: 0 },
  ];
}

export function additionalInputs(r: ImpactReport): InputLine[] {
  const i = r.yearly.additionalGraduates.inputs;
  return [
    { label: 'impact.etBase', value: i.eficienciaTerminalBase, kind: 'percent', decimals: 2 },
    { label: 'impact.etN', value: i.eficienciaTerminalN, kind: 'percent', decimals: 2 },
    {
      label: 'impact.ni1TwoBefore',
      value: i.ni1TwoBefore,
      kind: 'count',
      decimals: 0,
      year: r.entryYearOfGraduates,
    },
  ];
}

/** Students kept and additional graduates of each year against the fixed baseline. */
export function impactByYearSpec(
  r: ImpactReport,
  labels: { title: string; categoryLabel: string; valueLabel: string; kept: string; additional: string },
): BarSpec {
  const years = [
    ...new Set([
      ...r.cumulative.studentsKept.byYear.map((y) => y.year),
      ...r.cumulative.additionalGraduates.byYear.map((y) => y.year),
    ]),
  ].sort();
  const pick = (list: ImpactReport['cumulative']['studentsKept']['byYear']) => {
    const byYear = new Map(list.map((y) => [y.year, y.value]));
    return years.map((y) => byYear.get(y) ?? null);
  };
  return {
    kind: 'bar',
    title: labels.title,
    categoryLabel: labels.categoryLabel,
    valueLabel: labels.valueLabel,
    format: { kind: 'count' },
    categories: years,
    series: [
      { name: labels.kept, values: pick(r.cumulative.studentsKept.byYear) },
      { name: labels.additional, values: pick(r.cumulative.additionalGraduates.byYear) },
    ],
  };
}

/** Baseline choices: every year before the year n. */
export function baselineOptions(years: readonly string[], year: string): string[] {
  return years.filter((y) => y < year);
}

/** The server's formulas name their results in code (studentsKept): shown with the names a reader knows. */
const FORMULA_NAMES: Readonly<Record<string, { es: string; en: string }>> = {
  studentsKept: { es: 'Estudiantes que permanecieron', en: 'Students kept' },
  additionalGraduates: { es: 'Egresados adicionales', en: 'Additional graduates' },
  studentsKeptCumulative: {
    es: 'Estudiantes que permanecieron (acumulado)',
    en: 'Students kept (cumulative)',
  },
  additionalGraduatesCumulative: {
    es: 'Egresados adicionales (acumulado)',
    en: 'Additional graduates (cumulative)',
  },
};

export function readableFormula(formula: string, lang: 'es' | 'en'): string {
  return formula.replace(
    /\b(studentsKept|additionalGraduates)(Cumulative)?\b/g,
    (name) => FORMULA_NAMES[name]?.[lang] ?? name,
  );
}
