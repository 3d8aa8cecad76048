import { describe, expect, it } from 'vitest';
import { parsers } from './record-fields.js';

describe('percent fields: one rule for CSV and XLSX (finding 12.1)', () => {
  it('reads the percentage written or shown: "95", "95%", "95 %", "95,5" and a percent-formatted cell', () => {
    // A cell formatted as a percentage holding 0.95 reaches the parser as "95%" (ingest/xlsx-cells.ts).
    for (const text of ['95', '95%', '95 %', ' 95 % ', '95.0'])
      expect(parsers.percent(text)).toEqual({ ok: true, value: 95 });
    expect(parsers.percent('95,5 %')).toEqual({ ok: true, value: 95.5 });
  });

  it('keeps the precision given: 84.96 stays 84.96 (rounded to 85.0 it would escape the rule at 85)', () => {
    expect(parsers.percent('84.96')).toEqual({ ok: true, value: 84.96 });
    expect(parsers.percent('84,96 %')).toEqual({ ok: true, value: 84.96 });
    expect(parsers.percent(String(0.81 * 100))).toEqual({ ok: true, value: 81 });
  });

  it('refuses what is not a percentage from 0 to 100', () => {
    for (const text of ['95%%', '%', 'noventa', '101', '-1', '9 5'])
      expect(parsers.percent(text).ok).toBe(false);
  });
});

describe('grade fields: kept at the precision given (finding 12.3)', () => {
  it('does not round: 5.95 stays 5.95 (it would have become 6.0 and passed)', () => {
    expect(parsers.grade('5.95')).toEqual({ ok: true, value: 5.95 });
    expect(parsers.grade('5,95')).toEqual({ ok: true, value: 5.95 });
    expect(parsers.grade('8.125')).toEqual({ ok: true, value: 8.125 });
    expect(parsers.grade('10')).toEqual({ ok: true, value: 10 });
  });

  it('refuses what is not a grade from 0 to 10', () => {
    for (const text of ['10.01', '-0.5', 'seis', '6..0']) expect(parsers.grade(text).ok).toBe(false);
  });
});
