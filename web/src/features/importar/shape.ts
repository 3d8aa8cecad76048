/** Pure helpers of the upload page: the kinds offered and the error report as a CSV file. */
import { RECORD_KINDS } from '../../../../src/domain/enums';

export const IMPORT_KINDS = [...RECORD_KINDS, 'counts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportIssue {
  readonly file: string;
  readonly line: number;
  readonly column?: string;
  readonly value?: string;
  readonly message: string;
}

export interface ImportSummary {
  readonly kind: ImportKind;
  readonly file: string;
  readonly encoding: string | null;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: boolean;
  readonly issueCount: number;
  readonly issues: readonly ImportIssue[];
  readonly dryRun: boolean;
}

const quote = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The report the CLI writes with --report: archivo, línea, columna, valor, mensaje (BOM for Excel). */
export function reportCsv(issues: readonly ImportIssue[]): string {
  const rows = issues.map((i) =>
    [i.file, i.line, i.column ?? '', i.value ?? '', i.message].map(quote).join(','),
  );
  return `\ufeff${['archivo,línea,columna,valor,mensaje', ...rows].join('\r\n')}\r\n`;
}
