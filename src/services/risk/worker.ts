/**
 * Worker thread entry: scores slices of the active students on its own database connection until none is
 * left and posts the packed scores back, one scoring at a time (see threads.ts). Started by currentRisk, never run directly.
 * The connection stays open between tasks (its page cache warm) and is reopened when the SQLite file at the
 * path has been replaced (a restore, a regenerated demo); after IDLE_MS without work the worker closes it and
 * ends.
 */
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { openStore, type Store } from '../../storage/db.js';
import { scoreShare } from './scores.js';
import type { ScoringAnswer, ScoringTask } from './threads.js';

const IDLE_MS = 60_000;

let open: { readonly key: string; readonly store: Store; readonly inode: number | null } | null = null;
let timer: NodeJS.Timeout | undefined;

const inode = (task: ScoringTask): number | null =>
  task.target.dialect === 'sqlite' ? statSync(task.target.file).ino : null;

async function storeFor(task: ScoringTask): Promise<Store> {
  const key = JSON.stringify(task.target);
  const ino = inode(task);
  if (open && open.key === key && open.inode === ino) return open.store;
  await open?.store.close();
  open = null;
  open = { key, store: openStore(task.target), inode: ino };
  return open.store;
}

async function shutdown(): Promise<void> {
  await open?.store.close();
  open = null;
  parentPort?.close();
}

parentPort?.on('message', (task: ScoringTask) => {
  clearTimeout(timer);
  void (async () => {
    let answer: ScoringAnswer;
    try {
      answer = {
        packed: await scoreShare((await storeFor(task)).db, task.plan, new Int32Array(task.counter)),
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
