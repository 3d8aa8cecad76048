/**
 * The generator's rows streamed to storage: the generator yields a flush point every few thousand students
 * (null) and after each school year (its progress); the bulk loader writes what it holds at each, so neither
 * keeps more than one batch of rows, whatever the scale (docs/SYNTHETIC-DATA.md, "Memory").
 */
import type { BulkLoader } from '../../storage/bulk.js';
import type { GenerationSummary, YearProgress } from '../../synth/generate.js';

export async function streamGeneration(
  gen: Generator<YearProgress | null, GenerationSummary>,
  loader: BulkLoader,
  onYear: (progress: YearProgress) => void,
  /** Called at each flush point, before the rows are written (tests measure the heap there). */
  atFlushPoint: (progress: YearProgress | null) => void = () => {},
): Promise<GenerationSummary> {
  let step = gen.next();
  while (!step.done) {
    atFlushPoint(step.value);
    await loader.flush();
    if (step.value) onYear(step.value);
    step = gen.next();
  }
  await loader.flush();
  return step.value;
}
