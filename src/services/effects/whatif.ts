/**
 * Use case: what-if projection of a generation (domain/whatif.ts). Grade flow rates of a unit (national, a
 * state, a campus or a program at a campus) come from the records, following the generation: grade g uses
 * school years entry + g − 1 and entry + g (the latest pair in the data when that one is not there yet).
 * Students are followed wherever they go (a transfer is not a dropout); the unit is where they were enrolled
 * in year t. The scenario changes the dropout of given semesters; both projections are returned with the
 * difference in entrants kept and graduates gained.
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import {
  generationName,
  schoolYearOf,
  shiftYear,
  startYearOf,
  type SchoolYear,
} from '../../domain/calendar.js';
import {
  gradeFlowRates,
  type GradeFlowInput,
  type GradeFlowRates,
  type Rate,
} from '../../domain/cohort-flow.js';
import { invalid, notFound } from '../../domain/errors.js';
import type { Percent } from '../../domain/indicators.js';
import {
  applyScenario,
  impliedAbandono,
  projectGeneration,
  scenarioIssues,
  type GenerationProjection,
  type SemesterChange,
} from '../../domain/whatif.js';
import { campusByCct, campusById, programByCode, stateById } from '../../storage/catalog-queries.js';
import type { Database } from '../../storage/schema.js';
import {
  entrantsIn,
  graduatesIn,
  pairRows,
  schoolYearIds,
  type UnitFilter,
} from '../../storage/whatif-queries.js';
import { cohortReport } from '../indicators/index.js';

const GRADES = 3;

export interface WhatIfQuery {
  readonly generation: string | number;
  /** Campus CCT (the unit); otherwise the caller's state or the nation. */
  readonly campus?: string;
  /** Program code, within the unit. */
  readonly program?: string;
  readonly changes?: readonly SemesterChange[];
}

export interface GradeRatesView {
  readonly grade: number;
  readonly fromYear: string;
  readonly promotion: number;
  readonly repetition: number;
  readonly dropout: number;
  readonly firstSemesterShareOfDropout: number;
}

export interface WhatIfReport {
  readonly generation: string;
  readonly unit: {
    readonly level: 'national' | 'state' | 'campus';
    readonly id: string;
    readonly name: string;
    readonly program: string | null;
  };
  readonly changes: readonly SemesterChange[];
  readonly baselineRates: readonly GradeRatesView[];
  readonly scenarioRates: readonly GradeRatesView[];
  readonly baseline: Omit<GenerationProjection, 'cohort'> & { readonly abandono: Percent | null };
  readonly scenario: Omit<GenerationProjection, 'cohort'> & { readonly abandono: Percent | null };
  readonly difference: {
    readonly eficienciaTerminalPoints: number;
    readonly dropoutPoints: number;
    readonly abandonoPoints: number | null;
    readonly studentsKept: number;
    readonly extraGraduatesOnTime: number;
  };
  /**
   * What the records say the generation did (true-cohort ETC, cohort.ts), when its normal end is in the data,
   * and the scenario's change applied to it: the constant-rate model ignores that repeaters graduate less
   * often than first-timers, so its baseline ET runs below the observed one; the difference is what it
   * projects.
   */
  readonly observed: {
    readonly eficienciaTerminalCohorte: number | null;
    readonly scenarioEficienciaTerminal: number | null;
  };
  /** The unit's gain over the nation's entrants: change of the national ET, in points. */
  readonly nationalEtPoints: number | null;
  readonly method: string;
}

interface PairCounts {
  readonly input: GradeFlowInput;
  /** Per grade: students who left during the grade's first term, during its second term. */
  readonly leftFirst: readonly number[];
}

async function pairCounts(db: Kysely<Database>, t: SchoolYear, f: UnitFilter): Promise<PairCounts> {
  const next = shiftYear(t, 1);
  const [rows, graduates] = await Promise.all([pairRows(db, t, next, f), graduatesIn(db, t, f)]);

  const enrolment = new Array<number>(GRADES).fill(0);
  const enrolmentNext = new Array<number>(GRADES).fill(0);
  const repeatersNext = new Array<number>(GRADES).fill(0);
  const leftFirst = new Array<number>(GRADES).fill(0);
  const gradeOf = (s: number | null) => (s === null ? -1 : Math.ceil(Number(s) / 2) - 1);
  for (const r of rows) {
    const n = r.students;
    const gt = gradeOf(r.semesterT);
    const gn = gradeOf(r.semesterNext);
    if (gt < 0 || gt >= GRADES) continue;
    enrolment[gt] = (enrolment[gt] ?? 0) + n;
    if (gn >= 0 && gn < GRADES) enrolmentNext[gn] = (enrolmentNext[gn] ?? 0) + n;
    if (gn === gt) repeatersNext[gt] = (repeatersNext[gt] ?? 0) + n;
    if (r.leftFirstTerm) leftFirst[gt] = (leftFirst[gt] ?? 0) + n;
  }
  // Students followed from year t only: E_{g+1,t+1} − R_{g+1,t+1} counts those promoted from grade g.
  return { input: { enrolment, enrolmentNext, repeatersNext, graduates }, leftFirst };
}

function view(rates: GradeFlowRates, years: readonly string[], share: readonly number[]): GradeRatesView[] {
  return rates.promotion.map((p, g) => ({
    grade: g + 1,
    fromYear: years[g] ?? '',
    promotion: p,
    repetition: rates.repetition[g] ?? 0,
    dropout: rates.dropout[g] ?? 0,
    firstSemesterShareOfDropout: share[g] ?? 0,
  }));
}

export async function whatIf(db: Kysely<Database>, scope: Scope, query: WhatIfQuery): Promise<WhatIfReport> {
  const changes = query.changes ?? [];
  const issues = scenarioIssues(changes, GRADES);
  if (issues.length > 0) throw invalid('invalid_scenario', 'Escenario inválido', issues);
  const years = await schoolYearIds(db);
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(String(query.generation).trim());
  const entry = Number(m?.[1]);
  const validEntries = years
    .map((y) => startYearOf(y as SchoolYear))
    .filter((y) => years.includes(schoolYearOf(y + 1)));
  if (!m || (m[2] !== undefined && Number(m[2]) !== entry + 3) || !validEntries.includes(entry))
    throw invalid(
      'invalid_generation',
      `Generación inválida o fuera de los datos: "${query.generation}". Generaciones válidas: ${validEntries.map((y) => generationName(y)).join(', ')}`,
    );

  // The unit, restricted by the caller's scope.
  let filter: UnitFilter = {};
  let unit: WhatIfReport['unit'] = { level: 'national', id: 'MX', name: 'Nacional', program: null };
  if (query.campus || scope.role === 'campus' || scope.role === 'tutor') {
    const cct = query.campus?.trim().toUpperCase();
    const c = cct ? await campusByCct(db, cct) : await campusById(db, scope.campusId ?? -1);
    const outside =
      c !== undefined &&
      ((scope.role === 'state' && c.state_id !== scope.stateId) ||
        ((scope.role === 'campus' || scope.role === 'tutor') && c.id !== scope.campusId));
    if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${query.campus ?? ''}"`);
    filter = { campusId: c.id };
    unit = { level: 'campus', id: c.cct, name: c.name, program: null };
  } else if (scope.role === 'state') {
    const s = await stateById(db, scope.stateId ?? -1);
    filter = { stateId: scope.stateId ?? -1 };
    unit = { level: 'state', id: s?.code ?? '', name: s?.name ?? '', program: null };
  }
  if (query.program) {
    const p = await programByCode(db, query.program);
    if (!p) throw notFound('unknown_program', `Carrera desconocida: "${query.program}"`);
    filter = { ...filter, programId: p.id };
    unit = { ...unit, program: p.code };
  }

  const lastPair = years.at(-2) as SchoolYear;
  const promotion: number[] = [];
  const repetition: number[] = [];
  const dropout: number[] = [];
  const share: number[] = [];
  const fromYears: string[] = [];
  const enrolmentAtEntry: number[] = [];
  const cache = new Map<string, PairCounts>();
  for (let g = 0; g < GRADES; g++) {
    const wanted = schoolYearOf(entry + g);
    const t: SchoolYear = years.includes(shiftYear(wanted, 1)) ? wanted : lastPair;
    const counts = cache.get(t) ?? (await pairCounts(db, t, filter));
    cache.set(t, counts);
    const r = gradeFlowRates(counts.input);
    if (!r.ok)
      throw invalid(
        'inconsistent_flow',
        'Los registros de la unidad no permiten calcular tasas de flujo',
        r.issues,
      );
    promotion.push(r.value.promotion[g] ?? 0);
    repetition.push(r.value.repetition[g] ?? 0);
    const d = r.value.dropout[g] ?? 0;
    dropout.push(d);
    const e = counts.input.enrolment[g] ?? 0;
    share.push(d > 0 && e > 0 ? Math.min(1, (counts.leftFirst[g] ?? 0) / e / d) : 0.5);
    fromYears.push(t);
    if (g === 0) enrolmentAtEntry.push(...counts.input.enrolment);
  }
  const base: GradeFlowRates = {
    promotion: promotion as Rate[],
    repetition: repetition as Rate[],
    dropout: dropout as Rate[],
  };
  const scen = applyScenario(base, share, changes);

  const [entrants, nationalEntrants] = await Promise.all([
    entrantsIn(db, schoolYearOf(entry), filter),
    entrantsIn(db, schoolYearOf(entry), {}),
  ]);
  const b = projectGeneration(base, entrants);
  const s = projectGeneration(scen, entrants);
  const strip = ({ cohort: _c, ...rest }: GenerationProjection) => rest;
  const abandonoB = impliedAbandono(base, enrolmentAtEntry);
  const abandonoS = impliedAbandono(scen, enrolmentAtEntry);
  const extra = s.graduatesOnTime - b.graduatesOnTime;
  let observedEtc: number | null = null;
  if (filter.programId === undefined) {
    const report = await cohortReport(db, {
      generation: entry,
      level: unit.level === 'national' ? undefined : unit.level,
      unitId: unit.level === 'national' ? undefined : unit.id,
    }).catch(() => null);
    observedEtc = report?.trueCohort.eficienciaTerminalCohorte ?? null;
  }
  return {
    generation: generationName(entry),
    unit,
    changes,
    baselineRates: view(base, fromYears, share),
    scenarioRates: view(scen, fromYears, share),
    baseline: { ...strip(b), abandono: abandonoB },
    scenario: { ...strip(s), abandono: abandonoS },
    difference: {
      eficienciaTerminalPoints: s.eficienciaTerminal - b.eficienciaTerminal,
      dropoutPoints: s.dropoutPct - b.dropoutPct,
      abandonoPoints: abandonoB === null || abandonoS === null ? null : abandonoS - abandonoB,
      studentsKept: ((b.dropoutPct - s.dropoutPct) / 100) * entrants,
      extraGraduatesOnTime: extra,
    },
    observed: {
      eficienciaTerminalCohorte: observedEtc,
      scenarioEficienciaTerminal:
        observedEtc === null ? null : observedEtc + (s.eficienciaTerminal - b.eficienciaTerminal),
    },
    nationalEtPoints: nationalEntrants > 0 ? (extra / nationalEntrants) * 100 : null,
    method:
      'Cohorte reconstruida (UNESCO): tasas de promoción, repetición y abandono por grado a partir de los registros, siguiendo a la generación; el escenario cambia el abandono de los semestres indicados y reparte a los alumnos retenidos entre promoción y repetición en sus proporciones',
  };
}
