/**
 * Random workbooks for fuzzing (fast-check): sheets of random cells (with and without r= references, every
 * cell type, styles in and out of range, formulas, entities), random shared strings and number formats, then
 * damaged at random (cut, bytes flipped, sizes misdeclared, stored instead of deflated).
 */
import fc from 'fast-check';
import { RECORD_FIELDS, RECORD_KINDS } from '../ingest/record-kinds.js';
import { xlsxOf } from './xlsx-builder.js';

const text = fc.oneof(
  fc.string({ maxLength: 10 }).map((s) => s.replace(/[<&]/g, '')),
  fc.constantFrom(
    '&amp;',
    '&lt;x&gt;',
    '&#233;',
    '&#x1F600;',
    '&#0;',
    '&bogus;',
    '_x000D_',
    '81',
    '0.81',
    '45519',
  ),
  fc.constantFrom(...RECORD_KINDS.flatMap((k) => RECORD_FIELDS[k].map((f) => f.names[0] ?? f.key))),
);

const ref = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(fc.constantFrom('A', 'B', 'C', 'Z', 'AA', 'XFD', 'ZZZZZZ', '', '1'), fc.nat(2_000_000))
    .map(([c, r]) => `${c}${r}`),
);

const cell = fc
  .record({
    r: ref,
    t: fc.constantFrom(undefined, 's', 'inlineStr', 'str', 'b', 'e', 'n', 'd', 'x'),
    s: fc.option(fc.integer({ min: -1, max: 8 }), { nil: undefined }),
    v: text,
    f: fc.option(fc.constantFrom('1+1', 'SUM(A1:A2)', ''), { nil: undefined }),
    rich: fc.boolean(),
  })
  .map(({ r, t, s, v, f, rich }) => {
    const attrs = `${r === undefined ? '' : ` r="${r}"`}${t === undefined ? '' : ` t="${t}"`}${s === undefined ? '' : ` s="${s}"`}`;
    if (t === 'inlineStr')
      return `<c${attrs}><is>${rich ? `<r><t>${v}</t></r><rPh><t>x</t></rPh><r><t>${v}</t></r>` : `<t>${v}</t>`}</is></c>`;
    return `<c${attrs}>${f === undefined ? '' : `<f>${f}</f>`}<v>${v}</v></c>`;
  });

const row = fc
  .record({
    r: fc.option(fc.integer({ min: -2, max: 2_000_000 }), { nil: undefined }),
    cells: fc.array(cell, { maxLength: 8 }),
  })
  .map(({ r, cells }) => `<row${r === undefined ? '' : ` r="${r}"`}>${cells.join('')}</row>`);

const styles = fc
  .record({
    codes: fc.array(
      fc.constantFrom('0%', '0.0%', 'dd/mm/yyyy', '"%"0', '[Red]0', 'h:mm', 'mmm-yy', '@', '\\%0'),
      {
        maxLength: 4,
      },
    ),
    xfs: fc.array(fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 164, max: 168 })), {
      maxLength: 6,
    }),
  })
  .map(
    ({ codes, xfs }) =>
      `<numFmts>${codes.map((c, k) => `<numFmt numFmtId="${164 + k}" formatCode="${c.replace(/"/g, '&quot;')}"/>`).join('')}</numFmts>` +
      `<cellXfs>${xfs.map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs>`,
  );

const damage = fc.record({
  cut: fc.option(fc.nat(), { nil: undefined }),
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
  xmlCut: fc.option(fc.nat(), { nil: undefined }),
  deflate: fc.boolean(),
  lie: fc.option(fc.constantFrom(0, 1, 10, 2_000_000_000), { nil: undefined }),
});

/** Bytes of a random, sometimes damaged, workbook. */
export const xlsxBytes = fc
  .record({
    rows: fc.array(row, { maxLength: 12 }),
    shared: fc.array(text, { maxLength: 6 }),
    styles,
    date1904: fc.boolean(),
    damage,
  })
  .chain((b) => fc.constant(b))
  .map(async ({ rows, shared, styles: st, date1904, damage: d }) => {
    let sheet = rows.join('');
    if (d.xmlCut !== undefined) sheet = sheet.slice(0, d.xmlCut % (sheet.length + 1));
    const book = await xlsxOf(
      {
        rows: sheet,
        sharedStrings: shared.map((s) => `<si><t>${s}</t></si>`).join(''),
        styles: st,
        date1904,
      },
      { deflate: d.deflate, ...(d.lie === undefined ? {} : { lie: d.lie }) },
    );
    for (const [at, byte] of d.flips) book[at % book.length] = byte;
    return d.cut === undefined ? book : book.subarray(0, d.cut % (book.length + 1));
  });
