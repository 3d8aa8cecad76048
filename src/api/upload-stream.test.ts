/**
 * Issue 11: uploads are received into a temporary file as they arrive (api/upload-file.ts), never held whole in
 * memory, and the file is removed in every path: a rejected file, a body that grows past the limit, a client
 * that goes away mid-body. Bodies are generated chunk by chunk as the server pulls them, so the test itself
 * holds none of them.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { MAX_UPLOAD_BYTES } from './routes/imports.js';
import { createHarness, login, ORIGIN, type Harness } from './test-helpers.js';
import { UPLOAD_DIR_PREFIX } from './upload-file.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
/** What the server may hold of a body at once; a body whole in memory would exceed it several times. */
const MEMORY_BUDGET = 16 * MB;
const HEADER = 'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia';

const tempDirsOf = (requestId: string) =>
  readdirSync(tmpdir()).filter((n) => n.startsWith(`${UPLOAD_DIR_PREFIX}${requestId}-`));

/**
 * A body of `total` bytes starting with `head`, made in fresh 256 KB chunks when pulled; `onPull` sees the
 * bytes sent so far; `failAt` breaks the stream there (a client that goes away).
 */
function lazyBody(head: string, total: number, onPull: (sent: number) => void, failAt = Infinity) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull(sent);
      if (sent >= failAt) return controller.error(new Error('connection reset'));
      if (sent >= total) return controller.close();
      const n = Math.min(256 * 1024, total - sent);
      const chunk = new Uint8Array(n).fill(0x78); // "x"
      if (sent === 0) chunk.set(new TextEncoder().encode(head));
      for (let i = 1023; i < n; i += 1024) chunk[i] = 0x0a; // lines of 1 KB
      sent += n;
      controller.enqueue(chunk);
    },
  });
}

describeEachDialect('uploads streamed to a temporary file (issue 11)', ({ store }) => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    h = await createHarness(store());
    cookie = await login(h, 'national');
  }, 120_000);

  const post = (requestId: string, body: ReadableStream<Uint8Array> | string, type = 'text/csv') =>
    h.app.request(
      new Request(`${ORIGIN}/api/v1/imports/module-results?filename=calificaciones.csv&dryRun=true`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': type, 'X-Request-Id': requestId },
        body,
        duplex: 'half',
      }),
    );

  it('a 48 MB body is received with flat memory into a temporary file, read from it, and the file removed', async () => {
    const id = 'upload-flat-memory-0001';
    gc();
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    let onDisk = false;
    const res = await post(
      id,
      lazyBody('columna_desconocida\n', 48 * MB, (sent) => {
        if (sent % (4 * MB) !== 0) return;
        gc();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
        if (sent === 24 * MB) onDisk = tempDirsOf(id).length === 1;
      }),
    );
    // The file was read (from disk): its header is refused, naming the missing columns.
    expect(res.status).toBe(200);
    const answer = await res.text();
    expect(JSON.parse(answer), answer).toMatchObject({ rejected: true });
    expect(answer).toContain('faltan columnas obligatorias');
    expect(onDisk).toBe(true);
    expect(peak, `arrayBuffers grew ${Math.round(peak / MB)} MB`).toBeLessThan(MEMORY_BUDGET);
    expect(tempDirsOf(id)).toEqual([]);
  }, 120_000);

  it('a client that goes away mid-body gets a 400 and leaves no temporary file', async () => {
    const id = 'upload-aborted-0001';
    let onDisk = false;
    const res = await post(
      id,
      lazyBody(
        `${HEADER}\n`,
        8 * MB,
        (sent) => {
          if (sent === 2 * MB) onDisk = tempDirsOf(id).length === 1;
        },
        2 * MB,
      ),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('incomplete_upload');
    expect(onDisk).toBe(true);
    expect(tempDirsOf(id)).toEqual([]);
  }, 60_000);

  it('a body without Content-Length growing past the limit is a 413 naming it, and leaves no file', async () => {
    const id = 'upload-too-large-0001';
    const res = await post(
      id,
      lazyBody(`${HEADER}\n`, MAX_UPLOAD_BYTES + MB, () => {}),
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('file_too_large');
    expect(tempDirsOf(id)).toEqual([]);
  }, 120_000);

  it('a multipart body arriving in 7-byte pieces: its "file" part is imported, the other fields ignored', async () => {
    const id = 'upload-multipart-0001';
    const b = 'trayectoBoundary42';
    const form = [
      `--${b}\r\nContent-Disposition: form-data; name="nota"\r\n\r\n--${b}x no es un límite\r\n`,
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="calificaciones.csv"\r\n`,
      `Content-Type: text/csv\r\n\r\n${HEADER}\r\nx--${b}\r\n`,
      `--${b}--\r\n`,
    ].join('');
    const bytes = new TextEncoder().encode(form);
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= bytes.length) return c.close();
        c.enqueue(bytes.slice(at, at + 7));
        at += 7;
      },
    });
    const res = await post(id, body, `multipart/form-data; boundary=${b}`);
    const text = await res.text();
    // The file is a header and one line "x--trayectoBoundary42": read as a row of the file (one row, an issue),
    // so the part ended at the real delimiter and not at the look-alikes before it.
    expect(res.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ file: 'calificaciones.csv', rows: 1, rejected: true });
    expect(tempDirsOf(id)).toEqual([]);
  }, 60_000);
});
