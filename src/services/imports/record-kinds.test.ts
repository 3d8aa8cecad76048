/**
 * The record kinds added after the first four: scholarship payments, interventions, certifications,
 * attendance and programs. Each: a file exported from the demo imports, the same file again changes nothing,
 * and a file with typos is rejected as a whole with Spanish messages naming line, column and value.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Store } from '../../storage/db.js';
import {
  ATTENDANCE_HEADER,
  attendanceFile,
  changeCounts as counts,
  csvFile as csv,
  describeImports,
  enrollmentAttendance,
  interventionRows,
  issueLines,
  onePerInterventionKey,
  otherAttendance,
  paymentRows,
} from '../../test-support/import-harness.js';
import { importRecords, type RecordImportSummary } from './records.js';
import { importTemplate } from './template.js';

const messages = (s: RecordImportSummary) => issueLines(s);

async function tableSum(store: Store, table: string): Promise<string> {
  const r = await sql`select count(*) as n from ${sql.table(table)}`.execute(store.db);
  return JSON.stringify(r.rows[0]);
}

describeImports('record imports: more kinds', 11, ({ store }) => {
  it('scholarship payments: imports, re-imports unchanged, rejects typos', async () => {
    const HEADER = 'curp,cct,ciclo_escolar,periodo,bimestre,monto,fecha_programada,fecha_pago';
    const rows = await paymentRows(store(), 150);
    expect(rows.length).toBeGreaterThan(20);
    await store()
      .db.deleteFrom('scholarship_payments')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const line = (r: (typeof rows)[number]) => [
      r.curp,
      r.cct,
      r.school_year,
      r.term_no,
      r.period,
      r.amount,
      r.due_date,
      r.paid_date,
    ];
    const file = csv(HEADER, rows.map(line));
    const first = await importRecords(store(), 'scholarship-payments', file, 'becas.csv');
    expect(first.rejected, messages(first).join('\n')).toBe(false);
    expect(counts(first)).toEqual([rows.length, 0, 0]);
    const late = rows.find((r) => r.delay_days > 0) ?? rows.at(0);
    if (!late) throw new Error('no payments in the demo');
    const back = await store()
      .db.selectFrom('scholarship_payments')
      .select(['delay_days', 'paid_date'])
      .where('due_date', '=', late.due_date)
      .where('school_year', '=', late.school_year)
      .where('term_no', '=', late.term_no)
      .where('period', '=', late.period)
      .where('amount', '=', late.amount)
      .execute();
    expect(back).toContainEqual({ delay_days: late.delay_days, paid_date: late.paid_date });
    const second = await importRecords(store(), 'scholarship-payments', file, 'becas.csv');
    expect(counts(second)).toEqual([0, 0, rows.length]);

    const [a, b] = rows as [(typeof rows)[number], (typeof rows)[number]];
    const before = await tableSum(store(), 'scholarship_payments');
    const bad = await importRecords(
      store(),
      'scholarship-payments',
      csv(HEADER, [
        [...line(a).slice(0, 5), 999, ...line(a).slice(6)], // an update
        [...line(b).slice(0, 4), 4, ...line(b).slice(5)],
        [...line(b).slice(0, 5), '-3', ...line(b).slice(6)],
        [...line(b).slice(0, 6), '2025-02-30', line(b)[7] ?? null],
        line(b),
        line(b),
      ]),
      'becas-errores.csv',
    );
    expect(bad.rejected).toBe(true);
    const m = messages(bad);
    expect(m).toContain('3|bimestre|4|el bimestre de pago debe ser 1, 2 o 3 (dentro del periodo)');
    expect(m).toContain('4|monto|-3|el monto no puede ser negativo');
    expect(m).toContain('5|fecha_programada|2025-02-30|la fecha no existe en el calendario');
    expect(m).toContain(`7|bimestre|${b.period}|fila repetida: la misma clave aparece en la línea 6`);
    expect(bad.issueCount).toBe(4);
    expect(await tableSum(store(), 'scholarship_payments')).toBe(before);
  });

  it('interventions: Spanish kind names, idempotent, checks dates and the catalog', async () => {
    const HEADER = 'curp,cct,ciclo_escolar,periodo,tipo,fecha_inicio,fecha_fin,sesiones,resultado,notas';
    const all = await interventionRows(store(), 120);
    const rows = onePerInterventionKey(all);
    expect(rows.length).toBeGreaterThan(20);
    await store()
      .db.deleteFrom('interventions')
      .where(
        'id',
        'in',
        all.map((r) => r.id),
      )
      .execute();
    const spanish: Record<string, string> = { tutoring: 'Tutoría', counseling: 'Orientación' };
    const line = (r: (typeof rows)[number]) => [
      r.curp,
      r.cct,
      r.school_year,
      r.term_no,
      spanish[r.kind] ?? r.kind,
      r.start_date,
      r.end_date,
      r.sessions,
      r.outcome,
      r.notes,
    ];
    const file = csv(HEADER, rows.map(line));
    const first = await importRecords(store(), 'interventions', file, 'intervenciones.csv', {
      now: () => new Date('2026-11-28T10:00:00Z'),
    });
    expect(first.rejected, messages(first).join('\n')).toBe(false);
    expect(counts(first)).toEqual([rows.length, 0, 0]);
    const r0 = rows[0] as (typeof rows)[number];
    const stored = await store()
      .db.selectFrom('interventions')
      .select(['kind', 'created_at', 'assigned_by'])
      .where('student_id', '=', r0.student_id)
      .where('start_date', '=', r0.start_date)
      .where('kind', '=', r0.kind)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ kind: r0.kind, created_at: '2026-11-28T10:00:00.000Z', assigned_by: null });
    expect(counts(await importRecords(store(), 'interventions', file, 'intervenciones.csv'))).toEqual([
      0,
      0,
      rows.length,
    ]);

    const before = await tableSum(store(), 'interventions');
    const wrongYear = `${Number(r0.school_year.slice(0, 4)) - 3}-09-01`;
    const own = await store()
      .db.selectFrom('enrollments as e')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .select('c.cct')
      .where('e.student_id', '=', r0.student_id)
      .execute();
    const otherCct = (await store().db.selectFrom('campuses').select('cct').orderBy('cct').execute())
      .map((c) => c.cct)
      .find((c) => c !== r0.cct && !own.some((o) => o.cct === c));
    if (!otherCct) throw new Error('the demo has a single campus');
    const bad = await importRecords(
      store(),
      'interventions',
      csv(HEADER, [
        [...line(r0).slice(0, 4), 'tutoriaa', ...line(r0).slice(5)],
        [...line(r0).slice(0, 5), wrongYear, null, ...line(r0).slice(7)],
        [...line(r0).slice(0, 6), '2000-01-01', ...line(r0).slice(7)],
        [...line(r0).slice(0, 8), 'terminada', line(r0)[9] ?? null],
        [r0.curp, otherCct, ...line(r0).slice(2)],
      ]),
      'intervenciones-errores.csv',
    );
    expect(bad.rejected).toBe(true);
    const m = messages(bad);
    expect(m.some((x) => x.startsWith('2|tipo|tutoriaa|valor no válido; se espera uno de: tutoria'))).toBe(
      true,
    );
    expect(m).toContain(
      `3|fecha_inicio|${wrongYear}|la fecha de inicio no cae en el ciclo escolar ${r0.school_year} (1 de agosto a 31 de julio)`,
    );
    expect(m).toContain(
      `4|fecha_fin|2000-01-01|la fecha de término es anterior a la de inicio (${r0.start_date})`,
    );
    expect(m.some((x) => x.startsWith('5|resultado|terminada|valor no válido'))).toBe(true);
    expect(m).toContain(`6|cct|${otherCct}|el alumno no ha estado inscrito en este plantel`);
    expect(bad.issueCount).toBe(5);
    expect(await tableSum(store(), 'interventions')).toBe(before);
  });

  it('certifications: insert, update of the name, duplicates and dates', async () => {
    const HEADER = 'curp,cct,clave_estandar,nombre_estandar,fecha_emision,resultado';
    const students = await store()
      .db.selectFrom('student_identities as i')
      .innerJoin('campuses as c', 'c.id', 'i.campus_id')
      .innerJoin('students as s', 's.id', 'i.student_id')
      .select(['i.curp', 'c.cct', 's.birth_date'])
      .orderBy('i.student_id')
      .limit(30)
      .execute();
    const line = (s: (typeof students)[number], name = 'Atención a clientes', result = 'Competente') => [
      s.curp,
      s.cct,
      'ec0305',
      name,
      '15/06/2026',
      result,
    ];
    const file = csv(
      HEADER,
      students.map((s) => line(s)),
    );
    const first = await importRecords(store(), 'certifications', file, 'certificaciones.csv');
    expect(first.rejected, messages(first).join('\n')).toBe(false);
    expect(counts(first)).toEqual([students.length, 0, 0]);
    const stored = await store()
      .db.selectFrom('certifications')
      .select(['standard_code', 'issued_on', 'result'])
      .where('standard_code', '=', 'EC0305')
      .execute();
    expect(stored.length).toBe(students.length);
    expect(stored[0]).toEqual({ standard_code: 'EC0305', issued_on: '2026-06-15', result: 'competente' });
    expect(counts(await importRecords(store(), 'certifications', file, 'certificaciones.csv'))).toEqual([
      0,
      0,
      students.length,
    ]);
    const s0 = students[0] as (typeof students)[number];
    const fix = await importRecords(
      store(),
      'certifications',
      csv(HEADER, [line(s0, 'Atención a clientes presencial')]),
      'fix.csv',
    );
    expect(counts(fix)).toEqual([0, 1, 0]);

    const before = await tableSum(store(), 'certifications');
    const bad = await importRecords(
      store(),
      'certifications',
      csv(HEADER, [
        line(s0, 'Otro nombre', 'aprobado'),
        [s0.curp, s0.cct, 'EC0305', 'X', '01/01/1990', 'competente'],
        line(s0),
        line(s0),
      ]),
      'cert-errores.csv',
    );
    expect(bad.rejected).toBe(true);
    const m = messages(bad);
    expect(m.some((x) => x.startsWith('2|resultado|aprobado|valor no válido; se espera uno de:'))).toBe(true);
    expect(m).toContain(
      '3|fecha_emision|1990-01-01|la fecha de emisión es anterior al nacimiento del alumno',
    );
    expect(m).toContain('5|clave_estandar|EC0305|fila repetida: la misma clave aparece en la línea 4');
    expect(bad.issueCount).toBe(3);
    expect(await tableSum(store(), 'certifications')).toBe(before);
  });

  it('attendance: updates existing enrollments only, idempotent, 0 to 100', async () => {
    const HEADER = ATTENDANCE_HEADER;
    const rows = await enrollmentAttendance(store(), { limit: 100 });
    const pct = otherAttendance;
    const file = attendanceFile(rows);
    const enrollments = await tableSum(store(), 'enrollments');
    const first = await importRecords(store(), 'attendance', file, 'asistencia.csv');
    expect(first.rejected, messages(first).join('\n')).toBe(false);
    expect(counts(first)).toEqual([0, rows.length, 0]);
    const r0 = rows[0] as (typeof rows)[number];
    const back = await store()
      .db.selectFrom('enrollments')
      .select('attendance_pct')
      .where('id', '=', r0.id)
      .executeTakeFirstOrThrow();
    expect(back.attendance_pct).toBe(pct(r0.attendance_pct));
    expect(counts(await importRecords(store(), 'attendance', file, 'asistencia.csv'))).toEqual([
      0,
      0,
      rows.length,
    ]);
    expect(await tableSum(store(), 'enrollments')).toBe(enrollments);

    const bad = await importRecords(
      store(),
      'attendance',
      csv(HEADER, [
        [r0.curp, r0.cct, r0.school_year, r0.term_no, 40], // an update
        [r0.curp, r0.cct, r0.school_year, r0.term_no, '101'],
        [r0.curp, r0.cct, '2001-2002', 1, 90],
        [r0.curp, r0.cct, r0.school_year, r0.term_no, 90],
      ]),
      'asistencia-errores.csv',
    );
    expect(bad.rejected).toBe(true);
    const m = messages(bad);
    expect(m).toContain('3|asistencia|101|el porcentaje debe estar entre 0 y 100');
    expect(m).toContain(
      `4|curp|${r0.curp}|el alumno no tiene inscripción en el ciclo 2001-2002, periodo 1: importe primero las inscripciones`,
    );
    expect(m).toContain(`5|curp|${r0.curp}|fila repetida: la misma clave aparece en la línea 2`);
    expect(bad.issueCount).toBe(3);
    const still = await store()
      .db.selectFrom('enrollments')
      .select('attendance_pct')
      .where('id', '=', r0.id)
      .executeTakeFirstOrThrow();
    expect(still.attendance_pct).toBe(pct(r0.attendance_pct));

    // An enrollments file is not an attendance file, although it has all of its columns.
    const wrong = await importRecords(
      store(),
      'attendance',
      csv(
        'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,modulos_reprobados,asistencia,estatus_final',
        [[r0.curp, r0.cct, 'X', r0.school_year, r0.term_no, 1, '101', 1, 0, 90, 'concluido']],
      ),
      'inscripciones.csv',
    );
    expect(messages(wrong)).toEqual([
      '1|||el encabezado corresponde a un archivo de inscripciones (enrollments), no de asistencia por periodo (attendance)',
    ]);
  });

  it('programs: new and renamed programs by code; national users only', async () => {
    const HEADER = 'clave_carrera,nombre,area';
    const programs = await store()
      .db.selectFrom('programs')
      .select(['code', 'name', 'area'])
      .orderBy('code')
      .execute();
    const rows = [
      ...programs.map((p) => [p.code, p.name, p.area]),
      ['zzz-nueva', 'Carrera   nueva', 'Salud'],
    ];
    const first = await importRecords(store(), 'programs', csv(HEADER, rows), 'carreras.csv');
    expect(first.rejected, messages(first).join('\n')).toBe(false);
    expect(counts(first)).toEqual([1, 0, programs.length]);
    const added = await store()
      .db.selectFrom('programs')
      .select(['name', 'area'])
      .where('code', '=', 'ZZZ-NUEVA')
      .executeTakeFirstOrThrow();
    expect(added).toEqual({ name: 'Carrera nueva', area: 'Salud' });
    const again = await importRecords(store(), 'programs', csv(HEADER, rows), 'carreras.csv');
    expect(counts(again)).toEqual([0, 0, programs.length + 1]);

    const before = await tableSum(store(), 'programs');
    const bad = await importRecords(
      store(),
      'programs',
      csv(HEADER, [
        ['ZZZ-NUEVA', 'Otro nombre', 'Salud'],
        ['zzz-nueva', 'Carrera nueva', ''],
        ['', 'X', 'Y'],
      ]),
      'carreras-errores.csv',
    );
    expect(messages(bad)).toEqual(['3|area||falta el valor', '4|clave_carrera||falta el valor']);
    const scoped = await importRecords(store(), 'programs', csv(HEADER, rows), 'carreras.csv', {
      campusScope: new Set([1]),
    });
    expect(messages(scoped)).toEqual([
      '1|||solo un usuario con alcance nacional puede importar el catálogo de carreras',
    ]);
    expect(await tableSum(store(), 'programs')).toBe(before);
  });

  it('writes templates for the new kinds with their headers and closed lists', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await importTemplate(store().db, 'interventions')) as never);
    const header = (wb.getWorksheet('Datos')?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'curp',
      'cct',
      'ciclo_escolar',
      'periodo',
      'tipo',
      'fecha_inicio',
      'fecha_fin',
      'sesiones',
      'resultado',
      'notas',
    ]);
    // "Claves válidas": one list under another; the "tipo" list's title, its header, then its keys.
    const codes = wb.getWorksheet('Claves válidas');
    let title = 0;
    codes?.eachRow((row, n) => {
      if (row.getCell(1).value === 'tipo' && title === 0) title = n;
    });
    const kinds = [2, 3, 4, 5, 6, 7, 8].map((r) => codes?.getRow(title + r).getCell(1).value);
    expect(kinds).toEqual([
      'tutoria',
      'orientacion',
      'nivelacion',
      'laboratorio_virtual',
      'contacto_con_la_familia',
      'seguimiento_de_beca',
      'canalizacion',
    ]);
    for (const kind of ['scholarship-payments', 'certifications', 'attendance', 'programs'] as const) {
      const buf = await importTemplate(store().db, kind);
      expect(buf.subarray(0, 2).toString()).toBe('PK');
    }
  });
});
