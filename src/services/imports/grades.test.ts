/**
 * Issue 12, finding 3: an imported grade is kept at the precision given and judged by the passing rule on the
 * exact value: 5.95 is stored as 5.95 and fails (it used to be rounded to 6.0 and counted as passed).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { importRecords } from './records.js';

const HEADER = 'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia';
const csv = (lines: readonly string[]) => ({ bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8') });

describeEachDialect('imports: grades at the precision given', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
  }, 120_000);

  it('stores 5.95 as 5.95 and counts it as failed; 6.0 passes', async () => {
    const r = await store()
      .db.selectFrom('module_results as r')
      .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
      .innerJoin('campuses as c', 'c.id', 'r.campus_id')
      .innerJoin('modules as m', 'm.id', 'r.module_id')
      .select(['r.id', 'i.curp', 'c.cct', 'r.school_year', 'r.term_no', 'm.code', 'r.attendance_pct'])
      .orderBy('r.id')
      .executeTakeFirstOrThrow();
    const line = (grade: string) =>
      [r.curp, r.cct, r.school_year, r.term_no, r.code, grade, r.attendance_pct].join(',');
    const stored = () =>
      store()
        .db.selectFrom('module_results')
        .select(['grade', 'passed'])
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();

    const s = await importRecords(store(), 'module-results', csv([HEADER, line('5.95')]), 'c.csv');
    expect(s.issues).toEqual([]);
    expect(await stored()).toEqual({ grade: 5.95, passed: 0 });

    // The same value again changes nothing; a comma decimal is the same number.
    const again = await importRecords(store(), 'module-results', csv([HEADER, line('"5,95"')]), 'c.csv');
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 1]);

    const six = await importRecords(store(), 'module-results', csv([HEADER, line('6.0')]), 'c.csv');
    expect(six.updated).toBe(1);
    expect(await stored()).toEqual({ grade: 6, passed: 1 });
  });
});
