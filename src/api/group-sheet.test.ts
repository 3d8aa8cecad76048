/**
 * The group sheet through the app: every student of the group with a semáforo per dimension, scoped like the
 * work queue (tutor: their groups; campus: its groups; state: its campuses; analysts: pseudonymous, no
 * names), as JSON, CSV, XLSX (read back with exceljs) and PDF (read back with pdftotext), downloads audited.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { GROUP_SHEET_COLUMNS } from '../services/reports/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import { call, createHarness, getJson, login, type Harness } from './test-helpers.js';

interface Sheet {
  campus: { cct: string };
  group: string;
  semester: number;
  counts: Record<string, number>;
  rows: {
    student: string;
    name: string | null;
    flag: string | null;
    dimensions: Record<string, { flag: string; value: string }> | null;
  }[];
}

function pdfText(buffer: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'group-sheet-'));
  try {
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, new Uint8Array(buffer));
    return execFileSync('pdftotext', ['-layout', file, '-']).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDialect('API group sheet', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', state: '', campus: '', tutor: '', analyst: '' };
  let cct = '';
  let mine = '';
  let other = '';
  let campusId = 0;
  let ownIds = new Set<number>();
  let members: number[] = [];
  beforeAll(async () => {
    h = await createHarness(store());
    for (const role of ['national', 'state', 'campus', 'tutor', 'analyst'] as const)
      cookie[role] = await login(h, role);
    const db = store().db;
    const t = await db
      .selectFrom('tutor_groups as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .innerJoin('campuses as c', 'c.id', 'g.campus_id')
      .select(['g.group_code', 'c.cct', 'c.id'])
      .where('u.username', '=', 'tutor')
      .orderBy('g.group_code')
      .execute();
    cct = t[0]!.cct;
    // The tutor's group with the most students, and a group of the campus the tutor does not follow.
    const enr = await db
      .selectFrom('enrollments')
      .select(['student_id', 'group_code'])
      .where('campus_id', '=', t[0]!.id)
      .where('school_year', '=', h.deps.currentYear)
      .execute();
    const size = (g: string) => new Set(enr.filter((e) => e.group_code === g).map((e) => e.student_id)).size;
    mine = t.map((g) => g.group_code).sort((a, b) => size(b) - size(a))[0]!;
    // The tutor's students: enrolled in one of their groups at some term of the year.
    const followed = (g: string) => t.some((x) => x.group_code === g);
    const own = new Set(enr.filter((e) => followed(e.group_code)).map((e) => Number(e.student_id)));
    const holdsOwn = (g: string) => enr.some((e) => e.group_code === g && own.has(Number(e.student_id)));
    other = enr.map((e) => e.group_code).find((g) => !followed(g) && !holdsOwn(g))!;
    campusId = t[0]!.id;
    ownIds = own;
    members = [...new Set(enr.filter((e) => e.group_code === mine).map((e) => Number(e.student_id)))];
  }, 120_000);

  const url = (group: string, query = '') => `/api/v1/groups/${encodeURIComponent(group)}/sheet${query}`;

  it('lists every student of the group with a semáforo per dimension that agrees with the overall band', async () => {
    const s = await getJson<Sheet>(h.app, url(mine, '?format=json'), cookie.campus);
    expect(s.campus.cct).toBe(cct);
    expect(s.group).toBe(mine);
    expect(s.rows).toHaveLength(members.length);
    const c = s.counts;
    expect(c.rojo! + c.amarillo! + c.verde! + c.inactive!).toBe(members.length);
    expect(s.rows.every((r) => r.name !== null)).toBe(true);
    for (const r of s.rows) {
      if (r.flag === null) continue;
      const flags = Object.values(r.dimensions!).map((d) => d.flag);
      expect(Object.keys(r.dimensions!)).toEqual(['attendance', 'grades', 'failed', 'scholarship']);
      // A rojo dimension makes the band rojo; a verde band has only verde dimensions.
      if (flags.includes('rojo')) expect(r.flag).toBe('rojo');
      if (r.flag === 'verde') expect(flags.every((f) => f === 'verde')).toBe(true);
    }
    // The same bands as the campus work queue for the students at risk.
    const queue = await getJson<{ items: { student: string; flag: string }[] }>(
      h.app,
      `/api/v1/worklist?capacity=20000&group=${encodeURIComponent(mine)}`,
      cookie.campus,
    );
    for (const item of queue.items)
      expect(s.rows.find((r) => r.student === item.student)?.flag).toBe(item.flag);
  });

  it('is scoped like the work queue: a tutor their groups, a state its campuses, a campus needed above', async () => {
    expect((await call(h.app, url(mine, '?format=json'), { cookie: cookie.tutor })).status).toBe(200);
    const foreign = await call(h.app, url(other, '?format=json'), { cookie: cookie.tutor });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('unknown_group');
    expect((await call(h.app, url(other, '?format=json'), { cookie: cookie.campus })).status).toBe(200);
    const noCampus = await call(h.app, url(mine, '?format=json'), { cookie: cookie.state });
    expect(noCampus.status).toBe(400);
    expect(((await noCampus.json()) as { error: { code: string } }).error.code).toBe('missing_campus');
    expect(
      (await call(h.app, url(mine, `?format=json&campus=${cct}`), { cookie: cookie.state })).status,
    ).toBe(200);
    const away = await store()
      .db.selectFrom('campuses')
      .select('cct')
      .where('state_id', '!=', Number(cct.slice(0, 2)))
      .executeTakeFirstOrThrow();
    expect((await call(h.app, url(mine, `?campus=${away.cct}`), { cookie: cookie.state })).status).toBe(404);
    expect((await call(h.app, url('NO-EXISTE', '?format=json'), { cookie: cookie.campus })).status).toBe(404);
  });

  it('gives analysts pseudonymous ids and no names, in every format', async () => {
    const named = await getJson<Sheet>(h.app, url(mine, '?format=json'), cookie.campus);
    const s = await getJson<Sheet>(h.app, url(mine, `?format=json&campus=${cct}`), cookie.analyst);
    expect(s.rows.map((r) => r.student).sort()).toEqual(named.rows.map((r) => r.student).sort());
    expect(s.rows.every((r) => r.name === null)).toBe(true);
    const names = named.rows.map((r) => r.name!);
    for (const format of ['pdf', 'xlsx', 'csv']) {
      const res = await call(h.app, url(mine, `?format=${format}&campus=${cct}`), { cookie: cookie.analyst });
      expect(res.status).toBe(200);
      const buf = await res.arrayBuffer();
      const text =
        format === 'pdf'
          ? pdfText(buf)
          : format === 'csv'
            ? new TextDecoder().decode(buf)
            : JSON.stringify(await sheetRows(buf));
      for (const n of names) expect(text).not.toContain(n);
      for (const r of s.rows) expect(text).toContain(r.student);
    }
  });

  it('downloads an XLSX that reads back with the group header, one row per student and their semáforos', async () => {
    const s = await getJson<Sheet>(h.app, url(mine, '?format=json'), cookie.campus);
    const res = await call(h.app, url(mine, '?format=xlsx'), { cookie: cookie.campus });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const rows = await sheetRows(await res.arrayBuffer());
    expect(rows[0]![0]).toBe(`Semáforo del grupo ${mine}`);
    const header = rows.findIndex((r) => r[0] === GROUP_SHEET_COLUMNS[0]);
    expect(rows[header]).toEqual(GROUP_SHEET_COLUMNS);
    const body = rows.slice(header + 1, header + 1 + s.rows.length);
    expect(body.map((r) => [r[0], r[1]])).toEqual(s.rows.map((r) => [r.student, r.name]));
    const words: Record<string, string> = { verde: 'Verde', amarillo: 'Amarillo', rojo: 'Rojo' };
    body.forEach((r, i) => {
      const want = s.rows[i]!;
      expect(r[3]).toBe(want.flag ? words[want.flag] : 'Sin semáforo');
      if (want.dimensions) expect(r[4]).toBe(words[want.dimensions.attendance!.flag]);
    });
  });

  it('prints a PDF with the group and every student, and audits the download as personal', async () => {
    const s = await getJson<Sheet>(h.app, url(mine, '?format=json'), cookie.campus);
    const res = await call(h.app, url(mine), { cookie: cookie.campus });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const buf = await res.arrayBuffer();
    expect(new TextDecoder().decode(buf.slice(0, 5))).toBe('%PDF-');
    const text = pdfText(buf);
    expect(text).toContain(`Semáforo del grupo ${mine}`);
    expect(text).toContain('Asistencia');
    for (const r of s.rows) expect(text).toContain(r.name!.slice(0, 20));
    const audit = await store()
      .db.selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target', '=', 'download:semaforo-del-grupo')
      .execute();
    expect(audit.some((a) => a.action === 'export.personal' && a.details?.includes('"pdf"'))).toBe(true);
    expect(audit.some((a) => a.action === 'export.pseudonymous')).toBe(true);
  });

  it("gives a tutor their own students of the group the queue shows them in (a later term's group), no one else", async () => {
    const db = store().db;
    const year = h.deps.currentYear;
    const rows = await db
      .selectFrom('enrollments')
      .selectAll()
      .where('campus_id', '=', campusId)
      .where('school_year', '=', year)
      .execute();
    const followedIds = new Set(
      (await db.selectFrom('tutor_groups').select('group_code').execute()).map((g) => g.group_code),
    );
    const ownStudent = [...ownIds][0]!;
    const ownRows = rows.filter((r) => Number(r.student_id) === ownStudent);
    const otherRow = rows.find((r) => !ownIds.has(Number(r.student_id)));
    expect(ownRows.length).toBeGreaterThan(0);
    expect(otherRow).toBeDefined();
    // One of the tutor's students and another student are in the same group at another term of the year.
    const later = 'ZZ-201';
    const movable = ownRows.find((r) => ownRows.some((o) => o !== r && followedIds.has(o.group_code)));
    if (movable)
      await db.updateTable('enrollments').set({ group_code: later }).where('id', '=', movable.id).execute();
    else {
      const top = await db
        .selectFrom('enrollments')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const r = ownRows[0]!;
      await db
        .insertInto('enrollments')
        .values({ ...r, id: Number(top.id) + 1, term_no: r.term_no === 1 ? 2 : 1, group_code: later })
        .execute();
    }
    await db.updateTable('enrollments').set({ group_code: later }).where('id', '=', otherRow!.id).execute();
    const s = await getJson<Sheet>(h.app, url(later, '?format=json'), cookie.tutor);
    expect(s.group).toBe(later);
    expect(s.rows).toHaveLength(1);
    const all = await getJson<Sheet>(h.app, url(later, '?format=json'), cookie.campus);
    expect(all.rows).toHaveLength(2);
  });
});

/** Every row of the first worksheet as text, empty cells included (so columns line up). */
async function sheetRows(buf: ArrayBuffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).text);
    while (cells.length && cells.at(-1) === '') cells.pop();
    out.push(cells);
  });
  return out;
}
