/**
 * Issue 13 finding 6: on a fresh start every role sees risk. A demo without a model or a stored scoring run
 * gets both from the start-up's background setup; a second start finds them and does nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { riskReadiness } from '../../storage/analysis-results.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { analysisRunner } from './index.js';
import { prepareRisk } from './risk-setup.js';

describeEachDialect('early warning ready on a first start', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 5, scale: 0.005 });
  }, 120_000);

  it('trains the model and stores the scores when missing, through the runner, with its steps in the status', async () => {
    expect(await riskReadiness(store().db)).toEqual({ model: false, scores: false });
    const log: Record<string, unknown>[] = [];
    const runner = analysisRunner(store(), { workerUrl: null, log: (e) => log.push(e) });
    await runner.setupRisk('sistema');
    expect(await riskReadiness(store().db)).toEqual({ model: true, scores: true });
    const { riskSetup } = await runner.status();
    expect(riskSetup.state).toBe('done');
    expect(riskSetup.message).toMatch(/estudiantes calificados/);
    expect(log.filter((e) => e.event === 'risk_setup').length).toBeGreaterThan(2);
  });

  it('does nothing when the model and the scores exist', async () => {
    const steps: string[] = [];
    expect(await prepareRisk(store().db, 'sistema', (m) => steps.push(m))).toEqual({
      trained: null,
      scored: null,
    });
    expect(steps).toEqual([]);
  });
});
