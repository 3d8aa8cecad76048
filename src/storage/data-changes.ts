/**
 * The change log of record imports (data_changes): the cells each committed import wrote, and the version of
 * everything else the aggregates are computed from (what the log does not describe: a generation, an import
 * run without a log row, an audited data change), for the analysis runner's per-input versions
 * (services/analyses/inputs.ts).
 */
import { sql, type Kysely } from 'kysely';
import { DATA_CHANGE_ACTIONS } from './data-version.js';
import type { Database } from './schema.js';

/** Notes the cells an import wrote (inside its transaction, with its import run). */
export async function logDataChange(
  db: Kysely<Database>,
  change: { readonly runId: number | null; readonly at: string; readonly footprint: object },
): Promise<void> {
  await db
    .insertInto('data_changes')
    .values({ run_id: change.runId, at: change.at, footprint: JSON.stringify(change.footprint) })
    .execute();
}

/** The log's rows after an id, in order (the log only grows). */
export async function dataChangesAfter(
  db: Kysely<Database>,
  afterId: number,
): Promise<{ id: number; footprint: string }[]> {
  const rows = await db
    .selectFrom('data_changes')
    .select(['id', 'footprint'])
    .where('id', '>', afterId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), footprint: r.footprint }));
}

/**
 * What storage/data-version.ts contentVersion reads, but for the import runs the log describes: the latest
 * generation, the latest import run that changed rows and has no log row, the latest audited data change.
 */
export async function unloggedVersion(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ v: string | null }>`select max(v) as v from (
      select max(updated_at) as v from dataset_meta
      union all select max(finished_at) from import_runs r where inserted + updated > 0
        and not exists (select 1 from data_changes d where d.run_id = r.id)) t`.execute(db);
  const a = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('action', 'in', [...DATA_CHANGE_ACTIONS])
    .executeTakeFirst();
  return `${r.rows[0]?.v ?? ''}|${a?.id ?? ''}`;
}
