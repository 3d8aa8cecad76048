/**
 * Issue 15: an import reports every (table, school year, campus) cell it wrote, before and after (a moved
 * enrollment's old and new campus), and flow counts are rebuilt for those cells only. Each test imports a file
 * of one record kind with random changes to a demo and checks, row by row against the database, that every row
 * the import inserted or changed lies in a cell of the footprint (where it was and where it is), and that the
 * flow counts the incremental rebuild left equal a full rebuild. Imports of module results judge the yearly
 * results again (issue 12): the yearly results they change are rows of the footprint too, cell by campus.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { Footprint } from '../../domain/footprint.js';
import type { RecordKind } from '../../ingest/record-kinds.js';
import type { Store } from '../../storage/db.js';
import { rebuildFlowCounts } from '../../storage/flow-counts.js';
import {
  csvFile as csv,
  describeImports,
  issueLines,
  moduleResultRows,
  type CsvValue,
} from '../../test-support/import-harness.js';
import { importRecords, type RecordImportSummary } from './records.js';

type Value = CsvValue;
const messages = (s: RecordImportSummary) => issueLines(s).join('\n');

/** A small deterministic generator (mulberry32), so that a failure can be run again. */
function random(seed: number) {
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
async function importChecked(store: Store, kind: RecordKind, file: { bytes: Buffer }) {
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
async function expectFlowCountsCurrent(store: Store) {
  const incremental = await flowCounts(store);
  await rebuildFlowCounts(store.db);
  expect(incremental).toEqual(await flowCounts(store));
}

const EN_HEADER =
  'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,promedio,modulos_reprobados,asistencia,dias_retraso_beca,estatus_final';
const EN_STATUS: Record<string, string> = {
  completed: 'concluido',
  dropout: 'baja',
  temporary_leave: 'baja_temporal',
  transfer_out: 'traslado',
};

describeImports('imports: footprint and incremental flow counts', 15, ({ store }) => {
  const rnd = random(15);
  let campuses: { id: number; cct: string }[];
  let programs: { id: number; code: string }[];
  beforeAll(async () => {
    campuses = await store().db.selectFrom('campuses').select(['id', 'cct']).orderBy('id').execute();
    programs = await store().db.selectFrom('programs').select(['id', 'code']).orderBy('id').execute();
  }, 120_000);

  /** Term-1 enrollments, one per student, with what a file needs. */
  const enrollments = (limit: number, offset = 0) =>
    store()
      .db.selectFrom('enrollments as e')
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
  type Enrollment = Awaited<ReturnType<typeof enrollments>>[number];
  const enLine = (e: Enrollment, o: Partial<Record<'cct' | 'code' | 'new_entry' | 'group', Value>> = {}) => [
    e.curp,
    o.cct ?? e.cct,
    o.code ?? e.code,
    e.school_year,
    e.term_no,
    e.semester,
    o.group ?? e.group_code,
    o.new_entry ?? e.new_entry,
    e.grade_avg,
    e.failed_modules,
    e.attendance_pct,
    e.scholarship_delay_days,
    EN_STATUS[e.end_status] ?? 'concluido',
  ];

  /** Records a transfer of the student to `to` in the enrollment's term (what lets the import move it). */
  async function transferTo(e: Enrollment, to: number) {
    const max = await store()
      .db.selectFrom('status_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    await store()
      .db.insertInto('status_events')
      .values({
        id: Number(max?.id ?? 0) + 1,
        student_id: e.student_id,
        campus_id: to,
        school_year: e.school_year,
        term_no: e.term_no,
        event_date: `${e.school_year.slice(0, 4)}-08-01`,
        kind: 'transfer',
        reason: null,
        from_campus_id: e.campus_id,
        to_campus_id: to,
      })
      .execute();
  }

  it('moving a past enrollment from campus A to B rebuilds A and B in that year only, as a full rebuild would', async () => {
    const [e] = await enrollments(1, 40);
    if (!e) throw new Error('no enrollment');
    const b = campuses.find((c) => c.id !== e.campus_id) as { id: number; cct: string };
    await transferTo(e, b.id);
    // A campus the move does not concern, with a wrong count: an incremental rebuild leaves it alone.
    // (In another state: the state × program roll-up sums the campuses of the states it rebuilds.)
    const states = await store()
      .db.selectFrom('campuses')
      .select('state_id')
      .where('id', 'in', [e.campus_id, b.id])
      .execute();
    const other = await store()
      .db.selectFrom('flow_counts as f')
      .innerJoin('campuses as c', 'c.id', 'f.campus_id')
      .select(['f.campus_id', 'f.program_id', 'f.sex', 'f.semester', 'f.mt'])
      .where('f.school_year', '=', e.school_year)
      .where(
        'c.state_id',
        'not in',
        states.map((x) => x.state_id),
      )
      .orderBy('f.campus_id')
      .executeTakeFirstOrThrow();
    const sentinel = () =>
      store()
        .db.selectFrom('flow_counts')
        .select('mt')
        .where('school_year', '=', e.school_year)
        .where('campus_id', '=', other.campus_id)
        .where('program_id', '=', other.program_id)
        .where('sex', '=', other.sex)
        .where('semester', '=', other.semester)
        .executeTakeFirstOrThrow();
    const mtAt = async (campus: number) =>
      Number(
        (
          await store()
            .db.selectFrom('flow_counts')
            .select((eb) => eb.fn.sum<number>('mt').as('mt'))
            .where('school_year', '=', e.school_year)
            .where('campus_id', '=', campus)
            .executeTakeFirst()
        )?.mt ?? 0,
      );
    const [atA, atB] = [await mtAt(e.campus_id), await mtAt(b.id)];
    await store()
      .db.updateTable('flow_counts')
      .set({ mt: other.mt + 1000 })
      .where('school_year', '=', e.school_year)
      .where('campus_id', '=', other.campus_id)
      .where('program_id', '=', other.program_id)
      .where('sex', '=', other.sex)
      .where('semester', '=', other.semester)
      .execute();

    const { summary, touched } = await importChecked(
      store(),
      'enrollments',
      csv(EN_HEADER, [enLine(e, { cct: b.cct })]),
    );
    expect([summary.inserted, summary.updated]).toEqual([0, 1]);
    expect(touched.cells('enrollments')).toEqual(
      expect.arrayContaining([
        { year: e.school_year, campus: e.campus_id },
        { year: e.school_year, campus: b.id },
      ]),
    );
    expect(summary.refreshedYears).toEqual([e.school_year]);
    expect([await mtAt(e.campus_id), await mtAt(b.id)]).toEqual([atA - 1, atB + 1]);
    expect(Number((await sentinel()).mt)).toBe(other.mt + 1000);
    // Everything but the planted count is what a full rebuild gives.
    await store()
      .db.updateTable('flow_counts')
      .set({ mt: other.mt })
      .where('school_year', '=', e.school_year)
      .where('campus_id', '=', other.campus_id)
      .where('program_id', '=', other.program_id)
      .where('sex', '=', other.sex)
      .where('semester', '=', other.semester)
      .execute();
    await expectFlowCountsCurrent(store());
  });

  it('enrollments with random changes (campus moves, programs, new entry, groups): footprint complete, counts current', async () => {
    const rows = await enrollments(60, 100);
    const lines = [];
    for (const e of rows) {
      const r = rnd();
      if (r < 0.25) {
        const b = campuses[Math.floor(rnd() * campuses.length)] as { id: number; cct: string };
        await transferTo(e, b.id);
        lines.push(enLine(e, { cct: b.cct }));
      } else if (r < 0.5) {
        const p = programs[Math.floor(rnd() * programs.length)] as { code: string };
        lines.push(enLine(e, { code: p.code }));
      } else if (r < 0.75) lines.push(enLine(e, { new_entry: e.new_entry ? 0 : 1 }));
      else lines.push(enLine(e, { group: `${e.group_code}X` }));
    }
    await importChecked(store(), 'enrollments', csv(EN_HEADER, lines));
    await expectFlowCountsCurrent(store());
  });

  it('enrollments deleted and imported again (inserts): footprint complete, counts current', async () => {
    const rows = await enrollments(30, 200);
    // Last enrollments only (nothing after them), so that the trajectory checks let them back in.
    const last = [];
    for (const e of rows) {
      const later = await store()
        .db.selectFrom('enrollments')
        .select('id')
        .where('student_id', '=', e.student_id)
        .where('id', '!=', e.id)
        .execute();
      if (later.length === 0) last.push(e);
    }
    const pick = last.length > 0 ? last : rows.slice(0, 0);
    if (pick.length === 0) return;
    await store()
      .db.deleteFrom('module_results')
      .where(
        'student_id',
        'in',
        pick.map((e) => e.student_id),
      )
      .execute();
    await store()
      .db.deleteFrom('enrollments')
      .where(
        'id',
        'in',
        pick.map((e) => e.id),
      )
      .execute();
    await rebuildFlowCounts(store().db);
    await importChecked(
      store(),
      'enrollments',
      csv(
        EN_HEADER,
        pick.map((e) => enLine(e)),
      ),
    );
    await expectFlowCountsCurrent(store());
  });

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
    await importChecked(
      store(),
      'attendance',
      csv(
        'curp,cct,ciclo_escolar,periodo,asistencia',
        en.map((e) => [
          e.curp,
          e.cct,
          e.school_year,
          e.term_no,
          e.attendance_pct >= 99 ? 50 : Math.round(e.attendance_pct) + 1,
        ]),
      ),
    );

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

    const pay = await db
      .selectFrom('scholarship_payments as p')
      .innerJoin('student_identities as i', 'i.student_id', 'p.student_id')
      .innerJoin('campuses as c', 'c.id', 'p.campus_id')
      .select([
        'i.curp',
        'c.cct',
        'p.school_year',
        'p.term_no',
        'p.period',
        'p.amount',
        'p.due_date',
        'p.paid_date',
      ])
      .orderBy('p.id')
      .limit(40)
      .execute();
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

    const iv = await db
      .selectFrom('interventions as v')
      .innerJoin('student_identities as i', 'i.student_id', 'v.student_id')
      .innerJoin('campuses as c', 'c.id', 'v.campus_id')
      .select([
        'i.curp',
        'c.cct',
        'v.school_year',
        'v.term_no',
        'v.kind',
        'v.start_date',
        'v.end_date',
        'v.sessions',
        'v.outcome',
        'v.notes',
      ])
      .orderBy('v.id')
      .limit(60)
      .execute();
    const seen = new Set<string>();
    const ivRows = iv.filter((r) => {
      const k = `${r.curp}|${r.kind}|${r.start_date}`;
      return !seen.has(k) && seen.add(k);
    });
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
