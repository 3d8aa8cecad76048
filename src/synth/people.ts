/** Fictitious identities: names, birth dates and valid, unique CURPs. */
import { buildCurp, curpCheckDigit } from '../domain/identifiers.js';
import { searchKey } from '../domain/names.js';
import { stateById } from '../domain/geography.js';
import { GIVEN_NAMES_F, GIVEN_NAMES_M, SURNAMES } from './catalog.js';
import { CurpSet } from './curp-set.js';
import type { Rng } from './random.js';

export interface Identity {
  readonly givenNames: string;
  readonly firstSurname: string;
  readonly secondSurname: string;
  readonly curp: string;
  /** Search key of the full name (domain/names.ts), computed once per name of the pool. */
  readonly searchKey: string;
}

const DIGITS = '0123456789';
const NAME_POOL = 20_000;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const DAY_MS = 86_400_000;
const dayOf = new Map<string, number>();
const isoOf = new Map<number, string>();

/** ISO date `days` after `iso` (UTC arithmetic: no clock, no time zone; memoized, the generator calls it often). */
export function addDays(iso: string, days: number): string {
  let day = dayOf.get(iso);
  if (day === undefined) {
    day = Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
    dayOf.set(iso, day);
  }
  const target = day + days;
  let out = isoOf.get(target);
  if (out === undefined) {
    out = new Date(target * DAY_MS).toISOString().slice(0, 10);
    isoOf.set(target, out);
  }
  return out;
}

/** A birth date for someone entering at `entryAge` in August of `entryYear` (school-year cut-off Sep 1). */
export function birthDateFor(rng: Rng, entryYear: number, entryAge: number): string {
  const start = `${entryYear - entryAge - 1}-09-01`;
  return addDays(start, rng.int(365));
}

interface PoolName {
  readonly givenNames: string;
  readonly firstSurname: string;
  readonly secondSurname: string;
  searchKey?: string;
  parts?: [string, string];
}

export class IdentityFactory {
  /** CURP letters that depend on the name only (positions 1-4 and 14-16), computed once per name. */
  private readonly nameParts = new Map<string, [string, string]>();
  /** A pool of full names per sex, drawn once: thousands of combinations, CURP parts computed once each. */
  private readonly pools = new Map<
    'H' | 'M',
    { givenNames: string; firstSurname: string; secondSurname: string }[]
  >();

  private pickName(sex: 'H' | 'M'): PoolName {
    let pool = this.pools.get(sex);
    if (!pool) {
      const rng = this.rng;
      const names = sex === 'M' ? GIVEN_NAMES_F : GIVEN_NAMES_M;
      pool = Array.from({ length: NAME_POOL }, () => ({
        givenNames: rng.bernoulli(0.35) ? `${rng.pick(names)} ${rng.pick(names)}` : rng.pick(names),
        firstSurname: rng.pick(SURNAMES),
        secondSurname: rng.bernoulli(0.02) ? '' : rng.pick(SURNAMES),
      }));
      this.pools.set(sex, pool);
    }
    return this.rng.pick(pool);
  }

  /** `used`: the CURPs already given, shared by the factories of every replica (replicas.ts). */
  constructor(
    private readonly rng: Rng,
    private readonly used = new CurpSet(),
  ) {}

  create(sex: 'H' | 'M', birthDate: string, stateId: number): Identity {
    const rng = this.rng;
    const name = this.pickName(sex);
    const { givenNames, firstSurname, secondSurname } = name;
    name.parts ??= this.parts(firstSurname, secondSurname, givenNames, sex, birthDate);
    const [letters, consonants] = name.parts;
    const date = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}`;
    const alphabet = birthDate < '2000' ? DIGITS : LETTERS;
    const start = rng.int(alphabet.length);
    for (let k = 0; k < alphabet.length * 4; k++) {
      // Past the homoclave's own range, vary the birth state as RENAPO would see a different person.
      const state = stateById(k < alphabet.length ? stateId : 1 + ((stateId + k) % 32))?.curpCode ?? 'NE';
      const first17 = `${letters}${date}${sex}${state}${consonants}${alphabet[(start + k) % alphabet.length] ?? '0'}`;
      const curp = `${first17}${curpCheckDigit(first17)}`;
      if (this.used.add(curp)) {
        name.searchKey ??= searchKey(`${firstSurname} ${secondSurname} ${givenNames}`);
        return { givenNames, firstSurname, secondSurname, curp, searchKey: name.searchKey };
      }
    }
    throw new Error('could not find a unique CURP');
  }

  /** Name-derived CURP parts, from the domain's buildCurp (which validates them) on the first use of a name. */
  private parts(
    firstSurname: string,
    secondSurname: string,
    givenNames: string,
    sex: 'H' | 'M',
    birthDate: string,
  ): [string, string] {
    const key = `${firstSurname}|${secondSurname}|${givenNames}`;
    let parts = this.nameParts.get(key);
    if (!parts) {
      const built = buildCurp({
        firstSurname,
        secondSurname,
        givenNames,
        birthDate,
        sex,
        stateCode: 'DF',
        homoclave: birthDate < '2000' ? '0' : 'A',
      });
      if (!built.ok) throw new Error(`generated identity is invalid: ${built.issues.join('; ')}`);
      parts = [built.value.slice(0, 4), built.value.slice(13, 16)];
      this.nameParts.set(key, parts);
    }
    return parts;
  }
}
