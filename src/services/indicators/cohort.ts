/**
 * Use case: one generation followed from its entry (true cohort: survival by semester and ETC) next to the
 * apparent ET of the school year in which it graduates on time, with an explanation of why the two differ;
 * and the UNESCO reconstructed cohort of a school year from the records (cohortFlow).
 */
import type { Kysely } from 'kysely';
import {
  generationName,
  graduationYearOf,
  schoolYearOf,
  shiftYear,
  startYearOf,
  type SchoolYear,
} from '../../domain/calendar.js';
import {
  analyzeCohortFlow,
  type GradeFlowInput,
  type ReconstructedCohort,
} from '../../domain/cohort-flow.js';
import { cohortSurvival, type CohortCounts, type CohortSurvival } from '../../domain/cohorts.js';
import { invalid, notFound } from '../../domain/errors.js';
import { roundHalfUp, type Percent } from '../../domain/indicators.js';
import { generationCounts, gradeFlowCounts, type CohortFilter } from '../../storage/cohort-queries.js';
import { listUnits, type Level } from '../../storage/flow-queries.js';
import type { Database } from '../../storage/schema.js';
import { indicatorRows, LEVEL_LABELS, nearestUnits, parseLevel, type IndicatorRow } from './indicators.js';

export interface CohortQuery {
  /** "2022-2025", "2022" or 2022 (the entry year). */
  readonly generation: string | number;
  readonly level?: string;
  readonly unitId?: string;
}

export interface SemesterSurvival {
  readonly semester: number;
  /** Entrants who reached the semester by the generation's normal end. */
  readonly enrolled: number;
  readonly survival_pct: Percent | null;
  /** Entrants who reached the semester by the cut-off (late, after repeating or a leave, included). */
  readonly enrolled_by_cutoff: number;
  readonly survival_by_cutoff_pct: Percent | null;
}

export interface CohortReport {
  readonly generation: string;
  readonly entryYear: number;
  /** School year of entry (the entrants' NI1 year). */
  readonly entrySchoolYear: string;
  /** School year in which the generation graduates on time (its apparent ET year). */
  readonly graduationYear: string;
  /** Last school year in the data: late graduates are counted up to it. */
  readonly cutoffYear: string;
  readonly unit: ReportUnit;
  readonly entrants: number;
  readonly semesters: readonly SemesterSurvival[];
  readonly trueCohort: {
    /** ETC: entrants who graduated by the normal end / entrants × 100. */
    readonly eficienciaTerminalCohorte: Percent | null;
    readonly graduatedOnTime: number;
    readonly graduatedByCutoff: number;
    /** Entrants who graduated by the cut-off, on time or late / entrants × 100. */
    readonly graduationByCutoff: Percent | null;
  };
  readonly apparent: {
    readonly schoolYear: string;
    /** ET_n = EG_n / NI1_{n−2} × 100, from the flow counts of the unit. */
    readonly eficienciaTerminal: Percent | null;
    readonly eg: number | null;
    readonly ni1TwoBefore: number | null;
  };
  /** Apparent ET − ETC, in percentage points. */
  readonly differencePoints: number | null;
  readonly explanation: { readonly es: string; readonly en: string };
}

/** The unit a report is about. */
export interface ReportUnit {
  readonly level: Level;
  /** "MX" for the nation, the state code, the campus CCT or the program code. */
  readonly id: string;
  readonly name: string;
}

/** Validates a level and unit pair: national takes no unit; the other levels need one of their units. */
export async function resolveUnit(
  db: Kysely<Database>,
  levelText: string | undefined,
  unitId: string | undefined,
): Promise<ReportUnit> {
  if (levelText === undefined && unitId !== undefined)
    throw invalid('missing_level', 'Falta el nivel de la unidad. Valores válidos: state, campus, program');
  const level = parseLevel(levelText ?? 'national');
  if (level === 'national') {
    if (unitId !== undefined)
      throw invalid('unexpected_unit', 'El nivel national no lleva unidad: quite la clave de unidad');
    return { level, id: 'MX', name: 'Nacional' };
  }
  const units = await listUnits(db, level);
  const found = units.find((u) => u.id === unitId);
  if (found) return { level, id: found.id, name: found.name };
  if (unitId === undefined)
    throw invalid('missing_unit', `Falta la unidad (${LEVEL_LABELS[level]})`, [
      `Por ejemplo: ${units
        .slice(0, 5)
        .map((u) => u.id)
        .join(', ')}${units.length > 5 ? ` (${units.length} en total)` : ''}`,
    ]);
  throw notFound('unknown_unit', `Unidad desconocida (${LEVEL_LABELS[level]}): "${unitId}"`, [
    nearestUnits(unitId, units),
  ]);
}

const GENERATION_RE = /^(\d{4})(?:-(\d{4}))?$/;

/** The generations with entrants in the data whose normal end is also in the data, by entry year. */
function validGenerations(national: readonly IndicatorRow[]): number[] {
  const years = new Set(national.map((r) => r.school_year));
  return national
    .filter((r) => r.ni1 > 0 && years.has(shiftYear(r.school_year as SchoolYear, 2)))
    .map((r) => startYearOf(r.school_year as SchoolYear))
    .sort((a, b) => a - b);
}

function parseGeneration(text: string | number, valid: readonly number[]): number {
  const list = valid.map((y) => generationName(y)).join(', ');
  const m = GENERATION_RE.exec(String(text).trim());
  const entry = Number(m?.[1]);
  if (!m || (m[2] !== undefined && Number(m[2]) !== entry + 3)) {
    throw invalid(
      'invalid_generation',
      `Generación inválida: "${text}" (se espera AAAA-AAAA de ingreso y egreso, p. ej. 2022-2025, o el año de ingreso). Generaciones válidas: ${list}`,
    );
  }
  if (!valid.includes(entry)) {
    throw notFound(
      'unknown_generation',
      `Generación fuera de los datos: "${text}". Generaciones válidas (con ingreso y egreso en tiempo en los datos): ${list}`,
    );
  }
  return entry;
}

function cohortFilter(unit: ReportUnit): CohortFilter {
  switch (unit.level) {
    case 'national':
      return {};
    // The state code is the INEGI cve_ent, zero-padded ("09" is id 9).
    case 'state':
      return { stateId: Number(unit.id) };
    case 'campus':
      return { cct: unit.id };
    case 'program':
      return { programCode: unit.id };
  }
}

function survivalOf(counts: CohortCounts): CohortSurvival {
  const r = cohortSurvival(counts);
  if (!r.ok)
    throw invalid('inconsistent_cohort', 'Los registros de la generación no describen una cohorte', r.issues);
  return r.value;
}

export async function cohortReport(db: Kysely<Database>, query: CohortQuery): Promise<CohortReport> {
  const national = await indicatorRows(db, { level: 'national' });
  const entryYear = parseGeneration(query.generation, validGenerations(national));
  const unit = await resolveUnit(db, query.level, query.unitId);
  const entry = schoolYearOf(entryYear);
  const gradYear = graduationYearOf(entryYear);
  const cutoff = (national.at(-1)?.school_year ?? gradYear) as SchoolYear;
  const unitQuery = { level: unit.level, unitId: unit.level === 'national' ? undefined : unit.id };
  const [apparentRow] = await indicatorRows(db, { ...unitQuery, year: gradYear });
  const [entryRow] = await indicatorRows(db, { ...unitQuery, year: entry });

  const counts = await generationCounts(db, { entryYear, cutoffYear: cutoff, filter: cohortFilter(unit) });
  const normal = survivalOf(counts.byNormalEnd);
  const byCutoff = survivalOf(counts.byCutoff);
  const semesters = counts.byNormalEnd.reachedBySemester.map((enrolled, k) => ({
    semester: k + 1,
    enrolled,
    survival_pct: normal.survivalBySemester[k] ?? null,
    enrolled_by_cutoff: counts.byCutoff.reachedBySemester[k] ?? 0,
    survival_by_cutoff_pct: byCutoff.survivalBySemester[k] ?? null,
  }));
  const trueCohort = {
    eficienciaTerminalCohorte: normal.eficienciaTerminalCohorte,
    graduatedOnTime: counts.byNormalEnd.graduatedOnTime,
    graduatedByCutoff: counts.byCutoff.graduatedBy,
    graduationByCutoff: byCutoff.graduationByCutoff,
  };
  const apparent = {
    schoolYear: gradYear,
    eficienciaTerminal: apparentRow?.eficiencia_terminal ?? null,
    eg: apparentRow?.eg ?? null,
    ni1TwoBefore: entryRow?.ni1 ?? null,
  };
  const etc = trueCohort.eficienciaTerminalCohorte;
  const base = {
    generation: generationName(entryYear),
    entryYear,
    entrySchoolYear: entry,
    graduationYear: gradYear,
    cutoffYear: cutoff,
    unit,
    entrants: counts.byNormalEnd.entrants,
    semesters,
    trueCohort,
    apparent,
    differencePoints:
      apparent.eficienciaTerminal === null || etc === null ? null : apparent.eficienciaTerminal - etc,
  };
  return { ...base, explanation: explain(base) };
}

type ExplainInput = Omit<CohortReport, 'explanation'>;

function explain(r: ExplainInput): { es: string; en: string } {
  const n = (lang: 'es' | 'en', v: number | null, d = 0) =>
    v === null
      ? '—'
      : new Intl.NumberFormat(lang === 'es' ? 'es-MX' : 'en-US', {
          minimumFractionDigits: d,
          maximumFractionDigits: d,
        }).format(roundHalfUp(v, d));
  const { apparent: a, trueCohort: t } = r;
  const others = a.eg === null ? null : a.eg - t.graduatedOnTime;
  const es =
    `La eficiencia terminal aparente del ciclo ${a.schoolYear} (${n('es', a.eficienciaTerminal, 2)} %) divide a ` +
    `todos los egresados del ciclo en la unidad (${n('es', a.eg)}) entre el nuevo ingreso de ${r.entrySchoolYear} ` +
    `(${n('es', a.ni1TwoBefore)}), sin seguir a nadie: cuenta también a repetidores y readmitidos de generaciones ` +
    `anteriores y a quienes llegaron por traslado. La eficiencia terminal de cohorte (${n('es', t.eficienciaTerminalCohorte, 2)} %) ` +
    `sigue solo a los ${n('es', r.entrants)} alumnos que ingresaron en ${r.entrySchoolYear} en esta unidad y cuenta a los ` +
    `${n('es', t.graduatedOnTime)} que egresaron en tiempo, en cualquier plantel; quien se trasladó no cuenta como abandono. ` +
    `Egresados del ciclo que no son egresados en tiempo de esta cohorte (saldo neto): ${n('es', others)}. ` +
    `Con los egresos tardíos hasta ${r.cutoffYear}, egresaron ${n('es', t.graduatedByCutoff)} ` +
    `(${n('es', t.graduationByCutoff, 2)} %). Las dos cifras responden preguntas distintas: la aparente se ` +
    `compara con las cifras publicadas por la SEP; la de cohorte dice qué pasó con los alumnos que entraron.`;
  const en =
    `The apparent graduation efficiency of ${a.schoolYear} (${n('en', a.eficienciaTerminal, 2)} %) divides every ` +
    `graduate of the year at the unit (${n('en', a.eg)}) by the first-time entrants of ${r.entrySchoolYear} ` +
    `(${n('en', a.ni1TwoBefore)}) without following anyone: it also counts repeaters and readmitted students of ` +
    `earlier generations and students who transferred in. The true-cohort efficiency (${n('en', t.eficienciaTerminalCohorte, 2)} %) ` +
    `follows only the ${n('en', r.entrants)} students who entered in ${r.entrySchoolYear} at this unit and counts the ` +
    `${n('en', t.graduatedOnTime)} who graduated on time, at any campus; a transfer is not a dropout. ` +
    `Graduates of the year who are not on-time graduates of this cohort (net balance): ${n('en', others)}. ` +
    `Counting late graduates up to ${r.cutoffYear}, ${n('en', t.graduatedByCutoff)} graduated ` +
    `(${n('en', t.graduationByCutoff, 2)} %). The two numbers answer different questions: the apparent one can be ` +
    `checked against SEP's published figures; the cohort one says what happened to the students who entered.`;
  return { es, en };
}

export interface CohortFlowReport {
  /** School year t; the rates come from t and t+1. */
  readonly year: string;
  readonly nextYear: string;
  readonly input: GradeFlowInput;
  readonly cohort: ReconstructedCohort;
}

/**
 * UNESCO reconstructed cohort from the records of school years t and t+1 (national): enrolment by grade,
 * repeaters by grade in t+1 and graduates of t, then the domain's flow rates and synthetic cohort.
 */
export async function cohortFlow(db: Kysely<Database>, year: string): Promise<CohortFlowReport> {
  const years = (await indicatorRows(db, { level: 'national' })).map((r) => r.school_year);
  const valid = years.filter((y) => years.includes(shiftYear(y as SchoolYear, 1)));
  if (!valid.includes(year)) {
    throw notFound(
      'unknown_school_year',
      `Ciclo escolar sin el ciclo siguiente en los datos: "${year}". Ciclos válidos: ${valid.join(', ')}`,
    );
  }
  const t = year as SchoolYear;
  const input = await gradeFlowCounts(db, t);
  const result = analyzeCohortFlow(input);
  if (!result.ok)
    throw invalid(
      'inconsistent_flow',
      'Los conteos por grado no permiten reconstruir la cohorte',
      result.issues,
    );
  return { year: t, nextYear: shiftYear(t, 1), input, cohort: result.value };
}
