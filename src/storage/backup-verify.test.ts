/**
 * What a restore compares: this build's reference schema agrees with itself, and each kind of difference a
 * crafted or foreign backup may carry is named, in Spanish, as tampering or as another version. The checks on
 * real backups of both dialects are in services/operations/backup.test.ts.
 */
import { expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { referenceSchema, refuse, schemaProblems } from './backup-verify.js';

it('finds nothing to say of the reference schema, which has the append-only triggers', async () => {
  const ref = await referenceSchema();
  expect(ref.migrations.length).toBeGreaterThan(10);
  expect([...ref.triggers.keys()]).toEqual(expect.arrayContaining(['audit_log_no_delete']));
  expect(schemaProblems(ref, ref)).toEqual({ version: [], tampered: [] });
  expect(() => refuse('a.bak', schemaProblems(ref, ref))).not.toThrow();
});

it('names a removed or planted trigger, a view, a foreign table and another version', async () => {
  const ref = await referenceSchema();
  const triggers = new Map(ref.triggers);
  triggers.delete('audit_log_no_delete');
  triggers.set('borra_bitacora', 'CREATE TRIGGER borra_bitacora …');
  const got = {
    ...ref,
    migrations: [...ref.migrations.slice(1), '20991231_0099_future'],
    tables: new Map([...ref.tables, ['ajena', 'x']]),
    triggers,
    views: ['v'],
  };
  const p = schemaProblems(got, ref);
  expect(p.tampered.join('; ')).toMatch(/audit_log_no_delete/);
  expect(p.tampered.join('; ')).toMatch(/disparadores ajenos: borra_bitacora/);
  expect(p.tampered.join('; ')).toMatch(/tablas ajenas: ajena/);
  expect(p.tampered.join('; ')).toMatch(/vistas ajenas: v/);
  expect(p.version.join('; ')).toMatch(/20991231_0099_future/);
  expect(() => refuse('a.bak', p)).toThrow(AppError);
  try {
    refuse('a.bak', { version: p.version, tampered: [] });
  } catch (e) {
    expect((e as AppError).code).toBe('backup_version_mismatch');
  }
});
