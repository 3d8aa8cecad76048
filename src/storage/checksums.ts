/**
 * Content checksums of every table: row count and an order-independent digest of the rows (the sum, modulo
 * 2^64, of a SHA-256 prefix of each row's canonical JSON). Two databases of the same dialect with the same
 * checksums hold the same rows in every table, whatever their physical order. Used by the backup/restore and
 * crash-safety tests; reads whole tables, so it is meant for test-sized databases.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { dialectAdapter, dialectOf } from './dialect.js';

export interface TableChecksum {
  readonly rows: number;
  readonly digest: string;
}

const MOD = 1n << 64n;

function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return `hex:${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Row digest of one table. */
export function digestRows(rows: readonly Record<string, unknown>[]): TableChecksum {
  let sum = 0n;
  for (const row of rows) {
    const keys = Object.keys(row).sort();
    const text = JSON.stringify(keys.map((k) => [k, canonical(row[k])]));
    sum = (sum + createHash('sha256').update(text).digest().readBigUInt64BE(0)) % MOD;
  }
  return { rows: rows.length, digest: sum.toString(16).padStart(16, '0') };
}

/** The base tables of the current schema (SQLite: the main database), by name. */
export function tableNames<DB>(db: Kysely<DB>): Promise<string[]> {
  return dialectAdapter(dialectOf(db)).tableNames(db);
}

export async function tableChecksums<DB>(db: Kysely<DB>): Promise<Record<string, TableChecksum>> {
  const out: Record<string, TableChecksum> = {};
  for (const name of await tableNames(db)) {
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    out[name] = digestRows(r.rows);
  }
  return out;
}
