/**
 * Calibration fit: the indicators computed on the generated data against the published figures in
 * assets/reference/calibration-targets.json, and generated against published campus dropout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { additionalGraduates, studentsKept } from '../../src/domain/impact.js';
import { indicatorRows, type IndicatorRow } from '../../src/services/indicators/index.js';
import type { Database } from '../../src/storage/schema.js';
import { pearson } from './stats.js';

/** Count targets within 0.5 % (relative), rate targets within 0.3 percentage points. */
export const COUNT_TOLERANCE_PCT = 0.5;
export const RATE_TOLERANCE_PP = 0.3;
export const CORRELATION_TARGET = 0.9;

export interface FitRow {
  readonly target: string;
  readonly kind: 'count' | 'rate' | 'claim';
  readonly published: number;
  /** The published figure at the generated scale (counts only; rates do not scale). */
  readonly expected: number;
  readonly computed: number | null;
  /** computed − expected: in units for counts and claims, in percentage points for rates. */
  readonly difference: number | null;
  /** Relative difference in % (counts and claims). */
  readonly differencePct: number | null;
  readonly tolerance: string;
  readonly pass: boolean;
}

export interface CampusCorrelation {
  readonly schoolYear: string;
  readonly pearson: number | null;
  readonly campusesCompared: number;
  readonly publishedWithoutGenerated: number;
  readonly meanAbsoluteDifferencePp: number | null;
  readonly target: number;
  readonly pass: boolean;
}

export interface CalibrationFit {
  readonly rows: readonly FitRow[];
  readonly correlation: CampusCorrelation;
  readonly notChecked: readonly string[];
}

interface Targets {
  readonly system?: Record<string, number>;
  readonly enrollment_at_start?: Record<string, number>;
  readonly abandono_pct?: Record<string, number>;
  readonly eficiencia_terminal_pct_by_generation?: Record<string, number>;
  readonly public_claims?: Record<string, string>;
  readonly [generation: string]: unknown;
}

export interface PublishedCampus {
  readonly cct: string;
  readonly publishedDropout: number | null;
}

/** Keys of calibration-targets.json that calibrationFit reads (or that only describe: about, campus_list). */
const HANDLED = new RegExp(
  `^(${[
    'about',
    'campus_list',
    'system',
    'enrollment_at_start',
    'abandono_pct',
    'eficiencia_terminal_pct_by_generation',
    'public_claims',
    'generation_\\d{4}_\\d{4}',
    'campus_dropout_\\d{4}_\\d{4}',
  ].join('|')})$`,
);

/**
 * "2013-2016" (a generation) → the school year it graduates in, "2015-2016"; "2025" (a year in a press
 * statement) → "2024-2025" (docs/INDICATORS.md §7).
 */
const graduationYear = (generation: string) => {
  const end = Number(generation.slice(-4));
  return `${end - 1}-${end}`;
};

export async function calibrationFit(
  db: Kysely<Database>,
  root: string,
  scale: number,
  campuses: readonly PublishedCampus[],
): Promise<CalibrationFit> {
  const targets = JSON.parse(
    readFileSync(join(root, 'assets/reference/calibration-targets.json'), 'utf8'),
  ) as Targets;
  const national = new Map((await indicatorRows(db, { level: 'national' })).map((r) => [r.school_year, r]));
  const at = (year: string) => national.get(year) ?? null;
  const rows: FitRow[] = [];
  const notChecked: string[] = [];
  const systemCounts = await countSystem(db);
  for (const [k, v] of Object.entries(targets.system ?? {})) {
    const perScale = k === 'teachers'; // the generator scales teachers, not the catalog
    rows.push(countRow(`system.${k}`, v, perScale ? scale : 1, systemCounts[k] ?? null));
  }
  for (const [y, v] of Object.entries(targets.enrollment_at_start ?? {}))
    rows.push(countRow(`MT ${y}`, v, scale, at(y)?.mt ?? null));
  for (const [y, v] of Object.entries(targets.abandono_pct ?? {}))
    rows.push(rateRow(`abandono ${y}`, v, at(y)?.abandono ?? null));
  for (const [g, v] of Object.entries(targets.eficiencia_terminal_pct_by_generation ?? {}))
    rows.push(
      rateRow(
        `ET generation ${g} (${graduationYear(g)})`,
        v,
        at(graduationYear(g))?.eficiencia_terminal ?? null,
      ),
    );
  for (const [key, value] of Object.entries(targets)) {
    const m = /^generation_(\d{4})_(\d{4})$/.exec(key);
    if (!m?.[1] || !m[2] || typeof value !== 'object' || value === null) continue;
    const g = value as Record<string, number>;
    const first = `${m[1]}-${Number(m[1]) + 1}`;
    const last = graduationYear(m[2]);
    if (g.entrants !== undefined)
      rows.push(
        countRow(`NI1 ${first} (generation ${m[1]}-${m[2]})`, g.entrants, scale, at(first)?.ni1 ?? null),
      );
    if (g.graduates !== undefined)
      rows.push(
        countRow(`EG ${last} (generation ${m[1]}-${m[2]})`, g.graduates, scale, at(last)?.eg ?? null),
      );
  }
  for (const [key, text] of Object.entries(targets.public_claims ?? {})) {
    const row = claimRow(key, text, scale, at);
    if (row) rows.push(row);
    else notChecked.push(`public_claims.${key}`);
  }
  for (const key of Object.keys(targets)) if (!HANDLED.test(key)) notChecked.push(key);
  const yearKey = Object.keys(targets).find((k) => /^campus_dropout_\d{4}_\d{4}$/.test(k));
  if (!yearKey) throw new Error('calibration-targets.json names no campus_dropout_YYYY_YYYY file');
  const corrYear = yearKey.slice(-9).replace('_', '-');
  return { rows, correlation: await campusCorrelation(db, corrYear, campuses), notChecked };
}

function countRow(target: string, published: number, scale: number, computed: number | null): FitRow {
  const expected = Math.round(published * scale);
  const difference = computed === null ? null : computed - expected;
  const differencePct = difference === null || expected === 0 ? null : (difference / expected) * 100;
  return {
    target,
    kind: 'count',
    published,
    expected,
    computed,
    difference,
    differencePct,
    tolerance: `±${COUNT_TOLERANCE_PCT} %`,
    pass: differencePct !== null && Math.abs(differencePct) <= COUNT_TOLERANCE_PCT,
  };
}

function rateRow(target: string, published: number, computed: number | null): FitRow {
  const difference = computed === null ? null : computed - published;
  return {
    target,
    kind: 'rate',
    published,
    expected: published,
    computed,
    difference,
    differencePct: null,
    tolerance: `±${RATE_TOLERANCE_PP} pp`,
    pass: difference !== null && Math.abs(difference) <= RATE_TOLERANCE_PP + 1e-9,
  };
}

/**
 * "students_kept_2025_vs_2018": "more than 8,000" → studentsKept(base 2017-2018, n 2024-2025) > 8,000
 * × scale; likewise additionalGraduates. Null for a claim of another kind.
 */
function claimRow(
  key: string,
  text: string,
  scale: number,
  at: (year: string) => IndicatorRow | null,
): FitRow | null {
  const years = /_(\d{4})_vs_(\d{4})$/.exec(key);
  const amount = /more than ([\d,]+)/.exec(text);
  if (!years?.[1] || !years[2] || !amount?.[1]) return null;
  const n = at(graduationYear(years[1]));
  const base = at(graduationYear(years[2]));
  const nTwoBefore = at(graduationYear(String(Number(years[1]) - 2)));
  let value: number | null;
  if (key.startsWith('students_kept'))
    value = studentsKept({
      abandonoBase: base?.abandono ?? null,
      abandonoN: n?.abandono ?? null,
      mtN: n?.mt ?? null,
    }).value;
  else if (key.startsWith('additional_graduates'))
    value = additionalGraduates({
      eficienciaTerminalBase: base?.eficiencia_terminal ?? null,
      eficienciaTerminalN: n?.eficiencia_terminal ?? null,
      ni1TwoBefore: nTwoBefore?.ni1 ?? null,
    }).value;
  else return null;
  const published = Number(amount[1].replaceAll(',', ''));
  const expected = published * scale;
  return {
    target: `${key} (${graduationYear(years[2])} → ${graduationYear(years[1])})`,
    kind: 'claim',
    published,
    expected,
    computed: value,
    difference: value === null ? null : value - expected,
    differencePct: value === null ? null : ((value - expected) / expected) * 100,
    tolerance: '> claim',
    pass: value !== null && value > expected,
  };
}

async function countSystem(db: Kysely<Database>): Promise<Record<string, number>> {
  const n = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
  return {
    campuses: await n(
      db
        .selectFrom('campuses')
        .where('active', '=', 1)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
    programs: await n(
      db
        .selectFrom('programs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
    teachers: await n(
      db
        .selectFrom('teachers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
    states: await n(
      db
        .selectFrom('states')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  };
}

/** Pearson correlation, over campuses matched by CCT, of generated and published dropout in a school year. */
async function campusCorrelation(
  db: Kysely<Database>,
  schoolYear: string,
  campuses: readonly PublishedCampus[],
): Promise<CampusCorrelation> {
  const generated = new Map(
    (await indicatorRows(db, { level: 'campus', year: schoolYear })).map((r) => [r.unit_id, r.abandono]),
  );
  const pairs: [number, number][] = [];
  let missing = 0;
  for (const c of campuses) {
    if (c.publishedDropout === null) continue;
    const g = generated.get(c.cct);
    if (g === undefined || g === null) missing++;
    else pairs.push([g, c.publishedDropout]);
  }
  const r = pearson(pairs);
  const mad = pairs.length ? pairs.reduce((a, [g, p]) => a + Math.abs(g - p), 0) / pairs.length : null;
  return {
    schoolYear,
    pearson: r,
    campusesCompared: pairs.length,
    publishedWithoutGenerated: missing,
    meanAbsoluteDifferencePp: mad,
    target: CORRELATION_TARGET,
    pass: r !== null && r >= CORRELATION_TARGET,
  };
}
