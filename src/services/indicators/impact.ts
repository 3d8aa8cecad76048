/**
 * Use case: the counterfactuals of public statements ("students kept in classrooms", "additional
 * graduates") for one year against a fixed baseline, and their cumulative versions over every year from the
 * baseline to that year, each with its value, inputs, formula and definition (domain/impact.ts).
 */
import type { Kysely } from 'kysely';
import { parseSchoolYear, schoolYearRange, shiftYear, type SchoolYear } from '../../domain/calendar.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import {
  additionalGraduates,
  studentsKept,
  type AdditionalGraduatesInputs,
  type Counterfactual,
  type StudentsKeptInputs,
} from '../../domain/impact.js';
import type { Database } from '../../storage/schema.js';
import { resolveUnit, type ReportUnit } from './cohort.js';
import { indicatorRows, type IndicatorRow } from './indicators.js';

export interface ImpactQuery {
  /** Baseline school year, e.g. "2017-2018". */
  readonly baseline: string;
  /** School year n; by default the last one whose dropout rate can be computed. */
  readonly year?: string;
  readonly level?: string;
  readonly unitId?: string;
}

export interface YearCounterfactuals {
  readonly year: string;
  readonly studentsKept: Counterfactual<StudentsKeptInputs>;
  readonly additionalGraduates: Counterfactual<AdditionalGraduatesInputs>;
}

/** Sum of the yearly counterfactuals of every year from baseline + 1 to n, against the fixed baseline. */
export interface CumulativeCounterfactual {
  /** Null when the value of any year is null (see missingYears). */
  readonly value: number | null;
  readonly formula: string;
  readonly definition: { readonly es: string; readonly en: string };
  readonly byYear: readonly { readonly year: string; readonly value: number | null }[];
  readonly missingYears: readonly string[];
}

export interface ImpactReport {
  readonly unit: ReportUnit;
  readonly baseline: string;
  readonly year: string;
  /** School year of NI1_{n−2}: entry of the generation that graduates in n. */
  readonly entryYearOfGraduates: string;
  /** Year n against the baseline. */
  readonly yearly: YearCounterfactuals;
  readonly cumulative: {
    readonly from: string;
    readonly to: string;
    readonly studentsKept: CumulativeCounterfactual;
    readonly additionalGraduates: CumulativeCounterfactual;
  };
}

export const CUMULATIVE_STUDENTS_KEPT_FORMULA =
  'studentsKeptCumulative = Σ_{y = base+1..n} (AE_base − AE_y) / 100 × MT_y';
export const CUMULATIVE_ADDITIONAL_GRADUATES_FORMULA =
  'additionalGraduatesCumulative = Σ_{y = base+1..n} (ET_y − ET_base) / 100 × NI1_{y−2}';

/** Counterfactuals of school year n against the baseline, from the indicator rows of one unit. */
export function yearCounterfactuals(
  byYear: ReadonlyMap<string, IndicatorRow>,
  baseline: SchoolYear,
  year: SchoolYear,
): YearCounterfactuals {
  const base = byYear.get(baseline);
  const n = byYear.get(year);
  return {
    year,
    studentsKept: studentsKept({
      abandonoBase: base?.abandono ?? null,
      abandonoN: n?.abandono ?? null,
      mtN: n?.mt ?? null,
    }),
    additionalGraduates: additionalGraduates({
      eficienciaTerminalBase: base?.eficiencia_terminal ?? null,
      eficienciaTerminalN: n?.eficiencia_terminal ?? null,
      ni1TwoBefore: byYear.get(shiftYear(year, -2))?.ni1 ?? null,
    }),
  };
}

function cumulative(
  years: readonly YearCounterfactuals[],
  pick: (y: YearCounterfactuals) => number | null,
  formula: string,
  definition: { es: string; en: string },
): CumulativeCounterfactual {
  const byYear = years.map((y) => ({ year: y.year, value: pick(y) }));
  const missingYears = byYear.filter((y) => y.value === null).map((y) => y.year);
  const value = missingYears.length > 0 ? null : byYear.reduce((a, y) => a + (y.value ?? 0), 0);
  return { value, formula, definition, byYear, missingYears };
}

function checkYear(text: string, years: readonly string[], what: string): SchoolYear {
  const parsed = parseSchoolYear(text);
  const valid = `Ciclos válidos: ${years.join(', ')}`;
  if (!parsed.ok) throw invalid('invalid_school_year', `${parsed.issues.join('; ')}. ${valid}`);
  if (!years.includes(parsed.value))
    throw notFound('unknown_school_year', `${what} fuera de los datos: "${text}". ${valid}`);
  return parsed.value;
}

export async function impactReport(db: Kysely<Database>, query: ImpactQuery): Promise<ImpactReport> {
  const unit = await resolveUnit(db, query.level, query.unitId);
  const rows = await indicatorRows(db, {
    level: unit.level,
    unitId: unit.level === 'national' ? undefined : unit.id,
  });
  const years = rows.map((r) => r.school_year);
  if (years.length === 0)
    throw new AppError('unavailable', 'no_data', `No hay conteos de flujo para la unidad ${unit.id}`);
  const complete = rows.filter((r) => r.abandono !== null).map((r) => r.school_year);
  const baseline = checkYear(query.baseline, years, 'Año base');
  const defaultYear = complete.at(-1);
  if (query.year === undefined && defaultYear === undefined)
    throw new AppError('unavailable', 'no_complete_year', 'Ningún ciclo tiene todavía tasa de abandono');
  const year = checkYear(query.year ?? defaultYear ?? '', years, 'Ciclo');
  if (year <= baseline) {
    const later = years.filter((y) => y > baseline);
    throw invalid(
      'year_not_after_baseline',
      `El ciclo ${year} debe ser posterior al año base ${baseline}. Ciclos válidos: ${later.join(', ')}`,
    );
  }
  const byYear = new Map(rows.map((r) => [r.school_year, r]));
  const series = schoolYearRange(shiftYear(baseline, 1), year).map((y) =>
    yearCounterfactuals(byYear, baseline, y),
  );
  const from = shiftYear(baseline, 1);
  return {
    unit,
    baseline,
    year,
    entryYearOfGraduates: shiftYear(year, -2),
    yearly: series.at(-1) ?? yearCounterfactuals(byYear, baseline, year),
    cumulative: {
      from,
      to: year,
      studentsKept: cumulative(series, (y) => y.studentsKept.value, CUMULATIVE_STUDENTS_KEPT_FORMULA, {
        es:
          `Estudiantes que permanecieron, acumulado de ${from} a ${year}: suma, ciclo por ciclo, de los ` +
          `estudiantes que permanecieron en cada ciclo y respecto de la tasa de abandono del año base fijo ` +
          `(${baseline}). Cada ciclo cuenta a sus propios inscritos, así que un alumno que permaneció en ` +
          'varios ciclos cuenta una vez por ciclo: es un total de alumnos-ciclo, no de personas.',
        en:
          `Students kept, cumulative from ${from} to ${year}: the sum, year by year, of the students kept in ` +
          `each year against the fixed baseline dropout rate (${baseline}). Each year counts its own ` +
          'enrollment, so a student kept in several years counts once per year: a total of student-years, ' +
          'not of people.',
      }),
      additionalGraduates: cumulative(
        series,
        (y) => y.additionalGraduates.value,
        CUMULATIVE_ADDITIONAL_GRADUATES_FORMULA,
        {
          es:
            `Egresados adicionales, acumulado de ${from} a ${year}: suma, ciclo por ciclo, de los egresados ` +
            `adicionales de cada ciclo respecto de la eficiencia terminal del año base fijo (${baseline}), ` +
            'cada uno sobre el nuevo ingreso de la generación que egresa en ese ciclo. Cada ciclo corresponde a ' +
            'una generación distinta, así que la suma no cuenta dos veces a la misma generación.',
          en:
            `Additional graduates, cumulative from ${from} to ${year}: the sum, year by year, of the ` +
            `additional graduates of each year against the fixed baseline graduation efficiency (${baseline}), ` +
            'each over the entrants of the generation graduating that year. Each year is a different ' +
            'generation, so the sum never counts a generation twice.',
        },
      ),
    },
  };
}
