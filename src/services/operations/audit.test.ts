/**
 * The audit log: append-only on both dialects (the database itself refuses UPDATE and DELETE), scoped reads
 * (national all, state its own, other roles forbidden), no identity data in details, and every import and
 * account change recorded in the same transaction as the change.
 */
import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import { contentVersion, dataVersion } from '../../storage/data-version.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { listAudit, recordAudit, scrubDetails } from './audit.js';
import { importCampuses } from '../imports/index.js';
import { addUser, changeUserRole, disableUser } from '../accounts/index.js';

const FILE = 'assets/data/conalep-planteles/GeoReferenciaPlanteles.csv';
const CAMPUSES = readFileSync(new URL(`../../../${FILE}`, import.meta.url));
const NOW = new Date('2026-11-28T12:00:00.000Z');

const scope = (role: Scope['role'], stateId: number | null = null): Scope => ({
  userId: 1,
  role,
  stateId,
  campusId: null,
  groups: [],
});

describeEachDialect('audit log', ({ store }) => {
  beforeAll(async () => {
    await importCampuses(store().db, CAMPUSES, FILE, { now: () => NOW, actor: 'cli:operador' });
  });

  it('records an import in the import transaction, with the file and its counts', async () => {
    const page = await listAudit(store().db, null, { action: 'import.file' });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      actor: 'cli:operador',
      action: 'import.file',
      target: 'file:GeoReferenciaPlanteles.csv',
      at: NOW.toISOString(),
    });
    expect(page.items[0]?.details).toMatchObject({ kind: 'campuses', runId: 1, rows: 315, inserted: 315 });
  });

  it('writes nothing for a dry run or a rejected file', async () => {
    const db = store().db;
    await importCampuses(db, CAMPUSES, FILE, { dryRun: true, actor: 'cli:x' });
    await expect(importCampuses(db, Buffer.from('nada,que,ver\n1,2,3\n'), 'malo.csv')).rejects.toThrow(
      AppError,
    );
    expect((await listAudit(db, null, { action: 'import.file' })).total).toBe(1);
  });

  it('rejects UPDATE, DELETE (and TRUNCATE on PostgreSQL) in the database itself', async () => {
    const db = store().db;
    await recordAudit(db, { actor: 'system', action: 'data.backup', target: 'file:x' });
    const before = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    await expect(db.updateTable('audit_log').set({ actor: 'mallory' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('action', '=', 'data.backup').execute()).rejects.toThrow(
      /append-only/,
    );
    if (store().dialect === 'postgres')
      await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('records account creation, role change and disabling, scoped to the account state', async () => {
    const db = store().db;
    const by = { actor: 'cli:admin' };
    await addUser(
      db,
      { username: 'ana.edomex', password: 'x'.repeat(12), role: 'state', state: '15' },
      NOW,
      by,
    );
    await changeUserRole(db, { username: 'ana.edomex', role: 'state', state: '14' }, NOW, by);
    await disableUser(db, 'ana.edomex', true, by);
    const rows = (await listAudit(db, null, { target: 'user:ana.edomex' })).items.reverse();
    expect(rows.map((r) => [r.action, r.actor, r.stateId])).toEqual([
      ['user.add', 'cli:admin', 15],
      ['user.role', 'cli:admin', 14],
      ['user.disable', 'cli:admin', 14],
    ]);
    expect(rows[1]?.details).toEqual({
      from: { role: 'state', stateId: 15, campusId: null },
      to: { role: 'state', stateId: 14, campusId: null, groups: 0 },
    });
    // A failed change writes no audit row: the transaction holds both or neither.
    await expect(disableUser(db, 'nadie', true, by)).rejects.toThrow(AppError);
    expect((await listAudit(db, null, { target: 'user:nadie' })).total).toBe(0);
  });

  it('shows national users everything, state users their state only, and refuses other roles', async () => {
    const db = store().db;
    await recordAudit(db, { actor: 'u9', action: 'student.view', target: 'student:1', stateId: 9 });
    await recordAudit(db, { actor: 'u15', action: 'student.view', target: 'student:2', stateId: 15 });
    const national = await listAudit(db, scope('national'), { action: 'student.view' });
    expect(national.items.map((r) => r.target).sort()).toEqual(['student:1', 'student:2']);
    const state = await listAudit(db, scope('state', 15), { action: 'student.view' });
    expect(state.items.map((r) => r.target)).toEqual(['student:2']);
    // A state user asking for another state still gets only their own.
    const asked = await listAudit(db, scope('state', 15), { action: 'student.view', state: 9 });
    expect(asked.items.map((r) => r.target)).toEqual(['student:2']);
    for (const role of ['campus', 'tutor', 'analyst'] as const) {
      await expect(listAudit(db, scope(role), {})).rejects.toMatchObject({ kind: 'forbidden' });
    }
  });

  it('filters by date, action family and actor, and pages newest first', async () => {
    const db = store().db;
    for (let i = 0; i < 5; i++) {
      await recordAudit(db, {
        actor: 'paginador',
        action: 'risk.threshold',
        details: { i },
        at: new Date(Date.UTC(2025, 0, 10 + i)),
      });
    }
    const p1 = await listAudit(db, null, { actor: 'paginador', pageSize: 2 });
    const p3 = await listAudit(db, null, { actor: 'paginador', pageSize: 2, page: 3 });
    expect(p1.total).toBe(5);
    expect(p1.items.map((r) => r.details?.i)).toEqual([4, 3]);
    expect(p3.items.map((r) => r.details?.i)).toEqual([0]);
    const range = await listAudit(db, null, { actor: 'paginador', since: '2025-01-11', until: '2025-01-12' });
    expect(range.items.map((r) => r.details?.i)).toEqual([2, 1]);
    expect((await listAudit(db, null, { action: 'risk', actor: 'paginador' })).total).toBe(5);
    expect((await listAudit(db, null, { action: 'user', actor: 'paginador' })).total).toBe(0);
    await expect(listAudit(db, null, { since: '11/01/2025' })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('moves the content version (result caches) on data changes, not on views and downloads', async () => {
    const s = store();
    const version = () => contentVersion(s)();
    const v0 = await version();
    await recordAudit(s.db, { actor: 'u', action: 'student.view', target: 'student:7' });
    await recordAudit(s.db, { actor: 'u', action: 'export.personal', target: 'download:estudiantes' });
    expect(await version()).toBe(v0);
    await recordAudit(s.db, { actor: 'u', action: 'record.change', target: 'student:7' });
    const v1 = await version();
    expect(v1).not.toBe(v0);
    // Importing the same campus list again changes no row: the caches stay.
    const again = await importCampuses(s.db, CAMPUSES, FILE, { actor: 'cli:operador' });
    expect([again.inserted, again.updated]).toEqual([0, 0]);
    expect(await version()).toBe(v1);
    if (s.sqlite) {
      // Another connection (another worker) commits a view: every commit moves data_version (sessions see
      // it), the content version of a long-lived reader does not move.
      const commits = dataVersion(s);
      const content = contentVersion(s);
      const [c0, k0] = [await commits(), await content()];
      const other = new SQLite(s.sqlite.name);
      try {
        other
          .prepare(
            `insert into audit_log (at, actor, action) values ('2026-11-28T00:00:00Z', 'w2', 'student.view')`,
          )
          .run();
        expect(await commits()).not.toBe(c0);
        expect(await content()).toBe(k0);
        other
          .prepare(
            `insert into audit_log (at, actor, action) values ('2026-11-28T00:00:00Z', 'w2', 'data.purge')`,
          )
          .run();
        expect(await content()).not.toBe(k0);
      } finally {
        other.close();
      }
    }
  });

  it('never stores a name or a CURP in details or target', async () => {
    const db = store().db;
    const curp = 'GOMC060512HDFRRR09';
    await recordAudit(db, {
      actor: 'fuga',
      action: 'student.view',
      target: `student:${curp}`,
      details: { curp, name: 'CARLOS GÓMEZ', nested: { note: `ver ${curp}`, given_names: 'CARLOS' }, n: 3 },
    });
    const raw = await db
      .selectFrom('audit_log')
      .select(['target', 'details'])
      .where('actor', '=', 'fuga')
      .execute();
    expect(JSON.stringify(raw)).not.toMatch(/GOMC060512|CARLOS/);
    expect(JSON.parse(raw[0]?.details ?? '{}')).toEqual({ nested: { note: 'ver [CURP omitida]' }, n: 3 });
  });
});

it('scrubDetails drops identity keys at any depth and keeps the rest', () => {
  expect(scrubDetails({ Nombre: 'x', list: [{ curp: 'y', k: 1 }], ok: true })).toEqual({
    list: [{ k: 1 }],
    ok: true,
  });
});
