/** Static reference rows of the demo: states, campuses, programs, modules, teachers, school years and terms. */
import { STATES } from '../domain/geography.js';
import { schoolYearOf, termId } from '../domain/calendar.js';
import { moduleNames, programCatalog, type ProgramSpec } from './catalog.js';
import { PERFORMANCE, SYSTEM, TEACHER_DEGREES } from './parameters.js';
import type { Rng } from './random.js';
import type { CampusInput, SynthSink } from './tables.js';

export const SEMESTERS = [1, 2, 3, 4, 5, 6] as const;

/** Module id of the k-th module (0-based) of a program's semester: ids are dense and computable. */
export function moduleId(programId: number, semester: number, k: number): number {
  return ((programId - 1) * 6 + (semester - 1)) * PERFORMANCE.modulesPerSemester + k + 1;
}

export function emitCatalog(sink: SynthSink, campuses: readonly CampusInput[]): ProgramSpec[] {
  for (const s of STATES) sink.row('states', [s.id, s.code, s.name, s.shortName]);
  campuses.forEach((c, i) => {
    const unit =
      c.stateId === 9
        ? 'Unidad de Operación Desconcentrada para la Ciudad de México'
        : `Colegio Estatal ${STATES[c.stateId - 1]?.shortName ?? ''}`;
    sink.row('campuses', [
      i + 1,
      c.cct,
      c.campusNumber,
      c.name,
      c.stateId,
      unit,
      c.latitude,
      c.longitude,
      c.address,
      c.active ? 1 : 0,
    ]);
  });
  const programs = programCatalog();
  programs.forEach((p, i) => {
    sink.row('programs', [i + 1, p.code, p.name, p.area]);
    for (const semester of SEMESTERS) {
      moduleNames(p.name, semester, PERFORMANCE.modulesPerSemester).forEach((name, k) => {
        const id = moduleId(i + 1, semester, k);
        sink.row('modules', [id, i + 1, semester, `M${String(id).padStart(5, '0')}`, name, k < 2 ? 72 : 90]);
      });
    }
  });
  return programs;
}

export function emitCalendar(sink: SynthSink, firstStart: number, lastStart: number): void {
  for (let y = firstStart; y <= lastStart; y++) {
    const sy = schoolYearOf(y);
    sink.row('school_years', [sy, `${y}-08-20`, `${y + 1}-07-15`]);
    sink.row('terms', [termId(sy, 1), sy, 1, `${y}-08-20`, `${y + 1}-01-20`]);
    sink.row('terms', [termId(sy, 2), sy, 2, `${y + 1}-02-01`, `${y + 1}-07-15`]);
  }
}

const DEGREES = Object.keys(TEACHER_DEGREES);
const DEGREE_CUM = (() => {
  let acc = 0;
  return Float64Array.from(DEGREES, (d) => (acc += TEACHER_DEGREES[d] ?? 0));
})();

/** Teachers spread over active campuses in proportion to campus size (largest remainder). */
export function emitTeachers(
  sink: SynthSink,
  rng: Rng,
  campusIds: readonly number[],
  sizes: readonly number[],
  scale: number,
  firstId = 1,
): number {
  const counts = largestRemainder(Math.round(SYSTEM.teachers * scale), sizes);
  let id = firstId - 1;
  counts.forEach((n, i) => {
    for (let k = 0; k < n; k++) {
      sink.row('teachers', [
        ++id,
        campusIds[i] ?? 0,
        rng.bernoulli(0.5) ? 'M' : 'H',
        1985 + rng.int(41),
        DEGREES[rng.pickCumulative(DEGREE_CUM)] ?? 'Licenciatura',
      ]);
    }
  });
  return id - firstId + 1;
}

/** Split `total` into integer parts proportional to `weights` (Hamilton's method). */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}
