/**
 * What a restore checks before it replaces anything: that the backup is this build's schema and nothing more.
 * A database file is code as much as data (triggers run on every write), so a crafted backup could otherwise
 * remove the audit log's append-only triggers, or plant one that deletes the restore's own audit row or turns
 * a campus account national. Checked against a reference schema built by this build's migrations:
 *
 * - the migrations applied are exactly this build's (same names): neither older nor newer;
 * - the same tables with the same columns and the same definitions (constraints, conflict clauses, defaults:
 *   a table that keeps its columns but gains UNIQUE … ON CONFLICT REPLACE would let every insert delete older
 *   rows without firing a DELETE trigger); only known indexes, each with its known definition (unique, columns,
 *   partial clause), and every index the migrations create;
 * - exactly the triggers the migrations create, with the same definition, and no views;
 * - SQLite: PRAGMA integrity_check. PostgreSQL: the same facts read from the catalogs inside the restore's
 *   transaction (pgVerificationSql), so a failed check rolls the whole restore back: tables and their columns
 *   (type, NOT NULL, default), constraints (keys, UNIQUE, CHECK, foreign keys) and indexes by their definitions,
 *   row-level security and its policies, triggers, views, rules and functions. PostgreSQL's reference is this
 *   build's migrations run in a scratch schema of the target database (pgReferenceFacts), read by the same
 *   catalog query, so both sides are PostgreSQL's own rendering of the definitions.
 *
 * A mismatch is an `invalid` error (code backup_tampered or backup_version_mismatch) that lists, in Spanish,
 * what differs.
 */
import { randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import pg from 'pg';
import { AppError } from '../domain/errors.js';
import { migrateToLatest, openStore, withSearchPath } from './db.js';
import { SECONDARY_INDEXES, createIndexes } from './indexes.js';

export const MIGRATION_TABLE = 'kysely_migration';

interface SchemaFacts {
  readonly migrations: readonly string[];
  /** Table name → its columns, in order. */
  readonly tables: ReadonlyMap<string, string>;
  readonly indexes: ReadonlySet<string>;
  /** Table or index name → its CREATE statement, normalized (SQLite only; empty for PostgreSQL). */
  readonly definitions: ReadonlyMap<string, string>;
  /** Trigger name → its definition, whitespace collapsed. */
  readonly triggers: ReadonlyMap<string, string>;
  /** Views, materialized views and rules (PostgreSQL): none in Trayecto's schema. */
  readonly views: readonly string[];
  /** Functions in the schema (PostgreSQL: the audit log's trigger function only). */
  readonly routines: readonly string[];
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
/** A CREATE TABLE or CREATE INDEX as written by any path (migration, Kysely, a rename): case, quotes and spacing aside. */
const normalized = (s: string | null) =>
  squash(s)
    .toLowerCase()
    .replaceAll('"', '')
    .replace(/ if not exists /, ' ')
    .replace(/\s*([(),=])\s*/g, '$1');

function factsOf(db: SQLite.Database): SchemaFacts {
  const master = db
    .prepare("select type, name, tbl_name as tbl, sql from sqlite_master where name not like 'sqlite_%'")
    .all() as { type: string; name: string; tbl: string; sql: string | null }[];
  const tables = new Map<string, string>();
  for (const m of master.filter((x) => x.type === 'table')) {
    const cols = db.prepare(`select name from pragma_table_info(?)`).all(m.name) as { name: string }[];
    tables.set(m.name, cols.map((c) => c.name).join(', '));
  }
  const hasMigrations = tables.has(MIGRATION_TABLE);
  const migrations = hasMigrations
    ? (db.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map(
        (r) => r.name,
      )
    : [];
  return {
    migrations,
    tables,
    indexes: new Set(master.filter((x) => x.type === 'index').map((x) => x.name)),
    definitions: new Map(
      master.filter((x) => x.type === 'table' || x.type === 'index').map((x) => [x.name, normalized(x.sql)]),
    ),
    triggers: new Map(master.filter((x) => x.type === 'trigger').map((x) => [x.name, squash(x.sql)])),
    views: master.filter((x) => x.type === 'view').map((x) => x.name),
    routines: [],
  };
}

let reference: Promise<SchemaFacts> | null = null;

/** This build's schema: an in-memory SQLite database migrated to the latest version. */
export function referenceSchema(): Promise<SchemaFacts> {
  reference ??= (async () => {
    const store = openStore({ dialect: 'sqlite', file: ':memory:' });
    try {
      await migrateToLatest(store.db);
      if (!store.sqlite) throw new Error('in-memory SQLite without a handle');
      const migrated = factsOf(store.sqlite);
      // The secondary indexes (dropped and created again around a bulk load) are known too: their definitions.
      await createIndexes(store.db, SECONDARY_INDEXES);
      return { ...migrated, definitions: factsOf(store.sqlite).definitions };
    } finally {
      await store.close();
    }
  })();
  return reference;
}

const list = (names: Iterable<string>) => [...names].sort().join(', ');

/** What differs between a backup's schema and this build's, in Spanish; empty when nothing does. */
export function schemaProblems(
  got: SchemaFacts,
  want: SchemaFacts,
): { version: string[]; tampered: string[] } {
  const version: string[] = [];
  const missingMig = want.migrations.filter((m) => !got.migrations.includes(m));
  const extraMig = got.migrations.filter((m) => !want.migrations.includes(m));
  if (missingMig.length) version.push(`le faltan migraciones de esta versión: ${list(missingMig)}`);
  if (extraMig.length) version.push(`tiene migraciones que esta versión no conoce: ${list(extraMig)}`);
  const tampered: string[] = [];
  const missingTables = [...want.tables.keys()].filter((t) => !got.tables.has(t));
  const extraTables = [...got.tables.keys()].filter((t) => !want.tables.has(t));
  if (missingTables.length) tampered.push(`faltan tablas: ${list(missingTables)}`);
  if (extraTables.length) tampered.push(`tablas ajenas: ${list(extraTables)}`);
  for (const [t, cols] of want.tables)
    if (got.tables.has(t) && got.tables.get(t) !== cols)
      tampered.push(`la tabla ${t} tiene otras columnas (${got.tables.get(t) ?? ''})`);
  const knownIndexes = new Set([...want.indexes, ...SECONDARY_INDEXES.map((d) => d.name)]);
  const missingIdx = [...want.indexes].filter((i) => !got.indexes.has(i));
  const extraIdx = [...got.indexes].filter((i) => !knownIndexes.has(i));
  if (missingIdx.length) tampered.push(`faltan índices: ${list(missingIdx)}`);
  if (extraIdx.length) tampered.push(`índices ajenos: ${list(extraIdx)}`);
  const redefined = [...got.definitions].filter(
    ([name, def]) => want.definitions.has(name) && want.definitions.get(name) !== def,
  );
  if (redefined.length)
    tampered.push(`tablas o índices con otra definición: ${list(redefined.map(([name]) => name))}`);
  const missingTrg = [...want.triggers.keys()].filter((t) => !got.triggers.has(t));
  const extraTrg = [...got.triggers.keys()].filter((t) => !want.triggers.has(t));
  const changedTrg = [...want.triggers].filter(
    ([t, def]) => got.triggers.has(t) && got.triggers.get(t) !== def,
  );
  if (missingTrg.length)
    tampered.push(`faltan los disparadores que hacen la bitácora de solo anexar: ${list(missingTrg)}`);
  if (changedTrg.length) tampered.push(`disparadores alterados: ${list(changedTrg.map(([t]) => t))}`);
  if (extraTrg.length) tampered.push(`disparadores ajenos: ${list(extraTrg)}`);
  if (got.views.length) tampered.push(`vistas ajenas: ${list(got.views)}`);
  const extraFn = got.routines.filter((r) => !want.routines.includes(r));
  const missingFn = want.routines.filter((r) => !got.routines.includes(r));
  if (extraFn.length) tampered.push(`funciones ajenas: ${list(extraFn)}`);
  if (missingFn.length) tampered.push(`faltan funciones: ${list(missingFn)}`);
  return { version, tampered };
}

/** Throws the Spanish error for a backup whose schema is not this build's. */
export function refuse(shownAs: string, problems: { version: string[]; tampered: string[] }): void {
  if (problems.tampered.length)
    throw new AppError(
      'invalid',
      'backup_tampered',
      `La copia ${shownAs} no tiene el esquema de Trayecto (no se restauró nada): ${problems.tampered.join('; ')}`,
      [...problems.tampered, ...problems.version],
    );
  if (problems.version.length)
    throw new AppError(
      'invalid',
      'backup_version_mismatch',
      `La copia ${shownAs} es de otra versión de Trayecto (no se restauró nada): ${problems.version.join('; ')}`,
      problems.version,
    );
}

/** Full integrity check and schema verification of an SQLite copy (opened by the caller). */
export async function verifySqliteCopy(db: SQLite.Database, shownAs: string): Promise<void> {
  const check = db.pragma('integrity_check', { simple: true });
  if (check !== 'ok')
    throw new AppError('invalid', 'backup_corrupt', `La copia ${shownAs} está dañada: ${String(check)}`);
  refuse(shownAs, schemaProblems(factsOf(db), await referenceSchema()));
}

// --- PostgreSQL ------------------------------------------------------------------------------------------------

/** The append-only triggers of migration 0008 as the catalog shows them (table:tgtype:enabled:function:body). */
const PG_APPEND_ONLY_BODY = "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END";
const PG_TRIGGERS: Readonly<Record<string, string>> = {
  // tgtype bits: ROW 1, BEFORE 2, DELETE 8, UPDATE 16, TRUNCATE 32; enabled 'O' (a disabled one is 'D').
  audit_log_no_change: `audit_log:27:O:audit_log_append_only:${PG_APPEND_ONLY_BODY}`,
  audit_log_no_truncate: `audit_log:34:O:audit_log_append_only:${PG_APPEND_ONLY_BODY}`,
  // Migration 0016: the places of an audit row, append-only with the same function.
  audit_places_no_change: `audit_places:27:O:audit_log_append_only:${PG_APPEND_ONLY_BODY}`,
  audit_places_no_truncate: `audit_places:34:O:audit_log_append_only:${PG_APPEND_ONLY_BODY}`,
};

async function pgReference(): Promise<SchemaFacts> {
  const ref = await referenceSchema();
  return {
    ...ref,
    triggers: new Map(Object.entries(PG_TRIGGERS)),
    routines: ['audit_log_append_only'],
  };
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const MARK = 'TRAYECTO_VERIFY';

/**
 * The definitions of a PostgreSQL schema as one jsonb, from the catalogs (an SQL expression; `s` is the schema
 * as an SQL string literal). Partitions are left out (their year set changes with the data): their parents'
 * columns, constraints and indexes are what a backup could tamper with. The schema's own name is removed from
 * the definitions so that a scratch schema and the restored one compare equal.
 */
function pgDefinitionsSql(s: string): string {
  const ns = `${s}::regnamespace`;
  const bare = (expr: string) => `replace(${expr}, quote_ident(${s}) || '.', '')`;
  return `jsonb_build_object(
    'columns', (SELECT coalesce(jsonb_object_agg(c.relname::text || '.' || a.attname::text,
        format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
        || coalesce(' default ' || ${bare('pg_get_expr(d.adbin, d.adrelid)')}, '')
        || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
        || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END), '{}')
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE c.relnamespace = ${ns} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND a.attnum > 0 AND NOT a.attisdropped),
    'constraints', (SELECT coalesce(jsonb_object_agg(c.relname::text || '.' || k.conname::text,
        ${bare('pg_get_constraintdef(k.oid)')}), '{}')
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relnamespace = ${ns} AND NOT c.relispartition),
    'indexes', (SELECT coalesce(jsonb_object_agg(i.relname::text, ${bare('pg_get_indexdef(i.oid)')}), '{}')
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
        WHERE c.relnamespace = ${ns} AND NOT c.relispartition),
    'security', (SELECT coalesce(jsonb_agg(n ORDER BY n), '[]') FROM (
        SELECT 'row security on ' || relname::text AS n FROM pg_class
        WHERE relnamespace = ${ns} AND (relrowsecurity OR relforcerowsecurity)
        UNION ALL SELECT 'policy ' || tablename::text || '.' || policyname::text FROM pg_policies WHERE schemaname = ${s}) p)
  )`;
}

/** The facts pgDefinitionsSql reads: name → definition, in PostgreSQL's own rendering. */
interface PgDefinitions {
  readonly columns: Record<string, string>;
  readonly constraints: Record<string, string>;
  readonly indexes: Record<string, string>;
  readonly security: string[];
}

const REFERENCE_SCHEMA_PREFIX = 'trayecto_verify_ref_';

/**
 * This build's PostgreSQL definitions: its migrations run in a scratch schema of the database at `url` (created
 * and dropped here; the secondary indexes created too, since a backup may hold them or not), read by
 * pgDefinitionsSql. Restores are rare and this takes a few seconds, so it is not kept between restores.
 */
export async function pgReferenceDefinitions(url: string): Promise<PgDefinitions> {
  const scratch = `${REFERENCE_SCHEMA_PREFIX}${String(process.pid)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${scratch}`);
    const store = openStore({ dialect: 'postgres', url: withSearchPath(url, scratch) });
    try {
      await migrateToLatest(store.db);
      await createIndexes(store.db, SECONDARY_INDEXES);
    } finally {
      await store.close();
    }
    const r = await admin.query<{ d: PgDefinitions }>(`SELECT ${pgDefinitionsSql(literal(scratch))} AS d`);
    const d = r.rows[0]?.d;
    if (!d) throw new Error('no reference definitions');
    return d;
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

const factsJson = (f: SchemaFacts) =>
  JSON.stringify({
    migrations: [...f.migrations].sort(),
    tables: Object.fromEntries(f.tables),
    triggers: Object.fromEntries(f.triggers),
    views: [...f.views].sort(),
    routines: [...f.routines].sort(),
  });

/**
 * A DO block for psql, run inside the restore's transaction after pg_restore's script (which empties the
 * search_path, hence the schema named everywhere): it reads the restored schema's facts from the catalogs and
 * raises an error carrying them as JSON when they differ from this build's (`reference`, from
 * pgReferenceDefinitions), which aborts the transaction. A secondary index may be absent (they are dropped and
 * created again around bulk loads); when present, it must have its known definition.
 */
export async function pgVerificationSql(schema: string, reference: PgDefinitions): Promise<string> {
  const s = literal(schema);
  const ns = `${s}::regnamespace`;
  const secondary = SECONDARY_INDEXES.map((d) => literal(d.name)).join(', ');
  return `DO $trayecto_verify$
DECLARE
  facts jsonb;
  defs jsonb;
  want_defs jsonb := ${literal(JSON.stringify(reference))}::jsonb;
  migrations jsonb := '[]';
BEGIN
  IF to_regclass(format('%I.${MIGRATION_TABLE}', ${s})) IS NOT NULL THEN
    EXECUTE format('SELECT coalesce(jsonb_agg(name ORDER BY name), ''[]'') FROM %I.${MIGRATION_TABLE}', ${s})
      INTO migrations;
  END IF;
  SELECT jsonb_build_object(
    'migrations', migrations,
    'tables', (SELECT coalesce(jsonb_object_agg(relname, cols), '{}') FROM (
        SELECT c.relname, string_agg(a.attname::text, ', ' ORDER BY a.attnum) AS cols
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE c.relnamespace = ${ns} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND a.attnum > 0 AND NOT a.attisdropped
        GROUP BY c.relname) t),
    'triggers', (SELECT coalesce(jsonb_object_agg(t.tgname, c.relname || ':' || t.tgtype::text || ':' || t.tgenabled::text
        || ':' || p.proname || ':' || regexp_replace(btrim(p.prosrc), '\\s+', ' ', 'g')), '{}')
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE c.relnamespace = ${ns} AND NOT t.tgisinternal),
    'views', (SELECT coalesce(jsonb_agg(n ORDER BY n), '[]') FROM (
        SELECT viewname::text AS n FROM pg_views WHERE schemaname = ${s}
        UNION ALL SELECT matviewname::text FROM pg_matviews WHERE schemaname = ${s}
        UNION ALL SELECT rulename::text FROM pg_rules WHERE schemaname = ${s}) v),
    'routines', (SELECT coalesce(jsonb_agg(proname::text ORDER BY proname), '[]') FROM pg_proc
        WHERE pronamespace = ${ns})
  ) INTO facts;
  SELECT ${pgDefinitionsSql(s)} INTO defs;
  -- The secondary indexes the restored schema does not hold are not expected of it.
  want_defs := jsonb_set(want_defs, '{indexes}', (want_defs->'indexes') - ARRAY(
    SELECT n FROM unnest(ARRAY[${secondary}]::text[]) n WHERE NOT (defs->'indexes') ? n));
  IF facts <> ${literal(factsJson(await pgReference()))}::jsonb OR defs <> want_defs THEN
    RAISE EXCEPTION '${MARK} %', (facts || jsonb_build_object('definitions', defs, 'expected', want_defs))::text;
  END IF;
END $trayecto_verify$;`;
}

/** What differs between two sets of PostgreSQL definitions, in Spanish. */
function definitionProblems(got: PgDefinitions, want: PgDefinitions): string[] {
  const out: string[] = [];
  const kinds = [
    ['columns', 'columnas', 'ajenas'],
    ['constraints', 'restricciones', 'ajenas'],
    ['indexes', 'índices', 'ajenos'],
  ] as const;
  for (const [kind, label, foreign] of kinds) {
    const g = got[kind];
    const w = want[kind];
    const missing = Object.keys(w).filter((k) => !(k in g));
    const extra = Object.keys(g).filter((k) => !(k in w));
    const changed = Object.keys(w).filter((k) => k in g && g[k] !== w[k]);
    if (missing.length) out.push(`faltan ${label}: ${list(missing)}`);
    if (extra.length) out.push(`${label} ${foreign}: ${list(extra)}`);
    if (changed.length) out.push(`${label} con otra definición: ${list(changed)}`);
  }
  const extraSecurity = got.security.filter((x) => !want.security.includes(x));
  if (extraSecurity.length) out.push(`seguridad por filas ajena: ${list(extraSecurity)}`);
  return out;
}

/** Turns psql's report of a failed verification into the Spanish error (nothing was restored). */
export async function verifiedByPsql(shownAs: string, stderr: string): Promise<void> {
  const m = new RegExp(`${MARK} (\\{.*\\})`).exec(stderr);
  if (!m?.[1]) return;
  const raw = JSON.parse(m[1]) as {
    migrations: string[];
    tables: Record<string, string>;
    triggers: Record<string, string>;
    views: string[];
    routines: string[];
    definitions?: PgDefinitions;
    expected?: PgDefinitions;
  };
  const got: SchemaFacts = {
    migrations: raw.migrations,
    tables: new Map(Object.entries(raw.tables)),
    indexes: new Set(), // index names differ by dialect (primary keys): PostgreSQL's are in raw.definitions
    definitions: new Map(), // likewise: PostgreSQL's own catalog form, compared by definitionProblems
    triggers: new Map(Object.entries(raw.triggers)),
    views: raw.views,
    routines: raw.routines,
  };
  const want = await pgReference();
  const problems = schemaProblems(got, { ...want, indexes: new Set(), definitions: new Map() });
  if (raw.definitions && raw.expected)
    problems.tampered.push(...definitionProblems(raw.definitions, raw.expected));
  if (!problems.tampered.length && !problems.version.length)
    problems.tampered.push('el esquema restaurado no coincide con el de esta versión');
  refuse(shownAs, problems);
}
