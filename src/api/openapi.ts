/**
 * The OpenAPI 3.1 document of the API: what the routes declare (zod-openapi), completed here with what is
 * common to every operation and therefore written once: the session cookie as security scheme, a stable
 * operationId, the answers every route can give through the shared middleware (401 without a session, 413 for a
 * body over the limit, 429 when throttled), the CSV and XLSX alternatives of routes that take `format`, and the
 * upload body of the import route. `redocly lint` checks the result in CI (redocly.yaml).
 */
import type { Api } from './context.js';

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: { enum?: string[] } }[];
  responses?: Record<string, Json>;
  requestBody?: Json;
  security?: Json[];
}

export const SESSION_SCHEME = 'session';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const VERBS: Readonly<Record<(typeof METHODS)[number], string>> = {
  get: 'get',
  put: 'replace',
  post: 'create',
  patch: 'update',
  delete: 'delete',
};
const ERROR = { $ref: '#/components/schemas/Error' };
const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR } },
});
const MEDIA = {
  csv: { 'text/csv': { schema: { type: 'string' } } },
  xlsx: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
} as const;

/** "get /api/v1/students/{id}/risk" → "getStudentsRiskById"; "get /api/v1/reports/911-inicio" → "getReports911Inicio". */
export function operationIdFor(method: string, path: string): string {
  const words: string[] = [];
  const bys: string[] = [];
  for (const segment of path.replace(/^\/api\/v1\//, '').split('/')) {
    const param = /^\{(.+)\}$/.exec(segment)?.[1];
    const parts = (param ?? segment).split(/[^A-Za-z0-9]+/).filter(Boolean);
    const camel = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
    (param ? bys : words).push(camel);
  }
  const verb = VERBS[method as keyof typeof VERBS] ?? method;
  return verb + words.join('') + (bys.length > 0 ? `By${bys.join('And')}` : '');
}

/** Completes a generated document in place and returns it. */
export function completeDocument(doc: Json, uploadLimitBytes: number): Json {
  doc.servers = [{ url: '/', description: 'Este servidor (la API y el tablero se sirven juntos)' }];
  const info = (doc.info ?? {}) as Json;
  info.license = { name: 'MIT', identifier: 'MIT' };
  const components = (doc.components ?? {}) as Json;
  components.securitySchemes = {
    [SESSION_SCHEME]: {
      type: 'apiKey',
      in: 'cookie',
      name: 'trayecto_session',
      description: 'Cookie de sesión (HttpOnly, SameSite=Strict) que entrega POST /api/v1/session.',
    },
  };
  doc.components = components;
  doc.security = [{ [SESSION_SCHEME]: [] }];
  const paths = (doc.paths ?? {}) as Record<string, Partial<Record<string, Operation>>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.operationId ??= operationIdFor(method, path);
      const responses = (op.responses ??= {});
      const signIn = method === 'post' && path === '/api/v1/session';
      if (signIn) op.security = [];
      else responses['401'] ??= errorAnswer('Sin sesión, o la sesión expiró');
      responses['429'] ??= errorAnswer('Demasiadas solicitudes: espere lo que indica Retry-After');
      if (method !== 'get' && method !== 'delete')
        responses['413'] ??= errorAnswer('La solicitud es demasiado grande');
      const format = op.parameters?.find((p) => p.name === 'format' && p.in === 'query');
      const ok = responses['200'] as { content?: Json } | undefined;
      if (format?.schema?.enum && ok) {
        ok.content ??= {};
        if (format.schema.enum.includes('csv')) Object.assign(ok.content, MEDIA.csv);
        if (format.schema.enum.includes('xlsx')) Object.assign(ok.content, MEDIA.xlsx);
      }
    }
  }
  const upload = paths['/api/v1/imports/{kind}']?.post;
  if (upload && !upload.requestBody) upload.requestBody = uploadBody(uploadLimitBytes);
  return doc;
}

function uploadBody(limit: number): Json {
  const file = { type: 'string', format: 'binary' };
  return {
    required: true,
    description: `El archivo CSV o XLSX (hasta ${limit / 1024 / 1024} MB): como campo "file" de un formulario, o como el cuerpo mismo con ?filename=.`,
    content: {
      'multipart/form-data': {
        schema: { type: 'object', required: ['file'], properties: { file } },
      },
      'text/csv': { schema: file },
      ...MEDIA.xlsx,
    },
  };
}

/** The document of an app, completed (computed once per app: the routes do not change after start). */
export function openApiDocument(app: Api, uploadLimitBytes: number): () => Json {
  let doc: Json | undefined;
  return () =>
    (doc ??= completeDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Trayecto API',
          version: '1',
          description:
            'Indicadores oficiales SEP, trayectorias estudiantiles, alerta temprana e intervenciones. Las tasas ' +
            'vienen con precisión completa; los errores, como { error: { code, message } } en español.',
        },
      }) as unknown as Json,
      uploadLimitBytes,
    ));
}
