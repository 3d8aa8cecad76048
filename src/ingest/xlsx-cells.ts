/**
 * A workbook cell as the text a CSV would hold, read through the cell model: its type (t=), its style's number
 * format and its raw value. Percent-formatted cells give the percentage the user sees ("81%" for 0.81, which
 * the percent fields read as 81), date-formatted serials give ISO dates (1900 and 1904 date systems), other
 * numbers their shortest decimal form; text stays text (a number stored as text keeps its zeros).
 */

/** What a number format makes of a number. */
export const NumberKind = { General: 0, Percent: 1, Date: 2 } as const;
export type NumberKind = (typeof NumberKind)[keyof typeof NumberKind];

// Built-in formats (ECMA-376 part 1, 18.8.30): 9 and 10 are percentages; 14-17 and 22 dates; 27-36 and
// 50-58 locale dates (East Asian). Times alone (18-21, 45-47) are left as numbers.
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** The kind of a format code: quoted text, escapes and [..] sections are not format characters. */
export function formatKind(id: number, code: string | undefined): NumberKind {
  if (code === undefined) {
    if (id === 9 || id === 10) return NumberKind.Percent;
    return BUILTIN_DATES.has(id) ? NumberKind.Date : NumberKind.General;
  }
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!
    .toLowerCase();
  if (bare.includes('%')) return NumberKind.Percent;
  if (/[dy]/.test(bare) || (bare.includes('m') && !/[hs]/.test(bare))) return NumberKind.Date;
  return NumberKind.General;
}

/** A number in its shortest decimal form, floating-point noise removed ("0.30000000000000004" → "0.3"). */
export function numberText(raw: string): string {
  const t = raw.trim();
  if (/^-?\d{1,15}$/.test(t)) return t;
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return t;
  return String(Number(v.toPrecision(15)));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An Excel date serial as YYYY-MM-DD (the time of day dropped); null out of range. */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  let days = Math.floor(Math.round(serial * 86_400) / 86_400);
  if (date1904) days += 1462;
  // The 1900 system counts a 29 February 1900 that never was (serial 60), as Lotus 1-2-3 did.
  const epoch = days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Undoes the _xHHHH_ escapes that OOXML uses for control characters in strings. */
export const unescapeOoxml = (s: string): string =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;

export interface RawCell {
  /** The t= attribute ('n' when absent). */
  readonly type: string;
  /** The <v> text, or the inline string. */
  readonly value: string;
  readonly formula: string | null;
  readonly kind: NumberKind;
}

/** A cell's text; or a problem in Spanish. `shared` resolves a shared-string index. */
export function cellText(
  cell: RawCell,
  shared: (index: number) => string | undefined,
  date1904: boolean,
): { text: string } | { problem: string } {
  if (cell.formula !== null) {
    const f = cell.formula ? ` (=${cell.formula.slice(0, 80)})` : '';
    return {
      problem: `la celda contiene una fórmula${f}: copie la columna y péguela como valores antes de importar`,
    };
  }
  const v = cell.value;
  switch (cell.type) {
    case 's': {
      const s = /^\d+$/.test(v.trim()) ? shared(Number(v)) : undefined;
      return s === undefined
        ? { problem: `la celda remite a un texto compartido que no existe (${v.slice(0, 20)})` }
        : { text: s };
    }
    case 'inlineStr':
    case 'str':
      return { text: v };
    case 'b':
      return { text: v.trim() === '1' || v.trim() === 'true' ? '1' : '0' };
    case 'e':
      return { problem: `la celda contiene un error de Excel (${v.slice(0, 20)})` };
    case 'd': {
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(v.trim());
      return { text: m?.[1] ?? v };
    }
    default: {
      if (v.trim() === '') return { text: '' };
      const n = Number(v);
      if (cell.kind === NumberKind.Percent && Number.isFinite(n))
        return { text: `${String(Number((n * 100).toPrecision(15)))}%` };
      if (cell.kind === NumberKind.Date) {
        const iso = serialToIsoDate(n, date1904);
        if (iso !== null) return { text: iso };
      }
      return { text: numberText(v) };
    }
  }
}
