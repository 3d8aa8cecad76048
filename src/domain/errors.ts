/**
 * The one application error type. Services throw it; cli/ (exit codes) and api/ (HTTP statuses) map
 * its kind in one place each. Messages are written for end users, in Spanish.
 */
export type ErrorKind = 'invalid' | 'unauthorized' | 'not_found' | 'conflict' | 'forbidden' | 'unavailable';

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details: readonly string[];

  constructor(kind: ErrorKind, code: string, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const invalid = (code: string, message: string, details: readonly string[] = []) =>
  new AppError('invalid', code, message, details);
export const notFound = (code: string, message: string, details: readonly string[] = []) =>
  new AppError('not_found', code, message, details);
