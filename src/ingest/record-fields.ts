/**
 * Record imports, file side: each kind declares its columns (a Spanish header first, English aliases after)
 * and a parser per field. parseRecord turns one CSV row into typed values or row-level issues in Spanish;
 * references, duplicates and trajectories are checked against the database by services/import-records.ts.
 */
import { parseSchoolYear } from '../domain/calendar.js';
import { isValidDate, parseCct, parseCurp } from '../domain/identifiers.js';
import type { CsvIssue } from './issues.js';

export type FieldValue = string | number | null;
export type FieldParse = { ok: true; value: FieldValue } | { ok: false; reason: string };

export interface FieldSpec {
  readonly key: string;
  /** Accepted header names, lowercase: the Spanish one first (the one templates write), then aliases. */
  readonly names: readonly string[];
  readonly required: boolean;
  readonly parse: (text: string) => FieldParse;
  /** Example value for templates. */
  readonly example: string;
  /** What the column holds, in Spanish (templates and docs). */
  readonly help: string;
}

const ok = (value: FieldValue): FieldParse => ({ ok: true, value });
const bad = (reason: string): FieldParse => ({ ok: false, reason });

const DECIMAL_RE = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
const INT_RE = /^[+-]?\d+$/;

/** A decimal number; a comma is accepted as the decimal separator ("8,5"). */
function decimal(text: string): number | null {
  const t = text.trim();
  return DECIMAL_RE.test(t) ? Number(t.replace(',', '.')) : null;
}

export const parsers = {
  curp: (text: string): FieldParse => {
    const r = parseCurp(text);
    return r.ok ? ok(r.value) : bad(`CURP inválida: ${r.issues.join('; ')}`);
  },
  cct: (text: string): FieldParse => {
    const r = parseCct(text);
    return r.ok ? ok(r.value) : bad(r.issues.join('; '));
  },
  schoolYear: (text: string): FieldParse => {
    return parseSchoolYear(text).ok
      ? ok(text.trim())
      : bad('ciclo escolar inválido: se espera AAAA-AAAA con años consecutivos, p. ej. 2024-2025');
  },
  term: (text: string): FieldParse => {
    const t = text.trim();
    return t === '1' || t === '2'
      ? ok(Number(t))
      : bad('el periodo debe ser 1 (agosto-enero) o 2 (febrero-julio)');
  },
  semester: (text: string): FieldParse => {
    const t = text.trim();
    return /^[1-6]$/.test(t) ? ok(Number(t)) : bad('el semestre debe ser un número de 1 a 6');
  },
  grade: (text: string): FieldParse => {
    const v = decimal(text);
    if (v === null) return bad('la calificación debe ser un número');
    // Kept at the precision given: a rounded 5.95 would become 6.0 and pass (finding 12.3).
    return v >= 0 && v <= 10 ? ok(v) : bad('la calificación debe estar entre 0 y 10');
  },
  percent: (text: string): FieldParse => {
    const v = decimal(text.trim().replace(/%$/, ''));
    if (v === null) return bad('el porcentaje debe ser un número');
    // Kept at the precision given (to a millionth, which only drops binary noise such as 0.81 × 100): a rounded
    // 84.96 % would become 85.0 and escape the attendance rule's threshold of 85.
    return v >= 0 && v <= 100 ? ok(Math.round(v * 1e6) / 1e6) : bad('el porcentaje debe estar entre 0 y 100');
  },
  count: (text: string): FieldParse => {
    const t = text.trim();
    if (!INT_RE.test(t)) return bad('debe ser un número entero');
    const v = Number(t);
    return v >= 0 && Number.isSafeInteger(v) ? ok(v) : bad('no puede ser negativo');
  },
  amount: (text: string): FieldParse => {
    const v = decimal(text.trim().replace(/^\$/, ''));
    if (v === null) return bad('el monto debe ser un número');
    return v >= 0 ? ok(Math.round(v * 100) / 100) : bad('el monto no puede ser negativo');
  },
  /** YYYY-MM-DD, or DD/MM/YYYY as spreadsheets in Mexico write it. */
  date: (text: string): FieldParse => {
    const t = text.trim();
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    let [y, mo, d] = m ? [m[1], m[2], m[3]] : [undefined, undefined, undefined];
    if (!m) {
      m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
      if (m) [d, mo, y] = [m[1], m[2], m[3]];
    }
    if (!m || y === undefined || mo === undefined || d === undefined)
      return bad('fecha inválida: se espera AAAA-MM-DD o DD/MM/AAAA');
    if (!isValidDate(Number(y), Number(mo), Number(d))) return bad('la fecha no existe en el calendario');
    return ok(`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`);
  },
  sex: (text: string): FieldParse => {
    const t = text.trim().toUpperCase();
    if (t === 'H' || t === 'HOMBRE') return ok('H');
    if (t === 'M' || t === 'MUJER') return ok('M');
    return bad('el sexo debe ser H (hombre) o M (mujer), como en la CURP');
  },
  yesNo: (text: string): FieldParse => {
    const t = text.trim().toLowerCase();
    if (['1', 'si', 'sí', 's', 'yes', 'true'].includes(t)) return ok(1);
    if (['0', 'no', 'n', 'false'].includes(t)) return ok(0);
    return bad('se espera 1/0 o sí/no');
  },
  code: (text: string): FieldParse => {
    const t = text.trim().toUpperCase();
    return t === '' ? bad('falta la clave') : t.length > 40 ? bad('la clave es demasiado larga') : ok(t);
  },
  text: (text: string): FieldParse => {
    const t = text.trim().replace(/\s+/g, ' ');
    return t === '' ? bad('falta el valor') : t.length > 200 ? bad('el texto es demasiado largo') : ok(t);
  },
  year: (text: string): FieldParse => {
    const t = text.trim();
    return /^(19|20)\d{2}$/.test(t) ? ok(Number(t)) : bad('se espera un año de cuatro cifras');
  },
  oneOf: (values: Readonly<Record<string, string>>): ((text: string) => FieldParse) => {
    return (text) => {
      const t = text
        .trim()
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[\s-]+/g, '_');
      const v = values[t];
      return v !== undefined
        ? ok(v)
        : bad(`valor no válido; se espera uno de: ${[...new Set(Object.keys(values))].join(', ')}`);
    };
  },
};

export const field = (
  key: string,
  names: readonly string[],
  parse: (text: string) => FieldParse,
  example: string,
  help: string,
  required = true,
): FieldSpec => ({ key, names, parse, example, help, required });

/** Resolved header: each field's column index (-1 for an optional field that is absent). */
export type ColumnMap = ReadonlyMap<string, number>;

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s-]+/g, '_');

/**
 * Maps a header onto the fields (case, accents, spaces and hyphens ignored; any order; extra columns
 * ignored). Returns the issues at line 1: every missing required column in one, each repeated column.
 */
export function mapHeader(
  header: readonly string[],
  fields: readonly FieldSpec[],
  file: string,
): { ok: true; columns: ColumnMap } | { ok: false; issues: CsvIssue[]; matched: number } {
  const normalized = header.map(norm);
  const columns = new Map<string, number>();
  const missing: string[] = [];
  const issues: CsvIssue[] = [];
  let matched = 0;
  for (const f of fields) {
    const hits = normalized.flatMap((h, i) => (f.names.includes(h) ? [i] : []));
    if (hits.length === 0) {
      if (f.required) missing.push(f.names[0] ?? f.key);
      columns.set(f.key, -1);
    } else if (hits.length > 1) {
      issues.push({
        file,
        line: 1,
        column: f.names[0] ?? f.key,
        message: `columna repetida: ${hits.map((i) => `"${header[i] ?? ''}"`).join(', ')}`,
      });
    } else {
      matched++;
      columns.set(f.key, hits[0] ?? -1);
    }
  }
  if (missing.length > 0)
    issues.unshift({ file, line: 1, message: `faltan columnas obligatorias: ${missing.join(', ')}` });
  return issues.length > 0 ? { ok: false, issues, matched } : { ok: true, columns };
}

/** How well a header fits a set of fields (for "this looks like a file of another kind"). */
export function headerFit(header: readonly string[], fields: readonly FieldSpec[]): number {
  const normalized = new Set(header.map(norm));
  const required = fields.filter((f) => f.required);
  const hit = required.filter((f) => f.names.some((n) => normalized.has(n))).length;
  return required.length === 0 ? 0 : hit / required.length;
}

/** The last valid text and value of each field, kept between rows by the caller. */
export interface FieldMemo {
  readonly texts: (string | undefined)[];
  readonly values: FieldValue[];
}

export const newFieldMemo = (): FieldMemo => ({ texts: [], values: [] });

/**
 * Parses one row: every field (so that a row with several problems reports all of them). Returns the values
 * by key, or null when some field is invalid (its issues pushed).
 */
export function parseRecord(
  cells: readonly string[],
  line: number,
  fields: readonly FieldSpec[],
  columns: ColumnMap,
  file: string,
  issues: (issue: CsvIssue) => void,
  memo?: FieldMemo,
): Record<string, FieldValue> | null {
  const out: Record<string, FieldValue> = {};
  let okRow = true;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k] as FieldSpec;
    const index = columns.get(f.key) ?? -1;
    const text = index < 0 ? '' : (cells[index] ?? '');
    // Consecutive rows repeat keys (a student's modules, the campus, the term): reuse the last good parse.
    if (memo && memo.texts[k] === text) {
      out[f.key] = memo.values[k] ?? null;
      continue;
    }
    if (text.trim() === '') {
      if (f.required) {
        issues({ file, line, column: f.names[0] ?? f.key, value: text, message: 'falta el valor' });
        okRow = false;
      } else out[f.key] = null;
      continue;
    }
    const r = f.parse(text);
    if (r.ok) {
      out[f.key] = r.value;
      if (memo) {
        memo.texts[k] = text;
        memo.values[k] = r.value;
      }
    } else {
      issues({ file, line, column: f.names[0] ?? f.key, value: text, message: r.reason });
      okRow = false;
    }
  }
  return okRow ? out : null;
}
