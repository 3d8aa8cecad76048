/**
 * Every action and target kind the server can write to the audit log has a label in Spanish and English
 * (issue 13: the Auditoría page showed `student.view`, `import.file`). The lists come from the server's code:
 * the actions recordAudit accepts, and every action and target literal written in src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_TARGET_KINDS,
  AUDIT_TARGET_LABELS,
  auditActionLabel,
  auditTargetLabel,
} from '../../domain/audit.js';
import { AUDIT_ACTIONS } from './index.js';

/** The server's source files (tests and the web apart). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-support' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('audit labels', () => {
  it('labels every action recordAudit accepts, in both languages, with words rather than the code', () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(10);
    for (const a of AUDIT_ACTIONS) {
      const label = AUDIT_ACTION_LABELS[a];
      expect(label?.es, a).toBeTruthy();
      expect(label?.en, a).toBeTruthy();
      expect(auditActionLabel(a, 'es')).not.toBe(a);
      expect(auditActionLabel(a, 'en')).not.toBe(a);
    }
  });

  it('knows every action and target kind written in the server code', () => {
    const src = join(import.meta.dirname, '..', '..');
    const actions = new Set<string>();
    const kinds = new Set<string>();
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      // Audit rows are written through recordAudit: only files that call it (or build its entries).
      if (!/recordAudit|audited\(/.test(text)) continue;
      for (const m of text.matchAll(/action:[^\n]*?'([a-z]+\.[a-z]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/'((?:data|login|user|export)\.[a-z]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/target:\s*[`']([a-z_-]+)[:`']/g)) kinds.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(10);
    expect(kinds).toContain('student');
    for (const a of actions) expect(AUDIT_ACTIONS, a).toContain(a);
    for (const k of kinds) {
      expect(AUDIT_TARGET_KINDS, k).toContain(k);
      expect(AUDIT_TARGET_LABELS[k as keyof typeof AUDIT_TARGET_LABELS].en).toBeTruthy();
    }
  });

  it('writes a target as words and keeps what it names; unknown codes stay as they are', () => {
    expect(auditTargetLabel('student:123', 'es')).toBe('Estudiante 123');
    expect(auditTargetLabel('file:planteles.csv', 'en')).toBe('File planteles.csv');
    expect(auditTargetLabel('student_identities', 'en')).toBe('Student identities');
    expect(auditTargetLabel('estado', 'es')).toBe('estado');
    expect(auditActionLabel('student.view', 'es')).toBe('Consulta de expediente');
    expect(auditActionLabel('old.thing', 'en')).toBe('old.thing');
  });
});
