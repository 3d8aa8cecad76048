/**
 * National identifiers: the CURP (person, RENAPO) and the CCT (school work center, SEP).
 * Validators normalize case and surrounding spaces, then return a Result with every issue found.
 */
import type { Result } from './result.js';

declare const curpBrand: unique symbol;
/** A CURP that passed format, date and check-digit validation. */
export type Curp = string & { readonly [curpBrand]: true };

declare const cctBrand: unique symbol;
/** A SEP work-center key (Clave de Centro de Trabajo) with a valid format and state code. */
export type Cct = string & { readonly [cctBrand]: true };

/**
 * CURP state-of-birth codes in INEGI order (index 0 is INEGI 01 Aguascalientes, index 31 is 32 Zacatecas).
 * Mexico City keeps "DF". "NE" (nacido en el extranjero, born abroad) has no INEGI code.
 */
// prettier-ignore
export const CURP_STATE_CODES = [
  'AS', 'BC', 'BS', 'CC', 'CL', 'CM', 'CS', 'CH', 'DF', 'DG', 'GT', 'GR', 'HG', 'JC', 'MC', 'MN',
  'MS', 'NT', 'NL', 'OC', 'PL', 'QT', 'QR', 'SP', 'SL', 'SR', 'TC', 'TS', 'TL', 'VZ', 'YN', 'ZS',
] as const;
export const CURP_BORN_ABROAD = 'NE';

const CURP_STATES: ReadonlySet<string> = new Set([...CURP_STATE_CODES, CURP_BORN_ABROAD]);

/** The CURP state code of an INEGI state code (1-32), or undefined outside that range. */
export function curpStateCodeOf(inegiCode: number): string | undefined {
  return Number.isInteger(inegiCode) ? CURP_STATE_CODES[inegiCode - 1] : undefined;
}

/**
 * RENAPO's CURP format: 4 letters (the second a vowel or X), birth date AAMMDD, sex (H, M, or X),
 * state of birth, 3 internal consonants, the homoclave (digit for births before 2000, letter from 2000)
 * and the check digit. It does not check that the date exists: parseCurp does.
 */
export const CURP_PATTERN = new RegExp(
  '^[A-Z][AEIOUX][A-Z]{2}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])[HMX]' +
    `(?:${[...CURP_STATES].join('|')})[B-DF-HJ-NP-TV-Z]{3}[A-Z\\d]\\d$`,
);

// RENAPO's dictionary: the value of a character is its index. Ñ sits between N and O.
const CURP_DICTIONARY = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/**
 * RENAPO check digit of the first 17 characters of a CURP: each character's dictionary value times a
 * weight from 18 down to 2, summed; digit = (10 − sum mod 10) mod 10. Returns "0".."9".
 * Throws on input that is not 17 dictionary characters: callers validate before (a broken invariant).
 */
export function curpCheckDigit(first17: string): string {
  if (first17.length !== 17)
    throw new RangeError(`curpCheckDigit needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CURP_DICTIONARY.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`curpCheckDigit: character not in the dictionary at ${i + 1}`);
    sum += value * (18 - i);
  }
  return String((10 - (sum % 10)) % 10);
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Whether year-month-day is a real calendar date (pure arithmetic: no Date, no time zone). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** The birth date a valid CURP encodes, as YYYY-MM-DD (the century comes from the homoclave). */
export function curpBirthDate(curp: Curp): string {
  const century = /\d/.test(curp.charAt(16)) ? '19' : '20';
  return `${century}${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`;
}

/** Validates a CURP: length, each segment of the format, that the birth date exists, and the check digit. */
export function parseCurp(text: string): Result<Curp> {
  const s = text.trim().toUpperCase();
  if (s.length !== 18) {
    return { ok: false, issues: [`la CURP debe tener 18 caracteres (tiene ${s.length})`] };
  }
  const issues: string[] = [];
  if (!/^[A-Z][AEIOUX][A-Z]{2}$/.test(s.slice(0, 4))) {
    issues.push('los caracteres 1 a 4 deben ser letras de los apellidos y el nombre (el 2.º, vocal o X)');
  }
  const date = s.slice(4, 10);
  const homoclave = s.charAt(16);
  if (!/^\d{6}$/.test(date)) {
    issues.push(`los caracteres 5 a 10 deben ser la fecha de nacimiento AAMMDD (se leyó "${date}")`);
  } else {
    // A digit homoclave marks a birth before 2000, a letter one from 2000 on: it fixes the century.
    const year = (/[A-Z]/.test(homoclave) ? 2000 : 1900) + Number(date.slice(0, 2));
    if (!isValidDate(year, Number(date.slice(2, 4)), Number(date.slice(4, 6)))) {
      issues.push(`fecha de nacimiento inválida en la CURP: "${date}" (AAMMDD)`);
    }
  }
  if (!/^[HMX]$/.test(s.charAt(10)))
    issues.push(`el carácter 11 (sexo) debe ser H, M o X (es "${s.charAt(10)}")`);
  const state = s.slice(11, 13);
  if (!CURP_STATES.has(state)) {
    issues.push(`entidad de nacimiento inválida: "${state}" (se espera una clave como AS, DF, JC o NE)`);
  }
  if (!/^[B-DF-HJ-NP-TV-Z]{3}$/.test(s.slice(13, 16))) {
    issues.push('los caracteres 14 a 16 deben ser consonantes internas de los apellidos y el nombre');
  }
  if (!/^[A-Z\d]$/.test(homoclave)) {
    issues.push('el carácter 17 (homoclave) debe ser una letra o un dígito');
  }
  const check = s.charAt(17);
  if (!/^\d$/.test(check)) {
    issues.push('el carácter 18 (dígito verificador) debe ser un dígito');
  } else if (issues.length === 0) {
    const expected = curpCheckDigit(s.slice(0, 17));
    if (check !== expected)
      issues.push(`dígito verificador incorrecto: es ${check}, se esperaba ${expected}`);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: s as Curp };
}

export interface CurpPerson {
  readonly firstSurname: string;
  /** Empty when the person has a single surname (the CURP then carries X). */
  readonly secondSurname: string;
  readonly givenNames: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: 'H' | 'M';
  /** CURP state code (CURP_STATE_CODES or NE). */
  readonly stateCode: string;
  /** RENAPO's differentiator: a digit 0-9 for births before 2000, a letter A-Z from 2000 on. */
  readonly homoclave: string;
}

// Particles RENAPO skips in surnames and given names ("DE LA CRUZ" → CRUZ).
const PARTICLES = new Set('DA DAS DE DEL DER DI DIE DD EL LA LOS LAS LE LES MAC MC VAN VON Y'.split(' '));
// Very common first given names are skipped when another follows ("MARIA FERNANDA" → FERNANDA).
const SKIPPED_GIVEN = new Set(['MARIA', 'MA', 'JOSE', 'J']);
// RENAPO's inconvenient words: when the first 4 letters spell one, the second letter becomes X.
const INCONVENIENT = new Set(
  (
    'BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO FALO FETO ' +
    'GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO ' +
    'LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE ' +
    'PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI ' +
    'WUEY'
  ).split(' '),
);

/** Words in upper case with Ñ → X (RENAPO's rule), accents dropped and other signs as separators. */
function normalizeName(text: string): string[] {
  const plain = text
    .normalize('NFC')
    .toUpperCase()
    .replace(/Ñ/g, 'X')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Z]+/g, ' ');
  return plain.split(' ').filter((w) => w.length > 0);
}

function significantWord(text: string, skip: ReadonlySet<string>): string {
  const words = normalizeName(text).filter((w) => !PARTICLES.has(w));
  const kept = words.length > 1 && skip.has(words[0] ?? '') ? words.slice(1) : words;
  return kept[0] ?? '';
}

const firstInternal = (word: string, re: RegExp): string => {
  const found = word.slice(1).match(re);
  return found?.[0] ?? 'X';
};
const VOWEL = /[AEIOU]/;
const CONSONANT = /[B-DF-HJ-NP-TV-Z]/;

/**
 * Builds a valid CURP from a person's data with RENAPO's main rules, simplified (no special cases for
 * foreign names or one-letter surnames): first letter and first internal vowel of the first surname,
 * first letter of the second surname (X if none), first letter of the given name, YYMMDD, sex, state,
 * first internal consonant of each name, homoclave, check digit. Used by the demo-data generator.
 */
export function buildCurp(person: CurpPerson): Result<Curp> {
  const first = significantWord(person.firstSurname, new Set());
  const second = significantWord(person.secondSurname, new Set());
  const given = significantWord(person.givenNames, SKIPPED_GIVEN);
  const issues: string[] = [];
  if (first === '') issues.push('falta el primer apellido');
  if (given === '') issues.push('falta el nombre');
  const [, yyyy = '', mm = '', dd = ''] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(person.birthDate) ?? [];
  const year = Number(yyyy);
  if (!isValidDate(year, Number(mm), Number(dd))) {
    issues.push(`fecha de nacimiento inválida: "${person.birthDate}" (se espera AAAA-MM-DD)`);
  } else {
    if (year < 1900 || year > 2099) issues.push(`año de nacimiento fuera de rango: ${year}`);
    const wanted = year < 2000 ? 'un dígito antes de 2000' : 'una letra desde 2000';
    if (!(year < 2000 ? /^\d$/ : /^[A-Z]$/).test(person.homoclave)) {
      issues.push(`homoclave inválida: "${person.homoclave}" (${wanted})`);
    }
  }
  if (!CURP_STATES.has(person.stateCode)) issues.push(`clave de entidad inválida: "${person.stateCode}"`);
  if (issues.length > 0) return { ok: false, issues };

  let letters = first.charAt(0) + firstInternal(first, VOWEL) + (second.charAt(0) || 'X') + given.charAt(0);
  if (INCONVENIENT.has(letters)) letters = `${letters.charAt(0)}X${letters.slice(2)}`;
  const consonants =
    firstInternal(first, CONSONANT) + firstInternal(second, CONSONANT) + firstInternal(given, CONSONANT);
  const born = `${yyyy.slice(2)}${mm}${dd}${person.sex}${person.stateCode}`;
  const first17 = `${letters}${born}${consonants}${person.homoclave}`;
  return parseCurp(first17 + curpCheckDigit(first17));
}

const CCT_PATTERN = /^\d{2}[A-Z]{3}\d{4}[A-Z]$/;

/**
 * Validates a SEP work-center key (CCT), e.g. 01DPT0002I: 2 digits of the INEGI state (01-32), 3 letters
 * of the school type and funding, 4 digits of sequence and a check letter (its algorithm is not applied).
 */
export function parseCct(text: string): Result<Cct> {
  const s = text.trim().toUpperCase();
  if (s.length !== 10) return { ok: false, issues: [`la CCT debe tener 10 caracteres (tiene ${s.length})`] };
  if (!CCT_PATTERN.test(s)) {
    return { ok: false, issues: [`formato de CCT inválido: "${s}" (se espera como 09DPT0001C)`] };
  }
  const state = Number(s.slice(0, 2));
  if (state < 1 || state > 32) {
    return { ok: false, issues: [`la CCT "${s}" empieza con ${s.slice(0, 2)}: la entidad debe ser 01 a 32`] };
  }
  return { ok: true, value: s as Cct };
}

/** INEGI state code (1-32) of a valid CCT. */
export function cctStateCode(cct: Cct): number {
  return Number(cct.slice(0, 2));
}
