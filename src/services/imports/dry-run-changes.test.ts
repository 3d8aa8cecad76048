/**
 * A dry run lists every stored value the import would change (issue 12: "imports never change a number
 * silently"): pseudonymous student id, line, field, before and after; capped, with the total. Names are
 * listed as changed, never shown.
 */
import { beforeAll, expect, it } from 'vitest';
import {
  lastModuleResultsYear,
  TERM_HEADER,
  termLine,
  termRows,
  type TermRow,
} from '../../test-support/module-results-term.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemo } from '../operations/index.js';
import { pseudonymizer } from '../accounts/index.js';
import { importRecords } from './records.js';

const csv = (lines: readonly string[]) => ({ bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8') });
const pseudonyms = pseudonymizer('dry-run-test-secret');

/** The line of `r` with another grade and regularization grade ('' for none). */
const line = (r: TermRow, grade: number, regularization: string) =>
  termLine({ ...r, grade, regularization_grade: regularization === '' ? null : Number(regularization) });

describeEachDialect('imports: a dry run lists the values it would change', ({ store }) => {
  let rows: TermRow[];
  beforeAll(async () => {
    await loadDemo(store(), { seed: 9, scale: 0.003, force: false });
    // Three passing grades from 7 to 9 of the last term with module results.
    const year = await lastModuleResultsYear(store());
    rows = (await termRows(store(), year)).filter((r) => r.grade >= 7 && r.grade <= 9).slice(0, 3);
    expect(rows).toHaveLength(3);
    // A regularization grade stored on the second row, to be cleared by an empty cell.
    const set = await importRecords(
      store(),
      'module-results',
      csv([TERM_HEADER, ...rows.map((r, i) => line(r, r.grade, i === 1 ? '7.5' : ''))]),
      'con-regularizacion.csv',
    );
    expect(set.issues).toEqual([]);
  }, 120_000);

  it('changed grade and a cleared regularization grade: before → after, by pseudonymous id', async () => {
    const [a, b, c] = rows as [TermRow, TermRow, TermRow];
    const changed = a.grade === 9.5 ? 9.25 : 9.5;
    const dry = await importRecords(
      store(),
      'module-results',
      csv([TERM_HEADER, line(a, changed, ''), line(b, b.grade, ''), line(c, c.grade, '')]),
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
      csv([TERM_HEADER, line(a, changed, ''), line(b, b.grade, ''), line(c, c.grade, '')]),
      'cambios.csv',
      { dryRun: true, pseudonyms },
    );
    expect(again.changes).toEqual(dry.changes);
    // A grade across the passing line changes "aprobado" too.
    const fail = await importRecords(store(), 'module-results', csv([TERM_HEADER, line(a, 5, '')]), 'r.csv', {
      dryRun: true,
      pseudonyms,
    });
    expect(fail.changes.items.map((x) => [x.field, x.before, x.after])).toEqual([
      ['calificacion', a.grade, 5],
      ['aprobado', 1, 0],
    ]);
  });

  it('caps the listing and gives the total; a real import lists nothing', async () => {
    const file = csv([TERM_HEADER, ...rows.map((r) => line(r, r.grade === 9.5 ? 9.25 : 9.5, ''))]);
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
