/**
 * An uploaded file, received into a temporary file as it arrives (issue 11: bounded memory). The body is never
 * held whole in memory: a raw body is written chunk by chunk, a multipart body is parsed as a stream and only
 * its "file" part is written. The import worker then reads the file from disk. The caller removes it when the
 * import is done (success or error); a body that fails while arriving (a client that aborts, a malformed
 * multipart body, a file over the limit) removes it before the error goes on.
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invalid } from '../domain/errors.js';

/** Temporary directories of uploads are named so: `trayecto-upload-<request id>-XXXXXX`. */
export const UPLOAD_DIR_PREFIX = 'trayecto-upload-';

/** Largest header block of one multipart part (its Content-Disposition and Content-Type lines). */
const MAX_PART_HEADERS = 16 * 1024;

export interface ReceivedFile {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  /** Deletes the temporary file and its directory (never fails). */
  remove(): Promise<void>;
}

/** A body over the upload limit: 413 `file_too_large` (api/errors.ts). */
export class UploadTooLarge extends Error {
  readonly status = 413;
  readonly code = 'file_too_large';
  constructor(maxBytes: number) {
    super(
      `El archivo pesa más de ${maxBytes / 1024 / 1024} MB; divídalo o impórtelo con la línea de comandos`,
    );
  }
}

const malformed = () =>
  invalid(
    'invalid_multipart',
    'El formulario multipart está mal formado (sin límite de cierre o con partes dañadas): envíe el archivo en el campo "file" o el cuerpo crudo con ?filename=',
  );

/** The boundary of a multipart content type, or null. */
function boundaryOf(type: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(type);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** name and filename of a part's Content-Disposition (null when absent). */
function dispositionOf(headers: string): { name: string | null; filename: string | null } {
  const line = headers.split('\r\n').find((l) => /^content-disposition:/i.test(l)) ?? '';
  const param = (key: string) => {
    const m =
      new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(line) ??
      new RegExp(`;\\s*${key}=([^;\\s]*)`, 'i').exec(line);
    return m ? (m[1] ?? '') : null;
  };
  return { name: param('name'), filename: param('filename') };
}

/**
 * The "file" part of a multipart stream, written to `out`: the first part named "file" that has a filename
 * (a plain text field is not a file). Returns its filename, or null when there is none.
 */
async function multipartFile(
  chunks: AsyncIterable<Uint8Array>,
  boundary: string,
  write: (b: Uint8Array) => Promise<void>,
): Promise<string | null> {
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pending = Buffer.alloc(0);
  let state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'end' = 'preamble';
  let writing = false;
  let found: string | null = null;
  for await (const chunk of chunks) {
    if (state === 'end') continue; // the epilogue is ignored
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    for (;;) {
      if (state === 'preamble') {
        const at = pending.indexOf(first);
        if (at < 0) {
          pending = pending.subarray(Math.max(0, pending.length - first.length));
          break;
        }
        pending = pending.subarray(at + first.length);
        state = 'after-delimiter';
      } else if (state === 'after-delimiter') {
        if (pending.length < 2) break;
        const two = pending.subarray(0, 2).toString('latin1');
        if (two === '--') {
          state = 'end';
          break;
        }
        if (two !== '\r\n') throw malformed();
        pending = pending.subarray(2);
        state = 'headers';
      } else if (state === 'headers') {
        const at = pending.indexOf('\r\n\r\n');
        if (at < 0) {
          if (pending.length > MAX_PART_HEADERS) throw malformed();
          break;
        }
        const d = dispositionOf(pending.subarray(0, at).toString('utf8'));
        writing = found === null && d.name === 'file' && d.filename !== null;
        if (writing) found = d.filename ?? '';
        pending = pending.subarray(at + 4);
        state = 'body';
      } else {
        // state 'body': everything before the next delimiter belongs to the part; keep a possible prefix of it.
        const at = pending.indexOf(delimiter);
        const upTo = at >= 0 ? at : Math.max(0, pending.length - delimiter.length + 1);
        if (writing && upTo > 0) await write(pending.subarray(0, upTo));
        if (at < 0) {
          pending = Buffer.from(pending.subarray(upTo));
          break;
        }
        pending = pending.subarray(at + delimiter.length);
        writing = false;
        state = 'after-delimiter';
      }
    }
  }
  if (state !== 'end') throw malformed();
  return found;
}

/**
 * Receives the uploaded file of `req` into a temporary file: a multipart form's "file" field, or the raw body
 * (named by ?filename=). At most `maxBytes` of body are read (UploadTooLarge past it); a body shorter than its
 * Content-Length (a client that went away) is refused.
 */
export async function receiveUpload(
  req: Request,
  filename: string | undefined,
  maxBytes: number,
  requestId: string,
): Promise<ReceivedFile> {
  const type = req.headers.get('content-type') ?? '';
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new UploadTooLarge(maxBytes);
  const dir = await mkdtemp(join(tmpdir(), `${UPLOAD_DIR_PREFIX}${requestId}-`));
  const path = join(dir, 'upload');
  const remove = () => rm(dir, { recursive: true, force: true }).catch(() => undefined);
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'wx', 0o600);
    const out = handle;
    let received = 0;
    let written = 0;
    async function* body(): AsyncGenerator<Uint8Array> {
      if (!req.body) return;
      const reader = (req.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        let next: { readonly done: true } | { readonly done: false; readonly value: Uint8Array };
        try {
          next = await reader.read();
        } catch {
          // The client went away (or its body broke) while sending: nothing to import.
          throw invalid('incomplete_upload', 'El archivo llegó incompleto: envíelo de nuevo');
        }
        if (next.done) return;
        received += next.value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new UploadTooLarge(maxBytes);
        }
        yield next.value;
      }
    }
    const write = async (b: Uint8Array) => {
      written += b.byteLength;
      await out.write(b);
    };
    let name: string;
    if (type.startsWith('multipart/form-data')) {
      const boundary = boundaryOf(type);
      if (!boundary) throw malformed();
      const given = await multipartFile(body(), boundary, write);
      if (given === null)
        throw invalid('missing_file', 'Falta el archivo: envíe el campo "file" del formulario');
      name = given || filename || 'archivo.csv';
    } else {
      for await (const chunk of body()) await write(chunk);
      name = filename ?? (type.includes('spreadsheetml') ? 'archivo.xlsx' : 'archivo.csv');
    }
    if (Number.isFinite(declared) && received !== declared)
      throw invalid('incomplete_upload', 'El archivo llegó incompleto: envíelo de nuevo');
    await out.close();
    handle = null;
    return { name, path, bytes: written, remove };
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await remove();
    throw e;
  }
}
