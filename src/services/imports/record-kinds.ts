/**
 * The handler of each record kind (one file each under kinds/, built on kinds/shared.ts). Each handler
 * receives batches of rows whose fields already parsed, resolves references (campus by CCT, program and
 * module by code, student by CURP), checks natural keys against the database and the rows imported earlier
 * from the same file, checks trajectories, and writes (see records.ts).
 */
import type { RecordKind } from '../../ingest/record-kinds.js';
import { attendance } from './kinds/attendance.js';
import { certifications } from './kinds/certifications.js';
import type { RecordHandler } from './kinds/context.js';
import { enrollments } from './kinds/enrollments.js';
import { interventions } from './kinds/interventions.js';
import { moduleResults } from './kinds/module-results.js';
import { programs } from './kinds/programs.js';
import { scholarshipPayments } from './kinds/scholarship-payments.js';
import { statusEvents } from './kinds/status-events.js';
import { students } from './kinds/students.js';

export {
  absentFields,
  type HandlerContext,
  type IdentityChange,
  type ParsedRow,
  type RecordHandler,
} from './kinds/context.js';
export { OUT_OF_SCOPE_STUDENT } from './kinds/students.js';

export const RECORD_HANDLERS: Readonly<Record<RecordKind, RecordHandler<never>>> = {
  'module-results': moduleResults,
  enrollments,
  students,
  'status-events': statusEvents,
  'scholarship-payments': scholarshipPayments,
  interventions,
  certifications,
  attendance,
  programs,
};
