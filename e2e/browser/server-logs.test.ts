/**
 * Personal data never in logs (issue 6): after every other browser test has run (vitest.config.ts sequences
 * this file last), the server logs of the whole run — every JSON log entry of every stack plus whatever reached
 * stdout and stderr while a stack was up (harness.ts) — are scanned for the CURPs and full names of the students
 * actually in those databases (the same seeded demo, regenerated here) and for any CURP-shaped text at all.
 * The scanner is first shown a planted name and CURP, so the test is known to be able to fail.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataScanner, type StudentItem } from '../../src/api/test-helpers.js';
import { DEFAULT_SEED, generateDemo } from '../../src/services/operations/index.js';
import { openStore } from '../../src/storage/db.js';
import { SERVER_LOG_DIR_VAR } from './global-setup.js';
import { DEMO_SCALE } from './harness.js';

describe('server logs of the browser run', () => {
  const logDir = process.env[SERVER_LOG_DIR_VAR] ?? '';
  const work = mkdtempSync(join(tmpdir(), 'trayecto-logscan-'));
  let students: StudentItem[] = [];
  let text = '';
  let files: string[] = [];

  beforeAll(async () => {
    const file = join(work, 'demo.db');
    await generateDemo({
      target: { dialect: 'sqlite', file },
      seed: DEFAULT_SEED,
      scale: DEMO_SCALE,
      force: false,
    });
    const store = openStore({ dialect: 'sqlite', file });
    try {
      const rows = await store.db
        .selectFrom('student_identities')
        .select(['student_id', 'curp', 'given_names', 'first_surname', 'second_surname'])
        .execute();
      students = rows.map((r) => ({
        id: String(r.student_id),
        name: `${r.given_names} ${r.first_surname} ${r.second_surname}`.trim(),
        curp: r.curp,
        campusCct: '',
      }));
    } finally {
      await store.close();
    }
    files = existsSync(logDir) ? readdirSync(logDir).filter((f) => f.endsWith('.log')) : [];
    text = files.map((f) => readFileSync(join(logDir, f), 'utf8')).join('\n');
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has the logs of the run: one file per stack, with the requests the browser made', () => {
    expect(logDir, `${SERVER_LOG_DIR_VAR} is set by e2e/browser/global-setup.ts`).not.toBe('');
    expect(files.length).toBeGreaterThanOrEqual(1);
    const requests = text.split('\n').filter((l) => l.includes('"requestId"') && l.includes('"status"'));
    expect(requests.length).toBeGreaterThan(50);
    // The browser opened student profiles and searched: those requests are in the logs to be scanned.
    expect(text).toContain('/api/v1/students/:id');
    expect(text).toMatch(/"path":"\/api\/v1\/students"/);
  });

  it('the scanner finds a planted name and CURP of the database (so the next test can fail)', () => {
    expect(students.length).toBeGreaterThan(1000);
    const s = students[123] as StudentItem;
    const scan = personalDataScanner(students);
    expect(scan(`{"note":"${s.name}","q":"${s.curp ?? ''}"}`).sort()).toEqual(
      [`curp:${s.curp ?? ''}`, `name:${s.name ?? ''}`].sort(),
    );
  });

  it('contains no CURP and no full name of any student', () => {
    const found = personalDataScanner(students)(text);
    expect(found, `personal data in ${logDir}`).toEqual([]);
  });
});
