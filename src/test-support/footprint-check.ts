/**
 * The checks of the footprint suites (services/imports/footprint-*.test.ts, issue 15): an import of one record
 * kind whose every inserted or changed row, read back table by table, lies in a cell of the footprint it
 * reported (where the row was and where it is), and flow counts left by the incremental rebuild equal to a
 * full rebuild's.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import { Footprint } from '../domain/footprint.js';
import type { RecordKind } from '../ingest/record-kinds.js';
import { importRecords, type RecordImportSummary } from '../services/imports/index.js';
import type { Store } from '../storage/db.js';
import { rebuildFlowCounts } from '../storage/flow-counts.js';
import { issueLines } from './import-harness.js';

const messages = (s: RecordImportSummary) => issueLines(s).join('\n');

/** A small deterministic generator (mulberry32), so that a failure can be run again. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The tables a record import writes, with the columns that identify a row. */
const TABLES = [
  ['enrollments', ['id']],
  ['module_results', ['id']],
  // Written by imports of module results (the year judged again from its module results).
  ['year_results', ['student_id', 'school_year']],
  ['status_events', ['id']],
  ['scholarship_payments', ['id']],
  ['interventions', ['id']],
  ['certifications', ['id']],
  ['students', ['id']],
  ['student_identities', ['student_id']],
  ['programs', ['id']],
] as const;

interface Row {
  readonly text: string;
  readonly year: string | null;
  readonly campus: number | null;
}
type Rows = Map<string, Map<string, Row>>;

async function readRows(store: Store): Promise<Rows> {
  const out: Rows = new Map();
  for (const [table, id] of TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
    const m = new Map<string, Row>();
    for (const r of rows.rows) {
      const year = typeof r.school_year === 'string' ? r.school_year : null;
      const campus = r.campus_id === undefined || r.campus_id === null ? null : Number(r.campus_id);
      m.set(id.map((c) => String(r[c])).join('|'), { text: JSON.stringify(r), year, campus });
    }
    out.set(table, m);
  }
  return out;
}

/** The cells (where before, where after) of the rows that differ between two readings. */
function changedCells(before: Rows, after: Rows) {
  const out: { table: string; year: string | null; campus: number | null; id: string }[] = [];
  for (const [table] of TABLES) {
    const a = before.get(table) ?? new Map<string, Row>();
    const b = after.get(table) ?? new Map<string, Row>();
    for (const [id, row] of b) {
      const old = a.get(id);
      if (old?.text === row.text) continue;
      out.push({ table, year: row.year, campus: row.campus, id });
      if (old) out.push({ table, year: old.year, campus: old.campus, id });
    }
    for (const [id, old] of a) if (!b.has(id)) out.push({ table, year: old.year, campus: old.campus, id });
  }
  return out;
}

const covers = (fp: Footprint, c: { table: string; year: string | null; campus: number | null }) =>
  fp
    .cells(c.table)
    .some((f) => (f.year === null || f.year === c.year) && (f.campus === null || f.campus === c.campus));

const FLOW_TABLES = ['flow_counts', 'flow_counts_campus', 'flow_counts_program'] as const;

async function flowCounts(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const t of FLOW_TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(store.db);
    for (const r of rows.rows)
      out.push(
        `${t}|${Object.entries(r)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([k, v]) => `${k}=${typeof v === 'string' && Number.isNaN(Number(v)) ? v : Number(v)}`)
          .join(',')}`,
      );
  }
  return out.sort();
}

/** Imports a file with a footprint; checks it covers every changed row; returns the summary and footprint. */
export async function importChecked(store: Store, kind: RecordKind, file: { bytes: Buffer }) {
  const before = await readRows(store);
  const touched = new Footprint();
  const s = await importRecords(store, kind, file, `${kind}.csv`, { touched });
  expect(s.rejected, messages(s)).toBe(false);
  const changed = changedCells(before, await readRows(store));
  expect(changed.length).toBeGreaterThan(0);
  const missed = changed.filter((c) => !covers(touched, c));
  expect(missed, `cells missing from the footprint of ${kind}`).toEqual([]);
  return { summary: s, touched, changed };
}

/** The flow counts left by the import equal those of a full rebuild. */
export async function expectFlowCountsCurrent(store: Store) {
  const incremental = await flowCounts(store);
  await rebuildFlowCounts(store.db);
  expect(incremental).toEqual(await flowCounts(store));
}

export const EN_HEADER =
  'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,promedio,modulos_reprobados,asistencia,dias_retraso_beca,estatus_final';
export const EN_STATUS: Record<string, string> = {
  completed: 'concluido',
  dropout: 'baja',
  temporary_leave: 'baja_temporal',
  transfer_out: 'traslado',
};

/** Term-1 first enrollments, one per student still at that campus, with what an enrollments file needs. */
export const firstEnrollments = (store: Store, limit: number, offset = 0) =>
  store.db
    .selectFrom('enrollments as e')
    .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .selectAll('e')
    .select(['i.curp', 'c.cct', 'p.code'])
    .where('e.term_no', '=', 1)
    .where('e.semester', '=', 1)
    // Still at that campus (a first enrollment of a student transferred since is checked against the campus
    // they are at now: its own file would be refused).
    .innerJoin('students as s', (j) =>
      j.onRef('s.id', '=', 'e.student_id').onRef('s.campus_id', '=', 'e.campus_id'),
    )
    // The student's first enrollment (a repeated first semester would have its own before it).
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('enrollments as x')
            .select('x.id')
            .whereRef('x.student_id', '=', 'e.student_id')
            .whereRef('x.school_year', '<', 'e.school_year'),
        ),
      ),
    )
    .orderBy('e.id')
    .offset(offset)
    .limit(limit)
    .execute();
