import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { DEFAULT_FILE_LIMITS } from './ingest/limits.js';

describe('loadConfig: import limits', () => {
  it('defaults to the readers’ limits and takes each one from its variable', () => {
    expect(loadConfig({}).importLimits).toEqual(DEFAULT_FILE_LIMITS);
    const c = loadConfig({ TRAYECTO_IMPORT_MAX_ROWS: '10', TRAYECTO_IMPORT_MAX_XLSX_RATIO: '50' });
    expect(c.importLimits).toEqual({ ...DEFAULT_FILE_LIMITS, maxRows: 10, maxXlsxRatio: 50 });
  });

  it('names a limit that is not a positive integer', () => {
    expect(() => loadConfig({ TRAYECTO_IMPORT_MAX_COLUMNS: '0', TRAYECTO_PORT: 'x' })).toThrow(
      /TRAYECTO_PORT[\s\S]*TRAYECTO_IMPORT_MAX_COLUMNS/,
    );
  });
});
