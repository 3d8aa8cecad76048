/**
 * The campus report card as a two-page A4 PDF: page 1 the indicators of the school year against the state and
 * the nation and the early-warning summary; page 2 the trends (ECharts SVG drawn with svg-to-pdfkit). Text in
 * DejaVu Sans, embedded (assets/fonts, with its license), so accents render in every reader.
 */
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { roundHalfUp } from '../../domain/indicators.js';
import type { CardKpi, ReportCard } from './card.js';
import { trendChartSvg } from './charts.js';
import { SUPPRESSED_MARK } from './xlsx.js';

const font = (file: string) => fileURLToPath(new URL(`../../../assets/fonts/${file}`, import.meta.url));
const REGULAR = 'DejaVu';
const BOLD = 'DejaVu-Bold';
const MARGIN = 40;
const PAGE_W = 595.28;
const INK = '#1b1b1b';
const MUTED = '#5b5b5b';
const FLAG_COLORS = { verde: '#2e7d32', amarillo: '#c99a06', rojo: '#c62828' } as const;

const number = (v: number, decimals: number) =>
  roundHalfUp(v, decimals).toLocaleString('es-MX', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });

export function formatValue(v: number | null, decimals: number, suppressed = false): string {
  if (suppressed) return SUPPRESSED_MARK;
  return v === null ? '—' : number(v, decimals);
}

export async function reportCardPdf(card: ReportCard): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Boleta de plantel ${card.unit.code} ${card.schoolYear}`,
      Author: 'Trayecto',
      Subject: card.unit.title,
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
  header(doc, card);
  kpiTable(doc, card);
  riskSection(doc, card);
  footer(doc, card, 1);
  doc.addPage();
  trends(doc, card);
  footer(doc, card, 2);
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

function header(doc: Doc, card: ReportCard): void {
  doc.rect(0, 0, PAGE_W, 92).fill('#1f4e5f');
  doc.fillColor('#ffffff').font(BOLD).fontSize(18).text('Boleta de plantel', MARGIN, 22);
  doc
    .font(REGULAR)
    .fontSize(11)
    .text(`${card.unit.name} · CCT ${card.unit.code} · ${card.unit.stateName ?? ''}`, MARGIN, 48);
  doc
    .fontSize(9)
    .text(
      `Ciclo escolar ${card.schoolYear} · Generada el ${card.generatedAt.slice(0, 10)} · ${
        card.public
          ? `Versión pública (conteos menores que ${card.threshold} suprimidos: ${SUPPRESSED_MARK})`
          : 'Versión interna'
      }`,
      MARGIN,
      68,
    );
  doc.fillColor(INK).moveDown(0);
  doc.y = 110;
}

function kpiTable(doc: Doc, card: ReportCard): void {
  doc.font(BOLD).fontSize(12).fillColor(INK).text(`Indicadores del ciclo ${card.schoolYear}`, MARGIN, doc.y);
  const cols = [MARGIN, 250, 330, 410, 480];
  const headers = ['Indicador', 'Plantel', card.unit.stateName ?? 'Entidad', 'Nacional', 'vs. nacional'];
  let y = doc.y + 6;
  doc.rect(MARGIN, y, PAGE_W - 2 * MARGIN, 18).fill('#e8eef0');
  doc.fillColor(INK).font(BOLD).fontSize(8.5);
  headers.forEach((h, i) =>
    doc.text(h, cols[i]! + 3, y + 5, {
      width: (cols[i + 1] ?? PAGE_W - MARGIN) - cols[i]! - 6,
      align: i === 0 ? 'left' : 'right',
      lineBreak: false,
      ellipsis: true,
    }),
  );
  y += 18;
  for (const k of card.kpis) {
    doc.font(REGULAR).fontSize(9).fillColor(INK);
    doc.text(k.label, cols[0]! + 3, y + 5, { width: cols[1]! - cols[0]! - 6, lineBreak: false });
    const values = [
      formatValue(k.campus, k.decimals, k.suppressed),
      formatValue(k.state, k.decimals),
      formatValue(k.national, k.decimals),
    ];
    values.forEach((v, i) => {
      doc.font(i === 0 ? BOLD : REGULAR).text(v, cols[i + 1]! + 3, y + 5, {
        width: cols[i + 2]! - cols[i + 1]! - 6,
        align: 'right',
        lineBreak: false,
      });
    });
    const cmp = comparison(k);
    doc
      .fillColor(cmp.color)
      .font(REGULAR)
      .text(cmp.text, cols[4]! + 3, y + 5, {
        width: PAGE_W - MARGIN - cols[4]! - 6,
        align: 'right',
        lineBreak: false,
      });
    y += 18;
    doc
      .moveTo(MARGIN, y)
      .lineTo(PAGE_W - MARGIN, y)
      .lineWidth(0.4)
      .strokeColor('#d0d5d8')
      .stroke();
  }
  doc.fillColor(MUTED).font(REGULAR).fontSize(7.5);
  doc.text(
    'Tasas calculadas con las fórmulas de la SEP (Sistema de Indicadores Educativos; formato 911) a partir de conteos sumados, nunca promediando tasas. Abandono: requiere la matrícula del ciclo siguiente; eficiencia terminal: egresados del ciclo sobre el nuevo ingreso de dos ciclos antes. "—": sin insumos.',
    MARGIN,
    y + 6,
    { width: PAGE_W - 2 * MARGIN },
  );
  doc.y += 10;
}

/** Campus against the nation, for rates only: in points, green when better. */
function comparison(k: CardKpi): { text: string; color: string } {
  if (k.kind !== 'rate' || k.campus === null || k.national === null) return { text: '', color: MUTED };
  const diff = k.campus - k.national;
  const better = k.lowerIsBetter ? diff < 0 : diff > 0;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '';
  return {
    text: `${sign}${number(Math.abs(diff), 1)} pts`,
    color: Math.abs(diff) < 0.05 ? MUTED : better ? FLAG_COLORS.verde : FLAG_COLORS.rojo,
  };
}

function riskSection(doc: Doc, card: ReportCard): void {
  const top = doc.y + 8;
  doc.font(BOLD).fontSize(12).fillColor(INK).text('Alerta temprana: estudiantes activos', MARGIN, top);
  const r = card.risk;
  if (!r) {
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(MUTED)
      .text('El modelo de alerta temprana no está disponible en esta base de datos.', MARGIN, doc.y + 4);
    return;
  }
  doc
    .font(REGULAR)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      `Corte: ${r.cutoff ?? '—'} · Estudiantes activos: ${r.active === null ? SUPPRESSED_MARK : number(r.active, 0)} · Semáforo por reglas transparentes (asistencia, calificaciones, módulos reprobados y pagos de beca); no incluye datos personales.`,
      MARGIN,
      doc.y + 2,
      { width: PAGE_W - 2 * MARGIN },
    );
  let x = MARGIN;
  const y = doc.y + 8;
  const labels = { verde: 'Verde', amarillo: 'Amarillo', rojo: 'Rojo' };
  for (const f of r.flags) {
    doc.roundedRect(x, y, 160, 46, 4).fill(FLAG_COLORS[f.flag]);
    doc
      .fillColor('#ffffff')
      .font(BOLD)
      .fontSize(20)
      .text(f.n === null ? SUPPRESSED_MARK : number(f.n, 0), x + 10, y + 6, { width: 140, lineBreak: false });
    doc
      .font(REGULAR)
      .fontSize(9)
      .text(labels[f.flag], x + 10, y + 31, { width: 140, lineBreak: false });
    x += 172;
  }
  doc
    .fillColor(INK)
    .font(BOLD)
    .fontSize(10)
    .text('Motivos más frecuentes', MARGIN, y + 60);
  doc.font(REGULAR).fontSize(9);
  if (r.reasons.length === 0) doc.fillColor(MUTED).text('Sin señales de riesgo.', MARGIN, doc.y + 3);
  for (const reason of r.reasons) {
    doc
      .fillColor(INK)
      .text(
        `• ${reason.label}: ${reason.n === null ? SUPPRESSED_MARK : number(reason.n, 0)} estudiantes`,
        MARGIN + 6,
        doc.y + 3,
      );
  }
}

function trends(doc: Doc, card: ReportCard): void {
  doc.font(BOLD).fontSize(14).fillColor(INK).text('Tendencias por ciclo escolar', MARGIN, MARGIN);
  doc
    .font(REGULAR)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      'Plantel, entidad y nacional; un hueco indica un valor que aún no puede calcularse.',
      MARGIN,
      doc.y + 2,
    );
  const state = card.unit.stateName ?? 'Entidad';
  const specs = [
    {
      title: 'Matrícula de inicio (plantel)',
      points: card.trends.mt,
      decimals: 0,
      bars: true,
      stateName: state,
    },
    { title: 'Abandono escolar total (%)', points: card.trends.abandono, decimals: 1, stateName: state },
    {
      title: 'Eficiencia terminal (%)',
      points: card.trends.eficiencia_terminal,
      decimals: 2,
      stateName: state,
    },
    { title: 'Reprobación (%)', points: card.trends.reprobacion, decimals: 1, stateName: state },
  ];
  const w = (PAGE_W - 2 * MARGIN - 16) / 2;
  const h = 230;
  specs.forEach((s, i) => {
    const x = MARGIN + (i % 2) * (w + 16);
    const y = 90 + Math.floor(i / 2) * (h + 24);
    SVGtoPDF(doc, trendChartSvg(s, Math.round(w), h), x, y, {
      width: w,
      height: h,
      assumePt: true,
      fontCallback: (_family: string, bold: boolean) => (bold ? BOLD : REGULAR),
    });
  });
  const legendY = 90 + 2 * (h + 24);
  doc.font(REGULAR).fontSize(8).fillColor(MUTED);
  doc.text(
    `Ciclos ${card.trends.mt[0]?.year ?? ''} a ${card.schoolYear}. El plantel en línea gruesa; ${state} y el total nacional como referencia. La matrícula no se compara entre niveles (escalas distintas).`,
    MARGIN,
    legendY,
    { width: PAGE_W - 2 * MARGIN },
  );
}

function footer(doc: Doc, card: ReportCard, page: number): void {
  // Below the bottom margin: without this pdfkit would start a new page.
  doc.page.margins.bottom = 0;
  doc.font(REGULAR).fontSize(7.5).fillColor(MUTED);
  doc.text(
    `Fuente: Trayecto, registros de control escolar · ${card.unit.title} · página ${page} de 2`,
    MARGIN,
    842 - MARGIN - 4,
    { width: PAGE_W - 2 * MARGIN, align: 'center', lineBreak: false },
  );
  doc.page.margins.bottom = MARGIN;
}
