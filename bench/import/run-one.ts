/**
 * One measured import, in a child process of its own so that its peak RSS is its own:
 * `node run-one.js sqlite|postgres TARGET FILE.csv`. Imports the module results, then rebuilds the flow counts
 * of the school years the file touched (what the dashboard reads), and prints one JSON line.
 */
import { importRecords } from '../../src/services/imports/index.js';
import { migrateToLatest, openStore } from '../../src/storage/db.js';
import { rebuildFlowCounts } from '../../src/storage/flow-counts.js';

const [dialect, target, file] = process.argv.slice(2);
if ((dialect !== 'sqlite' && dialect !== 'postgres') || !target || !file) {
  process.stderr.write('usage: run-one.js sqlite|postgres TARGET FILE.csv\n');
  process.exit(2);
}
const store = openStore(dialect === 'sqlite' ? { dialect, file: target } : { dialect, url: target });
try {
  await migrateToLatest(store.db);
  let rssSamples = 0;
  let rssMax = 0;
  const cpu0 = process.cpuUsage();
  const summary = await importRecords(store, 'module-results', { path: file }, file, {
    maxBytes: 4 * 1024 ** 3,
    onProgress: () => {
      rssSamples++;
      rssMax = Math.max(rssMax, process.memoryUsage.rss());
    },
  });
  const cpu = process.cpuUsage(cpu0);
  if (summary.rejected) {
    process.stderr.write(`rejected: ${JSON.stringify(summary.issues.slice(0, 5))}\n`);
    process.exit(1);
  }
  const years = ['2025-2026'];
  const t0 = performance.now();
  await rebuildFlowCounts(store.db, years);
  const refreshMs = performance.now() - t0;
  process.stdout.write(
    `${JSON.stringify({
      rows: summary.rows,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      importMs: summary.elapsedMs,
      // CPU time of this process during the import (the database server's, for PostgreSQL, is not included).
      importCpuMs: (cpu.user + cpu.system) / 1000,
      refreshMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      rssSamples,
      rssMaxSampled: rssMax,
    })}\n`,
  );
} finally {
  await store.close();
}
