import { describe, expect, it } from 'vitest';
import { reportCsv } from './shape';

describe('reportCsv', () => {
  it('writes the Spanish header with a BOM and quotes cells with commas or quotes', () => {
    const csv = reportCsv([
      {
        file: 'a.csv',
        line: 3,
        column: 'calificacion',
        value: '11',
        message: 'la calificación debe estar entre 0 y 10',
      },
      { file: 'a.csv', line: 4, message: 'texto "raro", con coma' },
    ]);
    expect(csv).toBe(
      '\ufeffarchivo,línea,columna,valor,mensaje\r\n' +
        'a.csv,3,calificacion,11,la calificación debe estar entre 0 y 10\r\n' +
        'a.csv,4,,,"texto ""raro"", con coma"\r\n',
    );
  });
});
