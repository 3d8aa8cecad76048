/**
 * Worker thread entry of the analysis runner (runner.ts): computes one analysis, or runs one import, on
 * its own database connection and posts the answer back, so that the HTTP thread's event loop stays free for
 * everyone else's requests. Started through risk/threads.ts's pool of idle workers; like risk/worker.ts it keeps
 * its connection open between tasks (reopened when the SQLite file was replaced) and ends after IDLE_MS idle.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { KeptStore } from '../../storage/dialect.js';
import { importTargetOf } from '../../storage/import-writes.js';
import { importFresh, uploadCountsFile } from '../imports/index.js';
import { pseudonymizer, pseudonymSecret } from '../accounts/index.js';
import { findStudents } from '../students/index.js';
import { computeAnalysis } from './catalog.js';
import { prepareRisk } from './risk-setup.js';
import { errorOf, type WorkerAnswer, type WorkerTask } from './protocol.js';

const IDLE_MS = 60_000;

const kept = new KeptStore();
let timer: NodeJS.Timeout | undefined;

async function run(task: WorkerTask): Promise<unknown> {
  const store = await kept.get(task.target);
  if (task.type === 'analysis') return computeAnalysis(store.db, task.name, task.params, task.scope);
  if (task.type === 'students') {
    const pseudonyms = pseudonymizer(await pseudonymSecret(store.db, task.secret));
    return findStudents({ db: store.db, pseudonyms, currentYear: task.currentYear }, task.scope, task.input);
  }
  // A count table is small by nature; a hostile one is at most the upload limit, read here, off the HTTP thread.
  if (task.type === 'counts')
    return uploadCountsFile(store.db, await readFile(task.path), task.fileName, task.options);
  if (task.type === 'risk-setup')
    return prepareRisk(store.db, task.actor, (message) =>
      parentPort?.postMessage({ message } satisfies WorkerAnswer),
    );
  let last = 0;
  const pseudonyms = pseudonymizer(await pseudonymSecret(store.db, task.secret));
  // The import and what depends on it (risk scores of the students it named: services/imports/freshness.ts).
  return importFresh(importTargetOf(store.db), task.kind, { path: task.path }, task.fileName, {
    ...task.options,
    pseudonyms,
    now: () => new Date(),
    onProgress: (_rows, read, total) => {
      // At most a few messages a second.
      if (performance.now() - last < 250 || total <= 0) return;
      last = performance.now();
      parentPort?.postMessage({ progress: Math.min(0.99, read / total) } satisfies WorkerAnswer);
    },
  });
}

parentPort?.on('message', (task: WorkerTask) => {
  clearTimeout(timer);
  void (async () => {
    let answer: WorkerAnswer;
    try {
      answer = { result: await run(task) };
    } catch (e) {
      answer = { error: errorOf(e) };
    }
    parentPort?.postMessage(answer);
    timer = setTimeout(() => {
      void kept.close();
      parentPort?.close();
    }, IDLE_MS);
  })();
});
