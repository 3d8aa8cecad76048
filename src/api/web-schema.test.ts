/**
 * The web's API types (web/generated/api-schema.gen.ts) are generated from the OpenAPI document by openapi-typescript:
 * this test fails when the committed file is stale, and `npm run gen:api` (this test with -u) rewrites it.
 */
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import type { Io } from '../cli/io.js';

const TARGET = '../../web/generated/api-schema.gen.ts';
const HEADER =
  '// Generated from the OpenAPI document (trayecto openapi) by openapi-typescript: do not edit.\n' +
  '// npm run gen:api rewrites it; src/api/web-schema.test.ts fails when it is stale.\n\n';

describe('web/generated/api-schema.gen.ts', () => {
  it('is what openapi-typescript makes of the current document (npm run gen:api)', async () => {
    let out = '';
    const io: Io = { out: (t) => void (out += t), err: () => {}, env: {}, errIsTty: false };
    expect(await main(['openapi'], io)).toBe(0);
    const ast = await openapiTS(JSON.parse(out) as Parameters<typeof openapiTS>[0], { immutable: true });
    const file = fileURLToPath(new URL(TARGET, import.meta.url));
    const text = await format(HEADER + astToString(ast), {
      ...(await resolveConfig(file)),
      filepath: file,
    });
    await expect(text).toMatchFileSnapshot(TARGET);
  });
});
