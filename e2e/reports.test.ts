/**
 * The reports as a reader sees them: `trayecto report` writes the 911 XLSX and the campus card PDF from a
 * small generated demo; LibreOffice (headless) prints the XLSX to PDF, poppler renders every PDF page to PNG,
 * and the images are checked: page count, A4 size, not blank, the flag colours on the card; the text layer has
 * the Spanish accents. Needs `soffice` (libreoffice-calc-nogui) and `pdftoppm`/`pdftotext` (poppler-utils);
 * .ci/run installs them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

let dir: string;
let db: string;
let cct: string;

const trayecto = (...args: string[]) => run([...args, '--db', db]);

interface Image {
  readonly width: number;
  readonly height: number;
  /** RGB, 3 bytes per pixel. */
  readonly rgb: Uint8Array;
}

/** A minimal PNG decoder for pdftoppm's output (8-bit RGB, non-interlaced): enough to look at the pixels. */
function decodePng(buf: Buffer): Image {
  expect(buf.subarray(1, 4).toString()).toBe('PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString();
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 2, 0]); // 8-bit, RGB, not interlaced
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 3 ? rgb[y * stride + x - 3]! : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + x]! : 0;
      const c = x >= 3 && y > 0 ? rgb[(y - 1) * stride + x - 3]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rgb[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, rgb };
}

/** Share of pixels that are not (near) white. */
function inkShare(img: Image): number {
  let ink = 0;
  for (let i = 0; i < img.rgb.length; i += 3)
    if (img.rgb[i]! < 235 || img.rgb[i + 1]! < 235 || img.rgb[i + 2]! < 235) ink++;
  return ink / (img.width * img.height);
}

/** Whether some pixel is close to a colour (the card's flag boxes). */
function hasColour(img: Image, [r, g, b]: readonly [number, number, number]): boolean {
  for (let i = 0; i < img.rgb.length; i += 3)
    if (
      Math.abs(img.rgb[i]! - r) < 12 &&
      Math.abs(img.rgb[i + 1]! - g) < 12 &&
      Math.abs(img.rgb[i + 2]! - b) < 12
    )
      return true;
  return false;
}

/** Renders every page of a PDF at 40 dpi; returns the pages in order. */
function pages(pdf: string): Image[] {
  const prefix = join(dir, 'png', pdf.replace(/\W/g, '_'));
  execFileSync('pdftoppm', ['-png', '-r', '40', pdf, prefix]);
  const base = prefix.split('/').at(-1)!;
  return readdirSync(join(dir, 'png'))
    .filter((f) => f.startsWith(`${base}-`))
    .sort()
    .map((f) => decodePng(readFileSync(join(dir, 'png', f))));
}

const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-']).toString();

describe('reports rendered (LibreOffice, poppler)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trayecto-reports-'));
    mkdirSync(join(dir, 'png'));
    db = join(dir, 'demo.db');
    const g = await run(['generate', '--scale', '0.01', '--db', db]);
    expect(g.code, g.err).toBe(0);
    const sqlite = new SQLite(db, { readonly: true });
    cct = (
      sqlite
        .prepare(
          `select c.cct from flow_counts_campus f join campuses c on c.id = f.campus_id
           where f.school_year = '2024-2025' group by c.cct order by sum(f.mt) desc limit 1`,
        )
        .get() as { cct: string }
    ).cct;
    sqlite.close();
    for (const [kind, unit, out] of [
      ['911-inicio', ['--state', '9'], 'inicio.xlsx'],
      ['911-fin', ['--campus', cct, '--public'], 'fin-publica.xlsx'],
      ['boleta', ['--campus', cct], 'boleta.pdf'],
      ['boleta', ['--campus', cct, '--public', '--threshold', '10'], 'boleta-publica.pdf'],
    ] as const) {
      const r = await trayecto('report', kind, ...unit, '--year', '2024-2025', '--out', join(dir, out));
      expect(r.code, r.err).toBe(0);
    }
    // One LibreOffice run for both workbooks, with a profile of its own (parallel runs do not collide).
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, 'inicio.xlsx'),
        join(dir, 'fin-publica.xlsx'),
      ],
      { stdio: 'pipe', timeout: 90_000 },
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the start-of-year workbook prints as a cover and one page per section, none blank', () => {
    const imgs = pages(join(dir, 'inicio.pdf'));
    expect(imgs.length).toBe(5); // Portada + 4 sections, each fitted to one page wide
    for (const img of imgs) {
      expect(img.width).toBeGreaterThan(300);
      expect(inkShare(img)).toBeGreaterThan(0.003);
    }
    const t = text(join(dir, 'inicio.pdf'));
    expect(t).toContain('Estadística de inicio de cursos');
    expect(t).toContain('Ciudad de México');
    expect(t).toContain('Alumnos inscritos por edad, grado y sexo');
    expect(t).toContain('Versión');
  });

  it('the public end-of-year workbook prints its six sections with suppressed cells marked', () => {
    const imgs = pages(join(dir, 'fin-publica.pdf'));
    expect(imgs.length).toBe(7);
    for (const img of imgs) expect(inkShare(img)).toBeGreaterThan(0.003);
    const t = text(join(dir, 'fin-publica.pdf'));
    expect(t).toContain('Pública');
    expect(t).toContain('Bajas definitivas por motivo y sexo');
    expect(t).toMatch(/\s\*\s/);
  });

  it('the report card is two A4 pages with the charts, the flags and correct accents', () => {
    const imgs = pages(join(dir, 'boleta.pdf'));
    expect(imgs.length).toBe(2);
    for (const img of imgs) {
      expect(img.height / img.width).toBeCloseTo(841.89 / 595.28, 2);
      expect(inkShare(img)).toBeGreaterThan(0.02);
    }
    expect(hasColour(imgs[0]!, [0x1f, 0x4e, 0x5f])).toBe(true); // header band
    expect(hasColour(imgs[0]!, [0x2e, 0x7d, 0x32])).toBe(true); // verde
    expect(hasColour(imgs[1]!, [0xd9, 0x8c, 0x2b])).toBe(true); // state series in the charts
    const t = text(join(dir, 'boleta.pdf'));
    for (const s of [
      'Boleta de plantel',
      'Matrícula de inicio',
      'Reprobación',
      'Tendencias por ciclo escolar',
      cct,
    ])
      expect(t).toContain(s);
    const fonts = execFileSync('pdffonts', [join(dir, 'boleta.pdf')]).toString();
    expect(fonts).toContain('DejaVuSans');
  });

  it('explains bad invocations in Spanish with the usual exit codes', async () => {
    const out = join(dir, 'x.xlsx');
    const unknown = await trayecto('report', '912', '--national', '--out', out);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Informe desconocido: "912"');
    const noOut = await trayecto('report', '911-fin', '--national');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('Falta --out');
    const two = await trayecto('report', '911-fin', '--national', '--state', '9', '--out', out);
    expect(two.code).toBe(2);
    expect(two.err).toContain('exactamente una unidad');
    const campus = await trayecto('report', '911-fin', '--campus', '99XXX0000Z', '--out', out);
    expect(campus.code).toBe(3);
    expect(campus.err).toContain('Plantel desconocido');
    const threshold = await trayecto('report', '911-fin', '--national', '--threshold', '3', '--out', out);
    expect(threshold.code).toBe(2);
    expect(threshold.err).toContain('--threshold solo aplica con --public');
  });

  it('the public card says so', () => {
    expect(pages(join(dir, 'boleta-publica.pdf')).length).toBe(2);
    expect(text(join(dir, 'boleta-publica.pdf'))).toContain('Versión pública');
  });
});
