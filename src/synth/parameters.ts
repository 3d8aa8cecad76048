/**
 * Every parameter of the demo-data generator, in one place. docs/SYNTHETIC-DATA.md tells the generative
 * story these numbers drive. Calibration targets come from the published CONALEP figures
 * (assets/reference/calibration-targets.json); years between published points are interpolated and marked
 * as assumptions.
 */

export const FIRST_START_YEAR = 2013; // school year 2013-2014
export const LAST_START_YEAR = 2025; // school year 2025-2026

/** Enrollment at the start of each school year (MT). 2018 and 2025 are published; the rest interpolated. */
export const ENROLLMENT_TARGET: Readonly<Record<number, number>> = {
  2013: 296_400,
  2014: 299_800,
  2015: 302_600,
  2016: 304_900,
  2017: 306_500,
  2018: 307_859,
  2019: 309_700,
  2020: 303_900,
  2021: 308_400,
  2022: 313_600,
  2023: 318_100,
  2024: 321_600,
  2025: 324_335,
};

/** New entrants fixed by a published figure (generation 2014-2017: 120,509 entrants). */
export const NEW_ENTRANTS_FIXED: Readonly<Record<number, number>> = { 2014: 120_509 };

/** Abandono total per school year (by start year), %. 2015-2017 and 2024 are published. */
export const DROPOUT_TARGET: Readonly<Record<number, number>> = {
  2013: 19.3,
  2014: 19.0,
  2015: 18.6,
  2016: 17.6,
  2017: 16.3,
  2018: 15.7,
  2019: 15.2,
  2020: 15.9,
  2021: 14.6,
  2022: 13.9,
  2023: 13.4,
  2024: 12.9,
  2025: 12.6,
};

/**
 * Eficiencia terminal per generation, keyed by the start year of its graduation school year
 * (generation 2013-2016 graduates in 2015-2016 → key 2015). 2015, 2016, 2017 and 2024 are published.
 * For 2013 and 2014 (entrants before the data starts) the value is the share of the grade-3 pool that graduates.
 */
export const ET_TARGET: Readonly<Record<number, number>> = {
  2015: 48.6,
  2016: 49.17,
  2017: 50.18,
  2018: 52.0,
  2019: 53.7,
  2020: 54.9,
  2021: 56.8,
  2022: 58.6,
  2023: 60.5,
  2024: 62.57,
  2025: 63.4,
};
export const EARLY_GRADUATION_SHARE = 0.8;

/** Published graduates of generation 2014-2017: EG of 2016-2017 is made exactly this. */
export const GRADUATES_FIXED: Readonly<Record<number, number>> = { 2016: 59_259 };

export const SYSTEM = { campuses: 313, programs: 67, teachers: 14_840 } as const;

/**
 * Share of a year's (non-returning) dropout that happens during the year (intracurricular). Assumed. 0.62 until
 * issue 12 (finding 11): the rest, the intercurricular exits, must leave room for the grade-3 completers without
 * certificate who do not re-enroll (HAZARD.withoutCertificate), or they pile up as grade-3 repeaters.
 */
export const INTRA_SHARE = 0.5;
/** Of intracurricular exits, the share in the first term. */
export const FIRST_TERM_SHARE_OF_INTRA = 0.58;

/** Exit hazard (log-odds) coefficients: how each observed factor raises the yearly dropout hazard. */
export const HAZARD = {
  // Grade 1 (semesters 1-2) highest. Flatter than the [0.85, 0.05, −0.45] used until issue 12 (finding 11): with
  // the published enrollment, abandono and eficiencia terminal, every student lost early is one fewer in grade 3,
  // and the enrollment target was then filled by about 30 % grade-3 repeaters (docs/SYNTHETIC-DATA.md).
  grade: [0.6, 0.2, 0.1] as const,
  perAbsencePoints: 0.045, // per point of attendance below 100 %, averaged over the year
  perFailedModule: 0.16, // per module failed in ordinary evaluation (year total)
  perGradePointBelow8: 0.22, // per point of grade average below 8.0
  overAge: 0.35, // entered at 17 or older
  perDelayMonth: 0.3, // per 30 days of scholarship payment delay (from 2019-2020)
  latent: 0.35, // unobserved disadvantage
  male: 0.12,
  pendingRepeat: 0.2, // per module still pending after regularization (inter-year only)
  // Grade-3 completers who did not graduate (modules still pending) mostly do not re-enroll to repeat grade 3
  // (inter-year only): they leave with their pending modules and count as intercurricular dropout.
  withoutCertificate: 6,
} as const;

/** Interventions: true effect on the yearly exit hazard (log-odds), written here and in SYNTHETIC-DATA.md. */
export const INTERVENTIONS = {
  firstYear: 2019,
  kinds: {
    tutoring: { effect: -0.35, pAtRisk: 0.34, pOther: 0.04, maxSemester: 6, sessions: [4, 12] },
    counseling: { effect: -0.2, pAtRisk: 0.2, pOther: 0.03, maxSemester: 6, sessions: [2, 6] },
    leveling: { effect: -0.45, pAtRisk: 0.3, pOther: 0.01, maxSemester: 2, sessions: [10, 20] },
  },
} as const;
export type InterventionKind = keyof typeof INTERVENTIONS.kinds;

/** Student performance model. */
export const PERFORMANCE = {
  campusContext: 0.45, // campus disadvantage (from its published dropout) added to each student's latent
  attendanceBase: -2.7, // logit of the absence share for an average student
  attendanceLatent: 0.55,
  attendanceNoise: 0.45,
  gradeMean: 8.1,
  gradeLatent: -0.75,
  gradeNoise: 0.55,
  gradeTrendLatent: -0.12, // per term: disadvantaged students decline
  moduleSd: 1.05, // spread of module grades around the student's average
  modulesPerSemester: 7,
  regularizationPass: 0.55, // chance that each failed module is recovered in regularization
  passingGrade: 6,
  // More pending modules than this at the end of grade 1, 2 → repeat the grade (or leave); 3 until issue 12.
  repeatIfPendingOver: [1, 2, 2] as const,
  overAgeBase: -2.1,
  overAgeLatent: 0.7,
} as const;

/**
 * Entrants into grades 2 and 3 from other subsystems (portabilidad de estudios, equivalencia), as a share of the
 * year's enrollment target. Assumed (issue 12, finding 11): not a published CONALEP figure. They are new to
 * CONALEP (`new_entry` on their semester-3 or semester-5 row) but not NI1, which is first grade only; the
 * abandono formula counts them with the students who are back, so each year's exits are raised by next year's
 * entrants to keep the published rate. Without them the system is closed, and the calibrated enrollment,
 * abandono and eficiencia terminal leave a stock of students to fill that piled up as grade-3 repeaters.
 */
export const LATERAL_ENTRY = { grade2: 0.03, grade3: 0.01 } as const;

/** Temporary leave and readmission. */
export const LEAVE = {
  temporaryShare: 0.2, // of exits, the share recorded as baja temporal
  returnNextYear: 0.45,
  returnInTwoYears: 0.15,
} as const;

/** Campus and program moves at the year boundary, among continuing students. */
export const MOVES = { transfer: 0.01, transferSameState: 0.85, programChange: 0.006 } as const;

/** Benito Juárez universal scholarship (from 2019-2020): payment delays. */
export const SCHOLARSHIP = {
  firstYear: 2019,
  amountPerBimester: 1_680,
  meanDelayDays: 6,
  latentDelay: 0.6, // disadvantaged students more often face delays (paperwork, bank access)
  longDelayShare: 0.08,
} as const;

export const CERTIFICATION = { shareOfGraduates: 0.28, firstYear: 2016 } as const;

/** How many final school years get module-level results and scholarship payment rows. */
export const DETAIL_YEARS = 1;

/**
 * Teachers' highest degree (911 statistics, section IV). An assumed shape, not a published CONALEP figure:
 * degrees at licenciatura level (licenciatura or ingeniería) dominate, about one teacher in six has a master's
 * degree, few have a doctorate or only a técnico superior title (issue 12, finding 11: a uniform spread would be
 * questioned by any reader of the 911 workbooks).
 */
export const TEACHER_DEGREES: Readonly<Record<string, number>> = {
  Licenciatura: 0.6,
  Ingeniería: 0.16,
  Maestría: 0.17,
  'Técnico superior': 0.05,
  Doctorado: 0.02,
};

export const GROUP_SIZE = 38;
export const SEX_FEMALE_SHARE = 0.47;
