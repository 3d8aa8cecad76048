import { describe, expect, it } from 'vitest';
import { formatIssue } from './issues.js';
import { OTHER_CATEGORY, readTabular, type TabularOptions } from './tabular.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const opts: TabularOptions = { target: 'estado', positive: 'baja' };

function ok(text: string | Uint8Array, options = opts) {
  const r = readTabular(typeof text === 'string' ? utf8(text) : text, 'f.csv', options);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}
function issues(text: string, options = opts) {
  const r = readTabular(utf8(text), 'f.csv', options);
  if (r.ok) throw new Error('expected issues');
  return r.issues.map(formatIssue);
}

describe('readTabular', () => {
  it('detects numeric and text columns and one-hot encodes the text ones', () => {
    const d = ok('edad,turno,Estado\n15,matutino,baja\n16,vespertino,activo\n"17",matutino,Activo\n');
    expect(d.featureNames).toEqual(['edad', 'turno=matutino', 'turno=vespertino']);
    expect(d.X.map((r) => Array.from(r))).toEqual([
      [15, 1, 0],
      [16, 0, 1],
      [17, 1, 0],
    ]);
    expect(Array.from(d.y)).toEqual([1, 0, 0]);
    expect(d.positives).toBe(1);
    expect(d.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical']);
    expect(Array.from(d.lines)).toEqual([2, 3, 4]);
  });

  it('reads decimal commas in a semicolon file with a BOM and Windows line ends', () => {
    const d = ok('\ufeffpromedio;asistencia;estado\r\n8,5;0,9;baja\r\n7;1;activo\r\n1.234,5;0,75;activo\r\n');
    expect(d.delimiter).toBe(';');
    expect(d.encoding).toBe('utf-8-bom');
    expect(d.X.map((r) => r[0])).toEqual([8.5, 7, 1234.5]);
    expect(d.X.map((r) => r[1])).toEqual([0.9, 1, 0.75]);
    expect(d.columns[0]?.decimalComma).toBe(true);
  });

  it('reads quoted numbers with comma thousands in a comma file', () => {
    const d = ok('ingreso,estado\n"1,250.50",baja\n"980",activo\n');
    expect(d.X.map((r) => r[0])).toEqual([1250.5, 980]);
    expect(d.columns[0]?.decimalComma).toBe(false);
  });

  it('rejects numbers that read both ways, naming the column and line', () => {
    const msgs = issues('monto;estado\n1,234;baja\n2,500;activo\n');
    expect(msgs[0]).toMatch(/^f\.csv:2: columna "monto".*ambiguos/);
  });

  it('keeps missing values as NaN (numeric) or all zeros (categorical)', () => {
    const d = ok('edad,turno,estado\n15,,baja\nNA,matutino,activo\n17,matutino,activo\n');
    expect(d.X[1]?.[0]).toBeNaN();
    expect(Array.from(d.X[0] ?? [])).toEqual([15, 0]);
    expect(d.columns.map((c) => c.missing)).toEqual([1, 1]);
  });

  it('drops rows without a target, counting and reporting each one', () => {
    const d = ok('edad,estado\n15,baja\n16,\n17,activo\n18,NA\n');
    expect(d.X.length).toBe(2);
    expect(d.rowsRead).toBe(4);
    expect(d.dropped.map(formatIssue)).toEqual([
      'f.csv:3: columna "estado", valor "": fila omitida: la columna objetivo está vacía',
      'f.csv:5: columna "estado", valor "NA": fila omitida: la columna objetivo está vacía',
    ]);
  });

  it('puts rare categories together beyond maxCategories', () => {
    const d = ok('c,estado\na,baja\na,activo\nb,activo\nc,activo\n', { ...opts, maxCategories: 1 });
    expect(d.featureNames).toEqual(['c=a', `c=${OTHER_CATEGORY}`]);
    expect(d.X.map((r) => Array.from(r))).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
  });

  it('one-hot encodes integer codes on request and leaves out ignored and identifier-like columns', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `A${i},${i % 3},${i % 2 ? 'baja' : 'activo'}`);
    const d = ok(`matricula,carrera,estado\n${ids.join('\n')}\n`, { ...opts, categorical: ['carrera'] });
    expect(d.featureNames).toEqual(['carrera=0', 'carrera=1', 'carrera=2']);
    expect(d.columns[0]).toMatchObject({
      kind: 'ignored',
      reason: expect.stringMatching(/identificador/) as unknown,
    });
    const e = ok('x,z,estado\n1,2,baja\n3,4,activo\n', { ...opts, ignore: ['z'] });
    expect(e.featureNames).toEqual(['x']);
  });

  it('reports each bad input with its column and line', () => {
    expect(issues('edad,estado\n')[0]).toBe('f.csv:2: el archivo no tiene filas de datos');
    expect(issues('edad,resultado\n15,baja\n')[0]).toMatch(
      /^f\.csv:1: columna "estado": no existe la columna objetivo; columnas del archivo: edad, resultado$/,
    );
    expect(issues('edad,estado\n15,activo\n16,activo\n')[0]).toMatch(
      /^f\.csv:1: columna "estado", valor "baja": ninguna fila tiene el valor positivo; valores encontrados: "activo"$/,
    );
    expect(issues('edad,estado\n15,baja\n16,baja\n')[0]).toMatch(/todas las filas tienen el valor positivo/);
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? 'baja' : 'activo'}`);
    rows[6] = 'doce,baja';
    expect(issues(`edad,estado\n${rows.join('\n')}\n`)).toEqual([
      'f.csv:8: columna "edad", valor "doce": valor no numérico en una columna numérica (29 de 30 celdas son números)',
    ]);
    expect(issues('a,estado\n1,baja\n2\n')[0]).toMatch(/^f\.csv:3: se esperaban 2 celdas/);
  });
});
