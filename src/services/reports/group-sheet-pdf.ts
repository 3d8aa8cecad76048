/**
 * The group sheet as a printable A4 landscape PDF for the staff meeting: the group's header (campus, program,
 * semester, group, cut-off), one row per student with the overall band and a semáforo per dimension, each as
 * colour + word + value (readable in black and white), the last action, and the thresholds behind the
 * colours. Same fonts and colours as the campus report card (card-pdf.ts).
 */
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { SHEET_DIMENSIONS } from '../../domain/group-sheet.js';
import type { RiskFlag } from '../../domain/interventions.js';
import type { GroupSheet, GroupSheetRow } from '../interventions/index.js';
import { sheetText, type SheetLang, type SheetText } from './group-sheet-text.js';

const font = (file: string) => fileURLToPath(new URL(`../../../assets/fonts/${file}`, import.meta.url));
const REGULAR = 'DejaVu';
const BOLD = 'DejaVu-Bold';
const MARGIN = 32;
const PAGE_W = 841.89;
const PAGE_H = 595.28;
const INK = '#1b1b1b';
const MUTED = '#5b5b5b';
const HEADER = '#1f4e5f';
const FLAG_COLORS: Record<RiskFlag, string> = { verde: '#2e7d32', amarillo: '#c99a06', rojo: '#c62828' };
const ROW_H = 26;

type Doc = PDFKit.PDFDocument;

/** Column x positions and widths: student, semester, band, four dimensions, last action. */
const COLS = (() => {
  const widths = [170, 34, 72, 88, 88, 88, 88, 150];
  const xs: number[] = [];
  let x = MARGIN;
  for (const w of widths) {
    xs.push(x);
    x += w;
  }
  return { xs, widths };
})();

export async function groupSheetPdf(sheet: GroupSheet, lang: SheetLang = 'es'): Promise<Buffer> {
  const text = sheetText(sheet, lang);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: {
      Title: `${text.title} · ${sheet.campus.cct} · ${sheet.schoolYear}`,
      Author: 'Trayecto',
      Subject: text.place,
    },
  });
  doc.registerFont(REGULAR, font('DejaVuSans.ttf'));
  doc.registerFont(BOLD, font('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let y = header(doc, text);
  y = tableHeader(doc, text, y);
  for (const r of sheet.rows) {
    if (y + ROW_H > PAGE_H - MARGIN - 70) {
      doc.addPage();
      y = tableHeader(doc, text, MARGIN);
    }
    row(doc, text, r, y);
    y += ROW_H;
  }
  legend(doc, text, y + 10);
  doc.end();
  return done;
}

function header(doc: Doc, t: SheetText): number {
  doc.rect(0, 0, PAGE_W, 62).fill(HEADER);
  doc.fillColor('#ffffff').font(BOLD).fontSize(16).text(t.title, MARGIN, 14, { lineBreak: false });
  doc
    .font(REGULAR)
    .fontSize(9.5)
    .text(t.place, MARGIN, 38, { width: PAGE_W - 2 * MARGIN, lineBreak: false });
  doc
    .fillColor(MUTED)
    .fontSize(8.5)
    .text(`${t.summary} · ${t.privacy}`, MARGIN, 70, { width: PAGE_W - 2 * MARGIN });
  return doc.y + 6;
}

function tableHeader(doc: Doc, text: SheetText, y: number): number {
  const titles = text.pdfColumns;
  doc.rect(MARGIN, y, PAGE_W - 2 * MARGIN, 20).fill('#e8eef0');
  doc.fillColor(INK).font(BOLD).fontSize(8);
  titles.forEach((t, i) =>
    doc.text(t, COLS.xs[i]! + 3, y + 6, { width: COLS.widths[i]! - 6, lineBreak: false }),
  );
  return y + 22;
}

/** A semáforo cell: a coloured square, the word, and what the student has on it. */
function flagCell(
  doc: Doc,
  x: number,
  y: number,
  w: number,
  flag: { readonly flag: RiskFlag; readonly word: string } | null,
  value: string,
) {
  if (flag === null) {
    doc
      .fillColor(MUTED)
      .font(REGULAR)
      .fontSize(8)
      .text('—', x + 3, y + 8, { lineBreak: false });
    return;
  }
  doc.rect(x + 3, y + 5, 9, 9).fill(FLAG_COLORS[flag.flag]);
  doc
    .fillColor(INK)
    .font(BOLD)
    .fontSize(8)
    .text(flag.word, x + 15, y + 5, { width: w - 18, lineBreak: false });
  if (value)
    doc
      .font(REGULAR)
      .fontSize(7)
      .fillColor(MUTED)
      .text(value, x + 15, y + 15, { width: w - 18, lineBreak: false });
}

function row(doc: Doc, text: SheetText, r: GroupSheetRow, y: number): void {
  const band = (f: RiskFlag | null | undefined) => (f ? { flag: f, word: text.flag(f) } : null);
  doc
    .moveTo(MARGIN, y + ROW_H - 1)
    .lineTo(PAGE_W - MARGIN, y + ROW_H - 1)
    .lineWidth(0.4)
    .strokeColor('#b0b7bb')
    .stroke();
  const [xStudent, xSem, xBand] = COLS.xs as [number, number, number];
  doc
    .fillColor(INK)
    .font(BOLD)
    .fontSize(8)
    .text(r.name ?? r.student, xStudent + 3, y + 5, { width: COLS.widths[0]! - 6, lineBreak: false });
  doc
    .font(REGULAR)
    .fontSize(7)
    .fillColor(MUTED)
    .text(r.name ? r.student : r.status === 'completed' ? '' : r.status, xStudent + 3, y + 15, {
      width: COLS.widths[0]! - 6,
      lineBreak: false,
    });
  doc
    .fillColor(INK)
    .font(REGULAR)
    .fontSize(8)
    .text(String(r.semester), xSem + 3, y + 8, { lineBreak: false });
  const p = r.probability === null ? '' : text.probability(r.probability);
  flagCell(doc, xBand, y, COLS.widths[2]!, band(r.flag), r.flag === null ? '' : p);
  SHEET_DIMENSIONS.forEach((d, i) => {
    flagCell(doc, COLS.xs[3 + i]!, y, COLS.widths[3 + i]!, band(r.dimensions?.[d].flag), text.value(r, d));
  });
  const xa = COLS.xs[7]!;
  const wa = COLS.widths[7]! - 6;
  doc
    .fillColor(r.lastAction ? INK : MUTED)
    .font(REGULAR)
    .fontSize(7.5)
    .text(r.lastAction ? r.lastAction.date : text.noAction, xa + 3, y + 5, {
      width: wa,
      lineBreak: false,
    });
  if (r.lastAction)
    doc
      .fillColor(MUTED)
      .fontSize(7)
      .text(text.lastAction(r) ?? '', xa + 3, y + 15, { width: wa, lineBreak: false });
}

function legend(doc: Doc, t: SheetText, y: number): void {
  if (y > PAGE_H - MARGIN - 60) {
    doc.addPage();
    y = MARGIN;
  }
  doc.fillColor(INK).font(BOLD).fontSize(8).text(t.legendTitle, MARGIN, y);
  doc.font(REGULAR).fontSize(7.5).fillColor(MUTED);
  for (const d of SHEET_DIMENSIONS) doc.text(t.legend(d), MARGIN, doc.y + 1, { width: PAGE_W - 2 * MARGIN });
  doc.text(t.overallLegend, MARGIN, doc.y + 1, { width: PAGE_W - 2 * MARGIN });
}
