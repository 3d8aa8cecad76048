/**
 * Use cases behind the risk screens, restricted by the user's scope like the student routes: the student's
 * risk panel (flag, reasons, factor contributions, history), the campus risk overview, the list of campuses
 * by flag, the model report and the rule thresholds (read: every staff role; write: national only).
 * Outside the scope a student or campus does not exist (not_found). Analysts get pseudonymous ids, no names.
 */
import type { Kysely } from 'kysely';
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { AppError, notFound } from '../../domain/errors.js';
import { FEATURE_LABELS, namedFeatures, type FeatureName } from '../../domain/risk/features.js';
import { FLAG_LABELS, THRESHOLD_HELP, THRESHOLD_KEYS, type RiskFlag } from '../../domain/risk/rules.js';
import type { Database } from '../../storage/schema.js';
import { campusByCct } from '../../storage/catalog-queries.js';
import { flagCountsByCampus, storedScoreCutoffs } from '../../storage/risk-scores.js';
import { studentInScope } from '../../storage/student-queries.js';
import { studentNames, studentsInGroups } from '../../storage/student-lookups.js';
import {
  assessActive,
  currentRuleSet,
  explain,
  riskRank,
  ruleSetHistory,
  setThresholds,
  studentRiskHistory,
  type RiskDetail,
} from './scores.js';
import { riskDrift } from './drift.js';
import { listModels, modelInfo } from './train.js';
import { scopeFilter, type StudentDeps } from '../students/index.js';

/** The semáforo's reasons (the transparent rules). */
const rulesOf = (d: RiskDetail) =>
  d.ruleReasons.map((r) => ({ code: r.code, level: r.level, es: r.es, en: r.en }));
/**
 * The reasons beside the probability: the model's own contributions (level `modelo`), or the rules' reasons
 * before any model is trained.
 */
const reasonsOf = (d: RiskDetail) =>
  d.modelVersion === null
    ? rulesOf(d)
    : d.explanation.map((r) => ({ code: r.code, level: 'modelo' as const, es: r.es, en: r.en }));

/** The student's risk panel; `active: false` (and no flag) for a student who is not active now. */
export async function studentRiskPanel(deps: StudentDeps, scope: Scope, pseudonym: string) {
  const id = deps.pseudonyms.fromPseudonym(pseudonym);
  if (id === null || !(await studentInScope(deps.db, id, scopeFilter(scope, deps.currentYear))))
    throw notFound('unknown_student', 'Estudiante no encontrado');
  const [details, history, rules] = await Promise.all([
    assessActive(deps.db, { studentIds: [id] }),
    studentRiskHistory(deps.db, id),
    currentRuleSet(deps.db),
  ]);
  const d = details[0];
  const contributions = d ? await explain(deps.db, d) : [];
  const features = d ? namedFeatures(d.features) : null;
  return {
    id: pseudonym,
    active: d !== undefined,
    cutoff: d?.cutoff ?? null,
    flag: d?.flag ?? null,
    probability: d?.probability ?? null,
    modelVersion: d?.modelVersion ?? null,
    ruleSetVersion: rules.version,
    reasons: d ? reasonsOf(d) : [],
    rules: d ? rulesOf(d) : [],
    contributions: contributions.map((c) => ({
      feature: c.feature,
      logOdds: c.logOdds,
      value: c.value,
      es: c.es,
      en: c.en,
    })),
    features: features
      ? (Object.keys(features) as FeatureName[]).map((f) => ({
          feature: f,
          value: features[f],
          ...FEATURE_LABELS[f],
        }))
      : [],
    history: history.map((h) => ({ ...h, reasons: [...h.reasons] })),
  };
}

/** A campus in the scope by its CCT (not_found outside it). */
async function campusInScope(db: Kysely<Database>, scope: Scope, cct: string) {
  const c = await campusByCct(db, cct);
  const outside =
    c !== undefined &&
    ((scope.role === 'state' && c.state_id !== scope.stateId) ||
      ((scope.role === 'campus' || scope.role === 'tutor') && c.id !== scope.campusId));
  if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${cct}"`);
  return c;
}

/**
 * A campus's risk overview at the current cut-off: counts by flag and by semester, the most frequent reasons,
 * and its students ranked by risk (a tutor sees the students of their groups only).
 */
export async function campusRiskOverview(deps: StudentDeps, scope: Scope, cct: string, limit = 50) {
  const campus = await campusInScope(deps.db, scope, cct);
  let details = await assessActive(deps.db, { campusId: campus.id });
  if (scope.role === 'tutor') {
    const codes = scope.groups.filter((g) => g.campusId === campus.id).map((g) => g.groupCode);
    const ids = details.map((d) => d.studentId);
    const inGroups = await studentsInGroups(deps.db, ids, deps.currentYear, codes);
    details = details.filter((d) => inGroups.has(d.studentId));
  }
  const byFlag: Record<RiskFlag, number> = { verde: 0, amarillo: 0, rojo: 0 };
  const bySemester = new Map<number, Record<RiskFlag, number>>();
  const reasons = new Map<string, { code: string; es: string; en: string; count: number }>();
  for (const d of details) {
    byFlag[d.flag]++;
    const sem = namedFeatures(d.features).semester;
    const s = bySemester.get(sem) ?? { verde: 0, amarillo: 0, rojo: 0 };
    s[d.flag]++;
    bySemester.set(sem, s);
    for (const r of d.ruleReasons) {
      const e = reasons.get(r.code) ?? {
        code: r.code,
        es: REASON_NAMES[r.code]?.es ?? r.code,
        en: REASON_NAMES[r.code]?.en ?? r.code,
        count: 0,
      };
      e.count++;
      reasons.set(r.code, e);
    }
  }
  const ranked = [...details].sort(riskRank).slice(0, limit);
  const identity = canSeeIdentity(scope);
  const names = identity
    ? await studentNames(
        deps.db,
        ranked.map((d) => d.studentId),
      )
    : new Map<number, string>();
  const probs = details.map((d) => d.probability).filter((p): p is number => p !== null);
  return {
    campus: { cct: campus.cct, name: campus.name },
    cutoff: details[0]?.cutoff ?? null,
    total: details.length,
    byFlag,
    meanProbability: probs.length > 0 ? probs.reduce((s, v) => s + v, 0) / probs.length : null,
    bySemester: [...bySemester.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([semester, f]) => ({ semester, ...f })),
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count),
    students: ranked.map((d) => ({
      id: deps.pseudonyms.toPseudonym(d.studentId),
      name: identity ? (names.get(d.studentId) ?? null) : null,
      semester: namedFeatures(d.features).semester,
      flag: d.flag,
      probability: d.probability,
      reasons: reasonsOf(d),
      rules: rulesOf(d),
    })),
  };
}

const REASON_NAMES: Record<string, { es: string; en: string }> = {
  attendance: { es: 'Asistencia baja', en: 'Low attendance' },
  grade: { es: 'Promedio bajo', en: 'Low grade average' },
  failed: { es: 'Módulos reprobados', en: 'Failed modules' },
  pending: { es: 'Regularizaciones pendientes', en: 'Pending regularizations' },
  grade_drop: { es: 'Caída del promedio', en: 'Falling grades' },
  scholarship: { es: 'Retraso de beca', en: 'Scholarship delay' },
  temporary_leave: { es: 'Baja temporal previa', en: 'Earlier temporary leave' },
  lag: { es: 'Rezago de semestres', en: 'Semesters behind' },
};

/**
 * The campuses in the scope with their students by flag, from the latest stored scoring run
 * (`trayecto risk score`); `cutoff: null` when none has been stored.
 */
export async function campusRiskList(deps: StudentDeps, scope: Scope) {
  const cutoffs = await storedScoreCutoffs(deps.db);
  const latest = cutoffs.at(-1);
  if (latest === undefined) return { cutoff: null, campuses: [] };
  const rows = await flagCountsByCampus(deps.db, latest, {
    ...(scope.role === 'state' ? { stateId: scope.stateId ?? -1 } : {}),
    ...(scope.role === 'campus' || scope.role === 'tutor' ? { campusId: scope.campusId ?? -1 } : {}),
  });
  const byCampus = new Map<
    string,
    {
      cct: string;
      name: string;
      state: string;
      total: number;
      verde: number;
      amarillo: number;
      rojo: number;
      sumP: number;
      nP: number;
    }
  >();
  for (const r of rows) {
    const e = byCampus.get(r.cct) ?? {
      cct: r.cct,
      name: r.name,
      state: r.state,
      total: 0,
      verde: 0,
      amarillo: 0,
      rojo: 0,
      sumP: 0,
      nP: 0,
    };
    const n = r.students;
    e.total += n;
    e[r.flag] += n;
    if (r.meanProbability !== null) {
      e.sumP += r.meanProbability * n;
      e.nP += n;
    }
    byCampus.set(r.cct, e);
  }
  return {
    cutoff: latest,
    campuses: [...byCampus.values()]
      .map(({ sumP, nP, ...e }) => ({
        ...e,
        rojoShare: e.total > 0 ? e.rojo / e.total : 0,
        meanProbability: nP > 0 ? sumP / nP : null,
      }))
      .sort((a, b) => b.rojoShare - a.rojoShare || a.cct.localeCompare(b.cct)),
  };
}

/** The model report (aggregates only: every staff role). */
/** A model version's report, with the live back-test of every stored score whose outcome is known. */
export async function riskModelReport(db: Kysely<Database>, version?: number) {
  const info = await modelInfo(db, version);
  return { ...info, versions: await listModels(db), drift: await riskDrift(db) };
}

/** Drift: stored scores of past cut-offs against the outcomes that followed (aggregates only). */
export async function riskDriftReport(db: Kysely<Database>) {
  return riskDrift(db);
}

export async function riskRules(db: Kysely<Database>) {
  const [current, history] = await Promise.all([currentRuleSet(db), ruleSetHistory(db)]);
  return {
    current,
    help: THRESHOLD_KEYS.map((k) => ({ key: k, ...THRESHOLD_HELP[k] })),
    flags: FLAG_LABELS,
    history: history.map((h) => ({
      version: h.version,
      createdAt: h.createdAt,
      createdBy: h.createdBy,
      note: h.note,
      thresholds: h.thresholds,
    })),
  };
}

/** Changes thresholds: national coordinators only (forbidden otherwise); audited with the account. */
export async function changeRiskRules(
  db: Kysely<Database>,
  scope: Scope,
  actor: { username: string; requestId?: string },
  changes: Readonly<Record<string, number>>,
  note?: string,
) {
  if (scope.role !== 'national')
    throw new AppError(
      'forbidden',
      'risk_rules_forbidden',
      'Solo la coordinación nacional puede cambiar los umbrales de riesgo',
    );
  return setThresholds(db, {
    actor: actor.username,
    role: scope.role,
    changes,
    ...(note !== undefined ? { note } : {}),
    requestId: actor.requestId ?? null,
  });
}
