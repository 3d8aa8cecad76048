/**
 * Initial JavaScript of the built web app: the scripts web/dist/index.html loads (<script src> and
 * <link rel="modulepreload">) and what they import statically (fetched before the entry runs), gzipped with
 * node:zlib. Also, for the record, the national page's total: the initial files plus the lazily loaded
 * NacionalPage chunk and its static imports (ECharts among them), which the first dashboard render needs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

export interface JsFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundleReport {
  readonly indexHtml: string;
  readonly gzipLevel: number;
  /** What index.html names, then the static imports found by following them. */
  readonly initial: readonly JsFile[];
  readonly initialGzipBytes: number;
  /** Added by the national page's lazy chunk (with its static imports). */
  readonly nationalPageExtra: readonly JsFile[];
  readonly nationalPageGzipBytes: number;
}

const GZIP_LEVEL = constants.Z_DEFAULT_COMPRESSION; // level 6, what servers and CDNs use on the fly

/** <script src> and <link rel="modulepreload" href> of an HTML page, in document order. */
export function initialScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const tag = (m[1] ?? '').toLowerCase();
    const attrs = m[2] ?? '';
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(attrs)?.[1];
    if (tag === 'script') {
      const src = attr('src');
      if (src) out.push(src);
    } else if (/\bmodulepreload\b/i.test(attr('rel') ?? '')) {
      const href = attr('href');
      if (href) out.push(href);
    }
  }
  return out;
}

/** Relative static imports of an ES module (`import … from "./x.js"`, `import "./x.js"`), not import(). */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => m[1] ?? '');
}

function lazyChunk(code: string, name: string): string | null {
  const m = new RegExp(`import\\(\\s*[\`"'](\\.{1,2}/${name}-[^\`"']+\\.js)[\`"']\\s*\\)`).exec(code);
  return m?.[1] ?? null;
}

export function measureBundle(root: string): BundleReport {
  const webDist = join(root, 'web', 'dist');
  const indexFile = join(webDist, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${indexFile} is missing: run npm run build`);
  const html = readFileSync(indexFile, 'utf8');
  const seen = new Set<string>();
  const files: JsFile[] = [];
  const visit = (file: string, into: JsFile[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file);
    into.push({
      file: relative(webDist, file),
      bytes: code.length,
      gzipBytes: gzipSync(code, { level: GZIP_LEVEL }).length,
    });
    for (const imp of staticImports(code.toString('utf8'))) visit(normalize(join(dirname(file), imp)), into);
  };
  for (const src of initialScripts(html)) {
    if (/^[a-z]+:\/\//i.test(src))
      throw new Error(`index.html loads a remote script (${src}): not measurable`);
    visit(join(webDist, src.replace(/^\//, '').split('?')[0] ?? ''), files);
  }
  if (files.length === 0) throw new Error('index.html loads no script');
  const extra: JsFile[] = [];
  for (const f of [...files]) {
    const file = join(webDist, f.file);
    const chunk = lazyChunk(readFileSync(file, 'utf8'), 'NacionalPage');
    if (chunk) visit(normalize(join(dirname(file), chunk)), extra);
  }
  const sum = (list: readonly JsFile[]) => list.reduce((a, f) => a + f.gzipBytes, 0);
  return {
    indexHtml: relative(root, indexFile),
    gzipLevel: 6,
    initial: files,
    initialGzipBytes: sum(files),
    nationalPageExtra: extra,
    nationalPageGzipBytes: sum(files) + sum(extra),
  };
}
