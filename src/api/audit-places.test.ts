/**
 * Issue 11 ("an audit a coordinator can use"): an import's audit row carries the states and campuses of the
 * students it created or changed (from the rows written, not from the importer's scope), so that a state
 * coordinator's audit list shows every import that touched their state, whoever ran it — a national user
 * through the API, an operator at the command line — and another state's coordinator sees neither. The rows
 * name students by pseudonymous id only.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../domain/access.js';
import { importFresh } from '../services/imports/index.js';
import { listAudit } from '../services/operations/index.js';
import { importTargetOf } from '../storage/import-writes.js';
import { describeEachDialect } from '../test-support/stores.js';
import { createHarness, CURP_RE, getJson, login, ORIGIN, type Harness } from './test-helpers.js';

const HEADER = 'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia';

interface Row {
  id: number;
  studentId: number;
  stateId: number;
  line: string;
}

describeEachDialect('import audit rows by the states they touched', ({ store }) => {
  let h: Harness;
  let stateA: number;
  let stateB: number;
  let inA: Row[];
  beforeAll(async () => {
    h = await createHarness(store());
    const account = await store()
      .db.selectFrom('users')
      .select('state_id')
      .where('username', '=', h.accounts.state.username)
      .executeTakeFirstOrThrow();
    stateA = Number(account.state_id);
    const found = await store()
      .db.selectFrom('module_results as r')
      .innerJoin('students as s', 's.id', 'r.student_id')
      .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
      .innerJoin('campuses as c', 'c.id', 's.campus_id')
      .innerJoin('modules as m', 'm.id', 'r.module_id')
      .select(['r.id', 'r.student_id', 'i.curp', 'c.cct', 'c.state_id', 'r.school_year', 'r.term_no'])
      .select(['m.code', 'r.grade', 'r.attendance_pct'])
      .where('c.state_id', '=', stateA)
      .where('r.campus_id', '=', (eb) => eb.ref('s.campus_id'))
      .where('r.grade', '<', 9)
      .orderBy('r.id')
      .limit(2)
      .execute();
    inA = found.map((r) => ({
      id: r.id,
      studentId: r.student_id,
      stateId: Number(r.state_id),
      line: [r.curp, r.cct, r.school_year, r.term_no, r.code, Number(r.grade) + 1, r.attendance_pct].join(
        ',',
      ),
    }));
    expect(inA).toHaveLength(2);
    const other = await store()
      .db.selectFrom('campuses')
      .select('state_id')
      .where('state_id', '!=', stateA)
      .executeTakeFirstOrThrow();
    stateB = Number(other.state_id);
  }, 120_000);

  const stateScope = (stateId: number): Scope => ({
    userId: 0,
    role: 'state',
    stateId,
    campusId: null,
    groups: [],
  });

  it('a national API import and a CLI import of state A students are in A’s audit list, not in B’s', async () => {
    const national = await login(h, 'national');
    const res = await h.app.request(`${ORIGIN}/api/v1/imports/module-results?filename=nacional.csv`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Cookie: national, 'Content-Type': 'text/csv' },
      body: `${HEADER}\n${inA[0]!.line}\n`,
    });
    expect(await res.json()).toMatchObject({ rejected: false, updated: 1 });
    // As `trayecto import module-results` runs it: unscoped, the operator as actor, no auditScope.
    const cli = await importFresh(
      importTargetOf(store().db),
      'module-results',
      { bytes: new TextEncoder().encode(`${HEADER}\n${inA[1]!.line}\n`) },
      'operador.csv',
      { actor: 'cli:operador', pseudonyms: h.deps.pseudonyms },
    );
    expect(cli).toMatchObject({ rejected: false, updated: 1 });

    // State A's coordinator, through the API: both imports, each naming its student by pseudonymous id.
    const page = await getJson<{
      items: { actor: string; stateId: number | null; details: Record<string, unknown> }[];
    }>(h.app, '/api/v1/audit?action=import.file', await login(h, 'state'));
    const byActor = new Map(page.items.map((i) => [i.actor, i]));
    const fromNational = byActor.get(h.accounts.national.username);
    const fromCli = byActor.get('cli:operador');
    expect(fromNational?.stateId).toBeNull(); // the importer's own scope: national
    expect(fromCli?.stateId).toBeNull();
    expect(fromNational?.details.students).toEqual([h.deps.pseudonyms.toPseudonym(inA[0]!.studentId)]);
    expect(fromCli?.details.students).toEqual([h.deps.pseudonyms.toPseudonym(inA[1]!.studentId)]);
    expect(JSON.stringify(page.items)).not.toMatch(CURP_RE);

    // State B's coordinator: neither.
    const b = await listAudit(store().db, stateScope(stateB), { action: 'import.file' });
    const actors = b.items.map((i) => i.actor);
    expect(actors).not.toContain(h.accounts.national.username);
    expect(actors).not.toContain('cli:operador');
    // The national coordinator sees both, as before.
    const all = await listAudit(store().db, null, { action: 'import.file' });
    expect(all.items.map((i) => i.actor)).toEqual(
      expect.arrayContaining([h.accounts.national.username, 'cli:operador']),
    );
  });

  it('the places of an audit row are append-only, as the row', async () => {
    await expect(store().db.deleteFrom('audit_places').execute()).rejects.toThrow(/append-only/);
    await expect(store().db.updateTable('audit_places').set({ state_id: stateB }).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});
