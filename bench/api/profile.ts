/**
 * Where a --cpu-prof profile of the server spent its busy time (idle excluded): by package along the stack
 * (SQLite through better-sqlite3, Kysely, Hono, zod, the application) and by function (self time).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
}

export interface HotSpot {
  readonly name: string;
  readonly busyPct: number;
}

export interface ProfileSummary {
  readonly busySamples: number;
  /** Busy time by the innermost known package on the stack (native SQLite calls count as better-sqlite3). */
  readonly packages: readonly HotSpot[];
  /** Self time by function. */
  readonly functions: readonly HotSpot[];
}

export function profilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
}

const PACKAGES: readonly (readonly [RegExp, string])[] = [
  [/better-sqlite3/, 'better-sqlite3 (SQLite)'],
  [/\/kysely\//, 'kysely'],
  [/\/zod\//, 'zod'],
  [/\/(hono|@hono)\//, 'hono'],
  [/\/dist\//, 'application (dist/)'],
];

/** Kysely's SQLite driver calls into SQLite natively: its self time is SQLite executing the statement. */
const NATIVE_SQLITE_CALLERS = new Set(['executeQuery']);

export function summarizeProfile(file: string, top = 12): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const packageOf = (n: ProfileNode): string => {
    if (NATIVE_SQLITE_CALLERS.has(n.callFrame.functionName) && /kysely/.test(n.callFrame.url))
      return 'better-sqlite3 (SQLite)';
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const url = byId.get(id)?.callFrame.url ?? '';
      const hit = PACKAGES.find(([re]) => re.test(url));
      if (hit) return hit[1];
    }
    return 'node (http, streams, GC, other)';
  };
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const name = n.callFrame.functionName || '(anonymous)';
    const hits = n.hitCount ?? 0;
    if (name === '(idle)' || hits === 0) continue;
    busy += hits;
    const path = n.callFrame.url.replace(/^file:\/\//, '');
    const url = path.includes('/node_modules/')
      ? path.replace(/^.*\/node_modules\//, '')
      : path.replace(/^.*\/(dist|dist-bench)\//, '$1/');
    const fn = url ? `${name} ${url}:${n.callFrame.lineNumber + 1}` : name;
    functions.set(fn, (functions.get(fn) ?? 0) + hits);
    const pkg = packageOf(n);
    packages.set(pkg, (packages.get(pkg) ?? 0) + hits);
  }
  const rank = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => ({ name, busyPct: busy ? (100 * hits) / busy : 0 }));
  return {
    busySamples: busy,
    packages: rank(packages, PACKAGES.length + 1),
    functions: rank(functions, top),
  };
}

export function renderProfile(file: string, s: ProfileSummary): string {
  const line = (h: HotSpot) => `  ${h.busyPct.toFixed(1).padStart(5)} %  ${h.name}`;
  return [
    `Server CPU profile ${file} (${s.busySamples} busy samples; idle excluded)`,
    'by package on the stack:',
    ...s.packages.map(line),
    'by function (self time):',
    ...s.functions.map(line),
  ].join('\n');
}
