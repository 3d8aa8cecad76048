/**
 * The reference data shipped with the product (assets/): the real campus list and the published 2024-2025
 * campus dropout rates, matched to each other. Used by the demo generator and the calibration report.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { invalid } from '../../domain/errors.js';
import { formatIssue } from '../../ingest/issues.js';
import {
  matchPublishedCampuses,
  parseCampusesCsv,
  parsePublishedDropoutCsv,
  type Campus,
} from '../../ingest/campuses.js';
import { SYSTEM } from '../../synth/parameters.js';
import type { CampusInput } from '../../synth/tables.js';

/** Path of a file under assets/ (two levels above both src/services and dist/services). */
export function assetPath(relative: string): string {
  return fileURLToPath(new URL(`../../../assets/${relative}`, import.meta.url));
}

export const CAMPUS_LIST_FILE = 'data/conalep-planteles/GeoReferenciaPlanteles.csv';
export const PUBLISHED_DROPOUT_FILE = 'data/conalep-abandono-2024-2025/abandono-por-plantel-2024-2025.csv';

export interface ReferenceCampuses {
  readonly campuses: CampusInput[];
  readonly unmatchedPublished: number;
  readonly defects: string[];
}

/**
 * Active campuses: the ones the published 2024-2025 file matches (by state and name, 310 of 313); list campuses
 * without a published row fill the gap to the 313 the system reports, in list order, skipping incorporated private
 * schools ("A.C." in the name: Instituto Antares A.C., Josefina Dueñas Montoya A.C.), which stay inactive.
 * Campuses whose coordinates the source leaves blank get the centre of their state's other campuses.
 */
export function loadReferenceCampuses(): ReferenceCampuses {
  const list = parseCampusesCsv(readFileSync(assetPath(CAMPUS_LIST_FILE)), CAMPUS_LIST_FILE);
  if (!list.ok)
    throw invalid('reference_campuses', 'La lista de planteles no es válida', list.issues.map(formatIssue));
  const published = parsePublishedDropoutCsv(
    readFileSync(assetPath(PUBLISHED_DROPOUT_FILE)),
    PUBLISHED_DROPOUT_FILE,
  );
  if (!published.ok)
    throw invalid(
      'reference_dropout',
      'El archivo de abandono publicado no es válido',
      published.issues.map(formatIssue),
    );
  const match = matchPublishedCampuses(list.value.campuses, published.value);
  const rate = new Map<Campus, number>(match.matched.map((m) => [m.campus, m.published.dropoutPct]));
  let fill = SYSTEM.campuses - rate.size;
  const centre = stateCentres(list.value.campuses);
  const campuses = list.value.campuses.map((c): CampusInput => {
    const publishedDropout = rate.get(c) ?? null;
    const active = publishedDropout !== null || (!PRIVATE_RE.test(c.name) && fill-- > 0);
    return {
      cct: c.cct,
      campusNumber: c.campusNumber,
      name: c.name,
      stateId: c.stateId,
      latitude: c.latitude ?? centre.get(c.stateId)?.[0] ?? 23.6,
      longitude: c.longitude ?? centre.get(c.stateId)?.[1] ?? -102.5,
      address: c.address,
      active,
      publishedDropout,
    };
  });
  return { campuses, unmatchedPublished: match.unmatched.length, defects: match.defects };
}

const PRIVATE_RE = /\bA\.\s?C\.?$/;

function stateCentres(campuses: readonly Campus[]): Map<number, [number, number]> {
  const acc = new Map<number, [number, number, number]>();
  for (const c of campuses) {
    if (c.latitude === null || c.longitude === null) continue;
    const a = acc.get(c.stateId) ?? [0, 0, 0];
    acc.set(c.stateId, [a[0] + c.latitude, a[1] + c.longitude, a[2] + 1]);
  }
  return new Map([...acc].map(([k, [la, lo, n]]) => [k, [la / n, lo / n]]));
}
