/**
 * Writes while the reads run: `trayecto import campuses` of the shipped campus list, again and again, each a
 * child process (as an operator would run it) against the same database as the server. Each import is one
 * write transaction (campus upserts, an import_runs row, an audit row) that also invalidates the server's
 * result cache.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const CAMPUS_LIST = 'assets/data/conalep-planteles/GeoReferenciaPlanteles.csv';

export interface ImportLoopResult {
  readonly completed: number;
  readonly failed: number;
  readonly failures: readonly string[];
  readonly durationsMs: readonly number[];
}

export interface ImportLoop {
  stop(): Promise<ImportLoopResult>;
}

function runOnce(root: string, db: string): Promise<{ ok: boolean; ms: number; output: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join('bin', 'trayecto.js'), 'import', 'campuses', CAMPUS_LIST, '--db', db, '--format', 'json'],
      { cwd: root, env: { ...process.env, TRAYECTO_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stdout.resume();
    child.once('exit', (code) =>
      resolve({ ok: code === 0, ms: performance.now() - t0, output: output.slice(-500) }),
    );
  });
}

/** Starts importing in a loop, with `pauseMs` between imports, until stopped. */
export function startImportLoop(root: string, db: string, pauseMs = 500): ImportLoop {
  let running = true;
  const result = { completed: 0, failed: 0, failures: [] as string[], durationsMs: [] as number[] };
  const loop = (async () => {
    while (running) {
      const r = await runOnce(root, db);
      result.durationsMs.push(Math.round(r.ms));
      if (r.ok) result.completed++;
      else {
        result.failed++;
        if (result.failures.length < 5) result.failures.push(r.output);
      }
      if (running) await new Promise((res) => setTimeout(res, pauseMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return result;
    },
  };
}
