/**
 * Worker thread entry: scores slices of the active students on its own database connection until none is
 * left and posts the packed scores back, one scoring at a time (see threads.ts). Started by currentRisk, never run directly.
 * The connection stays open between tasks (its page cache warm) and is reopened when the SQLite file at the
 * path has been replaced (a restore, a regenerated demo); after IDLE_MS without work the worker closes it and
 * ends.
 */
import { parentPort } from 'node:worker_threads';
import { KeptStore } from '../../storage/dialect.js';
import { scoreShare } from './scores.js';
import type { ScoringAnswer, ScoringTask } from './threads.js';

const IDLE_MS = 60_000;

const kept = new KeptStore();
let timer: NodeJS.Timeout | undefined;

async function shutdown(): Promise<void> {
  await kept.close();
  parentPort?.close();
}

parentPort?.on('message', (task: ScoringTask) => {
  clearTimeout(timer);
  void (async () => {
    let answer: ScoringAnswer;
    try {
      answer = {
        packed: await scoreShare((await kept.get(task.target)).db, task.plan, new Int32Array(task.counter)),
      };
    } catch (e) {
      answer = { error: e instanceof Error ? e.message : String(e) };
    }
    if ('packed' in answer) {
      const { ids, flags, probabilities } = answer.packed;
      parentPort?.postMessage(answer, [ids.buffer, flags.buffer, probabilities.buffer]);
    } else parentPort?.postMessage(answer);
    timer = setTimeout(() => void shutdown(), IDLE_MS);
  })();
});
