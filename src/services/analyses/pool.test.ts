/**
 * The worker-thread pool that runs analyses, group lists and imports (risk/threads.ts) has a bound: however many
 * tasks arrive at once, at most PoolLimits.max threads are alive, each heap within PoolLimits.heapMb; a task
 * that finds them busy waits its turn. Issue 11: the load benchmark with heavy requests saw the server's RSS
 * grow as each concurrent task started a thread of its own. A stand-in worker script (a data: URL) counts the
 * tasks running at the same time in shared memory.
 */
import { afterEach, expect, it } from 'vitest';
import { configureWorkerPool, DEFAULT_POOL_LIMITS, poolSize } from '../risk/index.js';
import { runInWorker, type WorkerTask } from './protocol.js';

const SCRIPT = `
import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (t) => {
  if (t.allocate) {
    const keep = [];
    for (;;) keep.push(new Array(1e6).fill(keep.length));
  }
  const c = new Int32Array(t.counter);
  const now = Atomics.add(c, 0, 1) + 1;
  for (;;) {
    const max = Atomics.load(c, 1);
    if (now <= max || Atomics.compareExchange(c, 1, max, now) === max) break;
  }
  setTimeout(() => {
    Atomics.sub(c, 0, 1);
    parentPort.postMessage({ result: threadId });
  }, t.ms);
});`;

const url = new URL(`data:text/javascript,${encodeURIComponent(SCRIPT)}`);
/** The same script under another address: the pool keeps idle threads by script. */
const other = new URL(`data:text/javascript,${encodeURIComponent(`${SCRIPT}\n// other`)}`);

/** `n` tasks at once; the most that ran at the same time and the threads they ran on. */
async function burst(n: number, ms = 150, script = url): Promise<{ most: number; threads: Set<unknown> }> {
  const counter = new SharedArrayBuffer(8);
  const task = { counter, ms } as unknown as WorkerTask;
  const ids = await Promise.all(Array.from({ length: n }, () => runInWorker(script, task)));
  return { most: new Int32Array(counter)[1] as number, threads: new Set(ids) };
}

afterEach(() => configureWorkerPool(DEFAULT_POOL_LIMITS));

it('never has more than 4 threads by default, however many tasks arrive at once', async () => {
  expect(DEFAULT_POOL_LIMITS.max).toBeLessThanOrEqual(4);
  const { most, threads } = await burst(10);
  expect(most).toBeLessThanOrEqual(DEFAULT_POOL_LIMITS.max);
  expect(threads.size).toBeLessThanOrEqual(DEFAULT_POOL_LIMITS.max);
  expect(poolSize().live).toBeLessThanOrEqual(DEFAULT_POOL_LIMITS.max);
  expect(poolSize().waiting).toBe(0);
}, 60_000);

it('queues tasks beyond its configured bound and reuses its threads', async () => {
  configureWorkerPool({ max: 2 });
  const { most, threads } = await burst(8);
  expect(most).toBe(2);
  expect(threads.size).toBeLessThanOrEqual(2);
  expect(poolSize().live).toBeLessThanOrEqual(2);
}, 60_000);

it('ends a thread whose heap outgrows its limit; the task fails, the next one runs', async () => {
  await burst(2, 10); // idle threads of the first script, which give their place to the other's
  configureWorkerPool({ max: 1, heapMb: 32 });
  const counter = new SharedArrayBuffer(8);
  await expect(
    runInWorker(other, { counter, ms: 0, allocate: true } as unknown as WorkerTask),
  ).rejects.toThrow(/memory/i);
  const { threads } = await burst(3, 10, other);
  expect(threads.size).toBe(1);
  expect(poolSize().live).toBe(1);
}, 60_000);
