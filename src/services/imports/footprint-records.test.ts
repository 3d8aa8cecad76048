/**
 * Issue 15, the record kinds other than enrollments: imports of module results with random grades (which judge
 * the yearly results again, issue 12: the yearly results they change are rows of the footprint too, cell by
 * campus), attendance, status events, scholarship payments, interventions, students and programs, each on a demo
 * with every inserted or changed row in a cell of the reported footprint and the flow counts left equal to a
 * full rebuild (src/test-support/footprint-check.ts). Enrollments: footprint-enrollments.test.ts.
 */
import { expect, it } from 'vitest';
import {
  expectFlowCountsCurrent,
  firstEnrollments,
  importChecked,
  random,
} from '../../test-support/footprint-check.js';
import {
  attendanceFile,
  csvFile as csv,
  describeImports,
  interventionRows,
  moduleResultRows,
  onePerInterventionKey,
  paymentRows,
} from '../../test-support/import-harness.js';

describeImports('imports: footprint and incremental flow counts (other record kinds)', 15, ({ store }) => {
  const rnd = random(15);
  const enrollments = (limit: number, offset = 0) => firstEnrollments(store(), limit, offset);

  it('module results with random grades: the yearly results they change are in the footprint by campus, counts current', async () => {
    const db = store().db;
    // Rows spread over students, campuses and years (every 23rd id).
    const mr = await moduleResultRows(store(), { limit: 120, everyNthId: 23 });
    await db
      .deleteFrom('module_results')
      .where(
        'id',
        'in',
        mr.slice(0, 20).map((r) => r.id),
      )
      .execute();
    // Failing grades with a passing, failing or no regularization grade; passing grades; regularization only.
    const lines = mr.map((r) => {
      const u = rnd();
      const reg = () => [null, 5, 7.5][Math.floor(rnd() * 3)] ?? null;
      const [grade, regularization] =
        u < 0.35 ? [rnd() < 0.5 ? 5 : 5.95, reg()] : u < 0.7 ? [8, null] : [r.grade, reg()];
      return [r.curp, r.cct, r.school_year, r.term_no, r.code, grade, r.attendance_pct, regularization];
    });
    const { summary, touched, changed } = await importChecked(
      store(),
      'module-results',
      csv(
        'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion',
        lines,
      ),
    );
    const years = changed.filter((c) => c.table === 'year_results');
    expect(years.length).toBeGreaterThan(0);
    // Cells, not whole years: every yearly-result cell names its campus.
    const cells = touched.cells('year_results');
    expect(cells.every((c) => c.year !== null && c.campus !== null)).toBe(true);
    expect(summary.refreshedYears).toEqual([...new Set(cells.map((c) => c.year))].sort());
    await expectFlowCountsCurrent(store());
  });

  it('attendance, status events, payments, interventions, students, programs: footprint complete, counts current', async () => {
    const db = store().db;
    const en = await enrollments(40, 300);
    await importChecked(store(), 'attendance', attendanceFile(en));

    const ev = await db
      .selectFrom('status_events as v')
      .innerJoin('student_identities as i', 'i.student_id', 'v.student_id')
      .innerJoin('campuses as c', 'c.id', 'v.campus_id')
      .select(['v.id', 'i.curp', 'c.cct', 'v.school_year', 'v.term_no', 'v.event_date', 'v.kind', 'v.reason'])
      .where('v.kind', 'in', ['dropout', 'temporary_leave', 'readmission'])
      .orderBy('v.id')
      .limit(40)
      .execute();
    await importChecked(
      store(),
      'status-events',
      csv(
        'curp,cct,ciclo_escolar,periodo,fecha,evento,motivo',
        ev.map((v) => [
          v.curp,
          v.cct,
          v.school_year,
          v.term_no,
          v.event_date,
          v.kind,
          `${v.reason ?? ''} (corregido)`,
        ]),
      ),
    );

    const pay = await paymentRows(store(), 40);
    await importChecked(
      store(),
      'scholarship-payments',
      csv(
        'curp,cct,ciclo_escolar,periodo,bimestre,monto,fecha_programada,fecha_pago',
        pay.map((p) => [
          p.curp,
          p.cct,
          p.school_year,
          p.term_no,
          p.period,
          p.amount + 10,
          p.due_date,
          p.paid_date,
        ]),
      ),
    );

    const ivRows = onePerInterventionKey(await interventionRows(store(), 60));
    await importChecked(
      store(),
      'interventions',
      csv(
        'curp,cct,ciclo_escolar,periodo,tipo,fecha_inicio,fecha_fin,sesiones,resultado,notas',
        ivRows.map((r) => [
          r.curp,
          r.cct,
          r.school_year,
          r.term_no,
          r.kind,
          r.start_date,
          r.end_date,
          Number(r.sessions) + 1,
          r.outcome,
          r.notes,
        ]),
      ),
    );

    const st = await db
      .selectFrom('student_identities as i')
      .innerJoin('students as s', 's.id', 'i.student_id')
      .innerJoin('campuses as c', 'c.id', 's.entry_campus_id')
      .innerJoin('programs as p', 'p.id', 's.program_id')
      .select([
        'i.curp',
        'i.given_names',
        'i.first_surname',
        'i.second_surname',
        'c.cct',
        'p.code',
        's.entry_year',
      ])
      .orderBy('i.student_id')
      .limit(30)
      .execute();
    await importChecked(
      store(),
      'students',
      csv(
        'curp,nombre,primer_apellido,segundo_apellido,cct,clave_carrera,anio_ingreso',
        st.map((s, i) => [
          s.curp,
          i % 2 ? `${s.given_names} José` : s.given_names,
          s.first_surname,
          s.second_surname,
          s.cct,
          s.code,
          i % 2 ? s.entry_year : s.entry_year - 1,
        ]),
      ),
    );

    const pr = await db
      .selectFrom('programs')
      .select(['code', 'name', 'area'])
      .orderBy('id')
      .limit(3)
      .execute();
    await importChecked(
      store(),
      'programs',
      csv(
        'clave_carrera,nombre,area',
        pr.map((p) => [p.code, `${p.name} (plan 2026)`, p.area]),
      ),
    );
    await expectFlowCountsCurrent(store());
  });
});
