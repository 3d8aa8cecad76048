/**
 * The row-level messages of file imports (ingest/, services/imports/) in Spanish, as found, and English. An
 * import answer keeps naming file, line, column and value; only the message changes language. A message no
 * form matches stays in Spanish.
 */
import type { MessagePair } from './table.js';

export const ISSUE_MESSAGES: readonly MessagePair[] = [
  ['falta el valor', 'the value is missing'],
  ['falta la clave', 'the key is missing'],
  ['la clave es demasiado larga', 'the key is too long'],
  ['el texto es demasiado largo', 'the text is too long'],
  ['CURP inválida: {1}', 'invalid CURP: {1}'],
  [
    'ciclo escolar inválido: se espera AAAA-AAAA con años consecutivos, p. ej. 2024-2025',
    'invalid school year: expected YYYY-YYYY with consecutive years, e.g. 2024-2025',
  ],
  [
    'el periodo debe ser 1 (agosto-enero) o 2 (febrero-julio)',
    'the term must be 1 (August-January) or 2 (February-July)',
  ],
  ['el semestre debe ser un número de 1 a 6', 'the semester must be a number from 1 to 6'],
  ['la calificación debe ser un número', 'the grade must be a number'],
  ['la calificación debe estar entre 0 y 10', 'the grade must be between 0 and 10'],
  ['el porcentaje debe ser un número', 'the percentage must be a number'],
  ['el porcentaje debe estar entre 0 y 100', 'the percentage must be between 0 and 100'],
  ['debe ser un número entero', 'it must be a whole number'],
  ['no puede ser negativo', 'it cannot be negative'],
  ['el monto debe ser un número', 'the amount must be a number'],
  ['el monto no puede ser negativo', 'the amount cannot be negative'],
  ['fecha inválida: se espera AAAA-MM-DD o DD/MM/AAAA', 'invalid date: expected YYYY-MM-DD or DD/MM/YYYY'],
  ['la fecha no existe en el calendario', 'the date does not exist in the calendar'],
  [
    'el sexo debe ser H (hombre) o M (mujer), como en la CURP',
    'sex must be H (man) or M (woman), as in the CURP',
  ],
  ['se espera 1/0 o sí/no', 'expected 1/0 or yes/no (sí/no)'],
  ['se espera un año de cuatro cifras', 'expected a four-digit year'],
  ['valor no válido; se espera uno de: {1}', 'invalid value; expected one of: {1}'],
  ['faltan columnas obligatorias: {1}', 'required columns are missing: {1}'],
  ['columna repetida: {1}', 'repeated column: {1}'],
  ['el archivo está vacío: falta el encabezado', 'the file is empty: the header is missing'],
  [
    'comillas sin cerrar: el campo sigue hasta el final del archivo',
    'unclosed quotes: the field runs to the end of the file',
  ],
  ['texto después de las comillas de cierre: {1}', 'text after the closing quotes: {1}'],
  [
    'se esperaban {1} celdas (como el encabezado) y se encontraron {2}',
    'expected {1} cells (as in the header) and found {2}',
  ],
  [
    'se muestran {1} de {2} problemas; se omitieron {3} a partir de esta línea',
    '{1} of {2} problems shown; {3} left out from this line on',
  ],
];
