/**
 * Workbook fuzzing (fast-check): random and damaged workbooks (test-support/xlsx-arbitrary.ts) through the
 * XLSX reader. It answers rows as wide as the header, a CsvFileError or a FileLimitError; nothing else, never
 * a hang. TRAYECTO_FUZZ_SEED and TRAYECTO_FUZZ_XLSX_RUNS change the defaults.
 */
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { xlsxBytes } from '../test-support/xlsx-arbitrary.js';
import { CsvFileError } from './csv-stream.js';
import { FileLimitError } from './limits.js';
import { openXlsxStream } from './xlsx-stream.js';

const SEED = Number(process.env.TRAYECTO_FUZZ_SEED ?? 20_261_128);
const RUNS = Number(process.env.TRAYECTO_FUZZ_XLSX_RUNS ?? 1_000);
let tried = 0;
afterAll(() => console.log(`[fuzz] xlsx: ${tried} workbooks tried (seed ${SEED})`));

it('the XLSX reader answers rows, a CsvFileError or a FileLimitError on random workbooks', async () => {
  await fc.assert(
    fc.asyncProperty(xlsxBytes, async (made) => {
      tried++;
      const bytes = await made;
      try {
        const s = await openXlsxStream({ bytes }, 'f.xlsx', undefined, 3);
        for await (const batch of s.batches)
          for (const row of batch) {
            expect(row.cells).toHaveLength(s.head.header.length);
            expect(row.line).toBeGreaterThan(0);
          }
        for (const i of s.cellIssues) expect(i.file).toBe('f.xlsx');
      } catch (e) {
        if (!(e instanceof CsvFileError || e instanceof FileLimitError)) throw e;
        expect(e.message).toMatch(/^(f\.xlsx:\d+: )?\S/);
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
}, 300_000);
