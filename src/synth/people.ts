/** Fictitious identities: names, birth dates and valid, unique CURPs. */
import { buildCurp } from '../domain/identifiers.js';
import { stateById } from '../domain/geography.js';
import { GIVEN_NAMES_F, GIVEN_NAMES_M, SURNAMES } from './catalog.js';
import type { Rng } from './random.js';

export interface Identity {
  readonly givenNames: string;
  readonly firstSurname: string;
  readonly secondSurname: string;
  readonly curp: string;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO date `days` after `iso` (UTC arithmetic: no clock, no time zone). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A birth date for someone entering at `entryAge` in August of `entryYear` (school-year cut-off Sep 1). */
export function birthDateFor(rng: Rng, entryYear: number, entryAge: number): string {
  const start = `${entryYear - entryAge - 1}-09-01`;
  return addDays(start, rng.int(365));
}

export class IdentityFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  create(sex: 'H' | 'M', birthDate: string, stateId: number): Identity {
    const rng = this.rng;
    const names = sex === 'M' ? GIVEN_NAMES_F : GIVEN_NAMES_M;
    const givenNames = rng.bernoulli(0.35) ? `${rng.pick(names)} ${rng.pick(names)}` : rng.pick(names);
    const firstSurname = rng.pick(SURNAMES);
    const secondSurname = rng.bernoulli(0.02) ? '' : rng.pick(SURNAMES);
    const stateCode = stateById(stateId)?.curpCode ?? 'NE';
    const alphabet = birthDate < '2000' ? DIGITS : LETTERS;
    const start = rng.int(alphabet.length);
    for (let k = 0; k < alphabet.length * 4; k++) {
      const person = { firstSurname, secondSurname, givenNames, birthDate, sex, stateCode };
      // Past the homoclave's own range, vary the birth state as RENAPO would see a different person.
      const homoclave = alphabet[(start + k) % alphabet.length] ?? '0';
      const state = k < alphabet.length ? stateCode : (stateById(1 + ((stateId + k) % 32))?.curpCode ?? 'NE');
      const built = buildCurp({ ...person, stateCode: state, homoclave });
      if (!built.ok) throw new Error(`generated identity is invalid: ${built.issues.join('; ')}`);
      if (!this.used.has(built.value)) {
        this.used.add(built.value);
        return { givenNames, firstSurname, secondSurname, curp: built.value };
      }
    }
    throw new Error('could not find a unique CURP');
  }
}
