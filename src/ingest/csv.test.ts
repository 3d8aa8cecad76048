import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeCsv,
  decodeWindows1252,
  detectDelimiter,
  findColumns,
  parseCsvText,
  readCsv,
  tokenizeCsv,
  type CsvTable,
} from './csv.js';
import { capIssues, formatIssue, type CsvIssue } from './issues.js';

const asset = (path: string) => readFileSync(new URL(`../../assets/data/${path}`, import.meta.url));

function table(result: ReturnType<typeof readCsv>): CsvTable {
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

function issuesOf(result: { ok: boolean; issues?: CsvIssue[] }): CsvIssue[] {
  if (result.ok || !result.issues) throw new Error('expected issues');
  return result.issues;
}

const cells = (text: string) => {
  const parsed = parseCsvText(text, 't.csv');
  if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
  return parsed.value.rows.map((r) => [r.line, ...r.cells]);
};

describe('readCsv on the real files', () => {
  it('decodes the Latin-1 campus list as Windows-1252 with correct accents', () => {
    const t = table(
      readCsv(asset('conalep-planteles/GeoReferenciaPlanteles.csv'), 'GeoReferenciaPlanteles.csv'),
    );
    expect(t.encoding).toBe('windows-1252');
    expect(t.delimiter).toBe(',');
    expect(t.header).toHaveLength(8);
    expect(t.rows).toHaveLength(315);
    expect(t.rows.every((r) => r.cells.length === 8)).toBe(true);
    const text = t.rows.map((r) => r.cells.join(',')).join('\n');
    expect(text).toContain('Ciudad de México');
    expect(text).toContain('Ing. Miguel Ángel Barberena Vega');
    expect(text).not.toContain('\ufffd');
    expect(t.rows[0]?.line).toBe(2);
    expect(t.rows.at(-1)?.line).toBe(316);
  });

  it('reads the UTF-8 copy of the campus list to the same table', () => {
    const latin = table(readCsv(asset('conalep-planteles/GeoReferenciaPlanteles.csv'), 'a.csv'));
    const utf8 = table(readCsv(asset('conalep-planteles/GeoReferenciaPlanteles.utf8.csv'), 'b.csv'));
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.header).toEqual(latin.header);
    expect(utf8.rows).toEqual(latin.rows);
  });

  it('reads the UCI file: semicolons, BOM, CRLF, a quoted header ending in TAB', () => {
    const t = table(readCsv(asset('uci-dropout/data.csv'), 'data.csv'));
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.delimiter).toBe(';');
    expect(t.header).toHaveLength(37);
    expect(t.header[0]).toBe('Marital status');
    expect(t.header[4]).toBe('Daytime/evening attendance');
    expect(t.header.at(-1)).toBe('Target');
    expect(t.rows).toHaveLength(4424);
    expect(t.rows.at(-1)?.line).toBe(4425);
    expect(t.rows.every((r) => r.cells.every((c) => !c.includes('\r')))).toBe(true);
  });
});

describe('decodeCsv', () => {
  const bytes = (...b: number[]) => Buffer.from(b);

  it.each([
    ['UTF-8 without BOM', Buffer.from('a,b\nñ,€\n'), 'utf-8', 'a,b\nñ,€\n'],
    ['UTF-8 with BOM (stripped)', Buffer.from('\ufeffa\nñ\n'), 'utf-8-bom', 'a\nñ\n'],
    ['Latin-1 bytes', bytes(0x41, 0xc1, 0x6e, 0x67, 0x65, 0x6c), 'windows-1252', 'AÁngel'],
    ['Windows-1252 0x80-0x9F', bytes(0x80, 0x93, 0x94, 0x96, 0x9f), 'windows-1252', '€“”–Ÿ'],
    ['undefined 0x81 kept as U+0081', bytes(0x81, 0xe9), 'windows-1252', '\u0081é'],
  ])('%s', (_name, input, encoding, text) => {
    expect(decodeCsv(input, 'x.csv')).toEqual({ ok: true, value: { text, encoding } });
  });

  it('maps every 0x80-0x9F byte to a non-C1 character except the five undefined ones', () => {
    const all = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i));
    const c1 = [...decodeWindows1252(all)].filter((c) => c.charCodeAt(0) < 0xa0).map((c) => c.charCodeAt(0));
    expect(c1).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  });

  it.each([
    ['UTF-16 LE BOM', bytes(0xff, 0xfe, 0x61, 0x00), 1, /UTF-16/],
    ['UTF-16 BE BOM', bytes(0xfe, 0xff, 0x00, 0x61), 1, /UTF-16/],
    ['NUL byte on line 2', Buffer.from('a,b\n1,\u0000\n'), 2, /bytes nulos/],
    ['BOM then invalid UTF-8', bytes(0xef, 0xbb, 0xbf, 0x61, 0xe9, 0x0a), 1, /BOM UTF-8/],
  ])('rejects %s', (_name, input, line, message) => {
    const [issue] = issuesOf(decodeCsv(input, 'x.csv'));
    expect(issue).toMatchObject({ file: 'x.csv', line, message: expect.stringMatching(message) as unknown });
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;2,5;3\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['"x,y";b\n1;2\n', ';'],
    ['name;amount,unit\n"A";"1,2"\n"B";"3,4"\n', ';'],
    ['single\nvalue\n', ','],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('prefers the delimiter the following lines agree with', () => {
    // The header splits on both; only the semicolon splits the data lines the same way.
    expect(detectDelimiter('a,b;c,d\n1;2\n3;4\n')).toBe(';');
  });
});

describe('parseCsvText (RFC 4180)', () => {
  it.each([
    ['LF', 'h1,h2\na,b\nc,d\n'],
    ['CRLF', 'h1,h2\r\na,b\r\nc,d\r\n'],
    ['CR', 'h1,h2\ra,b\rc,d\r'],
    ['no final newline', 'h1,h2\na,b\nc,d'],
    ['trailing empty lines', 'h1,h2\na,b\nc,d\n\n\r\n\n'],
  ])('line endings: %s', (_name, text) => {
    expect(cells(text)).toEqual([
      [2, 'a', 'b'],
      [3, 'c', 'd'],
    ]);
  });

  it('handles doubled quotes, delimiters and line breaks inside quotes, and keeps start lines', () => {
    const text = 'id,text\n1,"say ""hi"", bye"\n2,"two\r\nlines"\n3,"three\nmore\rlines"\n4,""\n';
    expect(cells(text)).toEqual([
      [2, '1', 'say "hi", bye'],
      [3, '2', 'two\r\nlines'],
      [5, '3', 'three\nmore\rlines'],
      [8, '4', ''],
    ]);
  });

  it('keeps empty fields, a trailing empty field, and skips blank lines and rows of bare commas (finding 12.4) without losing line numbers', () => {
    expect(cells('a,b,c\n,,\n1,,\n\n2,3,\n , ,\t\n')).toEqual([
      [3, '1', '', ''],
      [5, '2', '3', ''],
    ]);
  });

  it('trims header names, including a TAB inside a quoted header', () => {
    const parsed = parseCsvText(' id ;"Daytime\t";x\n1;2;3\n', 't.csv');
    expect(parsed.ok && parsed.value.header).toEqual(['id', 'Daytime', 'x']);
  });

  it('reports rows with the wrong number of cells, naming line and counts, without throwing', () => {
    const issues = issuesOf(parseCsvText('a,b,c\n1,2,3\n1,2\n"x\ny",2,3,4\n', 'f.csv'));
    expect(issues.map(formatIssue)).toEqual([
      'f.csv:3: se esperaban 3 celdas (como el encabezado) y se encontraron 2',
      'f.csv:4: se esperaban 3 celdas (como el encabezado) y se encontraron 4',
    ]);
  });

  it('reports an unterminated quote at the line where it opens', () => {
    const issues = issuesOf(parseCsvText('a,b\n1,2\n3,"open\n4,5\n', 'f.csv'));
    expect(issues).toEqual([
      { file: 'f.csv', line: 3, message: 'comillas sin cerrar: el campo sigue hasta el final del archivo' },
    ]);
  });

  it('reports text after a closing quote', () => {
    const issues = issuesOf(parseCsvText('a,b\n"x"y,2\n', 'f.csv'));
    expect(issues[0]).toMatchObject({ line: 2, message: 'texto después de las comillas de cierre: "y"' });
  });

  it('treats a quote inside an unquoted field as a literal character', () => {
    expect(cells('a,b\n12" TV,2\n')).toEqual([[2, '12" TV', '2']]);
  });

  it('reports an empty file', () => {
    expect(issuesOf(parseCsvText('\n\n', 'f.csv'))[0]?.message).toMatch(/vacío/);
  });

  it('caps the issue list and reports the total', () => {
    const text = 'a,b\n' + '1\n'.repeat(250);
    const issues = issuesOf(parseCsvText(text, 'f.csv'));
    expect(issues).toHaveLength(201);
    expect(issues.at(-1)).toMatchObject({
      line: 202,
      message: expect.stringContaining('200 de 250') as unknown,
    });
  });

  it('ignores a BOM left in an already decoded string', () => {
    const parsed = parseCsvText('\ufeffa;b\n1;2\n', 't.csv');
    expect(parsed.ok && [parsed.value.delimiter, parsed.value.header]).toEqual([';', ['a', 'b']]);
  });

  it('tokenizeCsv stops after maxRecords', () => {
    expect(tokenizeCsv('a\nb\nc\n', ',', 2).records.map((r) => r.cells[0])).toEqual(['a', 'b']);
  });
});

describe('findColumns', () => {
  const specs = [
    { key: 'year', names: ['school_year', 'ciclo_escolar'] },
    { key: 'unit', names: ['unit', 'unidad'] },
    { key: 'mt', names: ['mt'] },
  ] as const;

  it('matches case-insensitively, in any order, by alias, ignoring extras', () => {
    expect(findColumns(['extra', 'MT', 'Unidad', 'Ciclo_Escolar'], specs, 'f.csv')).toEqual({
      ok: true,
      value: { year: 3, unit: 2, mt: 1 },
    });
  });

  it('lists every missing column in one issue and reports a column given twice', () => {
    const issues = issuesOf(findColumns(['unit', 'unidad'], specs, 'f.csv'));
    expect(issues.map(formatIssue)).toEqual([
      'f.csv:1: faltan columnas obligatorias: school_year, mt',
      'f.csv:1: columna "unit": columna repetida: "unit", "unidad"',
    ]);
  });
});

describe('formatIssue and capIssues', () => {
  it.each([
    [{ file: 'f.csv', line: 3, message: 'm' }, 'f.csv:3: m'],
    [{ file: 'f.csv', line: 3, column: 'mt', message: 'm' }, 'f.csv:3: columna "mt": m'],
    [
      { file: 'f.csv', line: 3, column: 'mt', value: '-1', message: 'm' },
      'f.csv:3: columna "mt", valor "-1": m',
    ],
    [{ file: 'f.csv', line: 3, column: 'mt', value: '', message: 'm' }, 'f.csv:3: columna "mt", valor "": m'],
  ])('%j', (issue, text) => {
    expect(formatIssue(issue)).toBe(text);
  });

  it('leaves a short list as it is', () => {
    const issues = [{ file: 'f', line: 2, message: 'm' }];
    expect(capIssues(issues, 1)).toEqual(issues);
  });
});
