import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inlineRow, xlsxOf, zipParts } from '../test-support/xlsx-builder.js';
import { CsvFileError } from './csv-stream.js';
import { DEFAULT_FILE_LIMITS, FileLimitError, type FileLimits } from './limits.js';
import { openXlsxStream } from './xlsx-stream.js';

async function read(buf: Buffer, limits: Partial<FileLimits> = {}, sheet?: string) {
  const s = await openXlsxStream({ bytes: buf }, 'libro.xlsx', sheet, 2, {
    ...DEFAULT_FILE_LIMITS,
    ...limits,
  });
  const rows: (string | number)[][] = [];
  for await (const batch of s.batches) for (const r of batch) rows.push([r.line, ...r.cells]);
  return { header: s.head.header, sheet: s.head.sheet, rows, issues: s.cellIssues };
}

async function refusal(p: Promise<unknown>): Promise<FileLimitError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FileLimitError);
  return e as FileLimitError;
}

const exceljsBook = async (fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) => {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Datos'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describe('XLSX reader: the cell model', () => {
  it('reads a workbook written by exceljs: shared strings, numbers, dates, blank rows skipped', async () => {
    const buf = await exceljsBook((ws) => {
      ws.addRow(['curp', 'calificacion', 'fecha']);
      ws.addRow(['AAAA000101HDFXXX01', 8.6, new Date(Date.UTC(2024, 7, 15))]);
      ws.addRow([]);
      ws.addRow(['', '', '']);
      ws.addRow(['00123', 0.1 + 0.2, null]);
    });
    const r = await read(buf);
    expect(r.header).toEqual(['curp', 'calificacion', 'fecha']);
    expect(r.sheet).toBe('Datos');
    expect(r.rows).toEqual([
      [2, 'AAAA000101HDFXXX01', '8.6', '2024-08-15'],
      [5, '00123', '0.3', ''],
    ]);
  });

  it('finding 12.1: a percent-formatted cell reads as the percentage shown (0.81 → "81%")', async () => {
    const buf = await exceljsBook((ws) => {
      ws.addRow(['asistencia', 'otra']);
      const row = ws.addRow([0.81, 0.955]);
      row.getCell(1).numFmt = '0%';
      row.getCell(2).numFmt = '0.0%';
      ws.addRow([95, '95 %']);
    });
    expect((await read(buf)).rows).toEqual([
      [2, '81%', '95.5%'],
      [3, '95', '95 %'],
    ]);
  });

  it('reads built-in and custom date formats as ISO dates, in the 1900 and 1904 systems', async () => {
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="9"/></cellXfs>';
    const rows =
      inlineRow(1, ['a', 'b', 'c', 'd']) +
      '<row r="2"><c r="A2" s="1"><v>45519</v></c><c r="B2" s="2"><v>45519.75</v></c><c r="C2"><v>45519</v></c><c r="D2" s="3"><v>1</v></c></row>';
    expect((await read(await xlsxOf({ rows, styles }))).rows).toEqual([
      [2, '2024-08-15', '2024-08-15', '45519', '100%'],
    ]);
    // In the 1904 system the same serial is four years and a day later.
    expect((await read(await xlsxOf({ rows, styles, date1904: true }))).rows[0]?.[1]).toBe('2028-08-16');
  });

  it('finding 11.11: cells and rows without r= references take the next position', async () => {
    const rows =
      '<row><c t="inlineStr"><is><t>curp</t></is></c><c t="inlineStr"><is><t>cct</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>' +
      '<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>' +
      '<row r="5"><c r="B5"><v>7</v></c><c><v>8</v></c></row>';
    expect(await read(await xlsxOf({ rows }))).toMatchObject({
      header: ['curp', 'cct', 'x'],
      rows: [
        [2, '1', '2', '3'],
        [5, '', '7', '8'],
      ],
    });
  });

  it('reads inline and shared strings: rich runs joined, phonetic runs and escapes handled', async () => {
    const sharedStrings =
      '<si><t>nombre</t></si><si><r><rPr><b/></rPr><t>Ma</t></r><r><t xml:space="preserve">ría &amp; Co</t></r><rPh><t>x</t></rPh></si><si><t>a_x000D_b</t></si>';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>otra</t></is></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>9</v></c><c r="B3" t="b"><v>1</v></c></row>';
    const r = await read(await xlsxOf({ rows, sharedStrings }));
    expect(r.rows).toEqual([
      [2, 'María & Co', 'a\rb'],
      [3, '', '1'],
    ]);
    expect(r.issues[0]).toMatchObject({ line: 3, column: 'nombre', value: 'A3' });
    expect(r.issues[0]?.message).toMatch(/texto compartido que no existe/);
  });

  it('rejects formulas and error values cell by cell, and names sheets when one is missing', async () => {
    const rows =
      inlineRow(1, ['a', 'b']) +
      '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="e"><v>#DIV/0!</v></c></row>';
    const buf = await xlsxOf({ rows });
    const r = await read(buf);
    expect(r.issues.map((i) => [i.value, i.message.slice(0, 30)])).toEqual([
      ['A2', 'la celda contiene una fórmula '],
      ['B2', 'la celda contiene un error de '],
    ]);
    await expect(read(buf, {}, 'Otra')).rejects.toThrow(/no tiene una hoja llamada "Otra" \(hojas: Hoja1\)/);
  });

  it('answers a file that is not a workbook with a file error, never a crash', async () => {
    for (const bytes of [Buffer.from('curp,cct\n'), (await xlsxOf({ rows: '' })).subarray(0, 200)]) {
      const e = await read(bytes).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CsvFileError);
      expect((e as CsvFileError).message).toMatch(/no se pudo leer el libro de Excel/);
    }
    const damaged = await zipParts({ 'xl/workbook.xml': Buffer.from('no es deflate') }, { deflate: false });
    expect(await read(damaged).catch((x: unknown) => x)).toBeInstanceOf(CsvFileError);
  });
});

describe('XLSX reader: finding 11.4, hostile workbooks refused while streaming', () => {
  const header = inlineRow(1, ['a', 'b']);
  it('refuses a shared-string table past its count or its characters', async () => {
    const sharedStrings = () => Array.from({ length: 50 }, () => '<si><t>abcdefghij</t></si>');
    const buf = await xlsxOf({ rows: header, sharedStrings });
    const e = await refusal(read(buf, { maxSharedStrings: 20 }));
    expect(e.message).toMatch(/^libro\.xlsx:1: la tabla de textos compartidos .* pasa del máximo de 20;/);
    expect(e.message).toContain('TRAYECTO_IMPORT_MAX_SHARED_STRINGS');
    expect((await refusal(read(buf, { maxSharedStringChars: 100 }))).limit).toBe('maxSharedStringChars');
    expect((await read(buf)).header).toEqual(['a', 'b']);
  });

  it('refuses too many rows, too many header columns, and a cell too long', async () => {
    const rows = header + Array.from({ length: 10 }, (_, k) => inlineRow(k + 2, ['1', '2'])).join('');
    expect((await refusal(read(await xlsxOf({ rows }), { maxRows: 5 }))).message).toMatch(
      /^libro\.xlsx:7: la hoja/,
    );
    const beyond = header + '<row r="1048577"><c><v>1</v></c></row>';
    expect((await refusal(read(await xlsxOf({ rows: beyond })))).message).toMatch(
      /^libro\.xlsx:1048577: la hoja pasa de 1/,
    );
    const wide = `<row r="1">${Array.from({ length: 30 }, () => '<c t="inlineStr"><is><t>h</t></is></c>').join('')}</row>`;
    expect((await refusal(read(await xlsxOf({ rows: wide }), { maxColumns: 10 }))).limit).toBe('maxColumns');
    const long = header + inlineRow(2, ['x'.repeat(500), '1']);
    expect((await refusal(read(await xlsxOf({ rows: long }), { maxCellChars: 100 }))).limit).toBe(
      'maxCellChars',
    );
  });

  it('refuses a zip bomb by its declared size, and one that lies about it while inflating', async () => {
    const rows = function* () {
      const chunk = Buffer.from('<row/>'.repeat(100_000));
      for (let k = 0; k < 20; k++) yield chunk; // 12 MB of empty rows
    };
    const limits = { maxXlsxBytes: 4 * 1024 * 1024 };
    const honest = await xlsxOf({ rows });
    expect(honest.length).toBeLessThan(100_000);
    expect((await refusal(read(honest, limits))).message).toMatch(/se descomprime a más de 4 MB/);
    const liar = await xlsxOf({ rows }, { lie: 1000 });
    expect((await refusal(read(liar, limits))).limit).toBe('maxXlsxBytes');
  });

  it('refuses a part that inflates past its ratio to the compressed bytes (beyond the floor)', async () => {
    const rows = function* () {
      const chunk = Buffer.from('<x/>'.repeat(100_000));
      for (let k = 0; k < 12; k++) yield chunk; // 4.8 MB of elements, about 1000 times smaller zipped
    };
    const book = await xlsxOf({ rows }, { lie: 1000 });
    // Under a higher floor it is read to the end (and found empty).
    await expect(read(book, { xlsxRatioFloorBytes: 6 * 1024 * 1024 })).rejects.toThrow(/está vacía/);
    const e = await refusal(read(book, { xlsxRatioFloorBytes: 1024 * 1024 }));
    expect(e.limit).toBe('maxXlsxRatio');
    expect(e.message).toMatch(/bomba ZIP/);
  });
});
