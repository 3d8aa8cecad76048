/**
 * What the dashboard browser tests share (e2e/browser/dashboard.test.ts for the national user, the first render
 * and page health; e2e/browser/dashboard-scope.test.ts for the campus and analyst users): the API answers they
 * read, small helpers over the page and the API, and how the national walk chooses its campus and student (both
 * files choose them the same way, each on its own stack).
 */
import { expect } from 'vitest';
import { q, type Session } from './harness.js';

export interface Kpi {
  readonly key: string;
  readonly year: string;
  readonly value: number | null;
}
export interface Summary {
  readonly campuses: number;
  readonly programs: number;
  readonly teachers: number;
  /** docs/API.md calls the cards `kpis`; the server answers `headline`. Either is accepted. */
  readonly kpis?: readonly Kpi[];
  readonly headline?: readonly Kpi[];
}
export interface YearsCatalog {
  readonly years: readonly string[];
  readonly latestComplete: string;
  readonly baseline: string;
}
export interface IndicatorRow {
  readonly unit_id: string;
  readonly unit_name: string;
  readonly school_year: string;
  readonly sex: string | null;
  readonly [key: string]: unknown;
}
export interface StudentItem {
  readonly id: string;
  readonly name: string | null;
  readonly curp: string | null;
  readonly campusCct: string;
  readonly campusName: string;
  readonly semester: number | null;
}
export interface StudentPage {
  readonly items: readonly StudentItem[];
  readonly total: number;
}
export interface Campus {
  readonly cct: string;
  readonly name: string;
  readonly stateCode: string;
}
export interface TermRecord {
  readonly school_year?: string;
  readonly schoolYear?: string;
  readonly term_no?: number;
  readonly termNo?: number;
}
export interface StudentProfile {
  readonly student: { readonly id: string; readonly name?: string | null; readonly curp?: string | null };
  readonly terms: readonly TermRecord[];
  readonly events?: readonly TermRecord[];
}

export const PAGE_SIZE = 20; // StudentSearch's page size

const cards = (s: Summary): readonly Kpi[] => s.kpis ?? s.headline ?? [];
export const kpiValue = (s: Summary, key: string): number | null =>
  cards(s).find((k) => k.key === key)?.value ?? null;
export const num = (r: IndicatorRow, key: string): number | null => {
  const v = r[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
/** The order the ranking must have: indicator descending, missing values last, ties by name (es). */
export const rankingOrder = (rows: readonly IndicatorRow[], key: string): IndicatorRow[] =>
  rows
    .filter((r) => r.sex === null || r.sex === undefined)
    .sort((a, b) => {
      const va = num(a, key);
      const vb = num(b, key);
      if (va === null || vb === null) {
        if (va !== vb) return va === null ? 1 : -1;
        return a.unit_name.localeCompare(b.unit_name, 'es');
      }
      return vb - va || a.unit_name.localeCompare(b.unit_name, 'es');
    });
/** Distinct terms of a profile: enrollments plus status events recorded in terms without one. */
export const termKeys = (p: StudentProfile): Set<string> => {
  const key = (r: TermRecord) => `${r.school_year ?? r.schoolYear ?? ''}/${r.term_no ?? r.termNo ?? '?'}`;
  return new Set([...p.terms.map(key), ...(p.events ?? []).map(key)]);
};
/** "Rodrigo Kevin Chávez Díaz" → "Chávez" (given names, then the two surnames). */
export const firstSurname = (name: string): string => {
  const words = name.trim().split(/\s+/);
  return words.length >= 3 ? (words.at(-2) ?? '') : (words.at(-1) ?? '');
};
export const expectUrl = (page: Session['page'], params: Record<string, string>) => {
  const search = new URL(page.url()).searchParams;
  for (const [k, v] of Object.entries(params)) expect(search.get(k), `URL parameter ${k}`).toBe(v);
};
export const testIdText = async (s: Session, id: string) =>
  ((await s.page.getByTestId(id).textContent()) ?? '').trim();

/** Of `campuses`, the one with the most students (the national walk's campus: its search has something to find). */
export async function campusWithMostStudents(
  s: Session,
  campuses: readonly Campus[],
): Promise<Campus | undefined> {
  const counts = await Promise.all(
    campuses.map(async (c) => ({
      campus: c,
      total: (await s.api<StudentPage>(`students?campus=${q(c.cct)}&pageSize=1`)).total,
    })),
  );
  return counts.sort((a, b) => b.total - a.total)[0]?.campus;
}

/**
 * The named students of the campus's first page of 200, and the most advanced of them (the national walk's student:
 * a longer timeline).
 */
export async function mostAdvancedStudent(
  s: Session,
  campus: Campus,
): Promise<{ named: StudentItem[]; pick: StudentItem & { readonly name: string } }> {
  const roster = await s.api<StudentPage>(`students?campus=${q(campus.cct)}&pageSize=200`);
  const named = roster.items.filter((x) => x.name);
  const pick = [...named].sort((a, b) => (b.semester ?? 0) - (a.semester ?? 0))[0];
  if (!pick?.name) throw new Error(`campus ${campus.cct} lists no named student`);
  return { named, pick: { ...pick, name: pick.name } };
}
