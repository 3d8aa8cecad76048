/**
 * Issue 12, finding 2: a re-import whose file lacks an optional column leaves the stored values of that column
 * alone; an empty cell in a present optional column still clears the value (the user's explicit intent).
 */
import { expect, it } from 'vitest';
import type { Store } from '../../storage/db.js';
import { csvLines as csv, describeImports, moduleResultRows } from '../../test-support/import-harness.js';
import { importRecords } from './records.js';

/** The first module result of the world, as a module-results file names it. */
const oneModuleResult = async (store: Store) => (await moduleResultRows(store, { limit: 1 }))[0]!;

const regularization = async (store: Store, id: number) =>
  (
    await store.db
      .selectFrom('module_results')
      .select('regularization_grade')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).regularization_grade;

describeImports('imports: absent optional columns', 7, ({ store }) => {
  it('module results: an absent calificacion_regularizacion keeps 7.5; an empty cell clears it', async () => {
    const r = await oneModuleResult(store());
    const key = [r.curp, r.cct, r.school_year, r.term_no, r.code];
    const full =
      'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion';
    const set = await importRecords(
      store(),
      'module-results',
      csv([full, [...key, r.grade, r.attendance_pct, '7.5'].join(',')]),
      'con.csv',
    );
    expect(set.issues).toEqual([]);
    expect(await regularization(store(), r.id)).toBe(7.5);

    // The same row from a file without the optional column: nothing to change.
    const without = await importRecords(
      store(),
      'module-results',
      csv([
        'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia',
        [...key, r.grade, r.attendance_pct].join(','),
      ]),
      'sin.csv',
    );
    expect(without.issues).toEqual([]);
    expect([without.inserted, without.updated, without.unchanged]).toEqual([0, 0, 1]);
    expect(await regularization(store(), r.id)).toBe(7.5);

    // A changed grade without the column: the grade changes, the regularization grade stays.
    const regraded = await importRecords(
      store(),
      'module-results',
      csv([
        'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia',
        [...key, r.grade === 9 ? 8 : 9, r.attendance_pct].join(','),
      ]),
      'sin2.csv',
    );
    expect([regraded.inserted, regraded.updated, regraded.unchanged]).toEqual([0, 1, 0]);
    expect(await regularization(store(), r.id)).toBe(7.5);

    // The column present with an empty cell: the user clears it.
    const cleared = await importRecords(
      store(),
      'module-results',
      csv([full, [...key, r.grade, r.attendance_pct, ''].join(',')]),
      'vacia.csv',
    );
    expect(cleared.issues).toEqual([]);
    expect(cleared.updated).toBe(1);
    expect(await regularization(store(), r.id)).toBeNull();
  });

  it('enrollments: an absent promedio or dias_retraso_beca keeps the stored values', async () => {
    const e = await store()
      .db.selectFrom('enrollments as e')
      .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .innerJoin('programs as p', 'p.id', 'e.program_id')
      .selectAll('e')
      .select(['i.curp', 'c.cct', 'p.code as program_code'])
      .where('e.grade_avg', 'is not', null)
      .where('e.scholarship_delay_days', '>', 0)
      .orderBy('e.id', 'desc')
      .executeTakeFirstOrThrow();
    const s = await importRecords(
      store(),
      'enrollments',
      csv([
        'curp,cct,carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,modulos_reprobados,asistencia,estatus_final',
        [
          e.curp,
          e.cct,
          e.program_code,
          e.school_year,
          e.term_no,
          e.semester,
          e.group_code,
          e.new_entry,
          e.failed_modules,
          e.attendance_pct,
          e.end_status,
        ].join(','),
      ]),
      'inscripciones.csv',
    );
    expect(s.issues).toEqual([]);
    expect([s.inserted, s.updated, s.unchanged]).toEqual([0, 0, 1]);
    const after = await store()
      .db.selectFrom('enrollments')
      .select(['grade_avg', 'scholarship_delay_days'])
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ grade_avg: e.grade_avg, scholarship_delay_days: e.scholarship_delay_days });
  });

  it('students: an absent segundo_apellido keeps the stored one', async () => {
    const st = await store()
      .db.selectFrom('students as s')
      .innerJoin('student_identities as i', 'i.student_id', 's.id')
      .innerJoin('campuses as c', 'c.id', 's.entry_campus_id')
      .innerJoin('programs as p', 'p.id', 's.program_id')
      .select(['s.id', 'i.curp', 'i.given_names', 'i.first_surname', 'i.second_surname', 'c.cct'])
      .select(['p.code as program_code', 's.entry_year'])
      .where('i.second_surname', '!=', '')
      .orderBy('s.id')
      .executeTakeFirstOrThrow();
    const s = await importRecords(
      store(),
      'students',
      csv([
        'curp,nombre,primer_apellido,cct,carrera,anio_ingreso',
        [st.curp, st.given_names, st.first_surname, st.cct, st.program_code, st.entry_year].join(','),
      ]),
      'alumnos.csv',
    );
    expect(s.issues).toEqual([]);
    expect([s.inserted, s.updated, s.unchanged]).toEqual([0, 0, 1]);
    const after = await store()
      .db.selectFrom('student_identities')
      .select('second_surname')
      .where('student_id', '=', st.id)
      .executeTakeFirstOrThrow();
    expect(after.second_surname).toBe(st.second_surname);
  });
});
