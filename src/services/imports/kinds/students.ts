/**
 * Students: key CURP. The student row holds no name or CURP: those go to student_identities only. Sex and
 * birth date come from the CURP (a column that disagrees is refused); the campus and program of an existing
 * student follow their enrollments, the file may fix the entry.
 */
import { curpBirthDate, type Curp } from '../../../domain/identifiers.js';
import { searchKey } from '../../../domain/names.js';
import { tableWriter, type TableWriter } from '../../../storage/import-writes.js';
import { identitiesOf, studentsByIds, updateIdentity } from '../../../storage/imports/record-queries.js';
import type { HandlerContext, ParsedRow } from './context.js';
import { campusOf, defineKind, firstTime, num, programOf, rowIssue, str, type Cells } from './shared.js';

/** A students row whose CURP belongs to a student outside the importer's scope. */
export const OUT_OF_SCOPE_STUDENT =
  'la CURP ya está registrada en un plantel fuera de su alcance: si el alumno viene de otro plantel, solicite su traslado';

/** Whether the sex, birth date and entry year of a row agree with its CURP; an issue when not. */
function agreesWithCurp(ctx: HandlerContext, row: ParsedRow, sex: string, birth: string): boolean {
  if (row.v.sex !== null && row.v.sex !== sex) {
    rowIssue(ctx, row, 'sexo', str(row.v.sex), `el sexo no coincide con la CURP (${sex})`);
    return false;
  }
  if (row.v.birth_date !== null && row.v.birth_date !== birth) {
    rowIssue(
      ctx,
      row,
      'fecha_nacimiento',
      str(row.v.birth_date),
      `la fecha de nacimiento no coincide con la CURP (${birth})`,
    );
    return false;
  }
  const entryYear = num(row.v.entry_year);
  if (entryYear < Number(birth.slice(0, 4)) + 12) {
    rowIssue(
      ctx,
      row,
      'anio_ingreso',
      String(entryYear),
      'el año de ingreso es anterior a los 12 años de edad del alumno',
    );
    return false;
  }
  return true;
}

/** The stored values an update of a student changes, for a dry run's listing (names without their values). */
function noteStudentChanges(
  ctx: HandlerContext,
  line: number,
  old: Readonly<Record<string, unknown>> & { readonly id: number },
  ident: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, string | number>>,
): void {
  if (!ctx.changeLog) return;
  for (const [column, after] of Object.entries(next)) {
    const before = column in old ? old[column] : ident[column];
    if (before !== after) ctx.changeLog.note(old.id, line, column, before, after);
  }
}

interface StudentState {
  readonly identities: TableWriter;
  /** New identities of the batch (written after their students). */
  readonly newIdentities: Cells[];
}

export const students = defineKind<StudentState>({
  table: 'students',
  columns: [
    ['id', 'int'],
    ['sex', 'text'],
    ['birth_date', 'text'],
    ['entry_year', 'int'],
    ['entry_campus_id', 'int'],
    ['campus_id', 'int'],
    ['program_id', 'int'],
  ],
  setup: (ctx) =>
    Promise.resolve({
      identities: tableWriter(ctx.store, ctx.trx, 'student_identities', [
        ['student_id', 'int'],
        ['campus_id', 'int'],
        ['curp', 'text'],
        ['given_names', 'text'],
        ['first_surname', 'text'],
        ['second_surname', 'text'],
        ['search_key', 'text'],
      ]),
      newIdentities: [],
    }),
  async rows(ctx, st, rows, b) {
    const olds = new Map((await studentsByIds(ctx.trx, b.ids)).map((s) => [s.id, s]));
    const idents = new Map((await identitiesOf(ctx.trx, b.ids)).map((s) => [s.student_id, s]));
    for (const row of rows) {
      const curp = str(row.v.curp) as Curp;
      const campusId = campusOf(ctx, st.cat, row);
      const programId = programOf(ctx, st.cat, row);
      const sex = curp.charAt(10) === 'M' ? 'M' : 'H';
      const birth = curpBirthDate(curp);
      if (!agreesWithCurp(ctx, row, sex, birth)) continue;
      const entryYear = num(row.v.entry_year);
      if (campusId === null || programId === undefined) continue;
      if (ctx.hidden.has(curp)) {
        // The CURP is unique in the country: a student registered elsewhere comes by transfer, not by a new
        // registration. Nothing of the other record is told (no name, campus or history).
        rowIssue(ctx, row, 'curp', curp, OUT_OF_SCOPE_STUDENT);
        continue;
      }
      const oldId = b.byCurp.get(curp) ?? null;
      if (!firstTime(ctx, st, row, curp, oldId, ['curp', curp])) continue;
      const old = oldId === null ? undefined : olds.get(oldId);
      const ident = oldId === null ? undefined : idents.get(oldId);
      const names = {
        given_names: str(row.v.given_names),
        first_surname: str(row.v.first_surname),
        // An absent segundo_apellido column keeps the stored one; an empty cell clears it.
        second_surname:
          ident && ctx.absent.has('second_surname')
            ? ident.second_surname
            : row.v.second_surname === null
              ? ''
              : str(row.v.second_surname),
      };
      const search = searchKey(`${names.first_surname} ${names.second_surname} ${names.given_names}`);
      if (!old || !ident) {
        ctx.counts.inserted++;
        const id = st.base + row.line;
        ctx.changed.add(id);
        b.inserts.push([id, sex, birth, entryYear, campusId, campusId, programId]);
        ctx.touched.add('student_identities', null, campusId);
        st.newIdentities.push([
          id,
          campusId,
          curp,
          names.given_names,
          names.first_surname,
          names.second_surname,
          search,
        ]);
        continue;
      }
      const studentChanges = old.entry_year !== entryYear || old.entry_campus_id !== campusId;
      const identChanges =
        ident.given_names !== names.given_names ||
        ident.first_surname !== names.first_surname ||
        ident.second_surname !== names.second_surname;
      if (!studentChanges && !identChanges) {
        ctx.counts.unchanged++;
        continue;
      }
      ctx.counts.updated++;
      ctx.changed.add(old.id);
      noteStudentChanges(ctx, row.line, old, ident, {
        entry_year: entryYear,
        entry_campus_id: campusId,
        ...names,
      });
      if (identChanges) {
        ctx.identityChanges.push({
          studentId: old.id,
          before: {
            given_names: ident.given_names,
            first_surname: ident.first_surname,
            second_surname: ident.second_surname,
          },
          after: names,
        });
      }
      if (studentChanges) b.update('students', old, { entry_year: entryYear, entry_campus_id: campusId });
      if (identChanges) {
        ctx.touched.add('student_identities', null, old.campus_id);
        b.queue(updateIdentity(ctx.trx, old.id, { ...names, search_key: search }));
      }
    }
  },
  async write(_ctx, st, b) {
    await st.writer?.insert(b.inserts);
    await st.identities.insert(st.newIdentities.splice(0));
  },
});
