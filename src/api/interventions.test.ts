/**
 * The intervention routes through the app: the tutor's worklist and logging an action with a note, role checks
 * (analysts read-only, tutors without escalations, students outside the scope not found), effects and what-if.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { createTutorHarness } from '../test-support/tutor-harness.js';
import { bodyText, call, getJson, login, xlsxRows, type Harness } from './test-helpers.js';

interface Item {
  student: string;
  flag: string;
  reasons: string[];
  reasonsEn: string[];
  lastAction: { date: string; kind: string } | null;
}

describeEachDialect('API interventions', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', campus: '', tutor: '', analyst: '' };
  beforeAll(async () => {
    h = await createTutorHarness(store());
    for (const role of ['national', 'campus', 'tutor', 'analyst'] as const)
      cookie[role] = await login(h, role);
  }, 120_000);

  it('gives the tutor a ranked, explained worklist and logs an action with a note', async () => {
    const q = await getJson<{ items: Item[] }>(h.app, '/api/v1/worklist', cookie.tutor);
    expect(q.items.length).toBeGreaterThan(0);
    expect(q.items.every((i) => i.flag !== 'verde' && i.reasons.length > 0)).toBe(true);
    // Each reason in English too, in the same order (English mode shows these: issue 13, finding 9).
    for (const i of q.items) {
      expect(i.reasonsEn).toHaveLength(i.reasons.length);
      expect(i.reasonsEn.join(' ')).not.toMatch(/rezago|asistencia|promedio|reprobad|pendiente|beca/i);
    }
    const student = q.items[0]!.student;
    const res = await call(h.app, '/api/v1/interventions', {
      method: 'POST',
      cookie: cookie.tutor,
      body: JSON.stringify({ student, kind: 'counseling', startDate: '2026-11-20', sessions: 3 }),
    });
    expect(res.status).toBe(201);
    const iv = (await res.json()) as { id: number; kind: string };
    const note = await call(h.app, `/api/v1/interventions/${iv.id}/notes`, {
      method: 'POST',
      cookie: cookie.tutor,
      body: JSON.stringify({ body: 'Seguimiento semanal', date: '2026-11-25' }),
    });
    expect(note.status).toBe(201);
    const detail = await getJson<{ followUps: { body: string }[]; kind: string }>(
      h.app,
      `/api/v1/interventions/${iv.id}`,
      cookie.tutor,
    );
    expect(detail.followUps.map((n) => n.body)).toEqual(['Seguimiento semanal']);
    const patch = await call(h.app, `/api/v1/interventions/${iv.id}`, {
      method: 'PATCH',
      cookie: cookie.tutor,
      body: JSON.stringify({ outcome: 'concluida' }),
    });
    expect(patch.status).toBe(200);
    const after = await getJson<{ items: Item[] }>(h.app, '/api/v1/worklist', cookie.tutor);
    expect(after.items.find((i) => i.student === student)?.lastAction?.date).toBe('2026-11-25');
    const bad = await call(h.app, '/api/v1/interventions', {
      method: 'POST',
      cookie: cookie.tutor,
      body: JSON.stringify({ student, kind: 'magia' }),
    });
    expect(bad.status).toBe(400);
  });

  it('downloads the worklist as shown (filters and sort) as CSV and XLSX, and audits it', async () => {
    const all = await getJson<{ items: (Item & { group: string | null; daysSinceAction: number | null })[] }>(
      h.app,
      '/api/v1/worklist',
      cookie.tutor,
    );
    const group = all.items.find((i) => i.group !== null)?.group ?? '';
    const shown = all.items.filter((i) => i.group === group && i.flag === 'rojo');
    const filtered = await getJson<{ items: Item[]; shown: number }>(
      h.app,
      `/api/v1/worklist?group=${encodeURIComponent(group)}&flag=rojo`,
      cookie.tutor,
    );
    expect(filtered.items.map((i) => i.student)).toEqual(shown.map((i) => i.student));
    const csv = await call(
      h.app,
      `/api/v1/worklist?format=csv&group=${encodeURIComponent(group)}&flag=rojo`,
      {
        cookie: cookie.tutor,
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await bodyText(csv))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('prioridad,estudiante,nombre,plantel,grupo');
    expect(lines).toHaveLength(shown.length + 1);
    const sorted = await getJson<{ items: (Item & { daysSinceAction: number | null })[] }>(
      h.app,
      '/api/v1/worklist?sort=days',
      cookie.tutor,
    );
    const days = sorted.items.map((i) => i.daysSinceAction ?? Infinity);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const xlsx = await call(h.app, '/api/v1/worklist?format=xlsx', { cookie: cookie.tutor });
    expect(xlsx.status).toBe(200);
    const rows = await xlsxRows(await xlsx.arrayBuffer());
    expect(rows).toHaveLength(all.items.length + 1);
    const audit = await store()
      .db.selectFrom('audit_log')
      .select(['action', 'target'])
      .where('target', '=', 'download:cola-de-trabajo')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['export.personal', 'export.personal']);
  });

  it('enforces roles: analysts read-only, tutors without escalations, other scopes not found', async () => {
    const list = await getJson<{ items: { student: string; studentName: string | null }[] }>(
      h.app,
      '/api/v1/interventions?limit=3',
      cookie.analyst,
    );
    expect(list.items.every((i) => i.studentName === null)).toBe(true);
    const post = await call(h.app, '/api/v1/interventions', {
      method: 'POST',
      cookie: cookie.analyst,
      body: JSON.stringify({ student: list.items[0]?.student ?? 'x', kind: 'tutoring' }),
    });
    // The API answers every forbidden as not found (src/api/errors.ts); the code says why.
    expect(post.status).toBe(404);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe('read_only');
    expect((await call(h.app, '/api/v1/escalations', { cookie: cookie.tutor })).status).toBe(404);
    const esc = await getJson<{ items: Item[] }>(h.app, '/api/v1/escalations', cookie.campus);
    expect(esc.items.every((i) => i.flag === 'rojo')).toBe(true);
    expect((await call(h.app, '/api/v1/worklist', { cookie: cookie.national })).status).toBe(400);
    const other = await store()
      .db.selectFrom('interventions as i')
      .innerJoin('users as u', (j) => j.on('u.username', '=', 'tutor'))
      .select('i.id')
      .whereRef('i.campus_id', '!=', 'u.campus_id')
      .executeTakeFirstOrThrow();
    expect((await call(h.app, `/api/v1/interventions/${other.id}`, { cookie: cookie.tutor })).status).toBe(
      404,
    );
  });

  it('answers effects and what-if', async () => {
    const effects = await getJson<{ effects: { kind: string }[] }>(h.app, '/api/v1/effects', cookie.national);
    expect(effects.effects.map((e) => e.kind).sort()).toEqual(['counseling', 'leveling', 'tutoring']);
    const w = await getJson<{ difference: { eficienciaTerminalPoints: number } }>(
      h.app,
      '/api/v1/whatif?generation=2022-2025&semester=1&dropoutChange=-20',
      cookie.national,
    );
    expect(w.difference.eficienciaTerminalPoints).toBeGreaterThan(0);
    expect(
      (await call(h.app, '/api/v1/whatif?generation=1990-1993', { cookie: cookie.national })).status,
    ).toBe(400);
  });
});
