/** A progress bar on stderr: redrawn in place on a terminal, a line per step otherwise (logs, CI). */
import type { Io } from './io.js';

export interface Progress {
  update(done: number, total: number, note?: string): void;
  end(note?: string): void;
}

export function progressBar(io: Io, title: string, now: () => number = Date.now): Progress {
  const start = now();
  const width = 30;
  const elapsed = () => `${((now() - start) / 1000).toFixed(1)} s`;
  return {
    update(done, total, note = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      const text = `${title} ${bar} ${String(Math.round(ratio * 100)).padStart(3)} % ${note} (${elapsed()})`;
      io.err(io.errIsTty ? `\r${text}\u001b[K` : `${text}\n`);
    },
    end(note = '') {
      io.err(`${io.errIsTty ? '\r\u001b[K' : ''}${title}: ${note ? `${note} ` : ''}(${elapsed()})\n`);
    },
  };
}
