import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import {
  addIntervention,
  addNote,
  escalations,
  HIDDEN_DESCRIPTION,
  listInterventions,
  listNotes,
  queueSettings,
  setQueueSettings,
  updateIntervention,
  workQueue,
  type InterventionDeps,
} from './index.js';
import { pseudonymizer } from '../accounts/index.js';
import { createDemoAccounts } from '../accounts/index.js';
import { whatIf } from '../effects/index.js';

const NOW = new Date('2026-11-28T12:00:00Z');

describeEachDialect('interventions, work queues and escalation', ({ store }) => {
  let deps: InterventionDeps;
  const scopes: Record<string, Scope> = {};
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.01 });
    const db = store().db;
    await createDemoAccounts(db, NOW);
    const year = await db
      .selectFrom('school_years')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    deps = { db, pseudonyms: pseudonymizer('test-secret'), currentYear: year.id, now: () => NOW };
    // At this scale a group holds one or two students: the tutor follows every group of the campus.
    const t = await db
      .selectFrom('users')
      .select(['id', 'campus_id'])
      .where('username', '=', 'tutor')
      .executeTakeFirstOrThrow();
    const groups = await db
      .selectFrom('enrollments')
      .select('group_code')
      .distinct()
      .where('campus_id', '=', t.campus_id ?? -1)
      .where('school_year', '=', year.id)
      .execute();
    await db.deleteFrom('tutor_groups').where('user_id', '=', t.id).execute();
    await db
      .insertInto('tutor_groups')
      .values(groups.map((g) => ({ user_id: t.id, campus_id: t.campus_id ?? -1, group_code: g.group_code })))
      .execute();
    for (const u of await db.selectFrom('users').selectAll().execute()) {
      const groups = await db.selectFrom('tutor_groups').selectAll().where('user_id', '=', u.id).execute();
      scopes[u.username] = {
        userId: u.id,
        role: u.role as Scope['role'],
        stateId: u.state_id,
        campusId: u.campus_id,
        groups: groups.map((g) => ({ campusId: g.campus_id, groupCode: g.group_code })),
      };
    }
  }, 120_000);

  const tutor = () => scopes.tutor as Scope;
  const actor = { userId: 4, username: 'tutor', displayName: 'Tutoría (demo)' };

  it('ranks the tutor queue by flag and probability, with reasons and no green cases', async () => {
    const q = await workQueue(deps, tutor());
    expect(q.owner.level).toBe('tutor');
    expect(q.capacity).toBe(40);
    expect(q.items.length).toBeGreaterThan(0);
    expect(q.items.length).toBeLessThanOrEqual(Math.min(40, q.atRisk));
    const order = { rojo: 2, amarillo: 1, verde: 0 };
    for (let i = 1; i < q.items.length; i++)
      expect(order[q.items[i - 1]!.flag]).toBeGreaterThanOrEqual(order[q.items[i]!.flag]);
    for (const item of q.items) {
      expect(item.flag).not.toBe('verde');
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.name).not.toBeNull();
    }
    const small = await workQueue(deps, tutor(), { capacity: 2 });
    expect(small.items.map((i) => i.student)).toEqual(q.items.slice(0, 2).map((i) => i.student));
  });

  it('logs an intervention with notes and outcome; the queue shows it as the last action', async () => {
    const q = await workQueue(deps, tutor());
    const first = q.items[0]!;
    const iv = await addIntervention(deps, tutor(), actor, {
      student: first.student,
      kind: 'family_contact',
      startDate: '2026-11-27',
      sessions: 1,
      description: 'Llamada a la madre',
    });
    expect(iv.kind).toBe('family_contact');
    expect(iv.assignedBy).toBe('Tutoría (demo)');
    expect(iv.outcome).toBeNull();
    const note = await addNote(deps, tutor(), actor, iv.id, { body: 'Acordamos cita', date: '2026-11-28' });
    expect(note.author).toBe('Tutoría (demo)');
    const updated = await updateIntervention(deps, tutor(), actor, iv.id, {
      outcome: 'concluida',
      sessions: 2,
    });
    expect(updated.outcome).toBe('concluida');
    expect(updated.sessions).toBe(2);
    expect(updated.notes).toBe(1);
    expect((await listNotes(deps, tutor(), iv.id)).map((n) => n.body)).toEqual(['Acordamos cita']);
    const after = await workQueue(deps, tutor());
    const item = after.items.find((i) => i.student === first.student)!;
    expect(item.lastAction?.date).toBe('2026-11-28');
    expect(item.lastAction?.type).toBe('note');
    expect(item.daysSinceAction).toBe(0);
    expect(item.escalated).toBe(false);
    const listed = await listInterventions(deps, tutor(), { student: first.student });
    expect(listed[0]?.id).toBe(iv.id);
    const audit = await deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'record.change')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit.map((a) => a.details).join(' ')).not.toContain('Llamada');
  });

  it('escalates red cases without action for N days to the campus and state, configurable', async () => {
    const campus = scopes.plantel as Scope;
    const all = await escalations(deps, campus);
    expect(all.items.every((i) => i.flag === 'rojo' && i.escalated)).toBe(true);
    const acted = all.items.find((i) => i.daysSinceAction !== null && i.daysSinceAction < 365);
    const state = await escalations(deps, scopes.estatal as Scope);
    expect(state.total).toBeGreaterThanOrEqual(all.total);
    // With a longer window, cases acted on recently are no longer escalated.
    await setQueueSettings(deps, campus, { userId: 3, username: 'plantel' }, { escalateAfterDays: 365 });
    expect((await queueSettings(deps, campus)).settings.escalateAfterDays).toBe(365);
    const later = await escalations(deps, campus);
    expect(later.total).toBeLessThan(all.total + 1);
    if (acted) expect(later.items.find((i) => i.student === acted.student)).toBeUndefined();
    expect(later.items.every((i) => i.daysSinceAction === null || i.daysSinceAction >= 365)).toBe(true);
    await expect(escalations(deps, tutor())).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('keeps analysts read-only and pseudonymous, and other campuses out of scope', async () => {
    const analyst = scopes.analista as Scope;
    const list = await listInterventions(deps, analyst, { limit: 5 });
    expect(list.length).toBe(5);
    expect(list.every((i) => i.studentName === null)).toBe(true);
    const err = await addIntervention(
      deps,
      analyst,
      { userId: 5, username: 'analista' },
      {
        student: list[0]!.student,
        kind: 'tutoring',
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe('forbidden');
    const other = await deps.db
      .selectFrom('interventions')
      .select('student_id')
      .where('campus_id', '!=', tutor().campusId ?? -1)
      .executeTakeFirstOrThrow();
    const outside = deps.pseudonyms.toPseudonym(other.student_id);
    await expect(
      addIntervention(deps, tutor(), actor, { student: outside, kind: 'tutoring' }),
    ).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(
      addIntervention(deps, tutor(), actor, { student: outside, kind: 'magia' }),
    ).rejects.toMatchObject({ code: 'unknown_kind' });
  });

  it('never shows analysts the free text of an intervention: typed descriptions and imported notas (finding 6)', async () => {
    const q = await workQueue(deps, tutor());
    const typed = 'Habló con Juana Pérez López, CURP PELJ080101MDFRPNA1';
    const iv = await addIntervention(deps, tutor(), actor, {
      student: q.items[0]!.student,
      kind: 'counseling',
      startDate: '2026-11-26',
      description: typed,
    });
    // An imported `notas` lands in the same column as a typed description.
    const imported = await deps.db
      .selectFrom('interventions')
      .select('id')
      .where('id', '!=', iv.id)
      .orderBy('start_date', 'desc')
      .executeTakeFirstOrThrow();
    await deps.db
      .updateTable('interventions')
      .set({ notes: 'Nota importada sobre Pedro Gómez' })
      .where('id', '=', imported.id)
      .execute();
    const own = await listInterventions(deps, tutor(), { student: iv.student });
    expect(own.find((i) => i.id === iv.id)?.description).toBe(typed);
    const analyst = scopes.analista as Scope;
    const seen = await listInterventions(deps, analyst, { limit: 1000 });
    const text = JSON.stringify(seen);
    expect(seen.some((i) => i.id === iv.id)).toBe(true);
    expect(seen.some((i) => i.id === imported.id)).toBe(true);
    expect(text).not.toContain('Juana');
    expect(text).not.toContain('PELJ080101');
    expect(text).not.toContain('Pedro');
    expect(seen.find((i) => i.id === iv.id)?.description).toBe(HIDDEN_DESCRIPTION);
    expect(seen.every((i) => i.description === null || i.description === HIDDEN_DESCRIPTION)).toBe(true);
  });

  it('projects a generation and a first-semester dropout cut raises ET', async () => {
    const national = scopes.nacional as Scope;
    const base = await whatIf(deps.db, national, { generation: '2022-2025' });
    expect(base.difference.eficienciaTerminalPoints).toBe(0);
    expect(base.baseline.eficienciaTerminal).toBeGreaterThan(30);
    expect(base.baseline.eficienciaTerminal).toBeLessThan(90);
    const r = await whatIf(deps.db, national, {
      generation: '2022-2025',
      changes: [{ semester: 1, change: -0.2 }],
    });
    expect(r.scenario.eficienciaTerminal).toBeGreaterThan(r.baseline.eficienciaTerminal);
    expect(r.scenario.dropoutPct).toBeLessThan(r.baseline.dropoutPct);
    expect(r.difference.studentsKept).toBeGreaterThan(0);
    expect(r.difference.abandonoPoints).toBeLessThan(0);
    expect(r.scenarioRates[1]).toEqual(r.baselineRates[1]);
    const campus = await deps.db
      .selectFrom('campuses')
      .select('cct')
      .where('id', '=', tutor().campusId ?? -1)
      .executeTakeFirstOrThrow();
    const atCampus = await whatIf(deps.db, scopes.plantel as Scope, {
      generation: '2022-2025',
      changes: [{ semester: 1, change: -0.2 }],
    });
    expect(atCampus.unit).toMatchObject({ level: 'campus', id: campus.cct });
    expect(atCampus.nationalEtPoints).toBeGreaterThanOrEqual(0);
    await expect(whatIf(deps.db, national, { generation: '1999-2002' })).rejects.toMatchObject({
      code: 'invalid_generation',
    });
    await expect(
      whatIf(deps.db, national, { generation: '2022-2025', changes: [{ semester: 9, change: -0.2 }] }),
    ).rejects.toMatchObject({ code: 'invalid_scenario' });
  });
});
