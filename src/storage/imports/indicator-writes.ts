/**
 * Reads and writes of the aggregate imports: reported count tables (reported_counts) and published dropout
 * rates (published_indicators), by their natural keys, inside the import's transaction.
 */
import type { Kysely } from 'kysely';
import type { Database, PublishedIndicatorsTable, ReportedCountsTable } from '../schema.js';

type Db = Kysely<Database>;

/** The reported count rows of some school years. */
export function reportedCountsOf(db: Db, years: readonly string[]): Promise<ReportedCountsTable[]> {
  if (years.length === 0) return Promise.resolve([]);
  return db.selectFrom('reported_counts').selectAll().where('school_year', 'in', years).execute();
}

/** Inserts reported count rows and sets the counts of stored ones (key: school year, level, unit). */
export async function writeReportedCounts(
  db: Db,
  inserts: readonly ReportedCountsTable[],
  updates: readonly ReportedCountsTable[],
): Promise<void> {
  for (let i = 0; i < inserts.length; i += 100)
    await db
      .insertInto('reported_counts')
      .values(inserts.slice(i, i + 100))
      .execute();
  for (const row of updates) {
    const { school_year, level, unit, ...rest } = row;
    await db
      .updateTable('reported_counts')
      .set(rest)
      .where('school_year', '=', school_year)
      .where('level', '=', level)
      .where('unit', '=', unit)
      .execute();
  }
}

/** The published rows of an indicator in some school years. */
export function publishedOf(
  db: Db,
  indicator: string,
  years: readonly string[],
): Promise<PublishedIndicatorsTable[]> {
  if (years.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('published_indicators')
    .selectAll()
    .where('indicator', '=', indicator)
    .where('school_year', 'in', years)
    .execute();
}

/** Inserts published rows and sets campus, value, source and time of stored ones (by their natural key). */
export async function writePublished(
  db: Db,
  inserts: readonly PublishedIndicatorsTable[],
  updates: readonly PublishedIndicatorsTable[],
): Promise<void> {
  for (let i = 0; i < inserts.length; i += 100)
    await db
      .insertInto('published_indicators')
      .values(inserts.slice(i, i + 100))
      .execute();
  for (const row of updates)
    await db
      .updateTable('published_indicators')
      .set({ campus_id: row.campus_id, value: row.value, source: row.source, imported_at: row.imported_at })
      .where('school_year', '=', row.school_year)
      .where('indicator', '=', row.indicator)
      .where('state_id', '=', row.state_id)
      .where('campus_number', '=', row.campus_number)
      .where('campus_name', '=', row.campus_name)
      .execute();
}
