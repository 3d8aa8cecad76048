import { describe, expect, it } from 'vitest';
import { joinsWithoutCampus } from './sql-joins.js';

const FACTS = ['enrollments', 'year_results', 'status_events'];
const found = (q: string) => joinsWithoutCampus(q, FACTS).map((j) => j.between.join(' ⋈ '));

describe('joinsWithoutCampus', () => {
  it.each([
    [
      'a join on student only',
      'select 1 from enrollments e join year_results y on y.student_id = e.student_id',
      ['enrollments e ⋈ year_results y'],
    ],
    [
      "Kysely's quoting",
      'select 1 from "enrollments" as "e" inner join "year_results" as "y" on "y"."student_id" = "e"."student_id"',
      ['enrollments e ⋈ year_results y'],
    ],
    [
      'a join through another table',
      'select 1 from students s join enrollments e on e.student_id = s.id left join enrollments p on p.student_id = s.id',
      ['enrollments e ⋈ enrollments p'],
    ],
    [
      'a semi-join',
      'select 1 from status_events g where g.student_id in (select n.student_id from enrollments as n where n.term_no = 1)',
      ['enrollments n ⋈ status_events g'],
    ],
    [
      'a derived table',
      'select 1 from enrollments e join (select student_id, count(*) from status_events x group by student_id) d on d.student_id = e.student_id',
      ['enrollments e ⋈ status_events d'],
    ],
  ])('finds %s', (_, q, expected) => {
    expect(found(q)).toEqual(expected);
  });

  it.each([
    [
      'campus_id equated',
      'select 1 from enrollments e join year_results y on y.student_id = e.student_id and y.campus_id = e.campus_id',
    ],
    [
      'campus_id equated through the catalog',
      'select 1 from enrollments e join campuses c on c.id = e.campus_id join year_results y on y.campus_id = c.id and y.student_id = e.student_id',
    ],
    [
      'one fact table and catalogs',
      'select 1 from enrollments e join campuses c on c.id = e.campus_id join programs p on p.id = e.program_id',
    ],
    [
      'two unrelated reads',
      'select 1 from enrollments e where e.term_no = 1 union all select 1 from status_events g where g.kind = 1',
    ],
  ])('accepts %s', (_, q) => {
    expect(found(q)).toEqual([]);
  });
});
