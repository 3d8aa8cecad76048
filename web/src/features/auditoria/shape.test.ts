import { describe, expect, it } from 'vitest';
import { detailsText } from './shape';

describe('detailsText', () => {
  it('renders numbers, flags and nested objects, and nothing for no details', () => {
    expect(detailsText({ rows: 25, query: false, to: { role: 'state' } })).toBe(
      'rows: 25 · query: false · to: {"role":"state"}',
    );
    expect(detailsText(null)).toBe('');
  });
});
