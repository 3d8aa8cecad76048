/**
 * School calendar: a school year (ciclo escolar) runs August to July in two terms.
 * Term 1 (Aug-Jan) holds semesters 1, 3, 5; term 2 (Feb-Jul) holds 2, 4, 6.
 */
import type { Result } from './result.js';

declare const schoolYearBrand: unique symbol;
/** A school year written "2024-2025". */
export type SchoolYear = string & { readonly [schoolYearBrand]: true };

export type TermNo = 1 | 2;
export type Semester = 1 | 2 | 3 | 4 | 5 | 6;
/** Year of study (grado): semesters 1-2 are grade 1, 3-4 grade 2, 5-6 grade 3. */
export type Grade = 1 | 2 | 3;

const YEAR_RE = /^(\d{4})-(\d{4})$/;

export function parseSchoolYear(text: string): Result<SchoolYear> {
  const m = YEAR_RE.exec(text.trim());
  if (!m || Number(m[2]) !== Number(m[1]) + 1) {
    return {
      ok: false,
      issues: [`ciclo escolar inválido: "${text}" (se espera AAAA-AAAA, p. ej. 2024-2025)`],
    };
  }
  return { ok: true, value: text.trim() as SchoolYear };
}

export function schoolYearOf(startYear: number): SchoolYear {
  return `${startYear}-${startYear + 1}` as SchoolYear;
}

export function startYearOf(year: SchoolYear): number {
  return Number(year.slice(0, 4));
}

export function shiftYear(year: SchoolYear, by: number): SchoolYear {
  return schoolYearOf(startYearOf(year) + by);
}

/** Inclusive range of school years. */
export function schoolYearRange(first: SchoolYear, last: SchoolYear): SchoolYear[] {
  const out: SchoolYear[] = [];
  for (let y = startYearOf(first); y <= startYearOf(last); y++) out.push(schoolYearOf(y));
  return out;
}

export function termOfSemester(semester: Semester): TermNo {
  return semester % 2 === 1 ? 1 : 2;
}

export function gradeOfSemester(semester: Semester): Grade {
  return Math.ceil(semester / 2) as Grade;
}

/** A generation (cohort) is named by entry and normal exit year: entry 2022 → "2022-2025". */
export function generationName(entryYear: number, years = 3): string {
  return `${entryYear}-${entryYear + years}`;
}

/** The school year in which a generation that entered in `entryYear` graduates on time. */
export function graduationYearOf(entryYear: number, years = 3): SchoolYear {
  return schoolYearOf(entryYear + years - 1);
}

/** Term id used in storage: "2024-2025/1". */
export function termId(year: SchoolYear, term: TermNo): string {
  return `${year}/${term}`;
}

/** The school year (August to July) that contains a date, in UTC: 2026-12-07 → 2026-2027. */
export function schoolYearContaining(date: Date): SchoolYear {
  const y = date.getUTCFullYear();
  return schoolYearOf(date.getUTCMonth() >= 7 ? y : y - 1);
}
