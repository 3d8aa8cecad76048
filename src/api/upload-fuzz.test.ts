/**
 * Upload fuzzing (fast-check), the write side of src/api/fuzz.test.ts: random multipart bodies (boundaries
 * odd or missing, no closing boundary, parts without a file, several files) and raw bodies carrying random or
 * damaged workbooks (test-support/xlsx-arbitrary.ts), CSV-shaped text or random bytes, posted to the import
 * route. Every answer must be below 500: a 200 summary or a 4xx in the error envelope.
 * TRAYECTO_FUZZ_UPLOADS and TRAYECTO_FUZZ_SEED change the defaults.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { RECORD_FIELDS, RECORD_KINDS } from '../ingest/record-kinds.js';
import { describeEachDialect } from '../test-support/stores.js';
import { xlsxBytes } from '../test-support/xlsx-arbitrary.js';
import { ORIGIN, createHarness, login, type Harness } from './test-helpers.js';

const SEED = Number(process.env.TRAYECTO_FUZZ_SEED ?? 20_261_128);
const UPLOADS = Number(process.env.TRAYECTO_FUZZ_UPLOADS ?? 300);

const csvText = fc
  .tuple(
    fc.constantFrom(...RECORD_KINDS.map((k) => RECORD_FIELDS[k].map((f) => f.names[0] ?? f.key).join(','))),
    fc.array(
      fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', '"', '81%', '2024-2025')), {
        maxLength: 9,
      }),
      {
        maxLength: 6,
      },
    ),
  )
  .map(([h, rows]) => Buffer.from([h, ...rows.map((r) => r.join(','))].join('\r\n')));

const content = fc.oneof(
  csvText.map((b) => Promise.resolve(b)),
  xlsxBytes,
  fc.uint8Array({ maxLength: 500 }).map((b) => Promise.resolve(Buffer.from(b))),
);

const upload = fc.record({
  kind: fc.constantFrom(...RECORD_KINDS, 'counts'),
  role: fc.constantFrom('national' as const, 'campus' as const),
  dryRun: fc.constantFrom('true', 'true', 'false'),
  multipart: fc.boolean(),
  boundary: fc.constantFrom('zzz', '----WebKitFormBoundary7MA4YWxkTrZu0gW', '"q"', '', 'a b'),
  typeBoundary: fc.constantFrom('same', 'none', 'other'),
  parts: fc.array(
    fc.record({
      name: fc.constantFrom('file', 'file', 'otro', ''),
      filename: fc.constantFrom('a.csv', 'b.xlsx', '', undefined, 'x"y.xlsx'),
      content,
    }),
    { maxLength: 3 },
  ),
  closing: fc.constantFrom('proper', 'proper', 'missing', 'garbage', 'no-crlf'),
  eol: fc.constantFrom('\r\n', '\n'),
  filename: fc.constantFrom('a.csv', 'b.xlsx', undefined),
});

type Upload = typeof upload extends fc.Arbitrary<infer T> ? T : never;

async function requestOf(u: Upload, cookie: string): Promise<Request> {
  const q = new URLSearchParams({ dryRun: u.dryRun, ...(u.filename ? { filename: u.filename } : {}) });
  const url = `${ORIGIN}/api/v1/imports/${u.kind}?${q.toString()}`;
  const headers: Record<string, string> = { Origin: ORIGIN, Cookie: cookie };
  let body: Buffer;
  if (u.multipart) {
    const b = u.boundary.replace(/"/g, '');
    const pieces: Buffer[] = [];
    for (const p of u.parts) {
      const file = p.filename === undefined ? '' : `; filename="${p.filename}"`;
      pieces.push(
        Buffer.from(`--${b}${u.eol}Content-Disposition: form-data; name="${p.name}"${file}${u.eol}${u.eol}`),
      );
      pieces.push(await p.content, Buffer.from(u.eol));
    }
    if (u.closing === 'proper') pieces.push(Buffer.from(`--${b}--${u.eol}`));
    else if (u.closing === 'garbage') pieces.push(Buffer.from(`--${b}-`));
    else if (u.closing === 'no-crlf') pieces.push(Buffer.from(`--${b}--`));
    body = Buffer.concat(pieces);
    const param =
      u.typeBoundary === 'none' ? '' : `; boundary=${u.typeBoundary === 'same' ? u.boundary : 'otro'}`;
    headers['Content-Type'] = `multipart/form-data${param}`;
  } else {
    body = u.parts[0] ? await u.parts[0].content : Buffer.alloc(0);
    headers['Content-Type'] = 'application/octet-stream';
  }
  return new Request(url, { method: 'POST', headers, body: new Uint8Array(body) });
}

describeEachDialect('upload fuzzing: never a 5xx', ({ dialect, store }) => {
  let h: Harness;
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    h = await createHarness(store());
    for (const role of ['national', 'campus'] as const) cookies.set(role, await login(h, role));
  }, 120_000);

  const n = dialect === 'sqlite' ? UPLOADS : Math.ceil(UPLOADS / 4);
  it(`answers ${n} random uploads with a 200 summary or a 4xx envelope`, async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const u of fc.sample(upload, { numRuns: n, seed: SEED })) {
      const req = await requestOf(u, cookies.get(u.role) ?? '');
      const res = await h.app.request(req);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      const body = (() => {
        try {
          return JSON.parse(text) as { error?: { code?: string }; rejected?: boolean };
        } catch {
          return null;
        }
      })();
      const fine =
        res.status < 500 &&
        (res.status === 200 ? typeof body?.rejected === 'boolean' : typeof body?.error?.code === 'string');
      if (!fine)
        failures.push(`${res.status} ${u.kind} multipart=${u.multipart} ${u.closing}: ${text.slice(0, 200)}`);
    }
    console.log(`[fuzz] uploads (${dialect}): ${[...statuses].map(([s, c]) => `${s}×${c}`).join(' ')}`);
    expect(failures).toEqual([]);
  }, 300_000);
});
