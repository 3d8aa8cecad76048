/**
 * The language of the API's messages (docs/API.md, "Idioma"): `lang=en` or `lang=es` in the query decides;
 * without it, the Accept-Language header's preferred language (the web app sends its own setting there);
 * Spanish otherwise. Error envelopes and the row-level issues of import answers are put in that language from
 * the one message table (domain/error-messages); everything else keeps its codes.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { localizeIssue, localizeMessage, type MessageLang } from '../domain/error-messages/index.js';

/** The preferred language of an Accept-Language header: the highest q (first on ties), 'en' or 'es'. */
export function acceptedLanguage(header: string | undefined): MessageLang {
  let best: { lang: string; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!tag || !Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: tag.toLowerCase(), q };
  }
  return best && (best.lang === 'en' || best.lang.startsWith('en-')) ? 'en' : 'es';
}

export function requestLanguage(c: Context): MessageLang {
  const asked = c.req.query('lang');
  if (asked === 'en' || asked === 'es') return asked;
  return acceptedLanguage(c.req.header('accept-language'));
}

interface Envelope {
  error?: { code?: unknown; message?: unknown };
  issues?: unknown;
}

function translated(body: Envelope): Envelope | null {
  const err = body.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string')
    return { ...body, error: { ...err, message: localizeMessage(err.code, err.message, 'en') } };
  if (Array.isArray(body.issues))
    return {
      ...body,
      issues: body.issues.map((i: unknown) =>
        typeof i === 'object' && i !== null && 'message' in i && typeof i.message === 'string'
          ? { ...i, message: localizeIssue(i.message, 'en') }
          : i,
      ),
    };
  return null;
}

/** Puts error answers (every status ≥ 400) and import answers in English when the request asks for it. */
export const messageLanguage: MiddlewareHandler = async (c, next) => {
  await next();
  const relevant = c.res.status >= 400 || c.req.path.startsWith('/api/v1/imports');
  if (!relevant || !(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
  if (requestLanguage(c) !== 'en') return;
  const body = await c.res.clone().json();
  if (typeof body !== 'object' || body === null) return;
  const english = translated(body);
  if (!english) return;
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(JSON.stringify(english), { status: c.res.status, headers });
};
