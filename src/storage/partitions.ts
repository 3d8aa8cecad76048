/**
 * The fact tables partitioned by school year on PostgreSQL (migration 0020; docs/SCALING.md, "Partitioning"):
 * `PARTITION BY LIST (school_year)`, one partition per school year (`enrollments_2024_2025`) and a DEFAULT
 * partition (`enrollments_default`) for any other value, so that a write never fails for a missing partition.
 * A school year gets its partitions before its rows arrive: generation and the record imports call
 * ensureYearPartitions (a year whose rows already sit in DEFAULT has them moved into its new partition), and
 * the current and the next school year get theirs ahead of time (prepareYearPartitions: at `db migrate`, when
 * a command opens the database, at server start and hourly while it serves), so that an import finds them
 * ready and never locks the parent tables for the length of its transaction.
 * SQLite has no partitions: every function here is a no-op there.
 */
import { sql, type Kysely } from 'kysely';
import { schoolYearContaining, shiftYear, type SchoolYear } from '../domain/calendar.js';
import type { BulkValue } from './bulk.js';
import { dialectAdapter, dialectOf, type TableWriter } from './dialect.js';
import type { Database } from './schema.js';

/**
 * The record tables that have a school_year and grow by a year's rows every year (millions at national scale).
 * Not partitioned: interventions (thousands a year, edited by id), the derived flow counts (rebuilt by year,
 * a thousandth of the rows) and the tables without a school year (certifications, teachers, notes, risk scores).
 */
export const YEAR_PARTITIONED_TABLES = [
  'enrollments',
  'year_results',
  'module_results',
  'status_events',
  'scholarship_payments',
] as const;

export type YearPartitionedTable = (typeof YEAR_PARTITIONED_TABLES)[number];

const YEAR = /^(\d{4})-(\d{4})$/;

/** A school year that gets a partition of its own: 'YYYY-YYYY' with consecutive years; others go to DEFAULT. */
export function isPartitionYear(year: string): boolean {
  const m = YEAR.exec(year);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

/** The partition of `table` that holds `year`'s rows: enrollments_2024_2025. */
export function partitionName(table: string, year: string): string {
  if (!isPartitionYear(year)) throw new Error(`not a partition year: ${year}`);
  return `${table}_${year.replace('-', '_')}`;
}

/** Whether `db`'s dialect partitions the year-keyed tables (PostgreSQL). */
const partitioned = (db: Kysely<Database>): boolean => dialectAdapter(dialectOf(db)).yearPartitions;

/** The partition that holds every other value. */
export const defaultPartitionName = (table: string): string => `${table}_default`;

export interface PartitionInfo {
  readonly table: string;
  readonly partition: string;
  /** The partition bound as PostgreSQL prints it: FOR VALUES IN ('2024-2025'), or DEFAULT. */
  readonly bound: string;
}

/** The partitions of the current schema's partitioned tables (PostgreSQL; none on SQLite). */
export async function partitionsOf(db: Kysely<Database>): Promise<PartitionInfo[]> {
  if (!partitioned(db)) return [];
  const r = await sql<PartitionInfo>`
    select c.relname as table, p.relname as partition, pg_get_expr(p.relpartbound, p.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhparent join pg_class p on p.oid = i.inhrelid
    where c.relnamespace = current_schema()::regnamespace and p.relispartition and p.relkind in ('r', 'p')
    order by c.relname, p.relname`.execute(db);
  return r.rows;
}

/** The current schema's partitioned tables (PostgreSQL; none on SQLite, or before migration 0020). */
async function partitionedTables(db: Kysely<Database>): Promise<Set<string>> {
  const r = await sql<{ name: string }>`
    select c.relname as name from pg_partitioned_table t join pg_class c on c.oid = t.partrelid
    where c.relnamespace = current_schema()::regnamespace`.execute(db);
  return new Set(r.rows.map((t) => t.name));
}

/**
 * Gives each of `years` its partition in every year-partitioned table that lacks one (PostgreSQL; SQLite: no-op).
 * Rows of such a year already in DEFAULT (written by a path that did not ask first) are moved into it. Years that
 * are not 'YYYY-YYYY' are left to DEFAULT. Runs in the caller's transaction, or in one of its own.
 */
export async function ensureYearPartitions(db: Kysely<Database>, years: Iterable<string>): Promise<number> {
  if (!partitioned(db)) return 0;
  const wanted = [...new Set(years)].filter(isPartitionYear).sort();
  if (wanted.length === 0) return 0;
  if (!db.isTransaction) return db.transaction().execute((trx) => ensureYearPartitions(trx, wanted));
  const tables = await partitionedTables(db);
  const missing = async () => {
    const existing = new Set((await partitionsOf(db)).map((p) => p.partition));
    return YEAR_PARTITIONED_TABLES.filter((t) => tables.has(t)).flatMap((table) =>
      wanted
        .filter((year) => !existing.has(partitionName(table, year)))
        .map((year) => ({ table, year, hasDefault: existing.has(defaultPartitionName(table)) })),
    );
  };
  // Nothing to create (the usual case, once the years are prepared ahead): catalog reads only, no lock taken.
  if ((await missing()).length === 0) return 0;
  // Two processes (a server's maintenance and an import) may prepare the same year at once: one at a time per
  // schema, and the second finds the first's partitions (read again after the lock, READ COMMITTED).
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.year_partitions'))`.execute(db);
  const todo = await missing();
  for (const { table, year, hasDefault } of todo) await createYearPartition(db, table, year, hasDefault);
  return todo.length;
}

/**
 * The school years whose partitions are made ahead of their first rows: the one that contains `now` and the
 * next (the next matters at the year's turn: a term after the current school year is refused by the imports,
 * docs/IMPORTS.md), and the configured last accepted year (TRAYECTO_LAST_SCHOOL_YEAR) and its next when set.
 */
export function yearsAhead(now: Date, lastSchoolYear: string | null = null): string[] {
  const current = schoolYearContaining(now);
  const years: string[] = [current, shiftYear(current, 1)];
  if (lastSchoolYear !== null && isPartitionYear(lastSchoolYear)) {
    const last = lastSchoolYear as SchoolYear;
    years.push(last, shiftYear(last, 1));
  }
  return [...new Set(years)].sort();
}

/**
 * Creates the partitions of yearsAhead(now) that are missing, in a short transaction of its own (PostgreSQL;
 * SQLite: no-op). Returns the partitions created (5 per new year, none once prepared). Creating one waits for an
 * ACCESS EXCLUSIVE lock on the parent table, and while it waits every new reader of the table queues behind it:
 * it gives up after `lockTimeoutMs` (PostgreSQL error 55P03, lock_not_available) rather than stall the readers
 * behind a long query; the next attempt (the next hour, the next command), or the import itself, makes them.
 */
export async function prepareYearPartitions(
  db: Kysely<Database>,
  now: Date = new Date(),
  lastSchoolYear: string | null = null,
  lockTimeoutMs = 5_000,
): Promise<number> {
  if (!partitioned(db)) return 0;
  const years = yearsAhead(now, lastSchoolYear);
  if (db.isTransaction) return ensureYearPartitions(db, years);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('lock_timeout', ${`${String(Math.max(1, Math.round(lockTimeoutMs)))}ms`}, true)`.execute(
      trx,
    );
    return ensureYearPartitions(trx, years);
  });
}

/**
 * The server's maintenance step: prepareYearPartitions now and every `intervalMs` (an hour), so that a server
 * running across the first of August makes the following year's partitions. Failures are logged, not thrown.
 * `tick` runs one step now (the one running, if any); `stop` ends the timer.
 */
export function keepYearPartitionsAhead(
  db: Kysely<Database>,
  options: {
    readonly lastSchoolYear: string | null;
    readonly log: (entry: Record<string, unknown>) => void;
    readonly now?: () => Date;
    readonly intervalMs?: number;
  },
): { tick(): Promise<void>; stop(): void } {
  if (!partitioned(db)) return { tick: () => Promise.resolve(), stop() {} };
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  const step = async () => {
    try {
      const created = await prepareYearPartitions(db, now(), options.lastSchoolYear);
      if (created > 0) options.log({ level: 'info', event: 'year_partitions_created', partitions: created });
    } catch (e) {
      options.log({
        level: 'warn',
        event: 'year_partitions_failed',
        error: e instanceof Error ? e.message : String(e),
      });
    } finally {
      running = null;
    }
  };
  const tick = () => (running ??= step());
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs ?? 3_600_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

/** Creates `year`'s partition of `table`, first taking that year's rows out of DEFAULT (PostgreSQL refuses the
 * new partition while DEFAULT holds rows that belong to it) and putting them back through the parent. */
async function createYearPartition(
  trx: Kysely<Database>,
  table: string,
  year: string,
  hasDefault: boolean,
): Promise<void> {
  const t = sql.table(table);
  const def = sql.table(defaultPartitionName(table));
  const moving = hasDefault
    ? (
        await sql<{ n: number }>`select count(*)::int as n from ${def} where school_year = ${year}`.execute(
          trx,
        )
      ).rows[0]?.n
    : 0;
  if (moving) {
    await sql`create temporary table partition_moving on commit drop as
      select * from ${def} where school_year = ${year}`.execute(trx);
    await sql`delete from ${def} where school_year = ${year}`.execute(trx);
  }
  await sql`create table ${sql.table(partitionName(table, year))} partition of ${t}
    for values in (${sql.lit(year)})`.execute(trx);
  if (moving) {
    await sql`insert into ${t} select * from partition_moving`.execute(trx);
    await sql`drop table partition_moving`.execute(trx);
  }
}

/**
 * `writer` for a record import into `table`, giving each school year its partition before the first row of it
 * is written (PostgreSQL, year-partitioned tables; otherwise `writer` itself).
 */
export function yearPartitionedWriter(
  trx: Kysely<Database>,
  table: string,
  names: readonly string[],
  writer: TableWriter,
): TableWriter {
  const y = names.indexOf('school_year');
  if (!partitioned(trx) || y < 0 || !(YEAR_PARTITIONED_TABLES as readonly string[]).includes(table))
    return writer;
  const ready = new Set<string>();
  return {
    async insert(rows: readonly (readonly BulkValue[])[]) {
      const fresh = new Set<string>();
      let last: BulkValue = null;
      for (const r of rows) {
        const v = r[y];
        if (v !== last && typeof v === 'string' && !ready.has(v)) fresh.add(v);
        last = v ?? null;
      }
      if (fresh.size > 0) {
        await ensureYearPartitions(trx, fresh);
        for (const v of fresh) ready.add(v);
      }
      await writer.insert(rows);
    },
  };
}
