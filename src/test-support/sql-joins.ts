/**
 * Finds, in SQL text the storage layer ran, the joins between fact tables that do not equate campus_id
 * (src/storage/distribution.test.ts). A reader of the SQL our code produces (Kysely's and the raw templates'),
 * not a parser of SQL in general: table references after FROM / JOIN / a comma, with their alias; derived
 * tables and CTEs stand for the fact tables inside them; a join is an equality between columns of two
 * references (ON, WHERE, or a correlated subquery's WHERE), or a column IN (SELECT … FROM a fact table).
 */

export interface FactJoin {
  /** The two references joined, as `table alias`. */
  readonly between: readonly [string, string];
  /** The equalities that join them. */
  readonly on: readonly string[];
  readonly statement: string;
}

const KEYWORDS = new Set(
  (
    'where on inner left right full outer cross join group order limit offset union all except intersect ' +
    'having using natural set values returning select from as and or not lateral window for'
  ).split(' '),
);

/** Lower case, quotes and newlines gone, one space between words. */
export function normalizeSql(text: string): string {
  return text.replace(/"/g, '').replace(/\s+/g, ' ').toLowerCase().trim();
}

/** The index of the parenthesis closing the one at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

/** alias → the fact tables it stands for (a table itself, or a derived table / CTE over some). */
function references(text: string, facts: ReadonlySet<string>): Map<string, Set<string>> {
  const refs = new Map<string, Set<string>>();
  const add = (alias: string, tables: Iterable<string>) => {
    const set = refs.get(alias) ?? new Set<string>();
    for (const t of tables) set.add(t);
    if (set.size > 0) refs.set(alias, set);
  };
  const factsIn = (inner: string) => {
    const found = new Set<string>();
    for (const m of inner.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)/g))
      if (m[1] && facts.has(m[1])) found.add(m[1]);
    for (const [alias, tables] of refs)
      if (new RegExp(`\\b(?:from|join) ${alias}\\b`).test(inner)) for (const t of tables) found.add(t);
    return found;
  };
  // CTEs: name as (…)
  for (const m of text.matchAll(/\b([a-z_][a-z0-9_]*) as (?:materialized |not materialized )?\(/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const name = m[1] ?? '';
    if (!KEYWORDS.has(name)) add(name, factsIn(text.slice(open, closing(text, open))));
  }
  // Derived tables: from / join (…) [as] alias
  for (const m of text.matchAll(/\b(?:from|join|,) (?:lateral )?\(/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const end = closing(text, open);
    const alias = /^\)\s*(?:as\s+)?([a-z_][a-z0-9_]*)/.exec(text.slice(end))?.[1];
    if (alias && !KEYWORDS.has(alias)) add(alias, factsIn(text.slice(open, end)));
  }
  // Tables: from / join / , table [as] alias
  for (const m of text.matchAll(/\b(?:from|join|,) ([a-z_][a-z0-9_]*)(?: (?:as )?([a-z_][a-z0-9_]*))?/g)) {
    const table = m[1] ?? '';
    if (!facts.has(table)) continue;
    const alias = m[2] && !KEYWORDS.has(m[2]) ? m[2] : table;
    add(alias, [table]);
    if (alias !== table) add(table, [table]); // columns may still be qualified by the table's name
  }
  return refs;
}

/**
 * The joins between fact-table references of one statement that do not equate campus_id. Equalities between
 * columns (and `x IN (SELECT y …)`) make classes of columns; two fact-table references are joined when a column
 * of each is in one class (directly, or through another table: e.student_id = s.id = p.student_id), and the
 * join equates campus_id when their campus_id columns are in one class.
 */
export function joinsWithoutCampus(statement: string, factTables: readonly string[]): FactJoin[] {
  const text = normalizeSql(statement);
  const refs = references(text, new Set(factTables));
  if (refs.size < 2) return [];
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    parent.set(find(a), find(b));
  };
  const col = '([a-z_][a-z0-9_]*)\\.([a-z_][a-z0-9_]*)';
  const equalities: [string, string, string][] = [];
  for (const m of text.matchAll(new RegExp(`${col} = ${col}`, 'g'))) {
    const [all, a = '', ca = '', b = '', cb = ''] = m;
    if (a !== b) equalities.push([`${a}.${ca}`, `${b}.${cb}`, all]);
  }
  const inner = `(?:([a-z_][a-z0-9_]*)\\.)?([a-z_][a-z0-9_]*) from ([a-z_][a-z0-9_]*)(?: (?:as )?([a-z_][a-z0-9_]*))?`;
  for (const m of text.matchAll(new RegExp(`${col} in \\(select (?:distinct )?${inner}`, 'g'))) {
    const [all, a = '', ca = '', q, cb = '', table = '', alias] = m;
    const b = q ?? (alias && !KEYWORDS.has(alias) ? alias : table);
    if (!refs.has(b)) add(refs, b, table, factTables);
    equalities.push([`${a}.${ca}`, `${b}.${cb}`, all]);
  }
  for (const [a, b] of equalities) union(a, b);
  const aliases = [...refs.keys()];
  const columnsOf = (alias: string) => [...parent.keys()].filter((k) => k.startsWith(`${alias}.`));
  const out: FactJoin[] = [];
  for (let i = 0; i < aliases.length; i++)
    for (let j = i + 1; j < aliases.length; j++) {
      const a = aliases[i] ?? '';
      const b = aliases[j] ?? '';
      const roots = new Set(columnsOf(b).map(find));
      const shared = columnsOf(a).filter((c) => roots.has(find(c)));
      if (shared.length === 0) continue;
      if (parent.has(`${a}.campus_id`) && find(`${a}.campus_id`) === find(`${b}.campus_id`)) continue;
      const classes = new Set(shared.map(find));
      const on = equalities
        .filter(([x]) => classes.has(find(x)))
        .map(([, , all]) => all)
        .filter((v, k, all) => all.indexOf(v) === k);
      const [x, y] = [name(refs, a), name(refs, b)].sort();
      out.push({ between: [x ?? '', y ?? ''], on, statement: text });
    }
  return out;
}

function add(refs: Map<string, Set<string>>, alias: string, table: string, facts: readonly string[]): void {
  if (facts.includes(table)) refs.set(alias, new Set([table]));
}

const name = (refs: Map<string, Set<string>>, alias: string) =>
  `${[...(refs.get(alias) ?? [])].join('+')} ${alias}`;
