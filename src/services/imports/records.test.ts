import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { curpCheckDigit } from '../../domain/identifiers.js';
import type { Store } from '../../storage/db.js';
import {
  csvLines as csv,
  describeImports,
  issueLines,
  moduleResultRows,
} from '../../test-support/import-harness.js';
import { importRecords, type RecordImportSummary } from './records.js';
import { reportCsv, reportXlsx } from './report.js';

const MR_HEADER =
  'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion';

/** The module results of term 1 of a few students, as a campus system exports them. */
const exportModuleResults = (store: Store, limit: number) =>
  moduleResultRows(store, { limit, termOne: true });

type Exported = Awaited<ReturnType<typeof exportModuleResults>>[number];
const lineOf = (r: Exported, grade = r.grade) =>
  [
    r.curp,
    r.cct,
    r.school_year,
    r.term_no,
    r.code,
    grade,
    r.attendance_pct,
    r.regularization_grade ?? '',
  ].join(',');

/** Every row of the tables an import may write, for "the database did not change". */
async function snapshot(store: Store): Promise<string> {
  const tables = [
    'module_results',
    'enrollments',
    'students',
    'student_identities',
    'status_events',
  ] as const;
  const parts: unknown[] = [];
  for (const t of tables) {
    const r = await sql<{
      n: number;
      s: number;
    }>`select count(*) as n, sum(${sql.ref(t === 'students' ? 'id' : 'student_id')}) as s from ${sql.table(t)}`.execute(
      store.db,
    );
    parts.push(r.rows[0]);
  }
  const grades = await sql<{ g: number }>`select sum(grade) as g from module_results`.execute(store.db);
  const runs = await sql<{ n: number }>`select count(*) as n from import_runs`.execute(store.db);
  return JSON.stringify([parts, grades.rows[0], runs.rows[0]]);
}

/** A valid CURP (format and check digit) that the demo does not use. */
function freshCurp(seq: number): string {
  const first17 = `ZUXA08051${seq % 10}MDFRRR${String.fromCharCode(65 + (seq % 26))}`;
  return first17 + curpCheckDigit(first17);
}

const messages = (s: RecordImportSummary) => issueLines(s, false);

describeImports('record imports', 7, ({ store }) => {
  let rows: Exported[];
  beforeAll(async () => {
    rows = await exportModuleResults(store(), 300);
    // The rows the file brings back are removed, as if the campus had not sent them yet.
    await store()
      .db.deleteFrom('module_results')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }, 120_000);

  it('imports module results, then the same file again changes nothing (idempotent)', async () => {
    const file = csv([MR_HEADER, ...rows.map((r) => lineOf(r))]);
    const first = await importRecords(store(), 'module-results', file, 'calificaciones.csv');
    expect(first.rejected, messages(first).join('\n')).toBe(false);
    expect([first.inserted, first.updated, first.unchanged]).toEqual([rows.length, 0, 0]);
    const back = await store()
      .db.selectFrom('module_results')
      .select(['student_id', 'module_id', 'grade', 'passed'])
      .where(
        'student_id',
        'in',
        rows.map((r) => r.student_id),
      )
      .where('term_no', '=', 1)
      .execute();
    for (const r of rows) {
      const b = back.find((x) => x.student_id === r.student_id && x.module_id === r.module_id);
      expect(b?.grade).toBeCloseTo(r.grade, 5);
      expect(b?.passed).toBe(r.grade >= 6 ? 1 : 0);
    }
    const before = await snapshot(store());
    const second = await importRecords(store(), 'module-results', file, 'calificaciones.csv');
    expect([second.inserted, second.updated, second.unchanged]).toEqual([0, 0, rows.length]);
    // Only the provenance row of the second run was added.
    const parts = (text: string) => (JSON.parse(text) as unknown[])[0];
    expect(parts(await snapshot(store()))).toEqual(parts(before));
  });

  it('counts a changed grade as an update and writes it', async () => {
    const r = rows[0] as Exported;
    const grade = r.grade >= 9 ? 5.5 : r.grade + 1;
    const s = await importRecords(store(), 'module-results', csv([MR_HEADER, lineOf(r, grade)]), 'fix.csv');
    expect([s.inserted, s.updated, s.unchanged]).toEqual([0, 1, 0]);
    const g = await store()
      .db.selectFrom('module_results')
      .select(['grade', 'passed'])
      .where('student_id', '=', r.student_id)
      .where('module_id', '=', r.module_id)
      .where('school_year', '=', r.school_year)
      .where('term_no', '=', 1)
      .executeTakeFirstOrThrow();
    expect(g.grade).toBeCloseTo(grade, 5);
    expect(g.passed).toBe(grade >= 6 ? 1 : 0);
  });

  it('rejects a file with bad rows as a whole, naming each problem in Spanish', async () => {
    const [a, b, c] = rows as [Exported, Exported, Exported];
    const badCheck = `${a.curp.slice(0, 17)}${(Number(a.curp.charAt(17)) + 1) % 10}`;
    const before = await snapshot(store());
    const s = await importRecords(
      store(),
      'module-results',
      csv([
        MR_HEADER,
        lineOf(a, 7), // would be an update
        lineOf(b, 11),
        lineOf({ ...c, curp: badCheck }),
        lineOf({ ...c, cct: '09DPT9999Z' }),
        lineOf(c),
        lineOf(c),
        lineOf({ ...c, code: 'NO-EXISTE' }),
        lineOf({ ...c, school_year: '2025-2027' }),
        lineOf({ ...c, curp: freshCurp(1) }),
      ]),
      'errores.csv',
    );
    expect(s.rejected).toBe(true);
    const m = messages(s);
    expect(m).toContain('3|calificacion|la calificación debe estar entre 0 y 10');
    expect(m.some((x) => x.startsWith('4|curp|CURP inválida: dígito verificador incorrecto'))).toBe(true);
    expect(m).toContain('5|cct|no existe un plantel con esta CCT');
    expect(m).toContain('7|clave_modulo|fila repetida: la misma clave aparece en la línea 6');
    expect(m).toContain('8|clave_modulo|no existe un módulo con esta clave');
    expect(m.some((x) => x.startsWith('9|ciclo_escolar|ciclo escolar inválido'))).toBe(true);
    expect(m).toContain('10|curp|no hay un alumno con esta CURP: importe primero el archivo de alumnos');
    expect(s.issueCount).toBe(7);
    expect(await snapshot(store())).toBe(before);
    // The report, as CSV (BOM, Spanish header) and as XLSX.
    const report = reportCsv(s).toString('utf8');
    expect(report.startsWith('\ufeffarchivo,línea,columna,valor,mensaje\r\n')).toBe(true);
    expect(report).toContain('errores.csv,3,calificacion,11,la calificación debe estar entre 0 y 10');
    expect((await reportXlsx(s)).subarray(0, 2).toString()).toBe('PK');
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const r = rows[1] as Exported;
    const before = await snapshot(store());
    const s = await importRecords(store(), 'module-results', csv([MR_HEADER, lineOf(r, 3.5)]), 'x.csv', {
      dryRun: true,
    });
    expect([s.rejected, s.updated, s.runId]).toEqual([false, 1, null]);
    expect(await snapshot(store())).toBe(before);
  });

  it('rejects empty, header-only, wrong-kind, over-size and binary files with a clear message', async () => {
    const before = await snapshot(store());
    const cases: [ReturnType<typeof csv>, string, number?][] = [
      [{ bytes: Buffer.alloc(0) }, 'el archivo está vacío'],
      [csv([MR_HEADER]), 'el archivo no tiene filas de datos'],
      [
        csv([
          'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,modulos_reprobados,asistencia,estatus_final',
        ]),
        'el encabezado corresponde a un archivo de inscripciones',
      ],
      [csv(['nombre,edad', 'a,1']), 'faltan columnas obligatorias: curp, cct'],
      [{ bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) }, 'libro de Excel'],
      [{ bytes: Buffer.from('\xff\xfec\x00u\x00', 'latin1') }, 'UTF-16'],
    ];
    for (const [file, text] of cases) {
      const s = await importRecords(store(), 'module-results', file, 'f.csv');
      expect(s.rejected).toBe(true);
      expect(s.issues.map((i) => i.message).join(' | ')).toContain(text);
    }
    await expect(
      importRecords(store(), 'module-results', csv([MR_HEADER, lineOf(rows[0] as Exported)]), 'big.csv', {
        maxBytes: 10,
      }),
    ).rejects.toThrow(/pesa .* el máximo es/);
    expect(await snapshot(store())).toBe(before);
  });

  it('a campus user can import only rows of their campus', async () => {
    const r = rows[0] as Exported;
    const s = await importRecords(store(), 'module-results', csv([MR_HEADER, lineOf(r)]), 'x.csv', {
      campusScope: new Set([-1]),
    });
    expect(messages(s)).toContain('2|cct|solo puede importar filas de su plantel');
  });

  it('imports students (names only in student_identities), idempotently; checks CURP against sex and birth date', async () => {
    const c = await store().db.selectFrom('campuses').select('cct').orderBy('id').executeTakeFirstOrThrow();
    const p = await store().db.selectFrom('programs').select('code').orderBy('id').executeTakeFirstOrThrow();
    const header =
      'curp,nombre,primer_apellido,segundo_apellido,sexo,fecha_nacimiento,cct,clave_carrera,anio_ingreso';
    const good = [
      freshCurp(2),
      'María José',
      'Zúñiga',
      'Xolalpa',
      'M',
      '2008-05-12',
      c.cct,
      p.code,
      '2024',
    ].join(',');
    const first = await importRecords(store(), 'students', csv([header, good]), 'alumnos.csv');
    expect(first.rejected, messages(first).join('\n')).toBe(false);
    expect(first.inserted).toBe(1);
    const ident = await store()
      .db.selectFrom('student_identities')
      .selectAll()
      .where('curp', '=', freshCurp(2))
      .executeTakeFirstOrThrow();
    expect(ident.search_key).toBe('ZUÑIGA XOLALPA MARIA JOSE');
    const student = await store()
      .db.selectFrom('students')
      .selectAll()
      .where('id', '=', ident.student_id)
      .executeTakeFirstOrThrow();
    expect([student.sex, student.birth_date, student.entry_year]).toEqual(['M', '2008-05-12', 2024]);
    const again = await importRecords(store(), 'students', csv([header, good]), 'alumnos.csv');
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 1]);
    const bad = [freshCurp(3), 'Ana', 'Ruiz', '', 'H', '2008-05-13', c.cct, p.code, '2024'].join(',');
    const s = await importRecords(store(), 'students', csv([header, bad]), 'alumnos.csv');
    expect(messages(s)).toContain('2|sexo|el sexo no coincide con la CURP (M)');
  });

  it('rejects impossible trajectories: a skipped semester, graduation without semester 6', async () => {
    const e = await store()
      .db.selectFrom('enrollments as e')
      .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .innerJoin('programs as p', 'p.id', 'e.program_id')
      .innerJoin('students as s', 's.id', 'e.student_id')
      .select(['i.curp', 'c.cct', 'p.code', 'e.school_year', 'e.term_no', 'e.semester'])
      .where('e.semester', '<=', 3)
      .where('e.end_status', '=', 'completed')
      .whereRef('e.school_year', '=', 's.last_school_year')
      .whereRef('e.term_no', '=', 's.last_term_no')
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    const nextYear =
      e.term_no === 2
        ? `${Number(e.school_year.slice(5))}-${Number(e.school_year.slice(5)) + 1}`
        : e.school_year;
    const nextTerm = e.term_no === 2 ? 1 : 2;
    const header =
      'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,modulos_reprobados,asistencia,estatus_final';
    const skipped = e.semester + 3; // same parity as the next term's semester + 2
    const s = await importRecords(
      store(),
      'enrollments',
      csv([
        header,
        [e.curp, e.cct, e.code, nextYear, nextTerm, skipped, '301', 0, 0, 90, 'concluido'].join(','),
      ]),
      'inscripciones.csv',
    );
    expect(messages(s).join('\n')).toContain('semestre saltado');
    const events = await importRecords(
      store(),
      'status-events',
      csv([
        'curp,cct,ciclo_escolar,periodo,fecha,evento',
        [e.curp, e.cct, nextYear, nextTerm, '2030-07-10', 'egreso'].join(','),
      ]),
      'eventos.csv',
    );
    expect(messages(events)).toContain(
      '2|evento|trayectoria imposible: egreso sin haber cursado el 6.º semestre',
    );
    // The correct next enrollment imports, updates the student's latest enrollment, and refreshes flow counts.
    const okRow = [e.curp, e.cct, e.code, nextYear, nextTerm, e.semester + 1, '301', 0, 0, 90, 'concluido'];
    const good = await importRecords(
      store(),
      'enrollments',
      csv([header, okRow.join(',')]),
      'inscripciones.csv',
    );
    expect(good.rejected, messages(good).join('\n')).toBe(false);
    expect(good.inserted).toBe(1);
    expect(good.refreshedYears).toEqual([nextYear]);
  });
});
