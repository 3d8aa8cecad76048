/**
 * Scope on every write (security review, issue 11): findings 1 (capture), 2 (rename), 3 (oracle), 9 (future
 * years) and 11 (import audit rows without state or campus), each reproduced as the attacker did it, through
 * POST /api/v1/imports/{kind} with a campus or state account on the demo.
 */
import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { schoolYearContaining, shiftYear } from '../../domain/calendar.js';
import { curpCheckDigit } from '../../domain/identifiers.js';
import { RECORD_FIELDS, type RecordKind } from '../../ingest/record-kinds.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { apiDeps } from '../server.js';
import { call, createHarness, HARNESS_ENV, login, type Harness } from '../test-helpers.js';

type Cells = Record<string, string | number>;

/** A CSV of a kind from rows keyed by field key (headers: each field's first Spanish name). */
export function csvOf(kind: RecordKind, rows: readonly Cells[]): string {
  const keys = Object.keys(rows[0] ?? {});
  const header = keys.map((k) => {
    const f = RECORD_FIELDS[kind].find((x) => x.key === k);
    if (!f) throw new Error(`no field ${k} in ${kind}`);
    return f.names[0];
  });
  return (
    [header.join(','), ...rows.map((r) => keys.map((k) => String(r[k] ?? '')).join(','))].join('\n') + '\n'
  );
}

interface Student {
  id: number;
  curp: string;
  campusId: number;
  cct: string;
  stateId: number;
  program: string;
  year: string;
  term: number;
  semester: number;
  status: string;
  entryYear: number;
  givenNames: string;
  firstSurname: string;
}

interface Summary {
  rejected: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  issues: { line: number; column?: string; value?: string; message: string }[];
}

describeEachDialect('imports: scope on every write', ({ store }) => {
  let h: Harness;
  let campus: { id: number; cct: string };
  let students: Student[];

  const studentWhere = (pred: (s: Student) => boolean, skip = 0): Student => {
    const found = students.filter(pred)[skip];
    if (!found) throw new Error('no such student in the demo');
    return found;
  };
  const current = (s: Student) => s.year === h.deps.currentYear && s.status !== 'dropout' && s.semester < 6;

  beforeAll(async () => {
    h = await createHarness(store());
    const db = store().db;
    const user = await db
      .selectFrom('users as u')
      .innerJoin('campuses as c', 'c.id', 'u.campus_id')
      .select(['c.id', 'c.cct'])
      .where('u.username', '=', h.accounts.campus.username)
      .executeTakeFirstOrThrow();
    campus = { id: Number(user.id), cct: user.cct };
    const rows = await db
      .selectFrom('students as s')
      .innerJoin('student_identities as i', 'i.student_id', 's.id')
      .innerJoin('campuses as c', 'c.id', 's.campus_id')
      .innerJoin('programs as p', 'p.id', 's.program_id')
      .select([
        's.id',
        'i.curp',
        's.campus_id',
        'c.cct',
        'c.state_id',
        'p.code',
        's.last_school_year',
        's.last_term_no',
        's.last_semester',
        's.last_status',
        's.entry_year',
        'i.given_names',
        'i.first_surname',
      ])
      .orderBy('s.id')
      .execute();
    students = rows.map((r) => ({
      id: Number(r.id),
      curp: r.curp,
      campusId: Number(r.campus_id),
      cct: r.cct,
      stateId: Number(r.state_id),
      program: r.code,
      year: r.last_school_year ?? '',
      term: Number(r.last_term_no),
      semester: Number(r.last_semester),
      status: r.last_status ?? '',
      entryYear: Number(r.entry_year),
      givenNames: r.given_names,
      firstSurname: r.first_surname,
    }));
  }, 180_000);

  const upload = async (
    role: 'campus' | 'state' | 'national',
    kind: RecordKind,
    body: string,
    dryRun = false,
  ) => {
    const res = await call(h.app, `/api/v1/imports/${kind}?filename=${kind}.csv&dryRun=${dryRun}`, {
      method: 'POST',
      cookie: await login(h, role),
      body,
      headers: { 'Content-Type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Summary;
  };

  const enrollmentRow = (s: Student, cct: string, over: Cells = {}): Cells => ({
    curp: s.curp,
    cct,
    program_code: s.program,
    school_year: s.year,
    term_no: s.term,
    semester: s.semester,
    group_code: '101',
    new_entry: 0,
    failed_modules: 0,
    attendance_pct: 90,
    end_status: 'concluido',
    ...over,
  });

  /** A valid CURP that no student has (a foreign student's with another homoclave). */
  const unknownCurp = (like: string): string => {
    for (const c of 'ABCDEFGHIJKLMNPQRSTUVWXYZ') {
      const first17 = like.slice(0, 16) + c;
      const curp = first17 + curpCheckDigit(first17);
      if (!students.some((s) => s.curp === curp)) return curp;
    }
    throw new Error('no unknown CURP');
  };

  const campusOfStudent = async (id: number) =>
    Number(
      (
        await store()
          .db.selectFrom('students')
          .select('campus_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).campus_id,
    );

  it('finding 1: an enrollment row cannot move another state’s student into the attacker’s campus', async () => {
    const victim = studentWhere((s) => s.stateId !== 15 && current(s));
    const unknown = unknownCurp(victim.curp);
    const s = await upload(
      'campus',
      'enrollments',
      csvOf('enrollments', [enrollmentRow(victim, campus.cct)]),
    );
    expect(s.rejected).toBe(true);
    expect(await campusOfStudent(victim.id)).toBe(victim.campusId);
    // A state user, across states, gets the same refusal.
    const st = await upload(
      'state',
      'enrollments',
      csvOf('enrollments', [enrollmentRow(victim, campus.cct)]),
    );
    expect(st.rejected).toBe(true);
    expect(await campusOfStudent(victim.id)).toBe(victim.campusId);
    // Refused as a CURP that exists nowhere.
    const nowhere = await upload(
      'campus',
      'enrollments',
      csvOf('enrollments', [enrollmentRow({ ...victim, curp: unknown }, campus.cct)]),
    );
    const strip = (x: Summary) => x.issues.map((i) => ({ ...i, value: undefined }));
    expect(strip(s)).toEqual(strip(nowhere));
    expect(strip(st)).toEqual(strip(nowhere));
  });

  it('finding 2: a students row with another campus’s CURP does not rename that student', async () => {
    const victim = studentWhere((s) => s.stateId === 15 && s.campusId !== campus.id);
    const row = {
      curp: victim.curp,
      given_names: 'CAPTURADO',
      first_surname: 'RENOMBRADO',
      cct: campus.cct,
      program_code: victim.program,
      entry_year: victim.entryYear,
    };
    const s = await upload('campus', 'students', csvOf('students', [row]));
    expect([s.rejected, s.updated]).toEqual([true, 0]);
    const ident = await store()
      .db.selectFrom('student_identities')
      .select(['given_names', 'first_surname'])
      .where('student_id', '=', victim.id)
      .executeTakeFirstOrThrow();
    expect(ident).toEqual({ given_names: victim.givenNames, first_surname: victim.firstSurname });
  });

  it('finding 3: a dry run answers the same for an out-of-scope CURP as for one that exists nowhere', async () => {
    // Their dropout in a first term: a row for the second term met "trayectoria imposible" before.
    const dropped = studentWhere(
      (s) => s.campusId !== campus.id && s.status === 'dropout' && s.term === 1 && s.semester < 6,
    );
    const probe = enrollmentRow(dropped, campus.cct, { term_no: 2, semester: dropped.semester + 1 });
    const nobody = { ...probe, curp: unknownCurp(dropped.curp) };
    const kinds: [RecordKind, (c: Cells) => Cells][] = [
      ['enrollments', (c) => c],
      [
        'attendance',
        (c) => ({
          curp: c.curp!,
          cct: c.cct!,
          school_year: dropped.year,
          term_no: dropped.term,
          attendance_pct: 50,
        }),
      ],
      [
        'status-events',
        (c) => ({
          curp: c.curp!,
          cct: c.cct!,
          school_year: dropped.year,
          term_no: dropped.term,
          event_date: `${dropped.year.slice(5)}-01-10`,
          kind: 'reingreso',
        }),
      ],
    ];
    for (const [kind, shape] of kinds) {
      const a = await upload('campus', kind, csvOf(kind, [shape(probe)]), true);
      const b = await upload('campus', kind, csvOf(kind, [shape(nobody)]), true);
      const text = (x: Summary) => JSON.stringify(x.issues.map((i) => ({ ...i, value: undefined })));
      expect([kind, a.rejected]).toEqual([kind, true]);
      expect([kind, text(a)]).toEqual([kind, text(b)]);
    }
    // The probe left a trace: dry runs are audited with the importer's state and campus.
    const audit = await store()
      .db.selectFrom('audit_log')
      .select(['state_id', 'campus_id', 'details'])
      .where('action', '=', 'import.file')
      .where('actor', '=', h.accounts.campus.username)
      .execute();
    const dry = audit.filter((r) => (JSON.parse(r.details ?? '{}') as { dryRun?: boolean }).dryRun === true);
    expect(dry.length).toBeGreaterThanOrEqual(6);
    expect(dry.every((r) => Number(r.state_id) === 15 && Number(r.campus_id) === campus.id)).toBe(true);
  });

  it('finding 9: a term after the current school year is refused, and data cannot push the current year', async () => {
    const own = studentWhere((s) => s.campusId === campus.id && current(s));
    const nextYear = shiftYear(schoolYearContaining(new Date()), 1);
    for (const year of ['2099-2100', nextYear]) {
      const s = await upload(
        'national',
        'enrollments',
        csvOf('enrollments', [enrollmentRow(own, campus.cct, { school_year: year })]),
      );
      expect(s.rejected).toBe(true);
      expect(s.issues[0]).toMatchObject({ line: 2, column: 'ciclo_escolar', value: year });
      expect(s.issues[0]?.message).toMatch(/posterior al ciclo escolar en curso/);
    }
    // Data already in the database (older versions accepted it) does not become the current year.
    const before = h.deps.currentYear;
    await store()
      .db.insertInto('flow_counts')
      .values({
        school_year: '2099-2100',
        campus_id: campus.id,
        program_id: 1,
        sex: 'H',
        semester: 1,
        mt: 1,
        ni1: 1,
        ex: 1,
        ap: 1,
        reg: 0,
        eg: 0,
      })
      .execute();
    const deps = await apiDeps(store(), loadConfig(HARNESS_ENV), () => undefined);
    expect(deps.currentYear).toBe(before);
    await store().db.deleteFrom('flow_counts').where('school_year', '=', '2099-2100').execute();
  });

  it('finding 11: import audit rows carry state and campus and name the students by pseudonym; the state sees them', async () => {
    const own = studentWhere((s) => s.campusId === campus.id && current(s));
    const row = {
      curp: own.curp,
      cct: campus.cct,
      school_year: own.year,
      term_no: own.term,
      attendance_pct: 77.5,
    };
    const s = await upload('campus', 'attendance', csvOf('attendance', [row]));
    expect([s.rejected, s.updated]).toEqual([false, 1]);
    const res = await call(h.app, '/api/v1/audit?action=import.file&pageSize=100', {
      cookie: await login(h, 'state'),
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      items: {
        actor: string;
        stateId: number;
        campusId: number;
        details: { dryRun?: boolean; students?: string[] };
      }[];
    };
    const mine = page.items.find((i) => i.actor === h.accounts.campus.username && i.details.dryRun === false);
    expect(mine).toMatchObject({ stateId: 15, campusId: campus.id });
    expect(mine?.details.students).toEqual([h.deps.pseudonyms.toPseudonym(own.id)]);
    expect(JSON.stringify(page)).not.toContain(own.curp);
  });

  /** The term after a student's latest, with the semester that follows. */
  const nextTerm = (s: Student): Cells =>
    s.term === 1
      ? { school_year: s.year, term_no: 2, semester: s.semester + 1 }
      : { school_year: shiftYear(s.year as never, 1), term_no: 1, semester: s.semester + 1 };

  const post = async (role: 'campus' | 'state' | 'national', path: string, body?: unknown) =>
    call(h.app, path, {
      method: 'POST',
      cookie: await login(h, role),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('a change of campus is a transfer: requested by the receiving campus, confirmed by a coordinator', async () => {
    const mover = studentWhere((s) => s.stateId === 15 && s.campusId !== campus.id && current(s), 1);
    const row = enrollmentRow(mover, campus.cct, nextTerm(mover));
    // A state user cannot move them with an enrollment row alone.
    const direct = await upload('state', 'enrollments', csvOf('enrollments', [row]), true);
    expect(direct.issues[0]?.message).toMatch(/^cambio de plantel sin traslado/);
    const asked = await post('campus', '/api/v1/transfers', { curp: mover.curp });
    expect(asked.status).toBe(201);
    const t = (await asked.json()) as { id: number; status: string; fromCct: string | null; student: string };
    expect([t.status, t.fromCct, t.student]).toEqual([
      'pending',
      null,
      h.deps.pseudonyms.toPseudonym(mover.id),
    ]);
    // The requester cannot confirm their own request; the student is still outside their scope.
    expect((await post('campus', `/api/v1/transfers/${t.id}/confirm`)).status).toBe(404);
    expect((await upload('campus', 'enrollments', csvOf('enrollments', [row]))).rejected).toBe(true);
    const list = await call(h.app, '/api/v1/transfers', { cookie: await login(h, 'state') });
    const items = ((await list.json()) as { items: { id: number; canDecide: boolean; fromCct: string }[] })
      .items;
    expect(items.find((i) => i.id === t.id)).toMatchObject({ canDecide: true, fromCct: mover.cct });
    const done = await post('state', `/api/v1/transfers/${t.id}/confirm`);
    expect(done.status).toBe(200);
    expect(await campusOfStudent(mover.id)).toBe(campus.id);
    expect((await post('state', `/api/v1/transfers/${t.id}/confirm`)).status).toBe(409);
    const event = await store()
      .db.selectFrom('status_events')
      .select(['from_campus_id', 'to_campus_id'])
      .where('student_id', '=', mover.id)
      .where('kind', '=', 'transfer')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect([Number(event.from_campus_id), Number(event.to_campus_id)]).toEqual([mover.campusId, campus.id]);
    // Now the receiving campus enrolls them.
    const enrolled = await upload('campus', 'enrollments', csvOf('enrollments', [row]));
    expect([enrolled.rejected, enrolled.inserted]).toEqual([false, 1]);
    expect(await campusOfStudent(mover.id)).toBe(campus.id);
    const audit = await store()
      .db.selectFrom('audit_log')
      .select(['details', 'state_id'])
      .where('target', '=', `student:${mover.id}`)
      .where('action', '=', 'record.change')
      .execute();
    const ops = audit.map((a) => (JSON.parse(a.details ?? '{}') as { op: string }).op).sort();
    expect(ops).toEqual(['transfer.confirm', 'transfer.request']);
    expect(audit.every((a) => Number(a.state_id) === 15)).toBe(true);
  });

  it('a rejected request moves nobody; a state import may carry a transfer (status event "traslado")', async () => {
    const far = studentWhere((s) => s.stateId !== 15 && current(s), 1);
    const asked = await post('campus', '/api/v1/transfers', { curp: far.curp });
    const t = (await asked.json()) as { id: number };
    // The state coordinator of the receiving state does not decide for another state's campus.
    expect((await post('state', `/api/v1/transfers/${t.id}/reject`)).status).toBe(404);
    const no = await post('national', `/api/v1/transfers/${t.id}/reject`, { reason: 'no procede' });
    expect(((await no.json()) as { status: string }).status).toBe('rejected');
    expect(await campusOfStudent(far.id)).toBe(far.campusId);

    const near = studentWhere((s) => s.stateId === 15 && s.campusId !== campus.id && current(s), 2);
    const next = nextTerm(near);
    const event = {
      curp: near.curp,
      cct: campus.cct,
      school_year: next.school_year!,
      term_no: next.term_no!,
      event_date: `${String(next.school_year).slice(next.term_no === 1 ? 0 : 5, next.term_no === 1 ? 4 : 9)}-${next.term_no === 1 ? '08-05' : '02-05'}`,
      kind: 'traslado',
    };
    const s = await upload('state', 'status-events', csvOf('status-events', [event]));
    expect([s.rejected, s.inserted]).toEqual([false, 1]);
    expect(await campusOfStudent(near.id)).toBe(campus.id);
    const enrolled = await upload(
      'campus',
      'enrollments',
      csvOf('enrollments', [enrollmentRow(near, campus.cct, next)]),
    );
    expect([enrolled.rejected, enrolled.inserted]).toEqual([false, 1]);
  });

  it('every record kind answers a CURP outside the scope exactly as one that exists nowhere', async () => {
    const other = studentWhere((s) => s.campusId !== campus.id && current(s), 3);
    const nobody = unknownCurp(other.curp);
    const kinds = Object.keys(RECORD_FIELDS).filter(
      (k) => k !== 'students' && k !== 'programs',
    ) as RecordKind[];
    expect(kinds.length).toBeGreaterThanOrEqual(7);
    for (const kind of kinds) {
      const base = Object.fromEntries(RECORD_FIELDS[kind].map((f) => [f.key, f.example])) as Cells;
      const over: Cells = { cct: campus.cct, school_year: other.year, term_no: other.term };
      const row = { ...base, ...Object.fromEntries(Object.entries(over).filter(([k]) => k in base)) };
      const a = await upload('campus', kind, csvOf(kind, [{ ...row, curp: other.curp }]), true);
      const b = await upload('campus', kind, csvOf(kind, [{ ...row, curp: nobody }]), true);
      const text = (x: Summary) => JSON.stringify(x.issues.map((i) => ({ ...i, value: undefined })));
      expect([kind, text(a)]).toEqual([kind, text(b)]);
      expect([kind, a.issues.some((i) => i.message.startsWith('no hay un alumno con esta CURP'))]).toEqual([
        kind,
        true,
      ]);
    }
  });

  it('names change only within scope, kept before and after for coordinators, never for analysts', async () => {
    const own = studentWhere((s) => s.campusId === campus.id && current(s));
    const row = {
      curp: own.curp,
      given_names: 'NOMBRE CORREGIDO',
      first_surname: own.firstSurname,
      cct: campus.cct,
      program_code: own.program,
      entry_year: own.entryYear,
    };
    const s = (await upload('campus', 'students', csvOf('students', [row]))) as Summary & { runId: number };
    expect([s.rejected, s.updated]).toEqual([false, 1]);
    const path = `/api/v1/imports/runs/${s.runId}/identity-changes`;
    const res = await call(h.app, path, { cookie: await login(h, 'state') });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { student: string; before: Record<string, string>; after: Record<string, string> }[];
    };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      student: h.deps.pseudonyms.toPseudonym(own.id),
      before: { given_names: own.givenNames },
      after: { given_names: 'NOMBRE CORREGIDO' },
    });
    for (const role of ['analyst', 'campus', 'tutor'] as const)
      expect([role, (await call(h.app, path, { cookie: await login(h, role) })).status]).toEqual([role, 404]);
    const logged = await store().db.selectFrom('audit_log').select('details').execute();
    expect(JSON.stringify(logged)).not.toContain('NOMBRE CORREGIDO');
  });
});
