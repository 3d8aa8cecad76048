/**
 * What a record kind's handler receives and answers (see ../records.ts, which drives the handlers batch by
 * batch inside the import's transaction).
 */
import type { Transaction } from 'kysely';
import type { Footprint } from '../../../domain/footprint.js';
import type { CsvIssue } from '../../../ingest/issues.js';
import type { FieldValue } from '../../../ingest/record-fields.js';
import type { ImportTarget } from '../../../storage/import-writes.js';
import type { Database } from '../../../storage/schema.js';
import type { ChangeLog } from '../changes.js';

export interface ParsedRow {
  readonly line: number;
  readonly v: Record<string, FieldValue>;
}

export interface HandlerContext {
  readonly store: ImportTarget;
  readonly trx: Transaction<Database>;
  readonly file: string;
  readonly issue: (i: CsvIssue) => void;
  readonly counts: { inserted: number; updated: number; unchanged: number };
  /**
   * The (table, school year, campus) cells the import wrote, before and after (domain/footprint.ts): inserts and
   * updates through the handler frame (kinds/shared.ts), derived writes (placement, identities) by the kinds.
   */
  readonly touched: Footprint;
  /**
   * The campuses the importer may write for (undefined: any). A student is in scope when their current campus
   * is one of them; a CURP of a student outside it is answered exactly as a CURP that exists nowhere.
   */
  readonly campusScope: ReadonlySet<number> | undefined;
  /** Students created or changed by the import (for the audit row). */
  readonly changed: Set<number>;
  /** Students outside the scope whose CURP a row named (for the audit row; never written). */
  readonly hidden: Map<string, number>;
  /** Names changed on existing students: before and after (identity audit, see ../audit.ts). */
  readonly identityChanges: IdentityChange[];
  /** When the import started (ISO), for created_at / updated_at columns. */
  readonly startedAt: string;
  /** Whether some issue was found already (writes may stop: the import will be rolled back). */
  readonly failed: () => boolean;
  /**
   * The optional fields whose column the file lacks (see absentFields). An update never writes them, nor the
   * values derived from them: an absent column leaves stored values alone, an empty cell in a present column
   * clears them.
   */
  readonly absent: ReadonlySet<string>;
  /** Where the stored values an update would change are noted (dry runs only; see ../changes.ts). */
  readonly changeLog?: ChangeLog;
}

/** The optional fields of a mapped header whose column is absent (index -1). */
export function absentFields(columns: ReadonlyMap<string, number>): Set<string> {
  return new Set([...columns].filter(([, index]) => index < 0).map(([key]) => key));
}

export interface IdentityChange {
  readonly studentId: number;
  readonly before: Readonly<Record<string, string>>;
  readonly after: Readonly<Record<string, string>>;
}

export interface RecordHandler<S> {
  /** Whether the import changes what flow counts derive from (enrollments, year results). */
  readonly refreshesFlowCounts: boolean;
  begin(ctx: HandlerContext): Promise<S>;
  batch(ctx: HandlerContext, state: S, rows: readonly ParsedRow[]): Promise<void>;
  /** After the last batch when no issue was found: derived updates. */
  finish(ctx: HandlerContext, state: S): Promise<void>;
  /** After the last batch, always: waits for writes still in flight. */
  drain?(state: S): Promise<void>;
}
