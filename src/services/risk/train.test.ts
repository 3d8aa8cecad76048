import { describe, expect, it } from 'vitest';
import { heldOutByStudent } from './train.js';

describe('risk training', () => {
  it('holds out students, not rows: every row of a student is on the same side (issue 12, finding 10)', () => {
    // Each student appears at four cut-offs, as in a training set of four terms.
    const students = Array.from({ length: 4000 }, (_, i) => 1 + (i % 1000));
    const held = heldOutByStudent(students, 20261128);
    const side = new Map<number, boolean>();
    students.forEach((id, i) => {
      const s = held[i] as boolean;
      if (side.has(id)) expect(side.get(id), `student ${id}`).toBe(s);
      side.set(id, s);
    });
    const share = [...side.values()].filter(Boolean).length / side.size;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
  });
});
