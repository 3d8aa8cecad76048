/**
 * One measured import, in a child process of its own so that its peak RSS is its own:
 * `node run-one.js sqlite|postgres TARGET FILE.csv [--profile] [--analyses]`.
 *
 * Imports the module results through importFresh (the import and what depends on it: services/imports/freshness.ts)
 * and prints one JSON line. With --profile, first the split: the file read and tokenized alone (parse), then
 * parsed and validated field by field (validate), and, on SQLite, the time inside the writer's INSERTs (write);
 * lookups and checks are the rest of the import. Then the flow-count rebuilds (one campus of the year, the year,
 * everything) and a scoring run of every active student (what an enrollments import of a national semester
 * triggers). With --analyses, the pages' default analyses are computed before the import (not timed: what the
 * server had current) and, after it, brought current for the new data version (only those that read what the
 * file changed are recomputed), awaited.
 * Every stage reports wall and CPU time (process.cpuUsage: this process only, not the PostgreSQL server).
 */
import type SQLite from 'better-sqlite3';
import { loadavg } from 'node:os';
import { loadConfig } from '../../src/config.js';
import { openCsvStream } from '../../src/ingest/csv-stream.js';
import type { CsvIssue } from '../../src/ingest/issues.js';
import { mapHeader, newFieldMemo, parseRecord } from '../../src/ingest/record-fields.js';
import { RECORD_FIELDS } from '../../src/ingest/record-kinds.js';
import { analysisRunner, defaultAnalyses } from '../../src/services/analyses/index.js';
import { importFresh } from '../../src/services/imports/index.js';
import { runScoring } from '../../src/services/risk/index.js';
import { riskReadiness } from '../../src/storage/analysis-results.js';
import { migrateToLatest, openStore, type Store } from '../../src/storage/db.js';
import { rebuildFlowCounts } from '../../src/storage/flow-counts.js';

const [dialect, target, file, ...flags] = process.argv.slice(2);
if ((dialect !== 'sqlite' && dialect !== 'postgres') || !target || !file) {
  process.stderr.write(
    'usage: run-one.js sqlite|postgres TARGET FILE.csv [--profile] [--analyses] | --prepare-analyses\n',
  );
  process.exit(2);
}
const profile = flags.includes('--profile');
const YEAR = '2025-2026';

interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
}

async function timed<T>(f: () => Promise<T>): Promise<Timed & { value: T; threadCpuMs: number }> {
  const c0 = process.cpuUsage();
  const th0 = process.threadCpuUsage();
  const t0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  const th = process.threadCpuUsage(th0);
  // cpuMs: every thread of the process (the parse worker too); threadCpuMs: the importing thread alone.
  return {
    ms: performance.now() - t0,
    cpuMs: (c.user + c.system) / 1000,
    threadCpuMs: (th.user + th.system) / 1000,
    value,
  };
}

/** The file read and tokenized into rows; with `validate`, each row's fields parsed as the import does. */
async function readPass(validate: boolean): Promise<number> {
  const stream = await openCsvStream({ path: file as string }, file as string, 5000);
  const fields = RECORD_FIELDS['module-results'];
  const mapped = mapHeader(stream.head.header, fields, file as string);
  if (!mapped.ok) throw new Error('header');
  const memo = newFieldMemo();
  const issue = (_i: CsvIssue) => {};
  let n = 0;
  for await (const batch of stream.batches) {
    if (validate)
      for (const row of batch)
        parseRecord(row.cells, row.line, fields, mapped.columns, file as string, issue, memo);
    n += batch.length;
  }
  return n;
}

/** The raw SQLite handle with its statements' run() timed: the writer's INSERTs, nothing else, go through it. */
function timedSqlite(sqlite: SQLite.Database, acc: { ms: number }): SQLite.Database {
  return new Proxy(sqlite, {
    get(t, prop) {
      if (prop !== 'prepare') {
        const v = Reflect.get(t, prop, t) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      }
      return (text: string) => {
        const st = t.prepare(text);
        return {
          run: (...args: unknown[]) => {
            const t0 = performance.now();
            try {
              return st.run(...args);
            } finally {
              acc.ms += performance.now() - t0;
            }
          },
        };
      };
    },
  });
}

const store: Store = openStore(dialect === 'sqlite' ? { dialect, file: target } : { dialect, url: target });
try {
  await migrateToLatest(store.db);
  if (flags.includes('--prepare-analyses')) {
    // Set-up only (untimed in the figure), what a started server has: a stored scoring run (without one an import
    // re-scores no one: freshness.ts; a generated demo has none until `trayecto start` scores it), then the
    // pages' defaults computed and stored in TARGET, so that every run starts from a copy that has them current;
    // what is there already is not done again.
    const scoring = (await riskReadiness(store.db)).scores
      ? null
      : await timed(() => runScoring(store.db, {}, { save: true }));
    const runner = analysisRunner(store, { waitMs: 6 * 3_600_000 });
    const r = await timed(async () => {
      const requests = await defaultAnalyses(store);
      const started = await runner.refresh(requests);
      await Promise.all(requests.map((q) => runner.get(q)));
      return { requests: requests.length, started };
    });
    process.stdout.write(
      `${JSON.stringify({
        prepared: r.value,
        ms: r.ms,
        cpuMs: r.cpuMs,
        scoring: scoring && { ms: scoring.ms, cpuMs: scoring.cpuMs, scored: scoring.value.run.scored },
        loadavg: loadavg(),
      })}\n`,
    );
    await store.close();
    process.exit(0); // the runner's worker threads would keep the process alive
  }
  const load = loadavg();
  const parse = profile ? await timed(() => readPass(false)) : null;
  const validate = profile ? await timed(() => readPass(true)) : null;
  // With --analyses, what the server had computed before the file came in: the pages' defaults, current (not
  // timed). The import then recomputes only what reads its cells (services/analyses/inputs.ts).
  const withAnalyses = flags.includes('--analyses');
  if (withAnalyses) {
    const before = analysisRunner(store, { waitMs: 30 * 60_000 });
    await Promise.all((await defaultAnalyses(store)).map((r) => before.get(r)));
  }
  const write = { ms: 0 };
  const importTarget =
    profile && store.sqlite ? { ...store, sqlite: timedSqlite(store.sqlite, write) } : store;
  const run = await timed(() =>
    importFresh(importTarget, 'module-results', { path: file }, file, {
      maxBytes: 4 * 1024 ** 3,
      // The configured bounds (TRAYECTO_IMPORT_MAX_ROWS…), as `trayecto import` applies them: a 4× semester has
      // more rows than the default 5 million, and bench:scale raises the bound for it.
      limits: loadConfig(process.env).importLimits,
    }),
  );
  const summary = run.value;
  if (summary.rejected) {
    process.stderr.write(`rejected: ${JSON.stringify(summary.issues.slice(0, 5))}\n`);
    process.exit(1);
  }
  let flow = null;
  let risk = null;
  if (profile) {
    // A campus with enrollments that year (PostgreSQL's bench copy has no flow counts before the rebuilds).
    const campus = await store.db
      .selectFrom('enrollments')
      .select('campus_id')
      .where('school_year', '=', YEAR)
      .orderBy('campus_id')
      .executeTakeFirstOrThrow();
    const campusYear = await timed(() => rebuildFlowCounts(store.db, [YEAR], [campus.campus_id]));
    const year = await timed(() => rebuildFlowCounts(store.db, [YEAR]));
    const full = await timed(() => rebuildFlowCounts(store.db));
    flow = { campusYear, year, full };
    const scored = await timed(() => runScoring(store.db, {}, { save: true }));
    risk = { ms: scored.ms, cpuMs: scored.cpuMs, scored: scored.value.run.scored };
  }
  let analyses = null;
  if (withAnalyses) {
    // A runner started now (as after a restart): every default brought current, the jobs it had to start counted.
    const runner = analysisRunner(store, { waitMs: 30 * 60_000 });
    analyses = await timed(async () => {
      const requests = await defaultAnalyses(store);
      const started = await runner.refresh(requests);
      await Promise.all(requests.map((r) => runner.get(r)));
      return { requests: requests.length, started };
    });
  }
  process.stdout.write(
    `${JSON.stringify({
      rows: summary.rows,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      importMs: summary.elapsedMs,
      // CPU time of this process during the import (the database server's, for PostgreSQL, is not included).
      importCpuMs: run.cpuMs,
      // CPU time of the importing thread alone (the parse worker, when the file is parsed there, excluded).
      importThreadCpuMs: run.threadCpuMs,
      endToEndMs: run.ms,
      freshness: summary.freshness,
      split: profile
        ? {
            parse: parse && { ms: parse.ms, cpuMs: parse.cpuMs },
            validate: validate && { ms: validate.ms, cpuMs: validate.cpuMs },
            writeMs: store.sqlite ? write.ms : null,
          }
        : null,
      flow,
      risk,
      analyses: analyses && {
        ms: analyses.ms,
        cpuMs: analyses.cpuMs,
        jobs: analyses.value.started,
        requests: analyses.value.requests,
      },
      loadavgAtStart: load,
      loadavgAtEnd: loadavg(),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
} finally {
  await store.close();
}
