import { describe, expect, it } from 'vitest';
import { parseCount, parseCountsCsv } from './counts.js';
import { formatIssue } from './issues.js';

const parse = (text: string) => parseCountsCsv(Buffer.from(text), 'conteos.csv');

async function issuesOf(text: string): Promise<string[]> {
  const r = await parse(text);
  if (r.ok) throw new Error('expected issues');
  return r.issues.map(formatIssue);
}

const HEADER = 'school_year,unit,mt,ni1,ex,ap,reg,eg\n';

describe('parseCountsCsv', () => {
  it('parses a valid table into rows with their lines', async () => {
    const r = await parse(
      HEADER + '2023-2024,01DPT0002I,900,350,840,700,80,260\n2024-2025, nacional ,10,4,9,8,1,0\n',
    );
    expect(r.ok && r.value.rows).toEqual([
      {
        schoolYear: '2023-2024',
        unit: '01DPT0002I',
        counts: { mt: 900, ni1: 350, ex: 840, ap: 700, reg: 80, eg: 260 },
        line: 2,
      },
      {
        schoolYear: '2024-2025',
        unit: 'nacional',
        counts: { mt: 10, ni1: 4, ex: 9, ap: 8, reg: 1, eg: 0 },
        line: 3,
      },
    ]);
  });

  it('accepts any column order and case, Spanish aliases, extra columns, semicolons and Latin-1', async () => {
    const text =
      'EG;notas;AP;Unidad;REG;Ciclo_Escolar;MT;NI1;EX\r\n5;año bueno;7;Tepezalá;1;2024-2025;10;3;9\r\n';
    const r = await parseCountsCsv(Buffer.from(text, 'latin1'), 'x.csv');
    expect(r.ok && r.value.rows).toEqual([
      {
        schoolYear: '2024-2025',
        unit: 'Tepezalá',
        counts: { mt: 10, ni1: 3, ex: 9, ap: 7, reg: 1, eg: 5 },
        line: 2,
      },
    ]);
  });

  it('lists all missing required columns at line 1', async () => {
    expect(await issuesOf('ciclo_escolar,mt,ex,eg,extra\n2024-2025,1,1,1,x\n')).toEqual([
      'conteos.csv:1: faltan columnas obligatorias: unit, ni1, ap, reg',
    ]);
  });

  it('collects every problem of every row, naming line, column and value', async () => {
    const text =
      HEADER +
      '2024-2026,A,1,1,1,1,1,1\n' +
      '2024,B,1,1,1,1,1,1\n' +
      '2024-2025,,1,1,1,1,1,1\n' +
      '2024-2025,C,x,1.5,-3,,1e3,0\n';
    expect(await issuesOf(text)).toEqual([
      'conteos.csv:2: columna "school_year", valor "2024-2026": ciclo escolar inválido: se espera AAAA-AAAA con años consecutivos',
      'conteos.csv:3: columna "school_year", valor "2024": ciclo escolar inválido: se espera AAAA-AAAA con años consecutivos',
      'conteos.csv:4: columna "unit", valor "": falta la unidad',
      'conteos.csv:5: columna "mt", valor "x": conteo inválido: no es un número',
      'conteos.csv:5: columna "ni1", valor "1.5": conteo inválido: no es un número entero',
      'conteos.csv:5: columna "ex", valor "-3": conteo inválido: no puede ser negativo',
      'conteos.csv:5: columna "ap", valor "": conteo inválido: falta el valor',
      'conteos.csv:5: columna "reg", valor "1e3": conteo inválido: no es un número',
    ]);
  });

  it('names columns as the file spells them', async () => {
    const text = 'Ciclo_Escolar,UNIDAD,MT,NI1,EX,AP,REG,EG\n2024,A,1,1,1,1,1,-1\n';
    expect(await issuesOf(text)).toEqual([
      'conteos.csv:2: columna "Ciclo_Escolar", valor "2024": ciclo escolar inválido: se espera AAAA-AAAA con años consecutivos',
      'conteos.csv:2: columna "EG", valor "-1": conteo inválido: no puede ser negativo',
    ]);
  });

  it('reports a duplicate (school_year, unit) pair naming both lines, even when its counts are bad', async () => {
    const text = HEADER + '2024-2025,A,1,1,1,1,1,1\n2024-2025,B,1,1,1,1,1,1\n2024-2025, A ,x,1,1,1,1,1\n';
    expect(await issuesOf(text)).toEqual([
      'conteos.csv:4: columna "mt", valor "x": conteo inválido: no es un número',
      'conteos.csv:4: columna "unit", valor "A": (ciclo 2024-2025, unidad A) repetido: aparece en las líneas 2 y 4',
    ]);
  });

  it('does not treat the same unit in another year as a duplicate', async () => {
    const r = await parse(HEADER + '2023-2024,A,1,1,1,1,1,1\n2024-2025,A,1,1,1,1,1,1\n');
    expect(r.ok && r.value.rows.length).toBe(2);
  });

  it('passes structural CSV problems through', async () => {
    expect(await issuesOf(HEADER + '2024-2025,A,1,1\n')).toEqual([
      'conteos.csv:2: se esperaban 8 celdas (como el encabezado) y se encontraron 4',
    ]);
  });

  it('caps the issue list at 200 and reports the total', async () => {
    const issues = await issuesOf(HEADER + '2024-2025,A,-1,-1,1,1,1,1\n'.repeat(150));
    // 150 rows × 2 bad counts + 149 duplicates = 449 problems.
    expect(issues).toHaveLength(201);
    expect(issues.at(-1)).toMatch(/se muestran 200 de 449 problemas/);
  });
});

describe('parseCount', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    [' 12 ', 12],
    ['12.0', 12],
    ['+7', 7],
    ['-0', 0],
  ])('%j → %d', (text, value) => {
    expect(parseCount(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'falta el valor'],
    ['abc', 'no es un número'],
    ['1,000', 'no es un número'],
    ['Infinity', 'no es un número'],
    ['0.5', 'no es un número entero'],
    ['-2', 'no puede ser negativo'],
    ['99999999999999999999', 'es demasiado grande'],
  ])('%j is rejected: %s', (text, reason) => {
    expect(parseCount(text)).toEqual({ ok: false, reason });
  });
});
