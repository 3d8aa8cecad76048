/**
 * A table of facts about students keyed by the student and a natural key within them (scholarship payments,
 * interventions, certifications), in one handler: rows whose campus or student is unknown, or whose student
 * is not at that campus, are refused; a key met again in the file is a duplicate naming the first line; an
 * existing row with the key is updated when something changed; anything else is inserted.
 */
import type { ColumnType } from '../../../storage/import-writes.js';
import { campusesOfStudents } from '../../../storage/imports/record-queries.js';
import type { HandlerContext, ParsedRow, RecordHandler } from './context.js';
import { belongsTo, byStudent, enrolledAt, termEnrollments } from './presence.js';
import { campusOf, classify, defineKind, firstTime, studentOf, type Cells } from './shared.js';

export interface KeyedSpec<R extends { id: number; student_id: number }, N extends Partial<R>, B> {
  readonly table: 'scholarship_payments' | 'interventions' | 'certifications';
  readonly columns: readonly (readonly [string, ColumnType])[];
  /** These students' existing rows. */
  existing(ctx: HandlerContext, ids: number[]): Promise<R[]>;
  /** 'term': enrolled at the campus in the row's term; 'ever': at the campus at some time. */
  readonly presence: 'term' | 'ever';
  /** Facts the checks need, read once per batch. */
  prepare?(ctx: HandlerContext, ids: readonly number[]): Promise<B>;
  /** Further checks: reports the problem and answers false. */
  check?(ctx: HandlerContext, row: ParsedRow, studentId: number, batch: B): boolean;
  /** The key within the student, and whether an existing row has it. */
  key(row: ParsedRow): string;
  same(old: R, row: ParsedRow): boolean;
  /** The column and value a duplicate is reported on. */
  duplicateAt(row: ParsedRow): readonly [string, string];
  /** The values compared with (and written to) an existing row. */
  next(ctx: HandlerContext, row: ParsedRow, campusId: number): N;
  /** A new row, in the order of `columns`. */
  insert(
    ctx: HandlerContext,
    row: ParsedRow,
    ids: { readonly id: number; readonly studentId: number; readonly campusId: number },
    next: N,
  ): Cells;
  /** Columns set besides the changes when a row is updated. */
  touched?(ctx: HandlerContext): Record<string, string>;
}

const CHUNK = 1000;

export function keyedHandler<
  R extends { id: number; student_id: number },
  N extends Partial<R>,
  B = undefined,
>(spec: KeyedSpec<R, N, B>): RecordHandler<never> {
  return defineKind({
    table: spec.table,
    columns: spec.columns,
    async rows(ctx, st, rows, b) {
      const enrolled = spec.presence === 'term' ? await termEnrollments(ctx, b.terms) : null;
      const campuses = spec.presence === 'ever' ? await campusesOfStudents(ctx.trx, ctx.store, b.ids) : null;
      const found: R[] = [];
      for (let i = 0; i < b.ids.length; i += CHUNK)
        found.push(...(await spec.existing(ctx, b.ids.slice(i, i + CHUNK))));
      const existing = byStudent(found);
      const batch = (spec.prepare ? await spec.prepare(ctx, b.ids) : undefined) as B;
      for (const row of rows) {
        const campusId = campusOf(ctx, st.cat, row);
        const studentId = studentOf(ctx, b.byCurp, row);
        if (campusId === null || studentId === null) continue;
        const present = enrolled
          ? enrolledAt(ctx, row, enrolled, studentId, campusId) !== null
          : belongsTo(ctx, row, campuses ?? new Map<number, Set<number>>(), studentId, campusId);
        if (!present || (spec.check && !spec.check(ctx, row, studentId, batch))) continue;
        const old = (existing.get(studentId) ?? []).find((r) => spec.same(r, row));
        const key = `${studentId}|${spec.key(row)}`;
        if (!firstTime(ctx, st, row, key, old ? old.id : null, spec.duplicateAt(row))) continue;
        const next = spec.next(ctx, row, campusId);
        classify(
          ctx,
          old,
          next,
          (changes) => {
            if (old) b.update(spec.table, old, { ...changes, ...spec.touched?.(ctx) });
          },
          () => b.inserts.push(spec.insert(ctx, row, { id: st.base + row.line, studentId, campusId }, next)),
          studentId,
          row.line,
        );
      }
    },
  });
}
