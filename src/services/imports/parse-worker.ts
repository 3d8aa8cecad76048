/**
 * The parse worker of a record import (a worker thread; parsed-stream.ts starts it): reads the file, parses and
 * checks every row with record-stream.ts (no database), and sends the batches packed (packed-rows.ts, typed
 * arrays transferred) to the importing thread, which resolves keys and writes meanwhile. At most a few batches
 * are ahead of the importer (it acknowledges each), so memory stays flat in the file size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newFieldMemo } from '../../ingest/record-fields.js';
import { RECORD_FIELDS } from '../../ingest/record-kinds.js';
import type { CsvIssue } from '../../ingest/issues.js';
import { packRows, transferList } from './packed-rows.js';
import { errorMessage, type ParseTask, type ToImporter, type ToParser } from './parse-protocol.js';
import { openRecordStream, parseRows } from './record-stream.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread');
const send = (m: ToImporter, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

const task = workerData as ParseTask;
let credit = 0;
let wake: (() => void) | null = null;
let start: ((m: Extract<ToParser, { t: 'start' }>) => void) | null = null;
port.on('message', (m: ToParser) => {
  if (m.t === 'ack') {
    credit++;
    wake?.();
  } else start?.(m);
});

async function run(): Promise<void> {
  const stream = await openRecordStream(task.source);
  const begun = new Promise<Extract<ToParser, { t: 'start' }>>((resolve) => (start = resolve));
  send({ t: 'head', head: stream.head });
  const go = await begun;
  credit = go.ahead;
  const keys = RECORD_FIELDS[task.kind].map((f) => f.key);
  const parsing = {
    kind: task.kind,
    fileName: task.source.fileName,
    headerLength: stream.head.header.length,
    columns: new Map(go.columns),
    lastYear: task.lastYear,
    memo: newFieldMemo(),
  };
  for await (const batch of stream.batches) {
    const issues: CsvIssue[] = [];
    const parsed = parseRows(parsing, batch, (i) => issues.push(i));
    const packed = packRows(parsed, keys, issues, batch.length, stream.position());
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    send({ t: 'batch', batch: packed }, transferList(packed));
  }
  send({ t: 'end', trailing: stream.trailingIssues() });
}

run().catch((e: unknown) => send({ t: 'error', error: errorMessage(e) }));
