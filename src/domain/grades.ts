/**
 * The passing rule of CONALEP's 0-to-10 scale: a module is passed with a grade of at least 6.0, judged on the
 * exact value as recorded (no rounding before judging: 5.95 fails). See docs/INDICATORS.md.
 */
export const PASSING_GRADE = 6;

/** Whether a grade passes: grade ≥ 6.0 on the exact value. */
export const passes = (grade: number): boolean => grade >= PASSING_GRADE;
