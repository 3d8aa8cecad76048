/**
 * Ready for a distributed PostgreSQL (issue 15; docs/SCALING.md, "Distribution"): fact tables are distributed by
 * campus_id (storage/distribution.ts), so
 * 1. every primary key and unique index of a fact table includes campus_id (read from PostgreSQL's catalog), and
 * 2. every join between two fact tables that the storage layer runs equates campus_id: the SQL is captured at
 *    the drivers (pg's Client.query, better-sqlite3's prepare) while the main read paths run on a small demo —
 *    every GET operation of the API as the national user (indicators, lists, cohorts, risk, work queue,
 *    reports…), plus risk scoring and the analyses the API computes in worker threads (effects, what-if,
 *    cohort tables), called here in-process.
 * Every table is classified (fact, reference or coordinator), so a new table has to be placed.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../domain/access.js';
import { interventionEffects, whatIf } from '../services/effects/index.js';
import { cohortReport } from '../services/indicators/index.js';
import { runScoring } from '../services/risk/index.js';
import { call, createHarness, login, type Harness } from '../api/test-helpers.js';
import { joinsWithoutCampus } from '../test-support/sql-joins.js';
import { describeEachDialect } from '../test-support/stores.js';
import { COORDINATOR_TABLES, CROSS_CAMPUS_JOINS, FACT_TABLES, REFERENCE_TABLES } from './distribution.js';
import { partitionsOf } from './partitions.js';

const captured = new Set<string>();
let capturing = false;
const note = (text: unknown) => {
  if (capturing && typeof text === 'string') captured.add(text);
};
type Method = (this: unknown, ...a: unknown[]) => unknown;
const pgClient = pg.Client.prototype as unknown as { query: Method };
const pgQuery = pgClient.query;
pgClient.query = function (...a: unknown[]) {
  const q = a[0];
  note(typeof q === 'object' && q !== null && 'text' in q ? q.text : q);
  return pgQuery.apply(this, a);
};
const sqliteDb = SQLite.prototype as unknown as { prepare: Method };
const sqlitePrepare = sqliteDb.prepare;
sqliteDb.prepare = function (...a: unknown[]) {
  note(a[0]);
  return sqlitePrepare.apply(this, a);
};

const NATIONAL: Scope = { userId: 1, role: 'national', stateId: null, campusId: null, groups: [] };

interface OpenApi {
  paths: Record<string, { get?: { parameters?: { name: string; in: string; required?: boolean }[] } }>;
}

describeEachDialect('distribution by campus', ({ dialect, store }) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(store());
  });

  it('classifies every table as fact, reference or coordinator', async () => {
    // A partition (storage/partitions.ts) is placed with its table.
    const partitions = new Set((await partitionsOf(store().db)).map((p) => p.partition));
    const tables = (await store().db.introspection.getTables())
      .map((t) => t.name)
      .filter((t) => !t.startsWith('kysely_') && !t.startsWith('sqlite_') && !partitions.has(t));
    const placed = [...FACT_TABLES, ...REFERENCE_TABLES, ...COORDINATOR_TABLES];
    expect(tables.filter((t) => !placed.includes(t as never)).sort()).toEqual([]);
    expect(placed.filter((t) => !tables.includes(t)).sort()).toEqual([]);
  });

  it.runIf(dialect === 'postgres')(
    'includes campus_id in every key and unique index of a fact table',
    async () => {
      const r = await sql<{ table: string; index: string; columns: string }>`
      select c.relname as table, i.relname as index,
        (select string_agg(a.attname, ',' order by k.n) from unnest(x.indkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum) as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = current_schema() and x.indisunique`.execute(store().db);
      const keys = r.rows.filter((k) => (FACT_TABLES as readonly string[]).includes(k.table));
      expect(keys.length).toBeGreaterThan(FACT_TABLES.length - 1);
      const lacking = keys.filter((k) => !k.columns.split(',').includes('campus_id'));
      expect(lacking.map((k) => `${k.table}.${k.index} (${k.columns})`).sort()).toEqual([]);
    },
  );

  it(
    'equates campus_id in every join between fact tables that the read paths run',
    { timeout: 300_000 },
    async () => {
      const national = await login(h, 'national');
      const doc = (await (await call(h.app, '/api/openapi.json', { cookie: national })).json()) as OpenApi;
      const db = store().db;
      // The tutor's campus and group (the group sheet).
      const campus = await db
        .selectFrom('campuses')
        .innerJoin('tutor_groups', 'tutor_groups.campus_id', 'campuses.id')
        .select(['cct', 'group_code'])
        .orderBy('group_code')
        .executeTakeFirstOrThrow();
      const group = campus;
      const listed = (await (
        await call(h.app, `/api/v1/students?campus=${campus.cct}`, { cookie: national })
      ).json()) as { items: { id: number }[] };
      const intervention = await db.selectFrom('interventions').select('id').executeTakeFirst();
      const values: Record<string, string> = {
        year: '2024-2025',
        baseline: '2017-2018',
        generation: '2022-2025',
        indicator: 'abandono',
        cct: campus.cct,
        campus: campus.cct,
        id: String(listed.items[0]?.id ?? 0),
        level: 'campus',
        unit: campus.cct,
        group: group?.group_code ?? 'x',
        kind: 'students',
        run: '1',
      };
      captured.clear();
      capturing = true;
      let ok = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!ops.get || path.startsWith('/api/v1/analyses/jobs/')) continue;
        let url = path.replace(/\{(\w+)\}/g, (_, n: string) =>
          n === 'id' && path.startsWith('/api/v1/interventions/')
            ? String(intervention?.id ?? 1)
            : encodeURIComponent(values[n] ?? ''),
        );
        const query = (ops.get.parameters ?? []).filter((p) => p.in === 'query');
        const wanted = query.filter((p) => p.required || ['campus', 'unit', 'level'].includes(p.name));
        const q = new URLSearchParams(wanted.map((p): [string, string] => [p.name, values[p.name] ?? '1']));
        if (q.size) url += `?${q.toString()}`;
        const res = await call(h.app, url, { cookie: national });
        if (res.status === 200) ok++;
      }
      await runScoring(db, {});
      await interventionEffects(db, NATIONAL, { rounds: 5 });
      await whatIf(db, NATIONAL, { generation: '2022-2025' });
      await cohortReport(db, { generation: '2022-2025' });
      capturing = false;
      expect(ok).toBeGreaterThan(30);
      const statements = [...captured].filter((s) => /\bselect\b/i.test(s));
      expect(statements.length).toBeGreaterThan(60);
      const found = statements.flatMap((s) => joinsWithoutCampus(s, FACT_TABLES));
      const allowed = (statement: string) => CROSS_CAMPUS_JOINS.find((c) => statement.includes(c.marker));
      const report = [
        ...new Set(
          found
            .filter((j) => !allowed(j.statement))
            .map((j) => `${j.between.join(' ⋈ ')} on ${j.on.join(' and ')}`),
        ),
      ].sort();
      expect(report).toEqual([]);
      // Each cross-campus join listed is still run (a stale entry would let a new join through unseen).
      const used = new Set(found.map((j) => allowed(j.statement)?.marker));
      expect(CROSS_CAMPUS_JOINS.filter((c) => !used.has(c.marker)).map((c) => c.where)).toEqual([]);
    },
  );
});
