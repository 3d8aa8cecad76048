/**
 * The handler factory every record kind is built on (kinds/*.ts) and the checks they share. A handler's set-up
 * is written once here: the catalog of campuses and programs, the id base of new rows (largest id at the
 * start; a new row gets base + line, so a row written earlier in this import is recognised, and its line
 * named, when the same key comes again), the keys met so far, the writer of new rows; per batch, the
 * students its CURPs name within the importer's scope, the updates queued and the new rows written at its end.
 */
import type { FieldValue } from '../../../ingest/record-fields.js';
import { studentsAtByCurp } from '../../../storage/import-lookups.js';
import type { BulkValue } from '../../../storage/bulk.js';
import {
  tableUpdater,
  tableWriter,
  type ColumnType,
  type TableUpdater,
  type TableWriter,
} from '../../../storage/import-writes.js';
import { catalogKeys, maxRecordId, type RecordTable } from '../../../storage/imports/record-queries.js';
import type { HandlerContext, ParsedRow, RecordHandler } from './context.js';

export const str = (v: FieldValue | undefined): string => String(v ?? '');
export const num = (v: FieldValue | undefined): number => Number(v ?? 0);

export type Catalog = Awaited<ReturnType<typeof catalogKeys>>;
export type Cells = (string | number | null)[];

/**
 * A natural key as the tracker holds it: a number when the kind can pack its key into one (no string built per
 * row), a string otherwise.
 */
export type NaturalKey = string | number;

/**
 * Natural keys seen in this import, in memory that does not grow with the file: rows of the current batch by
 * key; rows inserted earlier by their id (base + line); existing rows matched earlier by a bit per id.
 */
export class KeyTracker {
  private readonly batch = new Map<NaturalKey, number>();
  private readonly seen: Uint8Array;
  constructor(private readonly base: number) {
    this.seen = new Uint8Array((base >> 3) + 1);
  }
  /** The line of an earlier row of this file with the same key; 0 when it is known but not its line. */
  earlier(key: NaturalKey, existingId: number | null): number | null {
    const line = this.batch.get(key);
    if (line !== undefined) return line;
    if (existingId === null) return null;
    if (existingId > this.base) return existingId - this.base;
    return (this.seen[existingId >> 3] ?? 0) & (1 << (existingId & 7)) ? 0 : null;
  }
  remember(key: NaturalKey, line: number, existingId: number | null): void {
    this.batch.set(key, line);
    if (existingId !== null && existingId <= this.base) {
      const i = existingId >> 3;
      this.seen[i] = (this.seen[i] ?? 0) | (1 << (existingId & 7));
    }
  }
  /** At the end of a batch (its new rows are written: their ids tell from now on). */
  endBatch(): void {
    this.batch.clear();
  }
}

/** A stored row as an update sees it: its id and, when the table has them, its school year and campus. */
export interface RowAt {
  readonly id: number;
  readonly school_year?: string | null;
  readonly campus_id?: number | null;
}

/** Notes an update's cells in the footprint: where the row was and where it goes (null: not known, all). */
function noteUpdate(
  ctx: HandlerContext,
  table: string,
  old: RowAt,
  changes: Readonly<Record<string, unknown>>,
) {
  const year = old.school_year ?? null;
  ctx.touched.add(table, year, old.campus_id ?? null);
  const to = changes.campus_id;
  if (to !== undefined && to !== old.campus_id)
    ctx.touched.add(table, year, typeof to === 'number' ? to : null);
}

/** Notes the cells of new rows (in the order of `columns`) in the footprint. */
function insertNoter(table: string, columns: readonly (readonly [string, ColumnType])[] | undefined) {
  const names = (columns ?? []).map(([c]) => c);
  const y = names.indexOf('school_year');
  const c = names.indexOf('campus_id');
  return (ctx: HandlerContext, rows: readonly Cells[]) => {
    for (const r of rows) {
      const year = y >= 0 ? r[y] : null;
      const campus = c >= 0 ? r[c] : null;
      ctx.touched.add(
        table,
        typeof year === 'string' ? year : null,
        typeof campus === 'number' ? campus : null,
      );
    }
  };
}

/** Notes the students (and identity rows) a placement refresh wrote, by campus before and after. */
export function notePlacement(ctx: HandlerContext, campuses: ReadonlySet<number>): void {
  for (const c of campuses) {
    ctx.touched.add('students', null, c);
    ctx.touched.add('student_identities', null, c);
  }
}

/** What every handler starts from. */
export interface BaseState {
  readonly cat: Catalog;
  readonly base: number;
  readonly keys: KeyTracker;
  /** Writes new rows (null: the kind inserts nothing). */
  readonly writer: TableWriter | null;
  /** Batched updates by table (made when first needed, kept for the import: prepared statements). */
  readonly updaters: Map<RecordTable, TableUpdater>;
}

/** A batch's updates of one table that set the same columns: each row its id, then the values. */
interface UpdateGroup {
  readonly table: RecordTable;
  readonly columns: readonly string[];
  readonly rows: BulkValue[][];
}

/** One batch: the students its CURPs name, the updates it queued and the rows it inserts. */
export interface Batch {
  /** CURP → student id, within the importer's scope only (the others go to ctx.hidden). */
  readonly byCurp: Map<string, number>;
  /** The distinct students of the batch. */
  readonly ids: number[];
  /** The batch's (school year, term) pairs with their students (computed once, when first asked). */
  readonly terms: readonly TermStudents[];
  /** Student id → current campus. */
  readonly campusNow: Map<number, number>;
  /** New rows, in the order of the kind's columns. */
  readonly inserts: Cells[];
  /**
   * Queues an update of one row (written at the end of the batch, with the batch's other updates of the same
   * columns in one statement); its school year and campus before and after go to the footprint (ctx.touched).
   */
  update(table: RecordTable, old: RowAt, changes: Readonly<Record<string, unknown>>): void;
  /** Queues another write (awaited at the end of the batch). */
  queue(write: Promise<void>): void;
}

export interface KindSpec<X extends object> {
  /** The table whose ids number new rows (and that the writer fills). */
  readonly table: RecordTable;
  readonly refreshesFlowCounts?: boolean;
  /** The columns of new rows, in order; absent when the kind inserts nothing. */
  readonly columns?: readonly (readonly [string, ColumnType])[];
  /** Whether rows name a student by CURP (every kind but programs). */
  readonly students?: boolean;
  /** Further state of the kind, set up once per import. */
  setup?(ctx: HandlerContext): Promise<X>;
  /** Checks and plans a batch's rows. */
  rows(ctx: HandlerContext, st: BaseState & X, rows: readonly ParsedRow[], b: Batch): Promise<void>;
  /** Writes the batch's new rows (default: the writer inserts b.inserts). */
  write?(ctx: HandlerContext, st: BaseState & X, b: Batch): Promise<void>;
  finish?(ctx: HandlerContext, st: BaseState & X): Promise<void>;
  /** Writes still in flight: awaited before each batch's lookups and after the last batch. */
  drain?(st: BaseState & X): Promise<void>;
}

/** A record kind's handler from its spec: the set-up, the batch frame and the writes, the same for all. */
export function defineKind<X extends object = object>(spec: KindSpec<X>): RecordHandler<never> {
  const noteInserts = insertNoter(spec.table, spec.columns);
  const handler: RecordHandler<BaseState & X> = {
    refreshesFlowCounts: spec.refreshesFlowCounts ?? false,
    async begin(ctx) {
      const base = await maxRecordId(ctx.trx, spec.table);
      const own = spec.setup ? await spec.setup(ctx) : ({} as X);
      const writer = spec.columns ? tableWriter(ctx.store, ctx.trx, spec.table, spec.columns) : null;
      const updaters = new Map<RecordTable, TableUpdater>();
      return { cat: await catalogKeys(ctx.trx), base, keys: new KeyTracker(base), writer, updaters, ...own };
    },
    async batch(ctx, st, rows) {
      // The lookups below must see the previous batch's rows (duplicates within the file).
      await spec.drain?.(st);
      const campusNow = new Map<number, number>();
      const byCurp =
        spec.students === false
          ? new Map<string, number>()
          : await studentsByCurp(
              ctx,
              rows.map((r) => str(r.v.curp)),
              campusNow,
            );
      const updates: Promise<void>[] = [];
      const groups = new Map<string, UpdateGroup>();
      let terms: TermStudents[] | undefined;
      const b: Batch = {
        byCurp,
        ids: [...new Set(byCurp.values())],
        get terms() {
          return (terms ??= studentsPerTerm(rows, byCurp));
        },
        campusNow,
        inserts: [],
        update: (table, old, changes) => {
          noteUpdate(ctx, table, old, changes);
          const columns = Object.keys(changes);
          const key = `${table}|${columns.join(',')}`;
          let g = groups.get(key);
          if (!g) groups.set(key, (g = { table, columns, rows: [] }));
          const row: BulkValue[] = [old.id];
          for (const c of columns) row.push(changes[c] as BulkValue);
          g.rows.push(row);
        },
        queue: (write) => updates.push(write),
      };
      await spec.rows(ctx, st, rows, b);
      for (const g of groups.values()) {
        let updater = st.updaters.get(g.table);
        if (!updater) st.updaters.set(g.table, (updater = tableUpdater(ctx.store, ctx.trx, g.table)));
        await updater.update(g.columns, g.rows);
      }
      await Promise.all(updates);
      noteInserts(ctx, b.inserts);
      if (spec.write) await spec.write(ctx, st, b);
      else await st.writer?.insert(b.inserts);
      st.keys.endBatch();
    },
    finish: (ctx, st) => spec.finish?.(ctx, st) ?? Promise.resolve(),
    drain: (st) => spec.drain?.(st) ?? Promise.resolve(),
  };
  return handler as RecordHandler<never>;
}

/**
 * CURP → student id for the CURPs of a batch, for students within the importer's scope only: the others are
 * kept aside (ctx.hidden) and every check that follows treats their CURP as unknown.
 */
async function studentsByCurp(ctx: HandlerContext, curps: readonly string[], campusNow: Map<number, number>) {
  const out = new Map<string, number>();
  for (const r of await studentsAtByCurp(ctx.trx, ctx.store, curps)) {
    if (ctx.campusScope && !ctx.campusScope.has(r.campusId)) ctx.hidden.set(r.curp, r.studentId);
    else {
      out.set(r.curp, r.studentId);
      campusNow.set(r.studentId, r.campusId);
    }
  }
  return out;
}

/** Reports a problem with a row's field. */
export function rowIssue(
  ctx: HandlerContext,
  row: ParsedRow,
  column: string,
  value: string,
  message: string,
) {
  ctx.issue({ file: ctx.file, line: row.line, column, value, message });
}

/** Resolves the CCT of a row (and checks the user's campus scope); null when the row cannot go on. */
export function campusOf(ctx: HandlerContext, cat: Catalog, row: ParsedRow): number | null {
  const cct = str(row.v.cct);
  const id = cat.campuses.get(cct);
  if (id === undefined) {
    rowIssue(ctx, row, 'cct', cct, 'no existe un plantel con esta CCT');
    return null;
  }
  if (ctx.campusScope && !ctx.campusScope.has(id)) {
    rowIssue(ctx, row, 'cct', cct, 'solo puede importar filas de su plantel');
    return null;
  }
  return id;
}

export function studentOf(ctx: HandlerContext, byCurp: Map<string, number>, row: ParsedRow): number | null {
  const curp = str(row.v.curp);
  const id = byCurp.get(curp);
  if (id === undefined)
    rowIssue(ctx, row, 'curp', curp, 'no hay un alumno con esta CURP: importe primero el archivo de alumnos');
  return id ?? null;
}

/** The program a row's clave_carrera names; undefined with an issue when there is none. */
export function programOf(ctx: HandlerContext, cat: Catalog, row: ParsedRow): number | undefined {
  const code = str(row.v.program_code);
  const id = cat.programs.get(code);
  if (id === undefined) rowIssue(ctx, row, 'clave_carrera', code, 'no existe una carrera con esta clave');
  return id;
}

export function duplicate(ctx: HandlerContext, row: ParsedRow, column: string, value: string, first: number) {
  rowIssue(
    ctx,
    row,
    column,
    value,
    first > 0
      ? `fila repetida: la misma clave aparece en la línea ${first}`
      : 'fila repetida: la misma clave aparece antes en el archivo',
  );
}

/**
 * Checks a row's natural key against the rows met before in the file (a duplicate names the first line) and
 * remembers it; false when the row is a duplicate.
 */
export function firstTime(
  ctx: HandlerContext,
  st: BaseState,
  row: ParsedRow,
  key: NaturalKey,
  existingId: number | null,
  at: readonly [string, string],
): boolean {
  const first = st.keys.earlier(key, existingId);
  if (first !== null) {
    duplicate(ctx, row, at[0], at[1], first);
    return false;
  }
  st.keys.remember(key, row.line, existingId);
  return true;
}

/** A (school year, term) pair of a batch with its distinct students. */
export interface TermStudents {
  readonly year: string;
  readonly term: number;
  readonly ids: number[];
}

/**
 * The distinct (school year, term) pairs of a batch with the students (found by CURP) of each (Batch.terms
 * holds it, computed once per batch). Rows come grouped by student: a Set insert only when the student changes.
 */
export function studentsPerTerm(rows: readonly ParsedRow[], byCurp: Map<string, number>): TermStudents[] {
  const pairs = new Map<string, { year: string; term: number; ids: Set<number> }>();
  let last: { year: string; term: number; ids: Set<number> } | undefined;
  let lastId = -1;
  for (const r of rows) {
    const id = byCurp.get(str(r.v.curp));
    if (id === undefined) continue;
    const year = str(r.v.school_year);
    const term = num(r.v.term_no);
    if (!last || last.year !== year || last.term !== term) {
      const k = `${year}|${term}`;
      last = pairs.get(k);
      if (!last) pairs.set(k, (last = { year, term, ids: new Set() }));
      lastId = -1;
    }
    if (id !== lastId) last.ids.add((lastId = id));
  }
  return [...pairs.values()].map((p) => ({ year: p.year, term: p.term, ids: [...p.ids] }));
}

/** Stored columns computed from an optional field: kept too when that field's column is absent. */
const DERIVED_FROM: Readonly<Record<string, string>> = { delay_days: 'paid_date' };

/** Counts a new row (classify's insert, for callers that queue the row themselves). */
export function insertNew(ctx: HandlerContext, studentId: number | undefined): void {
  ctx.counts.inserted++;
  if (studentId !== undefined) ctx.changed.add(studentId);
}

/**
 * Plans rows against the database: insert, update (changed columns), unchanged. Each stored value an update
 * changes is noted in ctx.changeLog (dry runs) with the student and the row's line.
 */
export function classify<T extends object>(
  ctx: HandlerContext,
  existing: T | undefined,
  next: Partial<T>,
  onUpdate: (changes: Partial<T>) => void,
  onInsert: () => void,
  studentId: number | undefined,
  line: number,
): void {
  if (!existing) {
    insertNew(ctx, studentId);
    onInsert();
    return;
  }
  const changes: Partial<T> = {};
  let changed = false;
  for (const k of Object.keys(next) as (keyof T)[]) {
    const name = String(k);
    if (ctx.absent.has(name) || ctx.absent.has(DERIVED_FROM[name] ?? '')) continue;
    const a = existing[k];
    const b = next[k];
    const same =
      typeof a === 'number' || typeof b === 'number'
        ? Number(a) === Number(b) && (a === null) === (b === null)
        : a === b;
    if (!same) {
      changes[k] = b;
      changed = true;
      ctx.changeLog?.note(studentId ?? null, line, name, a, b);
    }
  }
  if (changed) {
    ctx.counts.updated++;
    if (studentId !== undefined) ctx.changed.add(studentId);
    onUpdate(changes);
  } else ctx.counts.unchanged++;
}
