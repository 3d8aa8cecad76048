import { describe, expect, it } from 'vitest';
import {
  CURP_PATTERN,
  CURP_STATE_CODES,
  buildCurp,
  cctStateCode,
  curpBirthDate,
  curpCheckDigit,
  curpStateCodeOf,
  isValidDate,
  parseCct,
  parseCurp,
  type CurpPerson,
} from './identifiers.js';

// RENAPO's own specimen in its CURP instructions (Gloria Hernández García, born 1956-04-27 in Veracruz).
const SPECIMEN = 'HEGG560427MVZRRL04';

const person = (overrides: Partial<CurpPerson> = {}): CurpPerson => ({
  firstSurname: 'Hernández',
  secondSurname: 'García',
  givenNames: 'Gloria',
  birthDate: '1956-04-27',
  sex: 'M',
  stateCode: 'VZ',
  homoclave: '0',
  ...overrides,
});

const built = (overrides: Partial<CurpPerson> = {}): string => {
  const r = buildCurp(person(overrides));
  if (!r.ok) throw new Error(r.issues.join('; '));
  return r.value;
};

/** Replaces the check digit with a wrong one. */
const withWrongCheckDigit = (curp: string): string =>
  curp.slice(0, 17) + String((Number(curp.charAt(17)) + 1) % 10);

describe('curpCheckDigit', () => {
  it('reproduces the check digit of the RENAPO specimen', () => {
    expect(curpCheckDigit(SPECIMEN.slice(0, 17))).toBe('4');
  });

  it('gives Ñ its own dictionary value between N and O', () => {
    const withN = curpCheckDigit('AAAA000101HDFBBBN');
    const withEnye = curpCheckDigit('AAAA000101HDFBBBÑ');
    const withO = curpCheckDigit('AAAA000101HDFBBBO');
    // Value × weight 2: N = 23, Ñ = 24, O = 25, so the digits differ by 2 each step (mod 10).
    expect((Number(withN) - Number(withEnye) + 10) % 10).toBe(2);
    expect((Number(withEnye) - Number(withO) + 10) % 10).toBe(2);
  });

  it('rejects input that is not 17 dictionary characters', () => {
    expect(() => curpCheckDigit('ABC')).toThrow(RangeError);
    expect(() => curpCheckDigit('AAAA000101HDF-BBN')).toThrow(RangeError);
  });
});

describe('parseCurp', () => {
  it.each([
    ['RENAPO specimen', SPECIMEN],
    ['lower case and spaces are normalized', `  ${SPECIMEN.toLowerCase()} `],
    [
      'born abroad (NE), letter homoclave',
      built({ stateCode: 'NE', birthDate: '2007-09-03', homoclave: 'A' }),
    ],
    ['29 February of a leap year after 2000', built({ birthDate: '2000-02-29', homoclave: 'B' })],
  ])('accepts %s', (_label, curp) => {
    const r = parseCurp(curp);
    expect(r).toEqual({ ok: true, value: curp.trim().toUpperCase() });
    expect(CURP_PATTERN.test(curp.trim().toUpperCase())).toBe(true);
  });

  it('accepts sex X, which RENAPO added for non-binary people', () => {
    const first17 = `${SPECIMEN.slice(0, 10)}X${SPECIMEN.slice(11, 17)}`;
    expect(parseCurp(first17 + curpCheckDigit(first17)).ok).toBe(true);
  });

  const fix = (first17: string): string => first17 + curpCheckDigit(first17);
  it.each([
    [
      'a wrong check digit',
      withWrongCheckDigit(SPECIMEN),
      'dígito verificador incorrecto: es 5, se esperaba 4',
    ],
    ['17 characters', SPECIMEN.slice(0, 17), 'la CURP debe tener 18 caracteres (tiene 17)'],
    ['19 characters', `${SPECIMEN}0`, 'la CURP debe tener 18 caracteres (tiene 19)'],
    ['month 13', fix('HEGG561327MVZRRL0'), 'fecha de nacimiento inválida en la CURP: "561327" (AAMMDD)'],
    ['31 April', fix('HEGG560431MVZRRL0'), 'fecha de nacimiento inválida en la CURP: "560431" (AAMMDD)'],
    // 1900 was not a leap year: a digit homoclave puts "00" in 1900.
    [
      '29 February 1900',
      fix('HEGG000229MVZRRL0'),
      'fecha de nacimiento inválida en la CURP: "000229" (AAMMDD)',
    ],
    [
      'letters in the date',
      fix('HEGG56O427MVZRRL0'),
      'los caracteres 5 a 10 deben ser la fecha de nacimiento',
    ],
    ['an unknown state', fix('HEGG560427MXXRRL0'), 'entidad de nacimiento inválida: "XX"'],
    ['sex other than H, M, X', fix('HEGG560427FVZRRL0'), 'el carácter 11 (sexo) debe ser H, M o X'],
    [
      'a vowel among the consonants',
      fix('HEGG560427MVZARL0'),
      'los caracteres 14 a 16 deben ser consonantes',
    ],
    ['a consonant in position 2', fix('HBGG560427MVZRRL0'), 'los caracteres 1 a 4'],
    ['a letter check digit', `${SPECIMEN.slice(0, 17)}A`, 'el carácter 18 (dígito verificador)'],
  ])('rejects %s with a Spanish issue', (_label, curp, issue) => {
    const r = parseCurp(curp);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.some((i) => i.startsWith(issue))).toBe(true);
  });

  it('reports every issue it finds, not only the first', () => {
    const r = parseCurp('HEGG561327FXXRRL04');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toHaveLength(3);
  });

  it('exposes the birth date with the century taken from the homoclave', () => {
    const r = parseCurp(built({ birthDate: '2009-12-31', homoclave: 'Z' }));
    expect(r.ok && curpBirthDate(r.value)).toBe('2009-12-31');
    const old = parseCurp(SPECIMEN);
    expect(old.ok && curpBirthDate(old.value)).toBe('1956-04-27');
  });
});

describe('buildCurp', () => {
  it('reproduces the RENAPO specimen from the person data', () => {
    expect(built()).toBe(SPECIMEN);
  });

  it.each<[string, Partial<CurpPerson>, string]>([
    // Ñ counts as X; a missing second surname gives X; MARÍA is skipped when another name follows.
    [
      'Ñ, no second surname, María José',
      {
        firstSurname: 'Peña',
        secondSurname: '',
        givenNames: 'María José',
        birthDate: '2008-02-29',
        homoclave: 'A',
        stateCode: 'NE',
      },
      'PEXJ080229MNEXXSA',
    ],
    // Particles are skipped ("de la Cruz" → CRUZ); RÍO has no internal consonant, so X.
    [
      'particles in surnames',
      { firstSurname: 'de la Cruz', secondSurname: 'del Río', givenNames: 'Luis', sex: 'H', stateCode: 'JC' },
      'CURL560427HJCRXS0',
    ],
    // First 4 letters spelling an inconvenient word get an X in position 2.
    [
      'an inconvenient word',
      { firstSurname: 'Pérez', secondSurname: 'Días', givenNames: 'Oscar', sex: 'H', stateCode: 'DF' },
      'PXDO560427HDFRSS0',
    ],
  ])('applies the rules: %s', (_label, overrides, first17) => {
    const curp = built(overrides);
    expect(curp.slice(0, 17)).toBe(first17);
    expect(parseCurp(curp).ok).toBe(true);
  });

  it('builds valid CURPs for every state code and both sexes', () => {
    for (const stateCode of [...CURP_STATE_CODES, 'NE']) {
      for (const sex of ['H', 'M'] as const) {
        expect(parseCurp(built({ stateCode, sex })).ok).toBe(true);
      }
    }
  });

  it.each<[string, Partial<CurpPerson>, string]>([
    ['a letter homoclave before 2000', { homoclave: 'A' }, 'homoclave inválida: "A"'],
    ['a digit homoclave from 2000', { birthDate: '2001-01-01', homoclave: '3' }, 'homoclave inválida: "3"'],
    ['an impossible date', { birthDate: '2001-02-29', homoclave: 'A' }, 'fecha de nacimiento inválida'],
    ['a date in another format', { birthDate: '27/04/1956' }, 'fecha de nacimiento inválida'],
    ['an unknown state code', { stateCode: 'XX' }, 'clave de entidad inválida: "XX"'],
    ['no first surname', { firstSurname: ' ' }, 'falta el primer apellido'],
  ])('rejects %s', (_label, overrides, issue) => {
    const r = buildCurp(person(overrides));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.startsWith(issue))).toBe(true);
  });
});

describe('state codes and dates', () => {
  it('maps INEGI codes to CURP state codes', () => {
    expect(curpStateCodeOf(1)).toBe('AS');
    expect(curpStateCodeOf(9)).toBe('DF');
    expect(curpStateCodeOf(24)).toBe('SP');
    expect(curpStateCodeOf(32)).toBe('ZS');
    expect(curpStateCodeOf(0)).toBeUndefined();
    expect(curpStateCodeOf(33)).toBeUndefined();
    expect(new Set(CURP_STATE_CODES).size).toBe(32);
  });

  it('knows leap years', () => {
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2023, 2, 29)).toBe(false);
    expect(isValidDate(2023, 12, 31)).toBe(true);
    expect(isValidDate(2023, 0, 1)).toBe(false);
  });
});

describe('parseCct', () => {
  it.each(['01DPT0002I', '09DPT0001C', ' 32dpt0001a '])('accepts %s', (text) => {
    const r = parseCct(text);
    expect(r).toEqual({ ok: true, value: text.trim().toUpperCase() });
    if (r.ok) expect(cctStateCode(r.value)).toBe(Number(text.trim().slice(0, 2)));
  });

  it.each([
    ['too short', '01DPT002I', 'la CCT debe tener 10 caracteres (tiene 9)'],
    ['digits where letters go', '0112T0002I', 'formato de CCT inválido'],
    ['a digit as check character', '01DPT00021', 'formato de CCT inválido'],
    ['state 00', '00DPT0002I', 'la CCT "00DPT0002I" empieza con 00'],
    ['state 33', '33DPT0002I', 'la CCT "33DPT0002I" empieza con 33'],
  ])('rejects %s', (_label, text, issue) => {
    const r = parseCct(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toContain(issue);
  });
});
