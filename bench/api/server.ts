/**
 * The server under test in its own process (`node bin/trayecto.js serve`), so that autocannon's load generation
 * in this process does not share its event loop; sessions for the benchmark accounts; its CPU time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Account } from './database.js';

export interface ServerChild {
  readonly url: string;
  readonly origin: string;
  readonly pid: number;
  readonly command: string;
  readonly startMs: number;
  /** Warnings and errors the server logged (it runs at TRAYECTO_LOG_LEVEL=warn). */
  readonly logged: string[];
  /** CPU seconds (user + system) the server has used so far; null where /proc is not available. */
  cpuSeconds(): number | null;
  rssBytes(): number | null;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number((r.stdout ?? '').trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

/** CPU seconds (user + system) a live process has used. */
export function procCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export function procRssBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The direct children of a process (the server's cluster workers). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Sum of `f` over a process and its children (null when the process itself is gone). */
function overTree(pid: number, f: (pid: number) => number | null): number | null {
  const own = f(pid);
  if (own === null) return null;
  return childrenOf(pid).reduce((sum, c) => sum + (f(c) ?? 0), own);
}

/**
 * Starts `node bin/trayecto.js serve --db FILE --port P --host 127.0.0.1` with TRAYECTO_LOG_LEVEL=warn (request
 * logs would otherwise be part of what is measured) and waits for the line with its URL. With `profileDir`,
 * the child runs with --cpu-prof and exits cleanly on SIGTERM so that the profile is written.
 */
export async function startServer(
  root: string,
  dbFile: string,
  log: (text: string) => void,
  profileDir: string | null = null,
  timeoutMs = 180_000,
  /** A fixed port (the first-load benchmark's --port); a free one when absent. */
  fixedPort?: number,
): Promise<ServerChild> {
  const port = fixedPort ?? (await freePort());
  const nodeArgs: string[] = [];
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    const onSignal = fileURLToPath(new URL('./exit-on-signal.js', import.meta.url));
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', profileDir, '--import', `file://${onSignal}`);
  }
  const args = [...nodeArgs, join('bin', 'trayecto.js'), 'serve', '--db', dbFile, '--port', String(port)];
  args.push('--host', '127.0.0.1');
  // One session on many connections is a load generator, not a person: rate limits off unless set.
  const env = {
    TRAYECTO_RATE_API: '0',
    ...process.env,
    TRAYECTO_LOG_LEVEL: 'warn',
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logged: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const lines = (onLine: (line: string) => void) => {
      let pending = '';
      return (d: string) => {
        const parts = (pending + d).split('\n');
        pending = parts.pop() ?? '';
        for (const line of parts) onLine(line);
      };
    };
    child.stdout?.setEncoding('utf8').on(
      'data',
      lines((line) => {
        if (!line.trim()) return;
        logged.push(line);
        log(`  server: ${line}`);
      }),
    );
    child.stderr?.setEncoding('utf8').on(
      'data',
      lines((line) => {
        const m = /Trayecto en (https?:\/\/\S+?)\/?\s/.exec(`${line} `);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        } else if (line.trim() && !/^\s{2}\S+\s+\S+\s+rol /.test(line)) log(`  server: ${line}`);
      }),
    );
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before serving`));
    });
  });
  const pid = child.pid ?? -1;
  return {
    url,
    origin: new URL(url).origin,
    pid,
    command: `TRAYECTO_LOG_LEVEL=warn node ${args.join(' ')}`,
    startMs: performance.now() - t0,
    logged,
    // The primary and its cluster workers, which do the serving.
    cpuSeconds: () => overTree(pid, procCpuSeconds),
    rssBytes: () => overTree(pid, procRssBytes),
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** Signs in (POST /api/v1/session, with the Origin the CSRF check expects); returns the Cookie header. */
export async function login(server: ServerChild, account: Account): Promise<string> {
  const res = await fetch(`${server.origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.origin },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  if (res.status !== 200)
    throw new Error(`sign-in as ${account.username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('trayecto_session='));
  if (!cookie) throw new Error(`sign-in as ${account.username} set no session cookie`);
  return cookie;
}

/** One request with the session: status, body size and parsed JSON; throws on anything but 200. */
export async function getJson<T>(
  server: ServerChild,
  path: string,
  cookie: string,
): Promise<{ body: T; bytes: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${server.origin}${path}`, { headers: { Cookie: cookie } });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as T, bytes: Buffer.byteLength(text), ms };
}
