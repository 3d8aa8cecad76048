/**
 * Issue 5's story in a real browser: a campus administrator downloads a template, imports a file with a typo,
 * reads the Spanish error (nothing changes), fixes it, imports again, and sees the data on the student's page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signIn, startStack, type Session, type Stack } from './harness.js';

interface Term {
  school_year: string;
  term_no: number;
  cct: string;
  attendance_pct: number | null;
}
interface Profile {
  student: { id: string; curp: string | null };
  terms: Term[];
}

let stack: Stack;
let campus: Session;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trayecto-importar-'));
  stack = await startStack();
  campus = await signIn(stack, 'campus');
}, 120_000);

afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('campus user: template, a file with a typo, the fix, the data on the page', () => {
  it('imports attendance after correcting the Spanish error, and the student page shows it', async () => {
    const { page } = campus;
    const me = await campus.api<{ user: { campusCct: string } }>('session');
    const cct = me.user.campusCct;
    const list = await campus.api<{ items: { id: string }[] }>(`students?campus=${cct}&pageSize=50`);
    // A student with a term at this campus: the row the file will correct.
    let chosen: { profile: Profile; term: Term } | null = null;
    for (const s of list.items) {
      const profile = await campus.api<Profile>(`students/${encodeURIComponent(s.id)}`);
      const term = profile.terms.filter((t) => t.cct === cct).at(-1);
      if (term && profile.student.curp) {
        chosen = { profile, term };
        break;
      }
    }
    if (!chosen) throw new Error(`no student with a term at ${cct}`);
    const { profile, term } = chosen;
    const target = term.attendance_pct === 77.5 ? 66.5 : 77.5;

    await page.goto('/?view=importar');
    await page.getByTestId('import-kind').selectOption('attendance');

    // The template: an XLSX whose first sheet starts with the kind's Spanish headers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ]);
    const templateFile = join(dir, 'plantilla.xlsx');
    await download.saveAs(templateFile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(templateFile) as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]?.getRow(1).values as unknown[]).map((v) =>
      typeof v === 'string' ? v.toLowerCase() : '',
    );
    expect(headers).toContain('curp');
    expect(headers.some((h) => h.includes('asistencia'))).toBe(true);

    const csv = (value: string) =>
      `curp,cct,ciclo_escolar,periodo,asistencia\n${profile.student.curp ?? ''},${cct},${term.school_year},${term.term_no},${value}\n`;
    const withTypo = join(dir, 'asistencia-con-error.csv');
    writeFileSync(withTypo, csv(`${String(target).replace('7', 'T')}`));
    await page.locator('[data-testid="import-form"] input[type="checkbox"]').uncheck();
    await page.getByTestId('import-file').setInputFiles(withTypo);
    await page.getByTestId('import-submit').click();
    const issues = page.getByTestId('import-issues');
    await issues.locator('tbody tr').first().waitFor();
    const row = (await issues.locator('tbody tr').first().locator('th, td').allTextContents()).map((v) =>
      v.trim(),
    );
    expect(row[0]).toBe('2'); // the data line
    expect(row[2]).toBe(String(target).replace('7', 'T'));
    expect(row[3]).toMatch(/[a-záéíóúñ]/); // a message in Spanish words
    expect(await page.getByRole('alert').first().textContent()).toContain('No se importó nada');
    await screenshot(page, '20-importar-error');
    const unchanged = await campus.api<Profile>(`students/${encodeURIComponent(profile.student.id)}`);
    expect(unchanged.terms).toEqual(profile.terms);

    const fixed = join(dir, 'asistencia.csv');
    writeFileSync(fixed, csv(String(target)));
    await page.getByTestId('import-file').setInputFiles(fixed);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-ok').waitFor();
    const after = await campus.api<Profile>(`students/${encodeURIComponent(profile.student.id)}`);
    const updated = after.terms.find((t) => t.school_year === term.school_year && t.term_no === term.term_no);
    expect(updated?.attendance_pct).toBe(target);

    await page.goto(`/?view=estudiante&id=${encodeURIComponent(profile.student.id)}`);
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain(`${target.toFixed(1)} %`);
    await screenshot(page, '21-importar-estudiante');
  });
});
