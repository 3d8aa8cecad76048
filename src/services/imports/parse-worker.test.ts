/**
 * The two-thread import (issue 15): a file parsed in the parse worker (the real worker script, bundled for this
 * run since the test runs from TypeScript) while this thread resolves keys and writes gives exactly what the
 * one-thread import gives — the same rows, the same counts, the same issues in file order (parse issues from the
 * worker interleaved with the lookups' issues), nothing written when any row fails, dry runs rolled back — and a
 * file the reader refuses mid-way is refused with the same error class.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_FILE_LIMITS, FileLimitError } from '../../ingest/limits.js';
import type { Store } from '../../storage/db.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import {
  clearTerm as clearTermOf,
  lastModuleResultsYear,
  TERM_HEADER as HEADER,
  termLine,
  termRows,
  termStored,
} from '../../test-support/module-results-term.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { importRecords, type RecordImportOptions } from './records.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
// Under node_modules/, so that the bundle resolves the packages it leaves out.
const BUNDLE_DIR = join(ROOT, 'node_modules', '.trayecto-e2e');
const BUNDLE = join(BUNDLE_DIR, `parse-worker-${process.pid}.mjs`);
const FILES = join(ROOT, 'data', `parse-worker-test-${process.pid}`);
let parseWorker: URL;

beforeAll(async () => {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  mkdirSync(FILES, { recursive: true });
  await build({
    input: join(ROOT, 'src', 'services', 'imports', 'parse-worker.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file: BUNDLE, format: 'esm' },
    write: true,
    logLevel: 'silent',
  });
  parseWorker = pathToFileURL(BUNDLE);
}, 120_000);

afterAll(() => {
  rmSync(BUNDLE, { force: true });
  rmSync(FILES, { recursive: true, force: true });
});

/** A term's module results as the file's lines and as stored, by student and module. */
async function termFile(store: Store, year: string) {
  const rows = await termRows(store, year);
  return { lines: rows.map(termLine), stored: rows.map(termStored) };
}

describeEachDialect('record import parsed in a worker thread', ({ store, dialect }) => {
  let year: string;
  let reference: Awaited<ReturnType<typeof termFile>>;
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
    year = await lastModuleResultsYear(store());
    reference = await termFile(store(), year);
  }, 180_000);

  const clearTerm = () => clearTermOf(store(), year);
  const fileOf = (name: string, lines: readonly string[]) => {
    const path = join(FILES, `${dialect}-${name}.csv`);
    writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
    return { path };
  };
  const run = (file: { path: string }, threaded: boolean, o: RecordImportOptions = {}) =>
    importRecords(store(), 'module-results', file, 'calificaciones.csv', {
      batchSize: 97,
      ...o,
      parseWorker: threaded ? parseWorker : null,
    });

  it('a whole term imported back through the worker is the same table, row for row; again, all unchanged', async () => {
    expect(reference.lines.length).toBeGreaterThan(1000);
    await clearTerm();
    const file = fileOf('term', reference.lines);
    const dry = await run(file, true, { dryRun: true });
    expect([dry.rejected, dry.inserted, dry.updated]).toEqual([false, reference.lines.length, 0]);
    expect((await termFile(store(), year)).stored).toEqual([]);
    const s = await run(file, true);
    expect(s.issues.slice(0, 3)).toEqual([]);
    expect([s.rows, s.inserted, s.updated, s.unchanged]).toEqual([
      reference.lines.length,
      reference.lines.length,
      0,
      0,
    ]);
    expect((await termFile(store(), year)).stored).toEqual(reference.stored);
    const again = await run(file, true);
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, reference.lines.length]);
  }, 120_000);

  it('issues of both threads come in file order, the same as in one thread, and nothing is written', async () => {
    await clearTerm();
    const lines = reference.lines.slice(0, 400);
    const cells = (i: number) => (lines[i] as string).split(',');
    const bad = [...lines];
    // Parse issues (the worker) and lookup issues (this thread), in several batches of 97 rows.
    bad[8] = [...cells(8).slice(0, 5), 'diez', ...cells(8).slice(6)].join(','); // grade: line 10
    bad[150] = cells(150).slice(0, 7).join(','); // cell count: line 152
    bad[250] = ['XAXX010101HDFXXX09', ...cells(250).slice(1)].join(','); // unknown CURP: line 252
    bad.push(lines[3] as string); // duplicate of line 5: line 402
    const file = fileOf('bad', bad);
    const threaded = await run(file, true);
    const here = await run(file, false);
    expect(threaded.rejected).toBe(true);
    const named = (s: typeof threaded) => s.issues.map((i) => [i.line, i.column ?? null, i.value ?? null]);
    expect(named(threaded)).toEqual([
      [10, 'calificacion', 'diez'],
      [152, null, null],
      [252, 'curp', 'XAXX010101HDFXXX09'],
      [402, 'clave_modulo', expect.any(String)],
    ]);
    expect(threaded.issues).toEqual(here.issues);
    expect([threaded.rows, threaded.inserted, threaded.issueCount]).toEqual([here.rows, here.inserted, 4]);
    expect((await termFile(store(), year)).stored).toEqual([]);
  }, 120_000);

  it('a file past a limit mid-way is refused with the same error as in one thread', async () => {
    const file = fileOf('limit', reference.lines.slice(0, 300));
    const limits = { ...DEFAULT_FILE_LIMITS, maxRows: 250 };
    const threaded = await run(file, true, { limits }).catch((e: unknown) => e);
    const here = await run(file, false, { limits }).catch((e: unknown) => e);
    expect(threaded).toBeInstanceOf(FileLimitError);
    expect(here).toBeInstanceOf(FileLimitError);
    expect((threaded as FileLimitError).message).toBe((here as FileLimitError).message);
    expect((threaded as FileLimitError).code).toBe('file_limit_exceeded');
    expect((await termFile(store(), year)).stored).toEqual([]);
  }, 60_000);
});
