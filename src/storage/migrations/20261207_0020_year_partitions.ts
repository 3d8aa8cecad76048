import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * The year-keyed fact tables partitioned by school year on PostgreSQL (issue 15; storage/partitions.ts,
 * docs/SCALING.md "Partitioning"). SQLite: nothing (it has no partitions; a no-op kept in its migration list).
 *
 * Each table becomes `PARTITION BY LIST (school_year)` with one partition per school year present (in the table
 * or in school_years) and a DEFAULT partition. In this migration's transaction: the table is renamed, the
 * partitioned one created with the same columns, the rows copied, the old table dropped, then its primary key
 * (with school_year added: a partitioned table's unique keys include the partition column) and its indexes
 * recreated as they were (their definitions read from the catalog before the rename). The import keys already
 * include school_year. None of these tables has a trigger or a foreign key, and none is pointed at by one.
 * `down` merges the partitions back into one table with its primary key of migration 0019.
 * Frozen: the tables and the partition names are written here, not read from storage/partitions.ts.
 */
const TABLES = [
  'enrollments',
  'year_results',
  'module_results',
  'status_events',
  'scholarship_payments',
] as const;

const YEAR = /^(\d{4})-(\d{4})$/;

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
async function rebuild(db: Kysely<any>, table: string, partitioned: boolean): Promise<void> {
  const t = sql.table(table);
  const old = `${table}_pre0020`;
  const pk = (
    await sql<{ name: string; columns: string[] }>`
    select k.conname as name, array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as columns
    from pg_constraint k where k.conrelid = ${table}::regclass and k.contype = 'p'`.execute(db)
  ).rows[0];
  if (!pk) throw new Error(`migration 0020: ${table} has no primary key`);
  const indexes = (
    await sql<{ def: string }>`
    select indexdef as def from pg_indexes where schemaname = current_schema() and tablename = ${table}
      and indexname <> ${pk.name} order by indexname`.execute(db)
  ).rows.map((r) => r.def);
  await sql`alter table ${t} rename to ${sql.table(old)}`.execute(db);
  if (partitioned) {
    const years = (
      await sql<{ y: string }>`select distinct school_year as y from ${sql.table(old)}
        union select id from school_years order by 1`.execute(db)
    ).rows
      .map((r) => r.y)
      .filter((y) => {
        const m = YEAR.exec(y);
        return m !== null && Number(m[2]) === Number(m[1]) + 1;
      });
    await sql`create table ${t} (like ${sql.table(old)} including defaults)
      partition by list (school_year)`.execute(db);
    await sql`create table ${sql.table(`${table}_default`)} partition of ${t} default`.execute(db);
    for (const y of years)
      await sql`create table ${sql.table(`${table}_${y.replace('-', '_')}`)} partition of ${t}
        for values in (${sql.lit(y)})`.execute(db);
  } else {
    await sql`create table ${t} (like ${sql.table(old)} including defaults)`.execute(db);
  }
  await sql`insert into ${t} select * from ${sql.table(old)}`.execute(db);
  await sql`drop table ${sql.table(old)}`.execute(db);
  // Up: school_year ends the key where it was not in it; down: removed again (year results keep theirs).
  const columns = partitioned
    ? [...pk.columns, ...(pk.columns.includes('school_year') ? [] : ['school_year'])]
    : pk.columns.filter((c) => c !== 'school_year' || table === 'year_results');
  await sql`alter table ${t} add constraint ${sql.ref(pk.name)}
    primary key (${sql.join(columns.map((c) => sql.ref(c)))})`.execute(db);
  for (const def of indexes) await sql.raw(def).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const table of TABLES) await rebuild(db, table, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const table of TABLES) await rebuild(db, table, false);
}
