/** The one place where application errors become HTTP answers: `{ error: { code, message } }`. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorKind } from '../domain/errors.js';
import { BUSY_RETRY_AFTER_SECONDS, databaseBusy } from '../storage/db.js';

export const HTTP_STATUS: Readonly<Record<ErrorKind, ContentfulStatusCode>> = {
  invalid: 400,
  unauthorized: 401,
  // Outside the user's scope a record does not exist: the same answer as an unknown id.
  forbidden: 404,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

const HTTP_REFUSALS: Readonly<Record<number, readonly [string, string]>> = {
  400: ['invalid_body', 'El cuerpo de la solicitud no es válido'],
  403: ['forbidden_origin', 'Solicitud rechazada: origen no permitido'],
  405: ['method_not_allowed', 'Método no permitido'],
  415: ['unsupported_media_type', 'Tipo de contenido no admitido'],
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** 429 with Retry-After and the error envelope. */
export function tooManyRequests(c: Context, seconds: number) {
  c.header('Retry-After', String(seconds));
  return c.json(
    errorBody('rate_limited', `Demasiadas solicitudes: espere ${seconds} s e intente de nuevo`),
    429,
  );
}

export function errorResponse(c: Context, err: unknown, log: (e: Record<string, unknown>) => void) {
  // Another connection held the write lock past the busy timeout (a CLI import): try again, never a 500.
  const busy = databaseBusy(err);
  if (busy) {
    c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    return c.json(errorBody(busy.code, busy.message), 503);
  }
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message), HTTP_STATUS[err.kind]);
  if (err instanceof Error && 'status' in err && err.status === 413) {
    // An upload over its limit names it (api/upload-file.ts); any other body gets the general answer.
    if ('code' in err && err.code === 'file_too_large')
      return c.json(errorBody('file_too_large', err.message), 413);
    return c.json(errorBody('payload_too_large', 'La solicitud es demasiado grande'), 413);
  }
  // Hono's own refusals (CSRF origin check, malformed JSON body, …) keep their 4xx status, in the envelope.
  if (err instanceof HTTPException && err.status >= 400 && err.status < 500) {
    const [code, message] = HTTP_REFUSALS[err.status] ?? ['bad_request', 'Solicitud inválida'];
    return c.json(errorBody(code, message), err.status);
  }
  log({
    level: 'error',
    requestId: c.get('requestId') as string | undefined,
    error: err instanceof Error ? err.name : 'unknown',
    detail: err instanceof Error ? err.message.slice(0, 200) : '',
  });
  return c.json(
    errorBody(
      'internal_error',
      'Error interno: intente de nuevo; si persiste, avise al equipo con el identificador de solicitud',
    ),
    500,
  );
}
