/**
 * Use case: one official report as a file — the 911-style start- or end-of-year statistics (XLSX) or the
 * campus report card (PDF) — for a unit and school year, internal or public. The CLI and the API both call it.
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { invalid } from '../../domain/errors.js';
import type { Database } from '../../storage/schema.js';
import { reportCard } from './card.js';
import { reportCardPdf } from './card-pdf.js';
import { form911 } from './form911.js';
import type { UnitRequest } from './unit.js';
import { form911Xlsx } from './xlsx.js';

export const REPORT_KINDS = ['911-inicio', '911-fin', 'boleta'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportRequest {
  readonly kind: string;
  readonly unit: UnitRequest;
  readonly year?: string;
  readonly public?: boolean;
  readonly threshold?: number;
  readonly scope?: Scope | null;
  readonly now?: Date;
}

export interface ReportFile {
  readonly kind: ReportKind;
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly unitTitle: string;
  readonly schoolYear: string;
  readonly suppressedCells: number;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function parseReportKind(kind: string): ReportKind {
  if ((REPORT_KINDS as readonly string[]).includes(kind)) return kind as ReportKind;
  throw invalid(
    'invalid_report',
    `Informe desconocido: "${kind}". Valores válidos: ${REPORT_KINDS.join(', ')}`,
  );
}

export async function generateReport(db: Kysely<Database>, r: ReportRequest): Promise<ReportFile> {
  const kind = parseReportKind(r.kind);
  const suffix = r.public ? '-publica' : '';
  if (kind === 'boleta') {
    const card = await reportCard(db, r);
    return {
      kind,
      fileName: `boleta-${card.unit.code}-${card.schoolYear}${suffix}.pdf`,
      contentType: 'application/pdf',
      body: await reportCardPdf(card),
      unitTitle: card.unit.title,
      schoolYear: card.schoolYear,
      suppressedCells: card.suppressedCells,
    };
  }
  const report = await form911(db, { ...r, kind: kind === '911-inicio' ? 'inicio' : 'fin' });
  return {
    kind,
    fileName: `${kind}-${report.unit.code}-${report.schoolYear}${suffix}.xlsx`,
    contentType: XLSX_TYPE,
    body: await form911Xlsx(report),
    unitTitle: report.unit.title,
    schoolYear: report.schoolYear,
    suppressedCells: report.suppressedCells,
  };
}
