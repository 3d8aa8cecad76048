/**
 * The columns a page of the student list adds to each row: the group of the student's latest enrollment and
 * the latest stored risk score (flag and probability). Two index reads for the page's ids, never a scan.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface StudentListExtra {
  readonly group: string | null;
  readonly riskFlag: string | null;
  readonly riskProbability: number | null;
  readonly riskCutoff: string | null;
}

export async function studentListExtras(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, StudentListExtra>> {
  const out = new Map<number, StudentListExtra>();
  if (ids.length === 0) return out;
  const [groups, latest] = await Promise.all([
    db
      .selectFrom('students as s')
      .innerJoin('enrollments as e', (j) =>
        j
          .onRef('e.student_id', '=', 's.id')
          .onRef('e.school_year', '=', 's.last_school_year')
          .onRef('e.term_no', '=', 's.last_term_no'),
      )
      .select(['s.id', 'e.group_code'])
      .where('s.id', 'in', ids as number[])
      .execute(),
    db
      .selectFrom('risk_scores')
      .select((eb) => eb.fn.max('cutoff').as('cutoff'))
      .executeTakeFirst(),
  ]);
  const scores = latest?.cutoff
    ? await db
        .selectFrom('risk_scores')
        .select(['student_id', 'flag', 'probability', 'cutoff'])
        .where('cutoff', '=', latest.cutoff)
        .where('student_id', 'in', ids as number[])
        .execute()
    : [];
  const groupOf = new Map(groups.map((g) => [Number(g.id), g.group_code]));
  const scoreOf = new Map(scores.map((r) => [Number(r.student_id), r]));
  for (const id of ids) {
    const r = scoreOf.get(id);
    out.set(id, {
      group: groupOf.get(id) ?? null,
      riskFlag: r?.flag ?? null,
      riskProbability: r?.probability === null || r?.probability === undefined ? null : Number(r.probability),
      riskCutoff: r?.cutoff ?? null,
    });
  }
  return out;
}
