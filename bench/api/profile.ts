/** The functions where a --cpu-prof profile of the server spent its time (self time), for a first diagnosis. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface HotFunction {
  readonly name: string;
  readonly where: string;
  readonly selfPct: number;
}

export function profilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
}

/** Self time by function (name and location), highest first. */
export function hotFunctions(file: string, top = 15): HotFunction[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const by = new Map<string, { name: string; where: string; hits: number }>();
  let total = 0;
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    total += hits;
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/');
    const where = url ? `${url}:${n.callFrame.lineNumber + 1}` : '';
    const name = n.callFrame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const e = by.get(key) ?? { name, where, hits: 0 };
    e.hits += hits;
    by.set(key, e);
  }
  return [...by.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfPct: total ? (100 * e.hits) / total : 0 }));
}
