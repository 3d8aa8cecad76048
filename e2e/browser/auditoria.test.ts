/**
 * The audit page in a real browser: a national coordinator opens a student profile and then finds that view in
 * the audit log (by student id, no name), filters by family and downloads the log; a state coordinator sees only
 * its state; a campus user has no audit entry in the menu and gets 403 from the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURP_RE, screenshot, signIn, startStack, type Session, type Stack } from './harness.js';

interface StudentPage {
  items: { id: string; name: string | null; campusCct: string }[];
}
interface AuditPage {
  items: { action: string; target: string | null; stateId: number | null; actor: string }[];
  total: number;
}

let stack: Stack;
let national: Session;

beforeAll(async () => {
  stack = await startStack();
  national = await signIn(stack, 'national');
}, 180_000);

afterAll(async () => {
  await national?.context.close();
  await stack?.close();
});

describe('audit log page', () => {
  it('shows the national user the profile view it just made, by student id and without the name', async () => {
    const { page } = national;
    const found = await national.api<StudentPage>('students?q=HE&pageSize=5');
    const student = found.items[0];
    if (!student?.name) throw new Error('no student found by surname');
    await page.goto(`${stack.url}?view=estudiante&id=${student.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto(`${stack.url}?view=nacional`);
    await page.getByRole('link', { name: 'Auditoría' }).click();
    await page.getByTestId('audit-table').waitFor();
    const views = page.locator('[data-testid="audit-row"][data-action="student.view"]');
    await expect.poll(() => views.count()).toBeGreaterThanOrEqual(1);
    const text = await page.getByTestId('audit-table').innerText();
    // Action and target in words, the codes kept for operators in the tooltip (title).
    expect(text).toMatch(/Estudiante \d+/);
    expect(text).toContain('Consulta de expediente');
    expect(text).not.toMatch(/student\.view|student:\d+/);
    const row = views.first();
    expect(await row.getByTestId('audit-action-label').getAttribute('title')).toBe('student.view');
    expect(await row.getByTestId('audit-target-label').getAttribute('title')).toMatch(/^student:\d+$/);
    expect(text).not.toContain(student.name);
    expect(text).not.toMatch(CURP_RE);
    // Readable (finding 9): dates as on the other pages, details as labelled words, no ISO or raw keys.
    expect(text).toMatch(/\b\d{1,2} [a-z]{3} 20\d\d, \d\d:\d\d\b/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d/);
    expect(text).toContain('Identidad visible: sí');
    expect(text).not.toMatch(/identity: |stateId: /);
    await screenshot(page, '40-auditoria-national');
  });

  it('filters by action family and links a CSV download of the filtered log', async () => {
    const { page } = national;
    await page.getByTestId('audit-action').selectOption('user');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    const rows = page.locator('[data-testid="audit-row"]');
    const actionsShown = async () =>
      Promise.all((await rows.all()).map(async (r) => (await r.getAttribute('data-action')) ?? ''));
    await expect
      .poll(async () => {
        const shown = await actionsShown();
        return shown.length > 0 && shown.every((a) => a.startsWith('user.'));
      })
      .toBe(true);
    expect(await actionsShown()).toContain('user.add');
    expect(await page.getByTestId('audit-csv').getAttribute('href')).toBe(
      '/api/v1/audit?action=user&format=csv',
    );
  });

  it('shows a state user only the rows of its state', async () => {
    const state = await signIn(stack, 'state');
    try {
      const log = await state.api<AuditPage>('audit?pageSize=200');
      expect(log.total).toBeGreaterThan(0);
      expect(log.items.every((r) => r.stateId === 15)).toBe(true);
      await state.page.getByRole('link', { name: 'Auditoría' }).waitFor();
    } finally {
      await state.context.close();
    }
  });

  it('gives a campus user no menu entry and a 403 from the API', async () => {
    const campus = await signIn(stack, 'campus');
    try {
      expect(await campus.page.getByRole('link', { name: 'Auditoría' }).count()).toBe(0);
      expect(await campus.status('audit')).toBe(403);
    } finally {
      await campus.context.close();
    }
  });
});
