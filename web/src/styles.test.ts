/**
 * styles.css holds the global base only (issue 14): custom properties, resets, typography, the page layout,
 * the base look of tables and forms, and a few utility classes used across features. A component's or a
 * feature's own rules belong in X.module.css beside it, so any new class here must be added to GLOBAL_CLASSES
 * below on purpose, with a reason.
 */
import { describe, expect, it } from 'vitest';
import css from './styles.css?raw';

/** Every class styles.css may define, and why it is global. */
const GLOBAL_CLASSES: Readonly<Record<string, string>> = {
  'visually-hidden': 'screen-reader text, everywhere',
  primary: 'the main button of a form (login, intervention form, queue card)',
  'link-button': 'a button that looks like a link (DataTable, provenance, login)',
  filters: 'the bar of selectors (header, Importar) and its inline form on pages',
  inline: 'modifier of .filters',
  page: 'the layout of every page',
  muted: 'secondary text, everywhere',
  note: 'a short note under a figure, everywhere',
  'grid-2': 'two-column panel layout (unit, Impacto, Generaciones)',
  panel: 'the card around a section, every page',
  num: 'numeric cells, every table',
  id: 'pseudonymous ids in monospace',
  better: 'the sense of a change (key figures, comparison and ranking tables)',
  worse: 'the sense of a change',
  same: 'the sense of a change',
  nowrap: 'utility',
};

/** The class names a stylesheet defines (in its selectors, not in its declarations). */
export function classesOf(sheet: string): string[] {
  const selectors = sheet.replace(/\/\*[^]*?\*\//g, ' ').replace(/\{[^{}]*\}/g, ' ');
  return [...new Set([...selectors.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ''))].sort();
}

describe('styles.css keeps only the global base', () => {
  it('reads class names from selectors only', () => {
    expect(
      classesOf('/* .x */ .a b, .b.c:hover { margin: 0.5rem; } @media (x) { .d > .e { top: 1.5px } }'),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('defines no class outside the allowed global ones (component rules go in CSS modules)', () => {
    const found = classesOf(css);
    expect(found.length).toBeGreaterThan(5);
    expect(found.filter((c) => !(c in GLOBAL_CLASSES))).toEqual([]);
  });

  it('stays under 250 lines', () => {
    expect(css.split('\n').length).toBeLessThan(250);
  });
});
