/** The accounts wing: sign-in and sessions, users, sign-in delays, rate limits, pseudonyms. The door the api, the cli and other wings import from. */
export * from './auth.js';
export * from './users.js';
export * from './login-throttle.js';
export * from './rate-limit.js';
export * from './pseudonyms.js';
