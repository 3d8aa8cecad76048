/**
 * trayecto audit, trayecto user role and trayecto db purge from the command line: the CLI records its actor as
 * cli:<os user>, lists and filters the log as a table, CSV or JSON, and the purge is a dry run until asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDb, run, runJson, tempDir, type TempDir } from './helpers.js';

interface AuditRow {
  actor: string;
  action: string;
  target: string | null;
  stateId: number | null;
  details: string | null;
}

describe('trayecto audit', () => {
  let dir: TempDir;
  let db: string;

  beforeAll(async () => {
    dir = tempDir();
    db = dir.file('demo.db');
    await generateDemoDb(db);
  });
  afterAll(() => dir.remove());

  it('records account changes made with trayecto user, by cli:<os user>', async () => {
    const env = { TRAYECTO_NEW_PASSWORD: 'una-clave-larga-123' };
    expect(
      (await run(['user', 'add', '--username', 'ana', '--role', 'state', '--state', '15', '--db', db], env))
        .code,
    ).toBe(0);
    expect(
      (await run(['user', 'role', '--username', 'ana', '--role', 'state', '--state', '09', '--db', db])).code,
    ).toBe(0);
    expect((await run(['user', 'disable', '--username', 'ana', '--db', db])).code).toBe(0);
    const rows = await runJson<AuditRow[]>(['audit', '--action', 'user', '--format', 'json', '--db', db]);
    expect(rows.map((r) => [r.action, r.target, r.stateId])).toEqual([
      ['user.disable', 'user:ana', 9],
      ['user.role', 'user:ana', 9],
      ['user.add', 'user:ana', 15],
    ]);
    for (const r of rows) expect(r.actor).toMatch(/^cli:.+/);
  });

  it('lists imports as CSV, and rejects an unknown action or a bad date', async () => {
    const csv = await run(['audit', '--action', 'import.file', '--format', 'csv', '--db', db]);
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,role,action,target,stateId,campusId,details,requestId');
    expect(lines.slice(1).every((l) => l.includes(',import.file,file:'))).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    expect((await run(['audit', '--action', 'DROP TABLE', '--db', db])).code).toBe(2);
    expect((await run(['audit', '--since', '28/11/2026', '--db', db])).code).toBe(2);
  });

  it('db purge: --dry-run counts, the real run audits, the second finds nothing', async () => {
    const dry = await runJson<{ students: number; dryRun: boolean }>([
      'db',
      'purge',
      '--dry-run',
      '--years',
      '10',
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(dry.dryRun).toBe(true);
    expect(dry.students).toBeGreaterThan(0);
    const done = await runJson<{ students: number }>([
      'db',
      'purge',
      '--years',
      '10',
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(done.students).toBe(dry.students);
    const again = await runJson<{ students: number }>([
      'db',
      'purge',
      '--years',
      '10',
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(again.students).toBe(0);
    const rows = await runJson<AuditRow[]>([
      'audit',
      '--action',
      'data.purge',
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.details ?? '{}')).toMatchObject({ years: 10, students: dry.students });
  });

  it('records a backup in the live log, and a restore as the first row after the restored log', async () => {
    const copy = dir.file('copia.db');
    expect((await run(['backup', '--out', copy, '--db', db])).code).toBe(0);
    const backups = await runJson<AuditRow[]>(['audit', '--action', 'data', '--format', 'json', '--db', db]);
    expect(backups[0]).toMatchObject({ action: 'data.backup', target: 'file:copia.db' });
    expect(backups[0]?.actor).toMatch(/^cli:/);
    expect((await run(['restore', copy, '--force', '--db', db])).code).toBe(0);
    const after = await runJson<AuditRow[]>(['audit', '--action', 'data', '--format', 'json', '--db', db]);
    // The backup's log did not have its own backup row yet; the restore is recorded on top of it.
    expect(after.map((r) => r.action).filter((a) => a === 'data.backup' || a === 'data.restore')).toEqual([
      'data.restore',
    ]);
    expect(JSON.parse(after[0]?.details ?? '{}')).toMatchObject({ replaced: true });
  });
});
