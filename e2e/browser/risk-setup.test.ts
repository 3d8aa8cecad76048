/**
 * First start (issue 13, finding 6): before and while the server trains the model and scores the active
 * students in the background, Riesgo and Modelo de riesgo say so, never a command to run or an error, and show
 * the campuses by semáforo and the model once it is done, without a reload by the user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText, signIn, startStack, UI_TIMEOUT, type Stack } from './harness.js';

const SETUP_TIMEOUT = 240_000;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('early warning on the first start', () => {
  it(
    'Riesgo and Modelo de riesgo wait for the background setup, then show its results',
    async () => {
      const s = await signIn(stack, 'national');
      const modelo = await s.context.newPage();
      try {
        const page = s.page;
        await page.goto('/?view=riesgo');
        await modelo.goto('/?view=modelo');
        // Before the setup: a notice on both pages, no error, no bare command.
        for (const p of [page, modelo]) {
          await p.getByTestId('risk-setup').waitFor({ timeout: UI_TIMEOUT });
          expect(await p.getByRole('alert').count()).toBe(0);
          expect(await pageText(p)).not.toMatch(/ejecute|No se pudieron cargar/);
        }
        stack.setupRisk?.();
        // Until the campus table shows: never an error, never a command to run; the page reloads itself.
        await expect
          .poll(
            async () => {
              expect(await page.getByRole('alert').count()).toBe(0);
              return page.getByTestId('risk-campuses').count();
            },
            { timeout: SETUP_TIMEOUT, interval: 1_000 },
          )
          .toBe(1);
        const status = await s.api<{ riskSetup: { state: string } }>('analyses/status');
        expect(status.riskSetup.state).toBe('done');
        expect(await page.getByTestId('risk-campuses').locator('tbody tr').count()).toBeGreaterThan(0);
        await modelo.getByTestId('model-version').waitFor({ timeout: 30_000 });
        expect(await modelo.getByRole('alert').count()).toBe(0);
      } finally {
        await s.context.close();
      }
    },
    SETUP_TIMEOUT + 60_000,
  );
});
