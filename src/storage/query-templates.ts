/**
 * Queries compiled once per shape. Building and compiling a Kysely query costs tens of microseconds, as much
 * as SQLite takes to answer a small indexed one: for the requests made thousands of times a second (the
 * student search), the query is built once per shape with placeholders where its values go, and afterwards only
 * the values are put in their places. The SQL is Kysely's, for the dialect of the instance.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

/** Where value `index` goes. */
class Slot {
  constructor(readonly index: number) {}
}

interface Template {
  readonly sql: string;
  /** Each parameter: a value fixed by the shape, or the Slot of the value to put there. */
  readonly parameters: readonly unknown[];
}

const templates = new WeakMap<object, Map<string, Template>>();
const MAX_SHAPES = 200;

/**
 * The compiled query `build(values)`. With a `key`, `build` is run once per key and database, with placeholders
 * for the values; it must then build the same query for the same key whatever the values, and pass each value
 * as a plain parameter (a comparison, a limit: not an `in` list, not a literal, not a condition on the value).
 * Without a key (a shape that cannot follow those rules) it is built with the values every time.
 */
export function templated<DB, T>(
  db: Kysely<DB>,
  key: string | null,
  values: readonly unknown[],
  build: (values: readonly unknown[]) => Compilable<T>,
): CompiledQuery<T> {
  if (key === null) return build(values).compile();
  let byKey = templates.get(db);
  if (!byKey) templates.set(db, (byKey = new Map<string, Template>()));
  let t = byKey.get(key);
  if (!t) {
    const compiled = build(values.map((_, i) => new Slot(i))).compile();
    const used = new Set(compiled.parameters.filter((p) => p instanceof Slot).map((p) => p.index));
    const unused = values.map((_, i) => i).filter((i) => values[i] !== undefined && !used.has(i));
    if (unused.length > 0 || compiled.sql.includes('[object Object]'))
      throw new Error(`query template ${key}: values ${unused.join(', ')} are not plain parameters`);
    t = { sql: compiled.sql, parameters: compiled.parameters };
    if (byKey.size >= MAX_SHAPES) byKey.clear();
    byKey.set(key, t);
  }
  return CompiledQuery.raw(
    t.sql,
    t.parameters.map((p) => (p instanceof Slot ? values[p.index] : p)),
  );
}
