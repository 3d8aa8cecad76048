/** The operations wing: the demo generator, backups and verified restores, the append-only audit log, retention, reference files, the result cache. The door the api, the cli and other wings import from. */
export * from './backup.js';
export * from './audit.js';
export * from './reference-files.js';
export * from './result-cache.js';
export * from './generate-demo.js';
export * from './generate-stream.js';
export * from './retention.js';
