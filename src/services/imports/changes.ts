/**
 * The stored values a dry run would change (issue 12: imports never change a number silently): each change as
 * pseudonymous student id, line, field (the file's Spanish column, or the stored column it derives) and the
 * values before and after. The listing is capped; the total is always counted. Names are listed as changed,
 * never shown (they are personal data; the identity audit keeps them for audit readers).
 */
import type { RecordKind } from '../../ingest/record-kinds.js';
import { RECORD_FIELDS } from '../../ingest/record-kinds.js';
import type { Pseudonymizer } from '../accounts/index.js';

export type ChangedValue = string | number | null;

export interface ValueChange {
  /** Pseudonymous id of the student (null for the program catalog, or without a pseudonym key). */
  readonly student: string | null;
  readonly line: number;
  readonly field: string;
  readonly before: ChangedValue;
  readonly after: ChangedValue;
}

export interface ValueChanges {
  readonly total: number;
  readonly items: readonly ValueChange[];
}

/** Default cap of the listing (the API answers it; the CLI prints the first ones). */
export const MAX_CHANGES_LISTED = 1000;

/** Stored columns that are not a column of the file, by their Spanish name. */
const DERIVED_LABELS: Readonly<Record<string, string>> = {
  passed: 'aprobado',
  delay_days: 'dias_retraso',
  campus_id: 'plantel (id)',
  program_id: 'carrera (id)',
  entry_campus_id: 'plantel de ingreso (id)',
  to_campus_id: 'plantel destino (id)',
  updated_at: 'actualizado',
};

const HIDDEN = new Set(['given_names', 'first_surname', 'second_surname', 'search_key', 'curp']);

/** What handlers note changes to (ctx.changeLog; present on dry runs only). */
export interface ChangeLog {
  note(studentId: number | null, line: number, column: string, before: unknown, after: unknown): void;
}

export class ChangeListing implements ChangeLog {
  private count = 0;
  private readonly items: ValueChange[] = [];
  private readonly labels: Map<string, string>;
  constructor(
    kind: RecordKind,
    private readonly cap: number,
    private readonly pseudonyms: Pseudonymizer | undefined,
  ) {
    this.labels = new Map(RECORD_FIELDS[kind].map((f) => [f.key, f.names[0] ?? f.key]));
  }
  note(studentId: number | null, line: number, column: string, before: unknown, after: unknown): void {
    this.count++;
    if (this.items.length >= this.cap) return;
    const hidden = HIDDEN.has(column);
    this.items.push({
      student: studentId === null || !this.pseudonyms ? null : this.pseudonyms.toPseudonym(studentId),
      line,
      field: this.labels.get(column) ?? DERIVED_LABELS[column] ?? column,
      before: hidden ? '(oculto)' : value(before),
      after: hidden ? '(oculto)' : value(after),
    });
  }
  result(): ValueChanges {
    return { total: this.count, items: [...this.items].sort((a, b) => a.line - b.line) };
  }
}

function value(v: unknown): ChangedValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

export const NO_CHANGES: ValueChanges = { total: 0, items: [] };
