/** The indicators wing: official indicators at every level, national summary, published and reported figures, cohorts, impact, a campus breakdown. The door the api, the cli and other wings import from. */
export * from './indicators.js';
export * from './national-summary.js';
export * from './published-comparison.js';
export * from './reported-counts.js';
export * from './cohort.js';
export * from './impact.js';
export * from './breakdown.js';
