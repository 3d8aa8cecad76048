/** Lookups by student id: who of some students is in a group in a year, names, the id range (empty cases too). */
import { beforeAll, expect, it } from 'vitest';
import { enrollmentRow, identityRow } from '../test-support/small-records.js';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { studentIdBounds, studentNames, studentsInGroups } from './student-lookups.js';

describeEachDialect('student lookups', ({ store }) => {
  let emptyBounds: unknown;

  beforeAll(async () => {
    const db = store().db;
    emptyBounds = await studentIdBounds(db);
    await buildPlaces(db);
    await buildStudents(db, [
      [4, 1, null],
      [5, 1, null],
      [9, 2, null],
    ]);
    await db
      .insertInto('enrollments')
      .values([
        enrollmentRow(1, 4, 1, '2024-2025', 1, 1, { group_code: 'A' }),
        enrollmentRow(2, 5, 1, '2024-2025', 1, 1, { group_code: 'B' }),
        enrollmentRow(3, 9, 2, '2019-2020', 1, 1, { group_code: 'A' }),
      ])
      .execute();
    await db
      .insertInto('student_identities')
      .values([identityRow(4, 1), identityRow(5, 1, { second_surname: '' })])
      .execute();
  });

  it('keeps of the students given those enrolled in one of the groups in that school year', async () => {
    const db = store().db;
    expect(await studentsInGroups(db, [4, 5, 9], '2024-2025', ['A'])).toEqual(new Set([4]));
    expect(await studentsInGroups(db, [4, 5, 9], '2024-2025', ['A', 'B'])).toEqual(new Set([4, 5]));
    expect(await studentsInGroups(db, [5, 9], '2019-2020', ['A'])).toEqual(new Set([9]));
    expect(await studentsInGroups(db, [], '2024-2025', ['A'])).toEqual(new Set());
    expect(await studentsInGroups(db, [4], '2024-2025', [])).toEqual(new Set());
  });

  it('gives full names of the students with an identity, each once', async () => {
    expect(await studentNames(store().db, [5, 4, 4, 9])).toEqual(
      new Map([
        [5, 'Nombre5 Pérez'],
        [4, 'Nombre4 Pérez López'],
      ]),
    );
  });

  it('gives the lowest and highest student ids, 0 and 0 when there are none', async () => {
    expect(emptyBounds).toEqual({ min: 0, max: 0 });
    expect(await studentIdBounds(store().db)).toEqual({ min: 4, max: 9 });
  });
});
