/**
 * Scenarios of the intervention part of the demo (docs/SYNTHETIC-DATA.md, "Scenarios"): the true effects, the
 * assignment rule, campus-level uptake variation and an optional unobserved confounder. The generator reads a
 * scenario; the effect estimator never does (it only sees the records and, on demo data, the recorded truth to
 * print beside its estimate). Every key is optional; the defaults are the demo's own values.
 */
import { INTERVENTIONS, type InterventionKind } from './parameters.js';

export interface AssignmentRule {
  /** The institution's at-risk rule: attendance below this %, … */
  readonly attendanceBelow: number;
  /** … or at least this many failed modules, … */
  readonly failedAtLeast: number;
  /** … or a grade average below this. */
  readonly gradeBelow: number;
  /** Probability of each intervention in a term for students at risk and for the others. */
  readonly probabilityAtRisk: Readonly<Record<InterventionKind, number>>;
  readonly probabilityOther: Readonly<Record<InterventionKind, number>>;
  /**
   * Weight of a nonlinear term added to the assignment log-odds: ((90 − attendance)⁺ / 10)² + 1 when at least
   * one module failed with an average below 7.5, − 0.5. 0 (default): the rule alone.
   */
  readonly nonlinear: number;
}

export interface Scenario {
  /** True effect of each intervention on the yearly exit hazard (log-odds). */
  readonly effects: Readonly<Record<InterventionKind, number>>;
  readonly assignment: AssignmentRule;
  /** Standard deviation of a per-campus shift of the assignment log-odds (uptake varies by campus). */
  readonly campusUptakeSd: number;
  /**
   * Weight γ of an unrecorded student factor u ~ N(0, 1) that raises both the assignment log-odds (γ·u) and the
   * exit hazard (γ·u): a confounder no estimator can adjust for. 0 (default): none.
   */
  readonly unobservedConfounding: number;
}

const KINDS = Object.keys(INTERVENTIONS.kinds) as InterventionKind[];
const perKind = (f: (k: InterventionKind) => number) =>
  Object.fromEntries(KINDS.map((k) => [k, f(k)])) as Record<InterventionKind, number>;

export const DEFAULT_SCENARIO: Scenario = Object.freeze({
  effects: perKind((k) => INTERVENTIONS.kinds[k].effect),
  assignment: {
    attendanceBelow: 85,
    failedAtLeast: 2,
    gradeBelow: 7,
    probabilityAtRisk: perKind((k) => INTERVENTIONS.kinds[k].pAtRisk),
    probabilityOther: perKind((k) => INTERVENTIONS.kinds[k].pOther),
    nonlinear: 0,
  },
  campusUptakeSd: 0,
  unobservedConfounding: 0,
});

/** The file's form: every key optional. */
export interface ScenarioInput {
  readonly effects?: Partial<Record<InterventionKind, number>>;
  readonly assignment?: Partial<
    Omit<AssignmentRule, 'probabilityAtRisk' | 'probabilityOther'> & {
      probabilityAtRisk: Partial<Record<InterventionKind, number>>;
      probabilityOther: Partial<Record<InterventionKind, number>>;
    }
  >;
  readonly campusUptakeSd?: number;
  readonly unobservedConfounding?: number;
}

/** A complete scenario from a partial one, the defaults filling what it leaves out. */
export function resolveScenario(input: ScenarioInput = {}): Scenario {
  const d = DEFAULT_SCENARIO;
  const a = input.assignment ?? {};
  return {
    effects: { ...d.effects, ...input.effects },
    assignment: {
      attendanceBelow: a.attendanceBelow ?? d.assignment.attendanceBelow,
      failedAtLeast: a.failedAtLeast ?? d.assignment.failedAtLeast,
      gradeBelow: a.gradeBelow ?? d.assignment.gradeBelow,
      probabilityAtRisk: { ...d.assignment.probabilityAtRisk, ...a.probabilityAtRisk },
      probabilityOther: { ...d.assignment.probabilityOther, ...a.probabilityOther },
      nonlinear: a.nonlinear ?? 0,
    },
    campusUptakeSd: input.campusUptakeSd ?? 0,
    unobservedConfounding: input.unobservedConfounding ?? 0,
  };
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The probability that a student with this first-look performance receives `kind` in the term. */
export function assignmentProbability(
  scenario: Scenario,
  kind: InterventionKind,
  attendance: number,
  gradeAvg: number,
  failed: number,
  shift: number,
): number {
  const a = scenario.assignment;
  const atRisk = attendance < a.attendanceBelow || failed >= a.failedAtLeast || gradeAvg < a.gradeBelow;
  const p = atRisk ? a.probabilityAtRisk[kind] : a.probabilityOther[kind];
  if (a.nonlinear === 0 && shift === 0) return p;
  const bend = (Math.max(0, 90 - attendance) / 10) ** 2 + (failed >= 1 && gradeAvg < 7.5 ? 1 : 0) - 0.5;
  return sigmoid(logit(p) + a.nonlinear * bend + shift);
}

const KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['effects', 'assignment', 'campusUptakeSd', 'unobservedConfounding'],
  effects: KINDS,
  assignment: [
    'attendanceBelow',
    'failedAtLeast',
    'gradeBelow',
    'probabilityAtRisk',
    'probabilityOther',
    'nonlinear',
  ],
  'assignment.probabilityAtRisk': KINDS,
  'assignment.probabilityOther': KINDS,
};

/** Range of each numeric field: [min, max]. */
const RANGE = (path: string): readonly [number, number] => {
  if (path.startsWith('effects.')) return [-5, 5];
  if (path.startsWith('assignment.probability')) return [0.001, 0.999];
  if (path === 'assignment.attendanceBelow') return [0, 100];
  if (path === 'assignment.failedAtLeast') return [0, 15];
  if (path === 'assignment.gradeBelow') return [0, 10];
  if (path === 'assignment.nonlinear') return [-5, 5];
  return [0, 5];
};

/**
 * Reads a scenario file (JSON). Problems are thrown as Error with a Spanish message naming the file, the line,
 * the field and the value; the caller turns it into its error kind.
 */
export function parseScenario(text: string, file: string): ScenarioInput {
  const lineOf = (needle: string): number => {
    const at = text.indexOf(needle);
    return at < 0 ? 1 : text.slice(0, at).split('\n').length;
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    throw new Error(`${file}, línea ${line}: el escenario no es JSON válido (${(e as Error).message})`, {
      cause: e,
    });
  }
  const walk = (node: unknown, path: string): void => {
    const allowed = KEYS[path];
    const name = path === '' ? '(raíz)' : path;
    if (allowed) {
      if (typeof node !== 'object' || node === null || Array.isArray(node))
        throw new Error(
          `${file}, línea ${lineOf(`"${path.split('.').pop() ?? ''}"`)}: el campo ${name} debe ser un objeto, no ${JSON.stringify(node)}`,
        );
      for (const [k, v] of Object.entries(node)) {
        const child = path === '' ? k : `${path}.${k}`;
        if (!allowed.includes(k))
          throw new Error(
            `${file}, línea ${lineOf(`"${k}"`)}: campo desconocido ${child} (válidos en ${name}: ${allowed.join(', ')})`,
          );
        walk(v, child);
      }
      return;
    }
    const [min, max] = RANGE(path);
    if (typeof node !== 'number' || !Number.isFinite(node) || node < min || node > max)
      throw new Error(
        `${file}, línea ${lineOf(`"${path.split('.').pop() ?? ''}"`)}: el campo ${path} debe ser un número entre ${min} y ${max}, no ${JSON.stringify(node)}`,
      );
  };
  walk(value, '');
  return value as ScenarioInput;
}
