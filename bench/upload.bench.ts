/**
 * Upload memory through a running server (issue 11, "the server's memory stays under 1.5 GB for any upload"):
 * starts `trayecto serve` with TRAYECTO_WORKERS=1 (one HTTP process: what an upload costs shows in it) on a
 * demo database, signs in as the national user, and posts, one at a time and as multipart (field "file"), a
 * large valid module-results CSV (≈60 MB, rows of the database itself, so every row is valid and unchanged)
 * and each hostile file that `npm run bench:hostile` built under data/bench-hostile/ (count tables `*.counts.csv`
 * to /imports/counts, the rest to /imports/module-results). Per file: wall time, answer status and code, and the
 * server's peak RSS while it was answering (VmRSS of the server and its children polled every 50 ms), against
 * the 1.5 GB target; then the server's VmHWM. Writes bench/results/upload-latest.json.
 *
 *   npm run bench:upload -- \
 *     [--db data/bench/upload.db] [--scale 0.03] [--mb 60] [--port N]
 *
 * The 60 MB file needs a database with that many module results: a copy of the national demo
 * (`cp --reflink=auto national.db data/bench/national.db`, then --db data/bench/national.db).
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/storage/db.js';
import { prepareFixtures } from './api/database.js';
import { childrenOf, login, startServer } from './api/server.js';
import { renderTable } from './lib/report.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const MB = 1024 * 1024;
const TARGET_RSS_MB = 1536;
const log = (s: string) => process.stderr.write(`${s}\n`);

function vm(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
/** MB of the server and its children (cluster workers, if any) now. */
const treeRss = (pid: number) => [pid, ...childrenOf(pid)].reduce((s, p) => s + vm(p, 'VmRSS'), 0);

/** A module-results CSV of about `mb` MB: the database's own rows (valid, unchanged), in id order. */
async function validCsv(db: string, path: string, mb: number): Promise<number> {
  const store = openStore({ dialect: 'sqlite', file: db });
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok()));
  let bytes = 0;
  let rows = 0;
  try {
    await write('curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia\n');
    let after = 0;
    while (bytes < mb * MB) {
      const batch = await store.db
        .selectFrom('module_results as r')
        .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
        .innerJoin('campuses as c', 'c.id', 'r.campus_id')
        .innerJoin('modules as m', 'm.id', 'r.module_id')
        .select(['r.id', 'i.curp', 'c.cct', 'r.school_year', 'r.term_no', 'm.code', 'r.grade'])
        .select('r.attendance_pct')
        .where('r.id', '>', after)
        .orderBy('r.id')
        .limit(20_000)
        .execute();
      if (batch.length === 0) break;
      let text = '';
      for (const r of batch) {
        text += `${r.curp},${r.cct},${r.school_year},${r.term_no},${r.code},${r.grade ?? ''},${r.attendance_pct ?? ''}\n`;
        after = r.id;
      }
      bytes += Buffer.byteLength(text);
      rows += batch.length;
      await write(text);
    }
  } finally {
    await new Promise<void>((ok) => out.end(() => ok()));
    await store.close();
  }
  return rows;
}

/**
 * Posts `path` as a multipart form (field "file") the way a browser does, streamed from disk on a connection of its
 * own: fetch would reuse a kept-alive connection the server may have closed meanwhile (a 60 MB body then ends
 * in EPIPE before the server reads it), and would hold the whole file in this process.
 */
function postFile(
  url: string,
  headers: Record<string, string>,
  path: string,
  name: string,
): Promise<{ status: number; text: string }> {
  const boundary = `----trayecto-bench-${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          ...headers,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(head.length + statSync(path).size + tail.length),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.write(head);
    const file = createReadStream(path);
    file.on('error', reject);
    file.on('end', () => req.end(tail));
    file.pipe(req, { end: false });
  });
}

/** Waits (at most 15 min) until the server's background work ended: no risk setup running, no analysis job. */
async function idle(origin: string, cookie: string): Promise<void> {
  // Three quiet answers in a row: a job may start a moment after the previous one ended.
  let quiet = 0;
  for (let i = 0; i < 900; i++) {
    const res = await fetch(`${origin}/api/v1/analyses/status`, { headers: { Cookie: cookie } });
    const s = (await res.json()) as { jobs: unknown[]; riskSetup: { state: string } };
    quiet = s.jobs.length === 0 && s.riskSetup.state !== 'running' ? quiet + 1 : 0;
    if (quiet === 3) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  log('the server was still busy after 15 min: measuring anyway');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'data/bench/upload.db' },
      scale: { type: 'string', default: '0.03' },
      mb: { type: 'string', default: '60' },
      port: { type: 'string' },
    },
  });
  const db = join(ROOT, values.db);
  const dir = join(ROOT, 'data', 'bench-upload');
  mkdirSync(dir, { recursive: true });
  const load0 = loadavg();
  if (!existsSync(db)) {
    log(`generating ${values.db} at scale ${values.scale}`);
    const g = spawnSync(
      process.execPath,
      ['bin/trayecto.js', 'generate', '--scale', values.scale, '--db', db],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (g.status !== 0) throw new Error(`generate exited ${g.status}`);
  }
  const fixtures = await prepareFixtures(db);
  // Up to --mb MB: a small demo has fewer rows (scale 0.03: 132,783, 7.3 MB); near the 64 MB upload limit
  // (--mb 60) wants a larger one, e.g. a copy of the national demo (--db data/bench/national.db). One file per
  // database and size.
  const valid = join(dir, `valid-${basename(values.db, '.db')}-${values.mb}mb.csv`);
  if (!existsSync(valid)) log(`valid file: ${await validCsv(db, valid, Number(values.mb))} rows`);
  const hostileDir = join(ROOT, 'data', 'bench-hostile');
  const hostile = existsSync(hostileDir)
    ? readdirSync(hostileDir)
        .filter((f) => /\.(csv|xlsx)$/.test(f) && !f.startsWith('national') && !f.startsWith('rows-200k'))
        .map((f) => join(hostileDir, f))
    : [];
  if (hostile.length === 0)
    log('no hostile files under data/bench-hostile/: run npm run bench:hostile first');

  process.env.TRAYECTO_WORKERS = '1';
  const server = await startServer(
    ROOT,
    db,
    log,
    null,
    600_000,
    values.port ? Number(values.port) : undefined,
  );
  const results: Record<string, unknown>[] = [];
  try {
    const cookie = await login(server, fixtures.national);
    // A first start trains and scores the risk model and computes the pages' analyses in worker threads of the
    // same process: their memory is not an upload's. Wait until the server is idle.
    const t0 = performance.now();
    await idle(server.origin, cookie);
    log(
      `server idle after ${Math.round((performance.now() - t0) / 1000)} s: RSS ${Math.round(treeRss(server.pid))} MB`,
    );
    for (const path of [valid, ...hostile]) {
      const name = path.split('/').pop() ?? path;
      const kind = name.endsWith('.counts.csv') ? 'counts' : 'module-results';
      const size = statSync(path).size / MB;
      const base = treeRss(server.pid);
      let peak = base;
      const timer = setInterval(() => (peak = Math.max(peak, treeRss(server.pid))), 50);
      const t0 = performance.now();
      const cpu0 = server.cpuSeconds() ?? 0;
      let status = 0;
      let answer = '';
      try {
        const res = await postFile(
          `${server.origin}/api/v1/imports/${kind}?dryRun=false`,
          { Cookie: cookie, Origin: server.origin },
          path,
          name,
        );
        status = res.status;
        const body = JSON.parse(res.text) as {
          error?: { code: string; message: string };
          rows?: number;
          rejected?: boolean;
          unchanged?: number;
        };
        answer = body.error
          ? `${body.error.code}: ${body.error.message.slice(0, 90)}`
          : `rows ${body.rows}, rejected ${body.rejected}, unchanged ${body.unchanged}`;
      } catch (e) {
        // undici says "fetch failed"; the reason (a reset, a closed socket) is its cause.
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
        answer = `fetch failed: ${e instanceof Error ? e.message : String(e)}${cause}`;
      }
      const ms = performance.now() - t0;
      clearInterval(timer);
      peak = Math.max(peak, treeRss(server.pid));
      const cpuMs = ((server.cpuSeconds() ?? 0) - cpu0) * 1000;
      const ok = peak < TARGET_RSS_MB && status > 0 && status < 500;
      results.push({
        name,
        kind,
        sizeMb: size,
        ms,
        cpuMs,
        status,
        baseRssMb: base,
        peakRssMb: peak,
        ok,
        answer,
      });
      log(
        `${name}: ${status} in ${Math.round(ms)} ms (server CPU ${Math.round(cpuMs)} ms), peak RSS ${Math.round(peak)} MB: ${answer}`,
      );
    }
  } finally {
    const hwm = vm(server.pid, 'VmHWM');
    await server.stop();
    const table = renderTable(
      ['archivo', 'MB', 'estado', 'ms', 'CPU ms', 'RSS antes', 'RSS pico', 'ok', 'respuesta'],
      results.map((r) => [
        String(r.name),
        (r.sizeMb as number).toFixed(1),
        String(r.status),
        String(Math.round(r.ms as number)),
        String(Math.round(r.cpuMs as number)),
        String(Math.round(r.baseRssMb as number)),
        String(Math.round(r.peakRssMb as number)),
        r.ok ? 'sí' : 'NO',
        String(r.answer).slice(0, 80),
      ]),
    );
    console.log(table);
    console.log(
      `server VmHWM ${Math.round(hwm)} MB; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench', 'results', 'upload-latest.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          cpus: cpus().length,
          loadavgAtStart: load0,
          loadavgAtEnd: loadavg(),
          targetRssMb: TARGET_RSS_MB,
          serverVmHwmMb: hwm,
          results,
        },
        null,
        2,
      ),
    );
  }
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

await main();
