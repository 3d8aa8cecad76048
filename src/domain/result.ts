/** Parsers and validators return results instead of throwing. */
export type Result<T, I = string> = { ok: true; value: T } | { ok: false; issues: I[] };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
