import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { indicatorRows } from '../indicators/index.js';
import { reportCard } from './card.js';
import { form911, type Form911 } from './form911.js';
import type { ReportTable } from './layout.js';
import { form911Xlsx, SUPPRESSED_MARK } from './xlsx.js';

const YEAR = '2024-2025';

const table = (r: Form911, sheet: string, i = 0): ReportTable => {
  const t = r.sections.find((s) => s.sheet === sheet)?.tables[i];
  if (!t) throw new Error(`no table ${sheet}/${i}`);
  return t;
};
/** The grand total: bottom-right cell. */
const grand = (t: ReportTable) => t.cells.at(-1)!.at(-1)!.value;
/** Bottom row, column `c` (negative counts from the end). */
const bottom = (t: ReportTable, c: number) => t.cells.at(-1)!.at(c)!.value;

const scope = (role: Scope['role'], stateId: number | null, campusId: number | null): Scope => ({
  userId: 1,
  role,
  stateId,
  campusId,
  groups: [],
});

async function expectKind(p: Promise<unknown>, kind: string): Promise<void> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).kind).toBe(kind);
}

describeEachDialect('911 statistics and report card', ({ store }) => {
  let campus: { id: number; cct: string; state_id: number; code: string };

  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
    // The largest campus, so that the public version has both hidden and published cells.
    const c = await store()
      .db.selectFrom('flow_counts_campus as f')
      .innerJoin('campuses as c', 'c.id', 'f.campus_id')
      .innerJoin('states as s', 's.id', 'c.state_id')
      .select(['c.id', 'c.cct', 'c.state_id', 's.code'])
      .select((eb) => eb.fn.sum<number>('f.mt').as('n'))
      .where('f.school_year', '=', YEAR)
      .groupBy(['c.id', 'c.cct', 'c.state_id', 's.code'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    campus = { id: c.id, cct: c.cct, state_id: c.state_id, code: c.code };
  }, 120_000);

  const units = () =>
    [
      { unit: { national: true }, level: 'national', unitId: undefined },
      { unit: { state: String(campus.state_id) }, level: 'state', unitId: campus.code },
      { unit: { campus: campus.cct }, level: 'campus', unitId: campus.cct },
    ] as const;

  it('start of year: enrollment and new entrants equal the indicator service, for nation, state and campus', async () => {
    for (const u of units()) {
      const r = await form911(store().db, { kind: 'inicio', unit: u.unit, year: YEAR });
      const [ind] = await indicatorRows(store().db, { level: u.level, unitId: u.unitId, year: YEAR });
      const students = table(r, 'I Alumnos');
      expect(grand(students), u.level).toBe(ind!.mt);
      expect(bottom(students, 2), u.level).toBe(ind!.ni1); // Nuevo ingreso, Total (3rd column)
      expect(grand(table(r, 'II Edad')), u.level).toBe(ind!.mt);
      expect(grand(table(r, 'IV Docentes'))).toBeGreaterThan(0);
      expect(grand(table(r, 'III Grupos'))).toBeGreaterThan(0);
    }
  });

  it('end of year: existencia, aprobados, regularizados, egresados and initial enrollment equal the flow counts', async () => {
    for (const u of units()) {
      const r = await form911(store().db, { kind: 'fin', unit: u.unit, year: YEAR });
      const [ind] = await indicatorRows(store().db, { level: u.level, unitId: u.unitId, year: YEAR });
      const results = table(r, 'I Existencia');
      expect(grand(results), u.level).toBe(ind!.ex);
      expect(bottom(results, 2), u.level).toBe(ind!.ap); // Aprobados, Total
      expect(bottom(results, 5), u.level).toBe(ind!.reg); // Regularizados, Total
      expect(bottom(results, 8), u.level).toBe(ind!.ex - ind!.ap - ind!.reg);
      expect(grand(table(r, 'II Inscripción')), u.level).toBe(ind!.mt);
      expect(grand(table(r, 'IV Egresados')), u.level).toBe(ind!.eg);
    }
  });

  it('end of year: dropouts by reason add up to the dropout events of the year, counted one by one', async () => {
    const r = await form911(store().db, { kind: 'fin', unit: { campus: campus.cct }, year: YEAR });
    const events = await store()
      .db.selectFrom('status_events')
      .select(['kind', 'campus_id', 'school_year'])
      .execute();
    const mine = events.filter((e) => e.school_year === YEAR && e.campus_id === campus.id);
    expect(grand(table(r, 'III Bajas'))).toBe(mine.filter((e) => e.kind === 'dropout').length);
    expect(table(r, 'III Bajas', 1).cells[0]!.at(-1)!.value).toBe(
      mine.filter((e) => e.kind === 'temporary_leave').length,
    );
  });

  it('public version: small counts hidden, the rest unchanged, and the XLSX shows the mark', async () => {
    const full = await form911(store().db, { kind: 'inicio', unit: { campus: campus.cct }, year: YEAR });
    const pub = await form911(store().db, {
      kind: 'inicio',
      unit: { campus: campus.cct },
      year: YEAR,
      public: true,
      threshold: 5,
    });
    expect(pub.suppressedCells).toBeGreaterThan(0);
    let published = 0;
    pub.sections.forEach((s, si) =>
      s.tables.forEach((t, ti) =>
        t.cells.forEach((row, ri) =>
          row.forEach((c, ci) => {
            expect(c.value).toBe(full.sections[si]!.tables[ti]!.cells[ri]![ci]!.value);
            if (t.sensitive && c.value > 0 && c.value < 5) expect(c.suppressed).toBe(true);
            if (!c.suppressed) published++;
          }),
        ),
      ),
    );
    expect(published).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await form911Xlsx(pub)) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Portada',
      'I Alumnos',
      'II Edad',
      'III Grupos',
      'IV Docentes',
    ]);
    const marks = wb.worksheets.flatMap((w) => {
      const out: unknown[] = [];
      w.eachRow((row) => row.eachCell((c) => out.push(c.value)));
      return out;
    });
    expect(marks.filter((v) => v === SUPPRESSED_MARK).length).toBeGreaterThanOrEqual(pub.suppressedCells);
    expect(wb.getWorksheet('Portada')!.getCell('B10').text).toContain('Pública');
  });

  it('scope: a campus user only their campus, a state user only their state, not the nation', async () => {
    const db = store().db;
    const other = await db
      .selectFrom('campuses')
      .select(['cct', 'state_id'])
      .where('id', '!=', campus.id)
      .where('state_id', '!=', campus.state_id)
      .executeTakeFirstOrThrow();
    await expectKind(
      form911(db, {
        kind: 'inicio',
        unit: { campus: other.cct },
        scope: scope('campus', campus.state_id, campus.id),
      }),
      'not_found',
    );
    await expectKind(
      form911(db, {
        kind: 'inicio',
        unit: { campus: other.cct },
        scope: scope('state', campus.state_id, null),
      }),
      'not_found',
    );
    await expectKind(
      form911(db, { kind: 'inicio', unit: { national: true }, scope: scope('state', campus.state_id, null) }),
      'not_found',
    );
    const own = await form911(db, {
      kind: 'inicio',
      unit: { campus: campus.cct },
      scope: scope('campus', campus.state_id, campus.id),
    });
    expect(own.unit.code).toBe(campus.cct);
    await expectKind(form911(db, { kind: 'inicio', unit: {} }), 'invalid');
    await expectKind(
      form911(db, { kind: 'inicio', unit: { national: true }, year: '1999-2000' }),
      'not_found',
    );
  });

  it('report card: indicators equal the indicator service for campus, state and nation; flags add up', async () => {
    const card = await reportCard(store().db, { unit: { campus: campus.cct }, year: YEAR });
    const [c] = await indicatorRows(store().db, { level: 'campus', unitId: campus.cct, year: YEAR });
    const [s] = await indicatorRows(store().db, { level: 'state', unitId: campus.code, year: YEAR });
    const [n] = await indicatorRows(store().db, { level: 'national', year: YEAR });
    for (const k of card.kpis) {
      expect(k.campus, k.key).toBe(c![k.key]);
      expect(k.state, k.key).toBe(s![k.key]);
      expect(k.national, k.key).toBe(n![k.key]);
    }
    expect(card.trends.abandono.at(-1)?.year).toBe(YEAR);
    if (card.risk) {
      const sum = card.risk.flags.reduce((a, f) => a + (f.n ?? 0), 0);
      expect(sum).toBe(card.risk.active);
    }
    await expectKind(reportCard(store().db, { unit: { national: true } }), 'invalid');
  });
  // Last: it changes a record.
  it('a sex code other than H and M (the CURP allows X) gets its own column, and nobody is left out', async () => {
    const db = store().db;
    const one = await db
      .selectFrom('enrollments')
      .select('id')
      .where('campus_id', '=', campus.id)
      .where('school_year', '=', YEAR)
      .where('term_no', '=', 1)
      .executeTakeFirstOrThrow();
    await db.updateTable('enrollments').set({ sex: 'X' }).where('id', '=', one.id).execute();
    const r = await form911(db, { kind: 'inicio', unit: { campus: campus.cct }, year: YEAR });
    const [ind] = await indicatorRows(db, { level: 'campus', unitId: campus.cct, year: YEAR });
    const students = table(r, 'I Alumnos');
    expect(grand(students)).toBe(ind!.mt);
    expect(students.header[1]!.map((h) => h.label)).toContain('No binario');
    expect(grand(table(r, 'II Edad'))).toBe(ind!.mt);
  });
});
