/**
 * Use case: retention of students' identities (trayecto db purge). A student who left — whose last enrollment
 * is in a school year that ended more than TRAYECTO_RETENTION_YEARS years ago — keeps their records (so every
 * indicator and cohort stays the same) but loses what identifies them: the CURP becomes "RET<id>" (unique, not a
 * CURP), the names become a marker and the birth date is coarsened to the middle of the birth year. One
 * transaction, recorded in the audit log; running it again changes nothing.
 */
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.js';
import { purgeIdentityChanges } from '../../storage/identity-changes.js';
import { leaverIdentityCounts, purgeLeaverIdentities } from '../../storage/retention-queries.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit } from './audit.js';

export const PURGED_SURNAME = '(identidad retirada)';

export interface PurgeOptions {
  readonly years: number;
  readonly now: Date;
  readonly dryRun?: boolean;
  /** Who runs it, for the audit log. */
  readonly actor?: string;
}

export interface PurgeSummary {
  /** School years that ended before this date are past retention. */
  readonly cutoff: string;
  readonly years: number;
  /** Students whose identity is (or, on a dry run, would be) removed now. */
  readonly students: number;
  /** Students already purged earlier. */
  readonly alreadyPurged: number;
  readonly dryRun: boolean;
}

export async function purgeIdentities(db: Kysely<Database>, options: PurgeOptions): Promise<PurgeSummary> {
  if (!Number.isInteger(options.years) || options.years < 1)
    throw invalid('invalid_retention', `Años de retención inválidos: ${options.years} (entero ≥ 1)`);
  const cutoffDate = new Date(options.now);
  cutoffDate.setUTCFullYear(cutoffDate.getUTCFullYear() - options.years);
  const cutoff = cutoffDate.toISOString().slice(0, 10);
  const dryRun = options.dryRun ?? false;
  return db.transaction().execute(async (trx) => {
    const { total, purged: alreadyPurged } = await leaverIdentityCounts(trx, cutoff);
    const students = total - alreadyPurged;
    if (!dryRun && students > 0) {
      await purgeLeaverIdentities(trx, cutoff, PURGED_SURNAME);
      // Names kept before and after by imports (identity_changes) go with the identity.
      await purgeIdentityChanges(trx, cutoff);
      await recordAudit(trx, {
        actor: options.actor ?? 'system',
        action: 'data.purge',
        target: 'student_identities',
        details: { years: options.years, cutoff, students },
        at: options.now,
      });
    }
    return { cutoff, years: options.years, students, alreadyPurged, dryRun };
  });
}
