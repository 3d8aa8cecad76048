/**
 * axe-core (the engine of Deque's accessibility checker) run inside a page of the browser tests: the rules of
 * WCAG 2.0/2.1/2.2 A and AA plus best practices, and label-content-name-mismatch (WCAG 2.5.3, experimental in
 * axe, so enabled by hand: finding 10 of issue 13). The script is read from the axe-core package and injected
 * into the page (the context must bypass the app's CSP, see signIn's options).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

let source: string | null = null;

function axeSource(): string {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** The violations axe finds on the page as it is now (each with up to five of its nodes' selectors). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"')))
    await page.addScriptTag({ content: axeSource() });
  return page.evaluate<AxeViolation[]>(`axe
    .run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } })
    .then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    })))`);
}

/** Only what blocks or seriously hinders: axe's serious and critical impacts. */
export const isBlocking = (v: AxeViolation): boolean => v.impact === 'serious' || v.impact === 'critical';
