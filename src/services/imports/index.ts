// The imports wing's one door: api/, cli/ and other services import from here, never from the wing's files.
// Campus list, published dropout rates, reported count tables and student records (docs/IMPORTS.md), their
// templates and reports, the import audit and transfers between campuses.
export { identityChangesOf, type IdentityChangeView } from './audit.js';
export { importCampuses, type CampusImportSummary } from './campuses.js';
export type { ImportOptions } from './runs.js';
export {
  CountsFileError,
  countsTemplate,
  importReportedCounts,
  type CountsImportOptions,
  type CountsImportSummary,
  type CountsUploadResult,
  type ReportedLevel,
  uploadCountsFile,
} from './counts.js';
export { lastAcceptedYear } from './dates.js';
export {
  DROPOUT_INDICATOR,
  importPublishedDropout,
  importPublishedDropoutIn,
  type PublishedImportSummary,
} from './published.js';
export {
  DEFAULT_MAX_IMPORT_BYTES,
  firstIssues,
  importRecords,
  isRecordKind,
  MAX_REPORT_ISSUES,
  type RecordImportOptions,
  type RecordImportSummary,
} from './records.js';
export { reportCsv, reportFile, reportXlsx } from './report.js';
export { MAX_CHANGES_LISTED, type ValueChange, type ValueChanges } from './changes.js';
export { ENROLLMENT_COLUMNS } from './kinds/enrollments.js';
export { importTemplate } from './template.js';
export {
  decideTransfer,
  listTransfers,
  requestTransfer,
  type TransferDeps,
  type TransferView,
} from './transfers.js';
export * from './freshness.js';
