/**
 * The shared shape of a row-level problem found while reading a file. Importers collect every issue
 * instead of stopping at the first, so that a user can fix a file in one pass.
 */
export interface CsvIssue {
  readonly file: string;
  /** 1-based physical line where the record starts; the header is line 1. */
  readonly line: number;
  readonly column?: string;
  readonly value?: string;
  /** In Spanish, for end users. */
  readonly message: string;
}

/** Default cap on the issues returned by one import: enough to fix a file, not enough to flood a terminal. */
export const MAX_ISSUES = 200;

const MAX_VALUE_CHARS = 60;

const shown = (value: string): string =>
  JSON.stringify(value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value);

/** Renders `archivo:línea: columna "x", valor "y": mensaje` (column and value only when known). */
export function formatIssue(issue: CsvIssue): string {
  const where: string[] = [];
  if (issue.column !== undefined) where.push(`columna ${shown(issue.column)}`);
  if (issue.value !== undefined) where.push(`valor ${shown(issue.value)}`);
  const prefix = `${issue.file}:${issue.line}: `;
  return where.length > 0 ? `${prefix}${where.join(', ')}: ${issue.message}` : `${prefix}${issue.message}`;
}

/**
 * Keeps the first `max` issues and, when some were left out, appends one summary issue with the total,
 * placed at the line of the first omitted issue.
 */
export function capIssues(issues: readonly CsvIssue[], max = MAX_ISSUES): CsvIssue[] {
  const first = issues.slice(0, max);
  const omitted = issues[max];
  if (omitted === undefined) return first;
  first.push({
    file: omitted.file,
    line: omitted.line,
    message: `se muestran ${max} de ${issues.length} problemas; se omitieron ${issues.length - max} a partir de esta línea`,
  });
  return first;
}
