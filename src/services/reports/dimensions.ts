/**
 * The dimensions of the 911 tables (grade, sex, age, condition, result, reason, degree), their Spanish labels,
 * and how records map onto them. Pure.
 */
import type { Dimension } from './cube.js';

/** Age is counted in completed years at this day of the school year's first calendar year (an assumption). */
export const AGE_CUTOFF = '09-01';

export const SEX: Dimension = { name: 'sex', members: ['H', 'M'] };

/** H and M, plus any other sex code present in the rows (the CURP allows X), so no record is left out. */
export function sexDimension(...lists: readonly (readonly { readonly sex: string }[])[]): Dimension {
  const extra = new Set(lists.flat().map((r) => r.sex));
  for (const m of SEX.members) extra.delete(m);
  return { name: 'sex', members: [...SEX.members, ...[...extra].sort()] };
}
export const GRADE: Dimension = { name: 'grade', members: ['1', '2', '3'] };
export const AGE: Dimension = {
  name: 'age',
  members: ['14-', '15', '16', '17', '18', '19', '20', '21-24', '25+'],
};
export const STATUS: Dimension = { name: 'status', members: ['nuevo', 'repetidor', 'reinscrito'] };
export const RESULT: Dimension = { name: 'result', members: ['aprobado', 'regularizado', 'reprobado'] };
export const REASONS = [
  'economica',
  'bajo_rendimiento',
  'desinteres',
  'trabajo',
  'embarazo_o_cuidado',
  'cambio_de_domicilio',
  'salud',
  'otra',
];
export const DEGREES = ['Técnico superior', 'Licenciatura', 'Ingeniería', 'Maestría', 'Doctorado'];

export const LABELS = {
  sex: { H: 'Hombres', M: 'Mujeres', X: 'No binario', '*': 'Total' },
  grade: { '1': 'Primer grado', '2': 'Segundo grado', '3': 'Tercer grado', '*': 'Total' },
  age: {
    '14-': '14 años o menos',
    '15': '15 años',
    '16': '16 años',
    '17': '17 años',
    '18': '18 años',
    '19': '19 años',
    '20': '20 años',
    '21-24': '21 a 24 años',
    '25+': '25 años o más',
    '*': 'Total',
  },
  status: {
    nuevo: 'Nuevo ingreso',
    repetidor: 'Repetidores',
    reinscrito: 'Reinscritos (promovidos y reingresos)',
    '*': 'Total inscritos',
  },
  result: {
    aprobado: 'Aprobados en ordinario',
    regularizado: 'Regularizados',
    reprobado: 'Reprobados (con módulos pendientes)',
    '*': 'Existencia',
  },
  reason: {
    economica: 'Motivos económicos',
    bajo_rendimiento: 'Bajo rendimiento académico',
    desinteres: 'Desinterés o falta de orientación',
    trabajo: 'Ingreso al trabajo',
    embarazo_o_cuidado: 'Embarazo o cuidado de familiares',
    cambio_de_domicilio: 'Cambio de domicilio',
    salud: 'Salud',
    otra: 'Otro motivo',
    sin_motivo: 'Sin motivo registrado',
    '*': 'Total de bajas definitivas',
  },
  degree: { '*': 'Total' },
  kind: { temporal: 'Bajas temporales', '*': 'Total' },
} as const;

export function ageBin(startYear: number, birthYear: number, afterCutoff: number): string {
  const age = startYear - birthYear - (afterCutoff ? 1 : 0);
  if (age <= 14) return '14-';
  if (age <= 20) return String(age);
  return age <= 24 ? '21-24' : '25+';
}

export const gradeOf = (semester: number) => String(Math.ceil(semester / 2));
