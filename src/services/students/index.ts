/** The students wing: scoped search and the student profile. The door the api, the cli and other wings import from. */
export * from './students.js';
