/**
 * A record file as batches of parsed rows, for the import (records.ts): read and parsed in a worker thread
 * (parse-worker.ts) while this thread resolves keys and writes — both cores at work — or, for a small file or
 * where no compiled worker exists (tests under a TypeScript runner), in this thread. Either way the same code
 * parses (record-stream.ts) and the batches, their rows and their issues come in file order.
 */
import { Worker } from 'node:worker_threads';
import type { CsvIssue } from '../../ingest/issues.js';
import { newFieldMemo, type ColumnMap } from '../../ingest/record-fields.js';
import { RECORD_FIELDS } from '../../ingest/record-kinds.js';
import type { ParsedRow } from './kinds/context.js';
import { unpackRows } from './packed-rows.js';
import { revive, type ParseTask, type ToImporter, type ToParser } from './parse-protocol.js';
import { openRecordStream, parseRows, type RecordHead } from './record-stream.js';

/** One batch: rows read, the valid ones parsed, the issues of the others (file order), bytes read so far. */
export interface ParsedBatch {
  readonly rows: number;
  readonly parsed: ParsedRow[];
  readonly issues: CsvIssue[];
  readonly position: number;
}

export interface ParsedStream {
  readonly head: RecordHead;
  /** Whether a worker thread parses. */
  readonly threaded: boolean;
  /** The batches, parsed by the header's columns (mapped by the importer). */
  batches(columns: ColumnMap): AsyncGenerator<ParsedBatch>;
  /** Issues found while reading (CSV syntax, XLSX formulas), after the last batch. */
  trailingIssues(): CsvIssue[];
  /** Stops the worker (when the import ends early); idempotent. */
  close(): Promise<void>;
}

/** Batches a worker may have parsed ahead of the importer (bounds memory; 2 keep both threads busy). */
const AHEAD = 3;

/** The parse worker's heap (MB): a workbook's shared strings (ingest/limits.ts) fit with room to spare. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

/** The compiled worker; under a TypeScript runner (tests) there is none unless one is given. */
export const DEFAULT_PARSE_WORKER = import.meta.url.endsWith('.js')
  ? new URL('./parse-worker.js', import.meta.url)
  : null;

/** Smaller files are parsed in the importing thread: a worker's start (≈ 50 ms) would cost more than it saves. */
export const PARSE_WORKER_MIN_BYTES = 2 * 1024 * 1024;

/** Opens the file (a CsvFileError when it cannot be read as rows) in a worker when `worker` is given. */
export function openParsedStream(task: ParseTask, worker: URL | null): Promise<ParsedStream> {
  return worker ? openInWorker(task, worker) : openHere(task);
}

async function openHere(task: ParseTask): Promise<ParsedStream> {
  const stream = await openRecordStream(task.source);
  return {
    head: stream.head,
    threaded: false,
    async *batches(columns) {
      const parsing = {
        kind: task.kind,
        fileName: task.source.fileName,
        headerLength: stream.head.header.length,
        columns,
        lastYear: task.lastYear,
        memo: newFieldMemo(),
      };
      for await (const batch of stream.batches) {
        const issues: CsvIssue[] = [];
        const parsed = parseRows(parsing, batch, (i) => issues.push(i));
        yield { rows: batch.length, parsed, issues, position: stream.position() };
      }
    },
    trailingIssues: () => stream.trailingIssues(),
    close: () => Promise.resolve(),
  };
}

async function openInWorker(task: ParseTask, url: URL): Promise<ParsedStream> {
  // A small heap: the worker keeps only the batches in flight, and a collector that runs often keeps its
  // memory flat in the file size (it would otherwise grow its heap long before collecting).
  const w = new Worker(url, { workerData: task, resourceLimits: WORKER_LIMITS });
  const queue: ToImporter[] = [];
  let waiting: (() => void) | null = null;
  let ended = false;
  const push = (m: ToImporter) => {
    queue.push(m);
    waiting?.();
    waiting = null;
  };
  w.on('message', push);
  w.on('error', (e) => push({ t: 'error', error: { message: e.stack ?? e.message } }));
  w.on('exit', (code) => {
    if (!ended) push({ t: 'error', error: { message: `the parse worker exited (${code})` } });
  });
  const next = async (): Promise<ToImporter> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
    return queue.shift() as ToImporter;
  };
  const close = async () => {
    if (ended) return;
    ended = true;
    await w.terminate();
  };
  const post = (m: ToParser) => w.postMessage(m);
  const first = await next();
  if (first.t !== 'head') {
    await close();
    throw first.t === 'error' ? revive(first.error) : new Error(`parse worker: unexpected ${first.t}`);
  }
  let trailing: CsvIssue[] = [];
  const keys = RECORD_FIELDS[task.kind].map((f) => f.key);
  return {
    head: first.head,
    threaded: true,
    async *batches(columns) {
      post({ t: 'start', columns: [...columns], ahead: AHEAD });
      for (;;) {
        const m = await next();
        if (m.t === 'batch') {
          post({ t: 'ack' });
          const b = m.batch;
          yield { rows: b.rows, parsed: unpackRows(b, keys), issues: b.issues, position: b.position };
        } else if (m.t === 'end') {
          trailing = m.trailing;
          await close();
          return;
        } else {
          await close();
          throw m.t === 'error' ? revive(m.error) : new Error(`parse worker: unexpected ${m.t}`);
        }
      }
    },
    trailingIssues: () => trailing,
    close,
  };
}
