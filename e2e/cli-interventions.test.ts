/**
 * trayecto interventions from the command line: a tutor account's log holds the interventions of the students
 * of its groups in the latest school year (the command finds that year itself), and queue settings set for a
 * campus are read back at that campus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDb, querySqlite, run, runJson, tempDir, type TempDir } from './helpers.js';

describe('trayecto interventions', () => {
  let dir: TempDir;
  let db: string;

  beforeAll(async () => {
    dir = tempDir();
    db = dir.file('demo.db');
    await generateDemoDb(db);
  });
  afterAll(() => dir.remove());

  it("lists a tutor's interventions: those of the students of its groups in the latest school year", async () => {
    const [g] = querySqlite<{ cct: string; group_code: string; n: number }>(
      db,
      `select c.cct, e.group_code, count(distinct i.id) as n
         from enrollments e join campuses c on c.id = e.campus_id
         join interventions i on i.student_id = e.student_id
        where e.school_year = (select max(id) from school_years)
        group by c.cct, e.group_code order by n desc, c.cct, e.group_code limit 1`,
    );
    expect(g?.n).toBeGreaterThan(0);
    const env = { TRAYECTO_NEW_PASSWORD: 'una-clave-larga-123' };
    const add = await run(
      [
        'user',
        'add',
        '--username',
        'tuto',
        '--role',
        'tutor',
        '--campus',
        g!.cct,
        '--groups',
        g!.group_code,
        '--db',
        db,
      ],
      env,
    );
    expect(add.code, add.err).toBe(0);
    const list = await runJson<{ campus: string }[]>([
      'interventions',
      'list',
      '--user',
      'tuto',
      '--limit',
      '1000',
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(list).toHaveLength(Math.min(1000, g!.n));
    expect(new Set(list.map((i) => i.campus))).toEqual(new Set([g!.cct]));
    const missing = await run([
      'interventions',
      'add',
      '--student',
      'E-NOEXISTE',
      '--kind',
      'tutoring',
      '--db',
      db,
    ]);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('Estudiante no encontrado');
  });

  it('sets queue settings for a campus and reads them back there', async () => {
    const [c] = querySqlite<{ cct: string }>(db, 'select cct from campuses order by id limit 1');
    const set = await run([
      'interventions',
      'settings',
      '--campus',
      c!.cct,
      '--tutor-capacity',
      '12',
      '--db',
      db,
    ]);
    expect(set.code, set.err).toBe(0);
    const [got] = await runJson<{ unit: string; tutor_capacity: number }[]>([
      'interventions',
      'settings',
      '--campus',
      c!.cct,
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(got).toMatchObject({ level: 'campus', unit: c!.cct, tutor_capacity: 12 });
  });
});
