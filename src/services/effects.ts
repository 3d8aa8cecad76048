/**
 * Use case: the effect of each intervention type on leaving school during the year of the intervention (the
 * term it was given or the next), adjusted for who received it (domain/effects/ipw.ts), next to the naive
 * comparison. On generated demo data the generator's answer key (dataset_meta 'generator' → truth) is shown
 * beside each estimate.
 *
 * Units: one per student and school year with a first-term enrollment, from the first school year with
 * recorded interventions. Treated: received the intervention in the first term. Pre-intervention features:
 * first-term attendance, grade average, failed modules and scholarship payment delay, the institution's
 * at-risk rule (attendance < 85 %, 2 or more failed modules or average < 7), grade, over-age, sex, other
 * interventions of the same term, and the campus's exit rate that year among the other students (campus-year
 * context). Outcome: left during the year (dropout or temporary leave in either term).
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../domain/access.js';
import { estimateAtt, type EffectEstimate, type EffectUnit } from '../domain/effects/ipw.js';
import { invalid, notFound } from '../domain/errors.js';
import { INTERVENTION_KINDS, kindLabel } from '../domain/interventions.js';
import { readMeta } from '../storage/meta.js';
import type { Database } from '../storage/schema.js';

export interface EffectsQuery {
  /** Only these kinds (default: every kind with enough data). */
  readonly kinds?: readonly string[];
  readonly reps?: number;
  readonly seed?: number;
  /**
   * At most about this many student-years (a deterministic subsample by student id beyond it), so that the
   * national data answers in seconds. Default 400,000.
   */
  readonly maxUnits?: number;
}

export interface KindEffect {
  readonly kind: string;
  readonly label: { readonly es: string; readonly en: string };
  /** null when there are too few treated or controls to estimate. */
  readonly estimate: EffectEstimate | null;
  readonly note: string | null;
  /** The generator's answer key, on demo data only. */
  readonly truth: {
    readonly logOdds: number;
    readonly attYearExitRiskDifference: number;
    readonly insideInterval: boolean | null;
    readonly naiveInsideInterval: boolean | null;
  } | null;
}

export interface EffectsReport {
  readonly scope: { readonly level: 'national' | 'state' | 'campus'; readonly id: number | null };
  readonly outcome: string;
  readonly method: string;
  readonly fromSchoolYear: string | null;
  readonly studentYears: number;
  readonly sampled: boolean;
  readonly effects: readonly KindEffect[];
}

const LEFT = new Set(['dropout', 'temporary_leave']);
const MIN_GROUP = 30;

interface UnitRow {
  key: string;
  campusId: number;
  schoolYear: string;
  semester: number;
  att: number;
  avg: number;
  failed: number;
  delay: number;
  male: number;
  overAge: number;
  left: number;
  secondTerm: boolean;
  term1: Set<string>;
  term2: Set<string>;
}

function scopeLevel(scope: Scope): EffectsReport['scope'] {
  switch (scope.role) {
    case 'national':
    case 'analyst':
      return { level: 'national', id: null };
    case 'state':
      return { level: 'state', id: scope.stateId ?? -1 };
    case 'campus':
    case 'tutor':
      return { level: 'campus', id: scope.campusId ?? -1 };
  }
}

/** Age on 1 August of the entry year is 17 or more. */
const overAge = (birth: string, entryYear: number) => {
  const y = Number(birth.slice(0, 4));
  const md = birth.slice(5);
  return entryYear - y - (md > '08-01' ? 1 : 0) >= 17 ? 1 : 0;
};

async function loadUnits(db: Kysely<Database>, scope: EffectsReport['scope'], maxUnits: number) {
  const first = await db
    .selectFrom('interventions')
    .select((eb) => eb.fn.min('school_year').as('y'))
    .executeTakeFirst();
  const from = first?.y ?? null;
  if (from === null) return { from, units: [] as UnitRow[], sampled: false };
  let count = db
    .selectFrom('enrollments as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.school_year', '>=', from)
    .where('e.term_no', '=', 1);
  if (scope.level === 'campus') count = count.where('e.campus_id', '=', scope.id ?? -1);
  if (scope.level === 'state')
    count = count.where('e.campus_id', 'in', (eb) =>
      eb
        .selectFrom('campuses')
        .select('id')
        .where('state_id', '=', scope.id ?? -1),
    );
  const total = Number((await count.executeTakeFirst())?.n ?? 0);
  const modulus = total > maxUnits ? Math.ceil(total / maxUnits) : 1;

  let q = db
    .selectFrom('enrollments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select([
      'e.student_id',
      'e.school_year',
      'e.term_no',
      'e.semester',
      'e.campus_id',
      'e.attendance_pct',
      'e.grade_avg',
      'e.failed_modules',
      'e.scholarship_delay_days',
      'e.end_status',
      's.sex',
      's.birth_date',
      's.entry_year',
    ])
    .where('e.school_year', '>=', from);
  let iq = db
    .selectFrom('interventions as i')
    .select(['i.student_id', 'i.school_year', 'i.term_no', 'i.kind'])
    .where('i.school_year', '>=', from);
  if (scope.level === 'campus') {
    q = q.where('e.campus_id', '=', scope.id ?? -1);
    iq = iq.where('i.campus_id', '=', scope.id ?? -1);
  }
  if (scope.level === 'state') {
    q = q.where('e.campus_id', 'in', (eb) =>
      eb
        .selectFrom('campuses')
        .select('id')
        .where('state_id', '=', scope.id ?? -1),
    );
    iq = iq.where('i.campus_id', 'in', (eb) =>
      eb
        .selectFrom('campuses')
        .select('id')
        .where('state_id', '=', scope.id ?? -1),
    );
  }
  if (modulus > 1) {
    q = q.where((eb) => eb(eb('e.student_id', '%', modulus), '=', 0));
    iq = iq.where((eb) => eb(eb('i.student_id', '%', modulus), '=', 0));
  }
  const [rows, ivs] = await Promise.all([q.execute(), iq.execute()]);
  const byKey = new Map<string, UnitRow>();
  const second = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.student_id}|${r.school_year}`;
    if (Number(r.term_no) !== 1) {
      second.set(key, r);
      continue;
    }
    byKey.set(key, {
      key,
      campusId: Number(r.campus_id),
      schoolYear: r.school_year,
      semester: Number(r.semester),
      att: Number(r.attendance_pct),
      avg: r.grade_avg === null ? 8 : Number(r.grade_avg),
      failed: Number(r.failed_modules),
      delay: Number(r.scholarship_delay_days),
      male: r.sex === 'H' ? 1 : 0,
      overAge: overAge(r.birth_date, Number(r.entry_year)),
      left: LEFT.has(r.end_status) ? 1 : 0,
      secondTerm: false,
      term1: new Set(),
      term2: new Set(),
    });
  }
  for (const [key, r] of second) {
    const u = byKey.get(key);
    if (!u) continue;
    u.secondTerm = true;
    if (LEFT.has(r.end_status)) u.left = 1;
  }
  for (const i of ivs) {
    const u = byKey.get(`${i.student_id}|${i.school_year}`);
    if (u) (Number(i.term_no) === 1 ? u.term1 : u.term2).add(i.kind);
  }
  return { from, units: [...byKey.values()], sampled: modulus > 1 };
}

/** The campus's exit rate in the year among the other students, on the log-odds scale (smoothed). */
function campusContext(units: readonly UnitRow[]): Float64Array {
  const acc = new Map<string, { n: number; y: number }>();
  let n = 0;
  let y = 0;
  for (const u of units) {
    const k = `${u.campusId}|${u.schoolYear}`;
    const a = acc.get(k) ?? { n: 0, y: 0 };
    a.n++;
    a.y += u.left;
    acc.set(k, a);
    n++;
    y += u.left;
  }
  const prior = n > 0 ? y / n : 0.1;
  const out = new Float64Array(units.length);
  units.forEach((u, i) => {
    const a = acc.get(`${u.campusId}|${u.schoolYear}`) ?? { n: 1, y: u.left };
    const rate = (a.y - u.left + 5 * prior) / (a.n - 1 + 5);
    const r = Math.min(0.999, Math.max(0.001, rate));
    out[i] = Math.log(r / (1 - r));
  });
  return out;
}

function features(u: UnitRow, context: number, others: readonly string[]): Float64Array {
  const grade = Math.ceil(u.semester / 2);
  const f = [
    100 - u.att,
    u.failed,
    Math.max(0, 8 - u.avg),
    u.avg,
    u.delay / 30,
    u.male,
    u.overAge,
    grade === 1 ? 1 : 0,
    grade === 2 ? 1 : 0,
    u.att < 85 || u.failed >= 2 || u.avg < 7 ? 1 : 0,
    u.att < 85 ? 1 : 0,
    u.failed >= 2 ? 1 : 0,
    u.avg < 7 ? 1 : 0,
    context,
    ...others.map((k) => (u.term1.has(k) ? 1 : 0)),
  ];
  return Float64Array.from(f);
}

export async function interventionEffects(
  db: Kysely<Database>,
  scope: Scope,
  query: EffectsQuery = {},
): Promise<EffectsReport> {
  const level = scopeLevel(scope);
  const known = INTERVENTION_KINDS as readonly string[];
  if (query.kinds) {
    const bad = query.kinds.filter((k) => !known.includes(k));
    if (bad.length > 0)
      throw invalid(
        'unknown_kind',
        `Tipo de intervención desconocido: "${bad.join('", "')}". Valores válidos: ${known.join(', ')}`,
      );
  }
  const { from, units, sampled } = await loadUnits(db, level, query.maxUnits ?? 400_000);
  const present = new Set<string>();
  for (const u of units) for (const k of [...u.term1, ...u.term2]) present.add(k);
  const kinds: readonly string[] = query.kinds ?? known.filter((k) => present.has(k));
  if (units.length === 0 && query.kinds === undefined)
    throw notFound('no_interventions', 'No hay intervenciones registradas en el alcance');
  const context = campusContext(units);
  const generator = await readMeta<{
    truth?: Record<string, { logOdds: number; attYearExitRiskDifference: number }>;
  }>(db, 'generator');

  const effects = kinds.map((kind, idx): KindEffect => {
    // Eligible: semesters in which the kind is given at all (leveling: the first two).
    const semesters = new Set<number>();
    for (const u of units) if (u.term1.has(kind)) semesters.add(u.semester);
    const sel = units.map((u, i) => ({ u, i })).filter((x) => semesters.has(x.u.semester));
    const others = [...present].filter((k) => k !== kind).sort();
    const data: EffectUnit[] = sel.map(({ u, i }) => {
      const treated = u.term1.has(kind) ? 1 : 0;
      return {
        treated,
        outcome: u.left === 1 ? 1 : 0,
        crossover: treated === 1 || !u.secondTerm ? null : u.term2.has(kind) ? 1 : 0,
        features: features(u, context[i] ?? 0, others),
      };
    });
    const treated = data.reduce((a, d) => a + d.treated, 0);
    const t = generator?.truth?.[kind];
    const label = kindLabel(kind);
    if (treated < MIN_GROUP || data.length - treated < MIN_GROUP) {
      return {
        kind,
        label,
        estimate: null,
        note: `Datos insuficientes: ${treated} atendidos y ${data.length - treated} sin atender (mínimo ${MIN_GROUP} de cada uno)`,
        truth: t ? { ...t, insideInterval: null, naiveInsideInterval: null } : null,
      };
    }
    const estimate = estimateAtt(data, { reps: query.reps ?? 400, seed: (query.seed ?? 20261128) + idx });
    const inside = (x: number) => x >= estimate.att.low && x <= estimate.att.high;
    return {
      kind,
      label,
      estimate,
      note: null,
      truth: t
        ? {
            logOdds: t.logOdds,
            attYearExitRiskDifference: t.attYearExitRiskDifference,
            insideInterval: inside(t.attYearExitRiskDifference),
            naiveInsideInterval: inside(estimate.naive.estimate),
          }
        : null,
    };
  });
  return {
    scope: level,
    outcome:
      'Abandono (baja definitiva o temporal) durante el ciclo de la intervención: en el semestre en que se dio o en el siguiente',
    method:
      'Efecto en los atendidos (ATT, diferencia de riesgos) por ponderación por propensión (regresión logística con riesgo previo a la intervención), corregido por cruce de controles atendidos después; intervalos bootstrap percentil al 95 %',
    fromSchoolYear: from,
    studentYears: units.length,
    sampled,
    effects,
  };
}
