/**
 * Parser fuzzing (fast-check): the file readers never throw on arbitrary input, whether random bytes or
 * CSV-shaped text with random cells, delimiters, quotes, BOMs and line ends. They answer a result (rows, or
 * issues that name a file and a line) or, for the streaming reader, a CsvFileError; nothing else. The number
 * of inputs tried is printed.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCampusesCsv, parsePublishedDropoutCsv } from './campuses.js';
import { parseCount, parseCountsCsv } from './counts.js';
import { CsvFileError, openCsvStream } from './csv-stream.js';
import { decodeCsv, detectDelimiter, readCsv, tokenizeCsv } from './csv.js';
import type { CsvIssue } from './issues.js';
import { mapHeader, newFieldMemo, parseRecord } from './record-fields.js';
import { RECORD_FIELDS, RECORD_KINDS } from './record-kinds.js';

const SEED = Number(process.env.TRAYECTO_FUZZ_SEED ?? 20_261_128);
const RUNS = Number(process.env.TRAYECTO_FUZZ_PARSER_RUNS ?? 3_000);
let tried = 0;

afterAll(() => console.log(`[fuzz] parsers: ${tried} inputs tried (seed ${SEED})`));

const HEADERS = [
  'clave_entidad,entidad,clave_plantel,plantel,cct,latitud,longitud,domicilio_plantel',
  'cve_ent,entidad,cve_plantel,plantel,periodo_anual,porcentaje_abandono_escolar',
  'ciclo,nivel,unidad,mt,ni1,ex,ap,reg,eg',
  ...RECORD_KINDS.map((k) => RECORD_FIELDS[k].map((f) => f.names[0] ?? f.key).join(',')),
];

const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    '',
    ' ',
    '"',
    '""',
    '"a""b"',
    '"sin cerrar',
    '2024-2025',
    '15DPT0001A',
    'ABCD010101HDFRRL09',
    'Núm.',
    '\u0000',
    '\r',
  ),
);

/** CSV-shaped bytes: a known header (or not), rows of random cells, any delimiter, encoding and line end. */
const csvLike = fc
  .record({
    header: fc.oneof(
      fc.constantFrom(...HEADERS),
      fc.array(cell, { maxLength: 8 }).map((c) => c.join(',')),
    ),
    rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    latin1: fc.boolean(),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ header, rows, delimiter, eol, bom, latin1, cut }) => {
    const text = [header.replaceAll(',', delimiter), ...rows.map((r) => r.join(delimiter))].join(eol);
    let bytes = latin1 ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
    if (bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

const anyInput = fc.oneof(
  { weight: 2, arbitrary: csvLike },
  fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0x41, 0x00]),
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.alloc(0),
    Buffer.from('PK\x03\x04'),
  ),
);

function expectIssues(issues: readonly CsvIssue[], file: string): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(i.file).toBe(file);
    expect(Number.isInteger(i.line) && i.line >= 0).toBe(true);
    expect(typeof i.message).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
  }
}

const property = (name: string, f: (bytes: Buffer) => void | Promise<void>) =>
  it(name, async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (bytes) => {
        tried++;
        await f(bytes);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

describe('parsers on random input', () => {
  property('decodeCsv, detectDelimiter, tokenizeCsv and readCsv return a result', (bytes) => {
    const decoded = decodeCsv(bytes, 'f.csv');
    if (decoded.ok) {
      const d = detectDelimiter(decoded.value.text);
      const t = tokenizeCsv(decoded.value.text, d);
      expect(Array.isArray(t.records)).toBe(true);
    } else expectIssues(decoded.issues, 'f.csv');
    const table = readCsv(bytes, 'f.csv');
    if (table.ok) for (const row of table.value.rows) expect(row.line).toBeGreaterThan(1);
    else expectIssues(table.issues, 'f.csv');
  });

  property(
    'the campus list, published dropout and count-table parsers return rows or issues',
    async (bytes) => {
      const parsers = [parseCampusesCsv, parsePublishedDropoutCsv, parseCountsCsv] as const;
      for (const parse of parsers) {
        const r = await parse(bytes, 'p.csv');
        if (r.ok) expect(Array.isArray(r.value) || typeof r.value === 'object').toBe(true);
        else expectIssues(r.issues, 'p.csv');
      }
      const count = parseCount(bytes.toString('latin1').slice(0, 30));
      expect(count.ok ? Number.isInteger(count.value) : typeof count.reason === 'string').toBe(true);
    },
  );

  property(
    'the streaming record reader and record parsers return rows, issues or a CsvFileError',
    async (bytes) => {
      let stream;
      try {
        stream = await openCsvStream({ bytes }, 'r.csv', 7);
      } catch (e) {
        expect(e).toBeInstanceOf(CsvFileError);
        expect((e as CsvFileError).issue.file).toBe('r.csv');
        return;
      }
      const kind = RECORD_KINDS[bytes.length % RECORD_KINDS.length] ?? 'students';
      const fields = RECORD_FIELDS[kind];
      const mapped = mapHeader(stream.head.header, fields, 'r.csv');
      const issues: CsvIssue[] = [];
      const memo = newFieldMemo();
      try {
        for await (const batch of stream.batches) {
          if (!mapped.ok) continue;
          for (const row of batch)
            parseRecord(row.cells, row.line, fields, mapped.columns, 'r.csv', (i) => issues.push(i), memo);
        }
      } catch (e) {
        expect(e).toBeInstanceOf(CsvFileError);
      }
      if (!mapped.ok) expectIssues(mapped.issues, 'r.csv');
      for (const i of issues) expect(i.line).toBeGreaterThan(1);
    },
  );
});
