/** Data shaping of the cohort page: which generations exist, survival curves and apparent vs true ET. */
import type { BarSpec, LineSpec } from '../../components/charts/spec';
import type { CohortReport, YearsCatalog } from '../../api/models';

const YEAR_RE = /^(\d{4})-(\d{4})$/;

const schoolYear = (start: number) => `${start}-${start + 1}`;
export const generationName = (entry: number) => `${entry}-${entry + 3}`;

/**
 * Generations whose entry year and normal graduation year (entry + 2) are both in the data, newest first:
 * the ones GET /cohorts accepts.
 */
export function generationsOf(years: Pick<YearsCatalog, 'years'>): string[] {
  const set = new Set(years.years);
  return years.years
    .flatMap((y) => {
      const m = YEAR_RE.exec(y);
      if (!m) return [];
      const entry = Number(m[1]);
      return set.has(schoolYear(entry + 2)) ? [entry] : [];
    })
    .sort((a, b) => b - a)
    .map(generationName);
}

/** The generation that graduates on time in the latest complete year (the one of the published ET). */
export function defaultGeneration(years: YearsCatalog): string | null {
  const all = generationsOf(years);
  const m = YEAR_RE.exec(years.latestComplete ?? '');
  const wanted = m ? generationName(Number(m[1]) - 2) : null;
  return wanted && all.includes(wanted) ? wanted : (all[0] ?? null);
}

/** The selected generation and up to `count` earlier ones, oldest first (for comparison charts). */
export function comparisonGenerations(selected: string, all: readonly string[], count: number): string[] {
  const i = all.indexOf(selected);
  if (i < 0) return [selected];
  return all.slice(i, i + count + 1).reverse();
}

export function survivalSpec(
  reports: readonly CohortReport[],
  labels: { title: string; categoryLabel: string; valueLabel: string; semester: (n: number) => string },
): LineSpec {
  const semesters = Math.max(6, ...reports.map((r) => r.semesters.length));
  return {
    kind: 'line',
    title: labels.title,
    categoryLabel: labels.categoryLabel,
    valueLabel: labels.valueLabel,
    format: { kind: 'percent', decimals: 1 },
    categories: Array.from({ length: semesters }, (_, k) => labels.semester(k + 1)),
    series: reports.map((r) => ({
      name: r.generation,
      values: Array.from(
        { length: semesters },
        (_, k) => r.semesters.find((s) => s.semester === k + 1)?.survival_pct ?? null,
      ),
    })),
  };
}

/** Apparent and true-cohort ET side by side, one pair of bars per generation. */
export function etComparisonSpec(
  reports: readonly CohortReport[],
  labels: { title: string; categoryLabel: string; valueLabel: string; apparent: string; trueCohort: string },
): BarSpec {
  return {
    kind: 'bar',
    title: labels.title,
    categoryLabel: labels.categoryLabel,
    valueLabel: labels.valueLabel,
    format: { kind: 'percent', decimals: 2 },
    categories: reports.map((r) => r.generation),
    categoryIds: reports.map((r) => r.generation),
    series: [
      { name: labels.apparent, values: reports.map((r) => r.apparent.eficienciaTerminal) },
      { name: labels.trueCohort, values: reports.map((r) => r.trueCohort.eficienciaTerminalCohorte) },
    ],
  };
}
