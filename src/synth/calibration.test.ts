/**
 * Issue 12, finding 11: the demo's 911 statistics read by a SEP statistics officer. Teachers' highest degrees
 * follow a plausible shape (licenciatura-level degrees dominate, few doctorates), not an even spread.
 */
import { describe, expect, it } from 'vitest';
import { emitTeachers } from './reference.js';
import { Rng } from './random.js';
import type { SynthSink } from './tables.js';

describe('teachers of the demo (finding 11)', () => {
  it('are mostly licenciatura or ingeniería graduates, one in six with a master’s, few doctors', () => {
    const degrees = new Map<string, number>();
    const sink = {
      row: (table: string, values: readonly unknown[]) => {
        if (table === 'teachers') degrees.set(String(values[4]), (degrees.get(String(values[4])) ?? 0) + 1);
      },
    } as unknown as SynthSink;
    const n = emitTeachers(sink, new Rng(7), [1, 2, 3], [1, 2, 3], 1);
    const share = (d: string) => (degrees.get(d) ?? 0) / n;
    expect(n).toBe(14_840);
    expect(share('Licenciatura') + share('Ingeniería')).toBeGreaterThan(0.7);
    expect(share('Maestría')).toBeGreaterThan(0.12);
    expect(share('Maestría')).toBeLessThan(0.22);
    expect(share('Doctorado')).toBeLessThan(0.04);
    expect(share('Técnico superior')).toBeLessThan(0.08);
  });
});
