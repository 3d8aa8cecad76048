/**
 * Dates within reason: a row may not name a term of a school year after the last one accepted (by default the
 * school year containing today's date; TRAYECTO_LAST_SCHOOL_YEAR), nor an entry year after it. One row dated in
 * the future would otherwise become the "current year" of every view (security review, finding 9).
 */
import { schoolYearContaining } from '../../domain/calendar.js';
import type { CsvIssue } from '../../ingest/issues.js';
import type { FieldValue } from '../../ingest/record-fields.js';

/** The issue of a row that names a school year or entry year after `lastYear`, or null. */
export function futureYearIssue(
  file: string,
  line: number,
  v: Readonly<Record<string, FieldValue>>,
  lastYear: string,
): CsvIssue | null {
  const year = v.school_year;
  if (typeof year === 'string' && year > lastYear)
    return {
      file,
      line,
      column: 'ciclo_escolar',
      value: year,
      message: `el ciclo escolar ${year} es posterior al ciclo escolar en curso (${lastYear}): no se aceptan periodos futuros`,
    };
  const entry = v.entry_year;
  if (entry !== null && entry !== undefined && Number(entry) > Number(lastYear.slice(0, 4)))
    return {
      file,
      line,
      column: 'anio_ingreso',
      value: String(entry),
      message: `el año de ingreso ${String(entry)} es posterior al ciclo escolar en curso (${lastYear})`,
    };
  return null;
}

/** The last school year accepted: the configured one, else the one that contains `now`. */
export function lastAcceptedYear(configured: string | null, now: Date): string {
  return configured ?? schoolYearContaining(now);
}
