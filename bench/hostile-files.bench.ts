/**
 * Hostile files (`npm run bench:hostile`, finding 11.4): builds each file of the finding at run time under
 * data/bench-hostile/ (never committed), then reads it in a child process of its own as the API does (the
 * whole upload in memory, then the streaming reader with the default limits), and reports the time to the
 * refusal (or to the last row), the CPU time it took (apart from other load on the machine) and the child's
 * peak RSS. Count tables (`*.counts.csv`) are read as the counts import reads them. Two files that must pass: a national semester CSV
 * (2.3 M rows, about 127 MB) and a workbook of 200,000 rows. Writes bench/results/hostile-files-latest.json.
 *
 *   npm run bench:hostile -- [--only NAME] [--skip-legit]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseCountsCsv } from '../src/ingest/counts.js';
import { CsvFileError, openCsvStream } from '../src/ingest/csv-stream.js';
import { FileLimitError } from '../src/ingest/limits.js';
import { openXlsxStream } from '../src/ingest/xlsx-stream.js';
import { xlsxOf, type BookParts } from '../src/test-support/xlsx-builder.js';
import { renderTable } from './lib/report.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const DIR = join(ROOT, 'data', 'bench-hostile');
const MB = 1024 * 1024;
const TARGET_RSS_MB = 1536;
/** Refusal within this much CPU time (wall time on a machine shared with other load is longer). */
const TARGET_REFUSAL_MS = 10_000;

interface Case {
  readonly name: string;
  readonly what: string;
  readonly file: string;
  readonly legit: boolean;
  readonly build: (path: string) => Promise<void>;
}

const header =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>curp</t></is></c><c r="B1" t="inlineStr"><is><t>cct</t></is></c></row>';
const book = (parts: BookParts, lie?: number) => async (path: string) =>
  writeFileSync(path, await xlsxOf(parts, lie === undefined ? {} : { lie }));

// 65,536 shared strings per chunk of about 1 MB.
const sst80M = { head: '', chunk: '<si><t>a</t></si>'.repeat(65_536), times: 1221, tail: '' };
const sstLong = {
  head: '',
  chunk: `<si><t>${'x'.repeat(32_000)}</t></si>`.repeat(32),
  times: 3_300,
  tail: '',
};
const rowChunk = '<row><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>'.repeat(20_000);
const rows12G = { head: header, chunk: rowChunk, times: 1_200 * Math.round(MB / rowChunk.length), tail: '' };
const sharedOne = '<si><t>AAAA000101HDFXXX01</t></si>';

const CASES: readonly Case[] = [
  {
    name: 'sst-80M',
    what: 'XLSX, 80 M textos compartidos (1.3 GB), tamaños declarados',
    file: 'sst-80M.xlsx',
    legit: false,
    build: book({ rows: header, sharedStrings: sst80M }),
  },
  {
    name: 'sst-80M-lie',
    what: 'el mismo, tamaños declarados falsos',
    file: 'sst-80M-lie.xlsx',
    legit: false,
    build: book({ rows: header, sharedStrings: sst80M }, 1000),
  },
  {
    name: 'sst-3GB-lie',
    what: 'XLSX, textos compartidos de 3.3 GB, tamaños falsos',
    file: 'sst-3GB-lie.xlsx',
    legit: false,
    build: book({ rows: header, sharedStrings: sstLong }, 1000),
  },
  {
    name: 'rows-1.2GB',
    what: 'XLSX, 1.2 GB de filas, tamaños declarados',
    file: 'rows-1.2GB.xlsx',
    legit: false,
    build: book({ rows: rows12G, sharedStrings: sharedOne }),
  },
  {
    name: 'rows-1.2GB-lie',
    what: 'el mismo, tamaños declarados falsos',
    file: 'rows-1.2GB-lie.xlsx',
    legit: false,
    build: book({ rows: rows12G, sharedStrings: sharedOne }, 1000),
  },
  {
    name: 'csv-1M-columns',
    what: 'CSV, una fila de 1 M columnas',
    file: 'columns.csv',
    legit: false,
    build: (p) => Promise.resolve(writeFileSync(p, `curp,cct\nA,${'x,'.repeat(1_000_000)}x\n`)),
  },
  {
    name: 'csv-60MB-line',
    what: 'CSV, una línea de 60 MB',
    file: 'line.csv',
    legit: false,
    build: (p) => Promise.resolve(writeFileSync(p, `curp,cct\nA,${'x'.repeat(60 * MB)}\n`)),
  },
  {
    name: 'counts-1M-columns',
    what: 'CSV de conteos (kind=counts), una fila de 1 M columnas',
    file: 'conteos-columns.counts.csv',
    legit: false,
    build: (p) =>
      Promise.resolve(
        writeFileSync(
          p,
          `ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg\n2024-2025,MX,${'1,'.repeat(1_000_000)}1\n`,
        ),
      ),
  },
  {
    name: 'counts-60MB-line',
    what: 'CSV de conteos (kind=counts), una línea de 60 MB',
    file: 'conteos-line.counts.csv',
    legit: false,
    build: (p) =>
      Promise.resolve(
        writeFileSync(p, `ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg\n2024-2025,${'9'.repeat(60 * MB)}\n`),
      ),
  },
  {
    name: 'csv-national',
    what: 'CSV nacional: 2.3 M filas (debe pasar)',
    file: 'national.csv',
    legit: true,
    build: nationalCsv,
  },
  {
    name: 'xlsx-200k',
    what: 'XLSX de 200,000 filas (debe pasar)',
    file: 'rows-200k.xlsx',
    legit: true,
    build: book({
      rows: () =>
        (function* () {
          yield header;
          for (let r = 2; r <= 200_001; r++)
            yield `<row r="${r}"><c r="A${r}" t="s"><v>${r % 1000}</v></c><c r="B${r}"><v>${(r % 100) / 10}</v></c></row>`;
        })(),
      sharedStrings: Array.from(
        { length: 1000 },
        (_, k) => `<si><t>CURP${String(k).padStart(14, '0')}</t></si>`,
      ).join(''),
    }),
  },
];

/** 2.3 M rows of module results, about 127 MB. */
async function nationalCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok()));
  await write('curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia\n');
  let buf = '';
  for (let r = 0; r < 2_300_000; r++) {
    buf += `AAAA${String(r).padStart(6, '0')}HDFXXX01,09DPT0001A,2025-2026,1,M${r % 40},8.${r % 10},9${r % 10}\n`;
    if (buf.length > MB) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((ok) => out.end(() => ok()));
}

/** In the child: read one file as the API does and print one JSON line. */
async function child(path: string): Promise<void> {
  const t0 = performance.now();
  const bytes = readFileSync(path);
  let outcome: string;
  let rows = 0;
  try {
    if (path.endsWith('.counts.csv')) {
      // As the counts import reads an upload (services/imports/counts.ts): row issues are a rejection too.
      const r = await parseCountsCsv({ bytes }, path.split('/').pop() ?? path);
      if (!r.ok) throw new CsvFileError(r.issues[0] ?? { file: path, line: 0, message: '?' });
      rows = r.value.rows.length;
    } else {
      const s = path.endsWith('.xlsx')
        ? await openXlsxStream({ bytes }, path.split('/').pop() ?? path, undefined)
        : await openCsvStream({ bytes }, path.split('/').pop() ?? path);
      for await (const batch of s.batches) rows += batch.length;
    }
    outcome = `leído: ${rows} filas`;
  } catch (e) {
    if (!(e instanceof FileLimitError || e instanceof CsvFileError)) throw e;
    outcome = `rechazado: ${e.message.replace(/^[^:]+:\d+: /, '').slice(0, 110)}`;
  }
  const ms = performance.now() - t0;
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  console.log(JSON.stringify({ ms, cpuMs, rssMb: usage.maxRSS / 1024, rows, outcome }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] ?? '');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const skipLegit = args.includes('--skip-legit');
  mkdirSync(DIR, { recursive: true });
  const results: Record<string, unknown>[] = [];
  for (const c of CASES) {
    if ((only && c.name !== only) || (skipLegit && c.legit)) continue;
    const path = join(DIR, c.file);
    const b0 = performance.now();
    if (!existsSync(path)) await c.build(path);
    const buildMs = performance.now() - b0;
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', path], {
      encoding: 'utf8',
    });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    const r = (() => {
      try {
        return JSON.parse(line) as {
          ms: number;
          cpuMs: number;
          rssMb: number;
          rows: number;
          outcome: string;
        };
      } catch {
        return {
          ms: NaN,
          cpuMs: NaN,
          rssMb: NaN,
          rows: 0,
          outcome: `falló (${run.status}): ${run.stderr.slice(-300)}`,
        };
      }
    })();
    const ok =
      r.rssMb < TARGET_RSS_MB &&
      (c.legit
        ? r.outcome.startsWith('leído')
        : r.outcome.startsWith('rechazado') && r.cpuMs < TARGET_REFUSAL_MS);
    results.push({ name: c.name, what: c.what, sizeMb: statSync(path).size / MB, buildMs, ...r, ok });
    console.error(
      `${c.name}: ${r.outcome} in ${Math.round(r.ms)} ms (CPU ${Math.round(r.cpuMs)} ms), peak RSS ${Math.round(r.rssMb)} MB`,
    );
  }
  console.log(
    renderTable(
      ['archivo', 'MB', 'ms', 'CPU ms', 'RSS MB', 'ok', 'resultado'],
      results.map((r) => [
        String(r.name),
        (r.sizeMb as number).toFixed(1),
        String(Math.round(r.ms as number)),
        String(Math.round(r.cpuMs as number)),
        String(Math.round(r.rssMb as number)),
        r.ok ? 'sí' : 'NO',
        String(r.outcome),
      ]),
    ),
  );
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'hostile-files-latest.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        cpus: cpus().length,
        loadavg: loadavg(),
        targets: { rssMb: TARGET_RSS_MB, refusalMs: TARGET_REFUSAL_MS },
        results,
      },
      null,
      2,
    ),
  );
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

await main();
