/**
 * Issue 15: scales above 1 are replicas of the country on synthetic campuses (docs/SYNTHETIC-DATA.md). Three
 * replicas of a small scale: every synthetic campus is marked as such, ids and CURPs stay unique across
 * replicas, every row points at a campus that exists, and the first replica is the single-replica run itself.
 */
import { describe, expect, it } from 'vitest';
import { loadReferenceCampuses } from '../services/operations/index.js';
import { generate, type GenerationSummary } from './generate.js';
import { replicaPlan } from './replicas.js';
import type { SqlValue, SynthSink, SynthTable } from './tables.js';

function run(scale: number): { rows: Map<SynthTable, SqlValue[][]>; summary: GenerationSummary } {
  const rows = new Map<SynthTable, SqlValue[][]>();
  const sink: SynthSink = {
    row: (table, values) => {
      let list = rows.get(table);
      if (!list) rows.set(table, (list = []));
      list.push([...values]);
    },
  };
  const gen = generate(
    {
      seed: 11,
      scale,
      replicaScale: 0.002,
      campuses: loadReferenceCampuses().campuses,
      firstStartYear: 2024,
      lastStartYear: 2025,
    },
    sink,
  );
  let step = gen.next();
  while (!step.done) step = gen.next();
  return { rows, summary: step.value };
}

const column = (rows: SqlValue[][] | undefined, i: number) => (rows ?? []).map((r) => r[i]);

describe('replicas above the replica scale', () => {
  it('splits a scale into equal replicas of at most the replica scale', () => {
    expect(replicaPlan(1)).toEqual({ count: 1, scaleEach: 1 });
    expect(replicaPlan(4)).toEqual({ count: 4, scaleEach: 1 });
    expect(replicaPlan(1.5)).toEqual({ count: 2, scaleEach: 0.75 });
    expect(replicaPlan(0.3)).toEqual({ count: 1, scaleEach: 0.3 });
  });

  it('writes synthetic campuses, unique ids and CURPs, and rows only at campuses that exist', () => {
    const one = run(0.002);
    const three = run(0.006);
    const campuses = three.rows.get('campuses') ?? [];
    expect(campuses).toHaveLength(315 + 2 * 313);
    const ccts = column(campuses, 1) as string[];
    expect(new Set(ccts).size).toBe(ccts.length);
    const synthetic = campuses.slice(315);
    for (const c of synthetic) {
      expect(c[1]).toMatch(/^\d{2}SIN\d{4}[BC]$/);
      expect(c[3]).toMatch(/\(sintético, réplica [23]\)$/);
    }
    const ids = new Set(column(campuses, 0));
    for (const table of ['enrollments', 'status_events', 'students', 'teachers'] as const) {
      const campusColumn = table === 'students' ? 5 : table === 'teachers' ? 1 : 2;
      for (const id of column(three.rows.get(table), campusColumn)) expect(ids.has(id)).toBe(true);
    }
    for (const table of ['enrollments', 'status_events', 'module_results', 'teachers'] as const) {
      const list = column(three.rows.get(table), 0);
      expect(new Set(list).size, table).toBe(list.length);
    }
    const students = column(three.rows.get('students'), 0);
    expect(new Set(students).size).toBe(three.summary.students);
    const curps = column(three.rows.get('student_identities'), 2);
    expect(new Set(curps).size).toBe(curps.length);
    // Students of every replica, at campuses of every replica.
    const used = new Set(column(three.rows.get('enrollments'), 2) as number[]);
    expect([...used].some((id) => id > 315 + 313)).toBe(true);
    expect(three.summary.students / one.summary.students).toBeGreaterThan(2.8);
    // The first replica is the single run: the same first enrollments, the same CURPs first.
    expect(three.rows.get('enrollments')?.slice(0, 200)).toEqual(one.rows.get('enrollments')?.slice(0, 200));
    expect(curps.slice(0, 200)).toEqual(column(one.rows.get('student_identities'), 2).slice(0, 200));
  });
});
