/**
 * Counterfactuals against a baseline year, as used in public statements ("more than 8,000 students kept
 * in classrooms", "more than 17,000 additional graduates"). A figure of this kind means nothing without
 * its definition, so every result carries the inputs it used and the definition in Spanish and English,
 * to be published next to the number (docs/DOMAIN.md §3).
 */
import type { Percent } from './indicators.js';

export interface Counterfactual<I> {
  /** Full precision, not rounded; null when an input is missing. */
  readonly value: number | null;
  readonly inputs: I;
  /** The formula in SEP notation. */
  readonly formula: string;
  readonly definition: { readonly es: string; readonly en: string };
}

export interface StudentsKeptInputs {
  /** AE_base: dropout rate (abandono) of the baseline school year, in percent. */
  readonly abandonoBase: Percent | null;
  /** AE_n: dropout rate of school year n, in percent. */
  readonly abandonoN: Percent | null;
  /** MT_n: enrollment at the start of school year n. */
  readonly mtN: number | null;
}

export interface AdditionalGraduatesInputs {
  /** ET_base: graduation efficiency (eficiencia terminal) of the baseline year, in percent. */
  readonly eficienciaTerminalBase: Percent | null;
  /** ET_n: graduation efficiency of school year n, in percent. */
  readonly eficienciaTerminalN: Percent | null;
  /** NI1_{n−2}: new entrants of the generation that graduates in year n. */
  readonly ni1TwoBefore: number | null;
}

export const STUDENTS_KEPT_FORMULA = 'studentsKept = (AE_base − AE_n) / 100 × MT_n';
export const ADDITIONAL_GRADUATES_FORMULA = 'additionalGraduates = (ET_n − ET_base) / 100 × NI1_{n−2}';

/**
 * Students kept in school: studentsKept = (AE_base − AE_n) / 100 × MT_n. How many of year n's enrolled
 * students did not drop out who would have at the baseline rate. Negative when dropout rose.
 * Denominator: none (a count); MT_n scales the difference of rates. Source: docs/DOMAIN.md §3.
 */
export function studentsKept(inputs: StudentsKeptInputs): Counterfactual<StudentsKeptInputs> {
  const { abandonoBase, abandonoN, mtN } = inputs;
  const value =
    abandonoBase === null || abandonoN === null || mtN === null
      ? null
      : ((abandonoBase - abandonoN) / 100) * mtN;
  return {
    value,
    inputs,
    formula: STUDENTS_KEPT_FORMULA,
    definition: {
      es:
        'Estudiantes que permanecieron: diferencia entre la tasa de abandono escolar del año base y la del ' +
        'ciclo n, en puntos porcentuales, aplicada a la matrícula de inicio del ciclo n. Es cuántos alumnos ' +
        'del ciclo n no abandonaron y habrían abandonado con la tasa del año base.',
      en:
        'Students kept: the difference between the baseline dropout rate and the dropout rate of school ' +
        'year n, in percentage points, applied to the enrollment at the start of year n. It is how many of ' +
        "year n's students stayed who would have dropped out at the baseline rate.",
    },
  };
}

/**
 * Additional graduates: additionalGraduates = (ET_n − ET_base) / 100 × NI1_{n−2}. How many more of the
 * generation ending in year n graduated than would have at the baseline graduation efficiency. Negative
 * when ET fell. Denominator: none (a count); NI1_{n−2} scales the difference. Source: docs/DOMAIN.md §3.
 */
export function additionalGraduates(
  inputs: AdditionalGraduatesInputs,
): Counterfactual<AdditionalGraduatesInputs> {
  const { eficienciaTerminalBase, eficienciaTerminalN, ni1TwoBefore } = inputs;
  const value =
    eficienciaTerminalBase === null || eficienciaTerminalN === null || ni1TwoBefore === null
      ? null
      : ((eficienciaTerminalN - eficienciaTerminalBase) / 100) * ni1TwoBefore;
  return {
    value,
    inputs,
    formula: ADDITIONAL_GRADUATES_FORMULA,
    definition: {
      es:
        'Egresados adicionales: diferencia entre la eficiencia terminal del ciclo n y la del año base, en ' +
        'puntos porcentuales, aplicada al nuevo ingreso a primer grado de la generación que egresa en n ' +
        '(NI1 de n−2). Es cuántos egresados más hubo que con la eficiencia terminal del año base.',
      en:
        'Additional graduates: the difference between the graduation efficiency of school year n and the ' +
        'baseline one, in percentage points, applied to the first-time entrants of the generation that ' +
        'graduates in n (NI1 of n−2). It is how many more students graduated than at the baseline efficiency.',
    },
  };
}
