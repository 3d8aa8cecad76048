/**
 * A dry run lists every stored value the import would change (issue 12: "imports never change a number
 * silently"): pseudonymous student id, line, field, before and after; capped, with the total. Names are
 * listed as changed, never shown.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../storage/db.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemo } from '../operations/index.js';
import { pseudonymizer } from '../accounts/index.js';
import { importRecords } from './records.js';

const csv = (lines: readonly string[]) => ({ bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8') });
const HEADER =
  'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion';
const pseudonyms = pseudonymizer('dry-run-test-secret');

async function moduleResults(store: Store, limit: number) {
  return store.db
    .selectFrom('module_results as r')
    .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
    .innerJoin('campuses as c', 'c.id', 'r.campus_id')
    .innerJoin('modules as m', 'm.id', 'r.module_id')
    .select([
      'r.id',
      'r.student_id',
      'i.curp',
      'c.cct',
      'r.school_year',
      'r.term_no',
      'm.code',
      'r.grade',
      'r.attendance_pct',
    ])
    .where('r.grade', '>=', 7)
    .where('r.grade', '<=', 9)
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

type Result = Awaited<ReturnType<typeof moduleResults>>[number];
const line = (r: Result, grade: number, regularization: string) =>
  [r.curp, r.cct, r.school_year, r.term_no, r.code, grade, r.attendance_pct, regularization].join(',');

describeEachDialect('imports: a dry run lists the values it would change', ({ store }) => {
  let rows: Result[];
  beforeAll(async () => {
    await loadDemo(store(), { seed: 9, scale: 0.003, force: false });
    rows = await moduleResults(store(), 3);
    // A regularization grade stored on the second row, to be cleared by an empty cell.
    const set = await importRecords(
      store(),
      'module-results',
      csv([HEADER, ...rows.map((r, i) => line(r, r.grade, i === 1 ? '7.5' : ''))]),
      'con-regularizacion.csv',
    );
    expect(set.issues).toEqual([]);
  }, 120_000);

  it('changed grade and a cleared regularization grade: before → after, by pseudonymous id', async () => {
    const [a, b, c] = rows as [Result, Result, Result];
    const changed = a.grade === 9.5 ? 9.25 : 9.5;
    const dry = await importRecords(
      store(),
      'module-results',
      csv([HEADER, line(a, changed, ''), line(b, b.grade, ''), line(c, c.grade, '')]),
      'cambios.csv',
      { dryRun: true, pseudonyms },
    );
    expect(dry.issues).toEqual([]);
    expect([dry.updated, dry.unchanged]).toEqual([2, 1]);
    expect(dry.changes.total).toBe(2);
    expect(dry.changes.items).toEqual([
      {
        student: pseudonyms.toPseudonym(a.student_id),
        line: 2,
        field: 'calificacion',
        before: a.grade,
        after: changed,
      },
      {
        student: pseudonyms.toPseudonym(b.student_id),
        line: 3,
        field: 'calificacion_regularizacion',
        before: 7.5,
        after: null,
      },
    ]);
    // Nothing was written: the same dry run again lists the same changes.
    const again = await importRecords(
      store(),
      'module-results',
      csv([HEADER, line(a, changed, ''), line(b, b.grade, ''), line(c, c.grade, '')]),
      'cambios.csv',
      { dryRun: true, pseudonyms },
    );
    expect(again.changes).toEqual(dry.changes);
    // A grade across the passing line changes "aprobado" too.
    const fail = await importRecords(store(), 'module-results', csv([HEADER, line(a, 5, '')]), 'r.csv', {
      dryRun: true,
      pseudonyms,
    });
    expect(fail.changes.items.map((x) => [x.field, x.before, x.after])).toEqual([
      ['calificacion', a.grade, 5],
      ['aprobado', 1, 0],
    ]);
  });

  it('caps the listing and gives the total; a real import lists nothing', async () => {
    const file = csv([HEADER, ...rows.map((r) => line(r, r.grade === 9.5 ? 9.25 : 9.5, ''))]);
    const capped = await importRecords(store(), 'module-results', file, 'c.csv', {
      dryRun: true,
      pseudonyms,
      maxChangesListed: 2,
    });
    expect(capped.changes.total).toBeGreaterThanOrEqual(3);
    expect(capped.changes.items).toHaveLength(2);
    const real = await importRecords(store(), 'module-results', file, 'c.csv', { pseudonyms });
    expect(real.updated).toBe(3);
    expect(real.changes).toEqual({ total: 0, items: [] });
  });

  it('a changed name is listed without its values', async () => {
    const s = await store()
      .db.selectFrom('students as s')
      .innerJoin('student_identities as i', 'i.student_id', 's.id')
      .innerJoin('campuses as c', 'c.id', 's.entry_campus_id')
      .innerJoin('programs as p', 'p.id', 's.program_id')
      .select([
        's.id',
        'i.curp',
        'c.cct',
        'p.code',
        'i.given_names',
        'i.first_surname',
        'i.second_surname',
        's.entry_year',
      ])
      .orderBy('s.id')
      .executeTakeFirstOrThrow();
    const dry = await importRecords(
      store(),
      'students',
      csv([
        'curp,cct,clave_carrera,nombres,primer_apellido,segundo_apellido,anio_ingreso',
        [s.curp, s.cct, s.code, 'NOMBRECAMBIADO', s.first_surname, s.second_surname, s.entry_year].join(','),
      ]),
      'alumnos.csv',
      { dryRun: true, pseudonyms },
    );
    expect(dry.issues).toEqual([]);
    expect(dry.changes.items).toEqual([
      {
        student: pseudonyms.toPseudonym(s.id),
        line: 2,
        field: 'nombre',
        before: '(oculto)',
        after: '(oculto)',
      },
    ]);
    expect(JSON.stringify(dry)).not.toContain('NOMBRECAMBIADO');
    expect(JSON.stringify(dry)).not.toContain(s.given_names);
  });
});
