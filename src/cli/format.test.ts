import { describe, expect, it } from 'vitest';
import { render } from './format.js';

describe('CLI --format csv (finding 8)', () => {
  it('neutralizes formulas in text cells and keeps negative numbers as numbers', () => {
    const out = render(
      [{ nombre: '=HYPERLINK("http://x","y")', cambio: -4.5, nota: '@x' }],
      ['nombre', 'cambio', 'nota'],
      'csv',
      'es',
    );
    expect(out.split('\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",-4.5,'@x`);
  });
});
