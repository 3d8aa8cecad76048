/**
 * The words of the group sheet's workbook and printout in Spanish (the default) and English (`lang=en`), so
 * the XLSX and the PDF say the same thing in the language asked.
 */
import {
  DIMENSION_LABELS,
  FLAG_WORDS,
  SHEET_DIMENSIONS,
  type SheetDimension,
} from '../../domain/group-sheet.js';
import type { RiskFlag } from '../../domain/interventions.js';
import type { GroupSheet, GroupSheetRow } from '../interventions/index.js';

export type SheetLang = 'es' | 'en';

export interface SheetText {
  readonly title: string;
  readonly worksheet: string;
  /** Campus, program, semester, school year. */
  readonly place: string;
  /** Cut-off, date issued and the counts by band. */
  readonly summary: string;
  readonly privacy: string;
  readonly noFlag: string;
  readonly noAction: string;
  readonly legendTitle: string;
  readonly legend: (d: SheetDimension) => string;
  readonly overallLegend: string;
  readonly flag: (f: RiskFlag) => string;
  readonly dimension: (d: SheetDimension) => string;
  readonly value: (r: GroupSheetRow, d: SheetDimension) => string;
  readonly reasons: (r: GroupSheetRow) => string;
  readonly lastAction: (r: GroupSheetRow) => string | null;
  readonly probability: (p: number) => string;
  /** Student, semester, overall band, the four dimensions and last action (the printout's columns). */
  readonly pdfColumns: readonly string[];
  /** The workbook's student table (also what a test reads back). */
  readonly xlsxColumns: readonly string[];
}

export function sheetText(s: GroupSheet, lang: SheetLang = 'es'): SheetText {
  const c = s.counts;
  const es = lang === 'es';
  const dimension = (d: SheetDimension) => DIMENSION_LABELS[d][lang];
  return {
    title: es ? `Semáforo del grupo ${s.group}` : `Group ${s.group} risk sheet`,
    worksheet: es ? 'Semáforo del grupo' : 'Group risk sheet',
    place: es
      ? `${s.campus.name} (${s.campus.cct}), ${s.campus.state} · ${s.program.name} (${s.program.code}) · semestre ${s.semester} · ciclo ${s.schoolYear}`
      : `${s.campus.name} (${s.campus.cct}), ${s.campus.state} · ${s.program.name} (${s.program.code}) · term ${s.semester} · school year ${s.schoolYear}`,
    summary: es
      ? `Corte: ${s.cutoff ?? '—'} · Emitido el ${s.today} · ${s.rows.length} estudiantes: ${c.rojo} en rojo, ${c.amarillo} en amarillo, ${c.verde} en verde, ${c.inactive} sin semáforo (ya no activos)`
      : `Cut-off: ${s.cutoff ?? '—'} · Issued on ${s.today} · ${s.rows.length} students: ${c.rojo} red, ${c.amarillo} amber, ${c.verde} green, ${c.inactive} without a band (no longer active)`,
    privacy: es
      ? 'Documento interno: contiene datos personales de menores, no lo comparta fuera de la reunión de academia.'
      : "Internal document: it holds minors' personal data; do not share it outside the staff meeting.",
    noFlag: es ? 'Sin semáforo' : 'No band',
    noAction: es ? 'Sin acción registrada' : 'No action recorded',
    legendTitle: es ? 'Cómo se asignan los colores' : 'How the colours are assigned',
    legend: (d) => `${dimension(d)}: ${(es ? s.legend : s.legendEn)[d]}.`,
    overallLegend: es
      ? `Semáforo general: el de las reglas de alerta temprana (versión ${s.ruleSetVersion} de los umbrales); rojo también cuando se juntan varias señales amarillas. Fuente: Trayecto, registros de control escolar.`
      : `Overall band: that of the early-warning rules (thresholds version ${s.ruleSetVersion}); red also when several amber signals add up. Source: Trayecto, school records.`,
    flag: (f) => FLAG_WORDS[f][lang],
    dimension,
    value: (r, d) => {
      const cell = r.dimensions?.[d];
      return cell ? (es ? cell.value : cell.valueEn) : '';
    },
    reasons: (r) => (es ? r.reasons : r.reasonsEn).join('; '),
    lastAction: (r) => r.lastAction?.label[lang] ?? null,
    probability: (p) => `${Math.round(p * 100)} % prob.`,
    pdfColumns: [
      es ? 'Estudiante' : 'Student',
      es ? 'Sem.' : 'Term',
      es ? 'Semáforo general' : 'Overall band',
      ...SHEET_DIMENSIONS.map(dimension),
      es ? 'Última acción' : 'Last action',
    ],
    xlsxColumns: groupSheetColumns(lang),
  };
}

/** The column titles of the workbook's student table, in order. */
export function groupSheetColumns(lang: SheetLang = 'es'): string[] {
  const es = lang === 'es';
  return [
    es ? 'Estudiante (id)' : 'Student (id)',
    es ? 'Nombre' : 'Name',
    es ? 'Semestre' : 'Term',
    es ? 'Semáforo general' : 'Overall band',
    ...SHEET_DIMENSIONS.flatMap((d) => [
      DIMENSION_LABELS[d][lang],
      `${DIMENSION_LABELS[d][lang]} (${es ? 'valor' : 'value'})`,
    ]),
    es ? 'Motivos' : 'Reasons',
    es ? 'Última acción (fecha)' : 'Last action (date)',
    es ? 'Última acción' : 'Last action',
  ];
}
