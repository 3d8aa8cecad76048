/**
 * module_results keeps one index by student, its key (migration 0018 dropped module_results_student_idx, a prefix
 * of it): the two queries that read module results by student — a student's profile and an import's lookup of a
 * batch's rows in one term — still find them through an index, the key's, on both dialects.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { importTargetOf, memberOf } from './import-writes.js';
import type { Database } from './schema.js';

/** The names of module_results' indexes. */
async function indexesOf(db: Kysely<Database>, dialect: string): Promise<string[]> {
  const r =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'index' and tbl_name = 'module_results'`.execute(db)
      : await sql<{ name: string }>`
          select indexname as name from pg_indexes
          where schemaname = current_schema() and tablename = 'module_results'`.execute(db);
  return r.rows.map((x) => x.name).sort();
}

/**
 * The key index and, on PostgreSQL, its partitions' indexes (module_results is partitioned by school year,
 * migration 0020: a plan names the index of each partition it reads).
 */
async function keyIndexes(db: Kysely<Database>, dialect: string): Promise<RegExp> {
  if (dialect === 'sqlite') return /module_results_key_idx/;
  const r = await sql<{ name: string }>`
    select relid::regclass::text as name from pg_partition_tree('module_results_key_idx'::regclass)`.execute(
    db,
  );
  return new RegExp(`\\b(${r.rows.map((x) => x.name).join('|')})\\b`);
}

/**
 * The plan of a query, as text. PostgreSQL plans an empty table with a sequential scan, so scans are priced
 * out: the plan then shows the index the planner would take on a full table, or a forced sequential scan.
 */
async function planOf(db: Kysely<Database>, dialect: string, q: CompiledQuery): Promise<string> {
  if (dialect === 'sqlite') {
    const r = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
    );
    return r.rows.map((x) => x.detail).join('\n');
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
    );
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  });
}

describeEachDialect('module_results: the key index serves the lookups by student', ({ store, dialect }) => {
  it('has the key index and no longer the index by student alone', async () => {
    const names = await indexesOf(store().db, dialect);
    expect(names).toContain('module_results_key_idx');
    expect(names).not.toContain('module_results_student_idx');
  });

  it("reads a student's results (the profile) through the key index", async () => {
    const db = store().db;
    // The shape of storage/student-queries.ts's module results of one student.
    const q = db
      .selectFrom('module_results as m')
      .innerJoin('modules as mo', 'mo.id', 'm.module_id')
      .select(['m.school_year', 'm.term_no', 'mo.code', 'm.grade'])
      .where('m.student_id', '=', 42)
      .orderBy('m.school_year')
      .orderBy('m.term_no')
      .orderBy('mo.code')
      .compile();
    const plan = await planOf(db, dialect, q);
    expect(plan).toMatch(await keyIndexes(db, dialect));
    expect(plan).not.toMatch(/Seq Scan on module_results|SCAN m\b/);
  });

  it("reads a batch's rows of one term (an import's lookup) through the key index", async () => {
    const db = store().db;
    // The shape of storage/imports/record-queries.ts's moduleResultsInTerm.
    const q = db
      .selectFrom('module_results')
      .select(['id', 'student_id', 'module_id', 'grade'])
      .where(memberOf(importTargetOf(db), 'student_id', [3, 5, 8, 13], 'int'))
      .where('school_year', '=', '2024-2025')
      .where('term_no', '=', 1)
      .compile();
    const plan = await planOf(db, dialect, q);
    expect(plan).toMatch(await keyIndexes(db, dialect));
    expect(plan).not.toMatch(/Seq Scan on module_results|SCAN module_results\b/);
  });
});
