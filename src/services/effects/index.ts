/**
 * The effects wing's door: estimated effects of the interventions (doubly robust AIPW, `estimate.ts`) and the
 * what-if cohort-flow scenarios (`whatif.ts`), for api/, cli/ and the analysis runner.
 */
export {
  EFFECT_COVARIATES,
  interventionEffects,
  type EffectsQuery,
  type EffectsReport,
  type KindEffect,
} from './estimate.js';
export { whatIf, type GradeRatesView, type WhatIfQuery, type WhatIfReport } from './whatif.js';
