/**
 * `trayecto import campuses|published-dropout`, in process: exit codes, the Spanish summary, and that a
 * rejected file or a dry run leaves the database (or its absence) as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/cli/main.js';
import { countRows, generateDemoDb, querySqlite, run, tempDir, type TempDir } from './helpers.js';

const CAMPUSES = 'assets/data/conalep-planteles/GeoReferenciaPlanteles.csv';
const PUBLISHED = 'assets/data/conalep-abandono-2024-2025/abandono-por-plantel-2024-2025.csv';

let dir: TempDir;
let db: string;

/** A checksum of every campus, state and published row, read straight from the SQLite file. */
const checksum = (file: string) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        querySqlite(file, 'select * from campuses order by id'),
        querySqlite(file, 'select * from states order by id'),
        querySqlite(file, 'select * from published_indicators order by state_id, campus_number, campus_name'),
      ]),
    )
    .digest('hex');

/** The original Latin-1 campus file with line 10's state code replaced by a word. */
function brokenCampusFile(name: string): string {
  const lines = readFileSync(CAMPUSES).toString('latin1').split('\r\n');
  lines[9] = lines[9]!.replace(/^\d+,/, 'dos,');
  const path = dir.file(name);
  writeFileSync(path, Buffer.from(lines.join('\r\n'), 'latin1'));
  return path;
}

beforeAll(() => {
  dir = tempDir();
  db = dir.file('import.db');
});
afterAll(() => dir?.remove());

describe('trayecto import campuses', () => {
  it('imports the Latin-1 list into a new database: 315 campuses, 32 states, the source defects', async () => {
    const r = await run(['import', 'campuses', CAMPUSES, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Planteles de ${CAMPUSES} (codificación windows-1252): 315 filas`);
    expect(r.out).toContain('insertados: 315, actualizados: 0, sin cambios: 0');
    expect(r.out).toContain('entidades agregadas: 32');
    expect(r.out).toContain('Defectos de la fuente (11; las filas se importaron igualmente):');
    expect(r.out).toContain(`${CAMPUSES}:133: columna "cct", valor "99XXX9999X"`);
    expect(r.err).toMatch(/Importando .*315 filas/);
    expect([countRows(db, 'campuses'), countRows(db, 'states')]).toEqual([315, 32]);
    const [campus] = querySqlite<{ name: string }>(db, "select name from campuses where cct = '01DPT0003H'");
    expect(campus?.name).toBe('Ing. Miguel Ángel Barberena Vega');
  });

  it('a second import reports 0 inserted, 0 updated, 315 unchanged and changes no row', async () => {
    const before = checksum(db);
    const r = await run(['import', 'campuses', CAMPUSES, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('insertados: 0, actualizados: 0, sin cambios: 315');
    expect(checksum(db)).toBe(before);
    expect(countRows(db, 'import_runs')).toBe(2);
  });

  it('a file with a broken row exits 2, names file, line, column and value, and changes nothing', async () => {
    const before = checksum(db);
    const file = brokenCampusFile('planteles-rotos.csv');
    const r = await run(['import', 'campuses', file, '--db', db]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toContain(`Error: El archivo de planteles ${file} tiene errores; no se importó nada`);
    expect(r.err).toContain(`${file}:10: columna "clave_entidad", valor "dos": no es un número`);
    expect(r.out).toBe('');
    expect(checksum(db)).toBe(before);
    expect(countRows(db, 'import_runs')).toBe(2);
  });

  it('a rejected file leaves no database behind where there was none', async () => {
    const fresh = dir.file('never.db');
    const r = await run(['import', 'campuses', brokenCampusFile('rotos-2.csv'), '--db', fresh]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(existsSync(fresh)).toBe(false);
  });

  it('--dry-run validates and counts without creating or changing anything', async () => {
    const fresh = dir.file('dry.db');
    const r = await run(['import', 'campuses', CAMPUSES, '--dry-run', '--db', fresh]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('insertados: 315, actualizados: 0, sin cambios: 0');
    expect(r.out).toContain('--dry-run: simulación, la base de datos no se modificó');
    expect(existsSync(fresh)).toBe(false);
  });

  it('--format json prints the summary', async () => {
    const r = await run(['import', 'campuses', CAMPUSES, '--dry-run', '--format', 'json', '--db', db]);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out) as Record<string, unknown>;
    expect(summary).toMatchObject({ rows: 315, inserted: 0, updated: 0, unchanged: 315, dryRun: true });
    expect((summary.defects as string[])[0]).toBe(
      `${CAMPUSES}:78: columna "latitud", valor "(null)": no es un número`,
    );
  });

  it.each([
    [['import'], 'Tipo de importación desconocido'],
    [['import', 'teachers', CAMPUSES], 'Tipo de importación desconocido: "teachers"'],
    [['import', 'students', 'no-existe.csv'], 'No se puede leer el archivo no-existe.csv'],
    [['import', 'campuses'], 'Falta el archivo'],
    [['import', 'campuses', 'no-existe.csv'], 'No se puede leer el archivo no-existe.csv'],
  ])('trayecto %j exits 2 with a Spanish message', async (args, message) => {
    const r = await run([...args, '--db', db]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toContain(message);
  });
});

describe('trayecto import published-dropout', () => {
  it('stores the 313 rows, reporting the known defects and the unmatched campuses', async () => {
    const r = await run(['import', 'published-dropout', PUBLISHED, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Abandono publicado de ${PUBLISHED}: 313 filas (ciclo 2024-2025)`);
    expect(r.out).toContain('insertadas: 313, actualizadas: 0, sin cambios: 0');
    expect(r.out).toContain('emparejadas con un plantel de la base de datos: 310, sin pareja: 3');
    expect(r.out).toContain(
      'sin pareja (se guardan sin plantel): Pichucalco; Ing. Gustavo M. de la Garza Ortega; Lic. Bárbara Herrera de Garza',
    );
    expect(r.out).toContain('línea 8 (Tepezalá, Aguascalientes): cve_ent 2 es Baja California');
    expect(r.out).toMatch(/Tuxtepec, Nuevo León\): publicado en Nuevo León/);
    expect(r.out).not.toContain('Publicado vs. calculado'); // no records, so nothing computed
    expect(countRows(db, 'published_indicators')).toBe(313);
  });

  it('a second import changes nothing', async () => {
    const before = checksum(db);
    const r = await run(['import', 'published-dropout', PUBLISHED, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('insertadas: 0, actualizadas: 0, sin cambios: 313');
    expect(checksum(db)).toBe(before);
  });

  it('without campuses to match it exits 6 and creates no database', async () => {
    const fresh = dir.file('no-campuses.db');
    const r = await run(['import', 'published-dropout', PUBLISHED, '--db', fresh]);
    expect(r.code).toBe(EXIT_CODES.unavailable);
    expect(r.err).toContain('importe primero la lista (trayecto import campuses ARCHIVO)');
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('trayecto import on the demo database', () => {
  let demo: string;
  beforeAll(async () => {
    demo = dir.file('demo.db');
    await generateDemoDb(demo);
  });

  it('finds the demo campuses identical to the official list', async () => {
    const r = await run(['import', 'campuses', CAMPUSES, '--db', demo]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('insertados: 0, actualizados: 0, sin cambios: 315');
  });

  it('prints how the published rates correlate with the computed ones', async () => {
    const r = await run(['import', 'published-dropout', PUBLISHED, '--db', demo]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /Publicado vs\. calculado \(2024-2025\): \d+ planteles con ambas tasas, correlación de Pearson -?\d\.\d\d, diferencia absoluta media \d+\.\d puntos/,
    );
  });
});
