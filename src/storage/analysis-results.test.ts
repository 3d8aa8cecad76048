/** Stored analysis results: read by key, replaced on write (upsert), the longest duration per analysis, readiness. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { analysisDurations, readAnalysis, riskReadiness, writeAnalysis } from './analysis-results.js';

describeEachDialect('analysis results', ({ store }) => {
  const stored = (key: string, analysis: string, ms: number, dataVersion = 'v1') => ({
    key,
    analysis,
    dataVersion,
    result: `{"k":"${key}"}`,
    computedAt: '2026-12-01T10:00:00Z',
    ms,
  });

  it('reads nothing, then what was written; a second write of the key replaces it', async () => {
    const db = store().db;
    expect(await readAnalysis(db, 'a|x')).toBeNull();
    expect(await analysisDurations(db)).toEqual(new Map());
    await writeAnalysis(db, stored('a|x', 'a', 120.4));
    expect(await readAnalysis(db, 'a|x')).toEqual(stored('a|x', 'a', 120));
    await writeAnalysis(db, stored('a|x', 'a', 80, 'v2'));
    expect(await readAnalysis(db, 'a|x')).toEqual(stored('a|x', 'a', 80, 'v2'));
    const n = await db
      .selectFrom('analysis_results')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(1);
  });

  it('gives the longest stored computation of each analysis', async () => {
    const db = store().db;
    await writeAnalysis(db, stored('a|y', 'a', 300));
    await writeAnalysis(db, stored('b|x', 'b', 5));
    expect(await analysisDurations(db)).toEqual(
      new Map([
        ['a', 300],
        ['b', 5],
      ]),
    );
  });

  it('says early warning is ready only with a model and with stored scores', async () => {
    const db = store().db;
    expect(await riskReadiness(db)).toEqual({ model: false, scores: false });
    await db
      .insertInto('risk_models')
      .values({
        created_at: '2026-12-01',
        created_by: 'ana',
        data_cutoff: '2024-2025/1',
        method: 'logistic',
        parameters: '{}',
        metrics: '{}',
        model: '{}',
        card_es: '',
        card_en: '',
      })
      .execute();
    expect(await riskReadiness(db)).toEqual({ model: true, scores: false });
  });
});
