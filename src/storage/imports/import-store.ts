/**
 * The database a CLI import runs on. A SQLite file that does not exist yet is created (and deleted again when
 * the import fails, so a rejected file leaves nothing behind); a dry run against a missing SQLite file
 * validates against an empty database in memory. PostgreSQL needs neither.
 */
import { rmSync } from 'node:fs';
import type { DatabaseTarget } from '../../config.js';
import { openStore, type Store } from '../db.js';
import { dialectAdapter } from '../dialect.js';

export interface ImportStore {
  readonly store: Store;
  /** After a failed import: removes the database file the import created, if it did. */
  discard(): void;
}

export async function openImportStore(
  target: DatabaseTarget,
  dryRun: boolean,
  open: { readonly existing: () => Promise<Store>; readonly create: () => Store },
): Promise<ImportStore> {
  const missingFile = dialectAdapter(target.dialect).missingFile(target);
  if (missingFile !== null && dryRun)
    return { store: openStore({ dialect: 'sqlite', file: ':memory:' }), discard: () => undefined };
  if (dryRun) return { store: await open.existing(), discard: () => undefined };
  return {
    store: open.create(),
    discard: () => {
      if (missingFile !== null)
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${missingFile}${suffix}`, { force: true });
    },
  };
}
