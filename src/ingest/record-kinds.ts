/**
 * The columns of each record kind an import accepts. Spanish headers first (templates write them), English
 * aliases after; see docs/IMPORTS.md.
 */
import { field, parsers, type FieldSpec } from './record-fields.js';

import { RECORD_KINDS, type RecordKind } from '../domain/enums.js';

export { RECORD_KINDS, type RecordKind };

const curp = field('curp', ['curp'], parsers.curp, 'GOMM080512MDFRRRA5', 'CURP del alumno (18 caracteres)');
const cct = field(
  'cct',
  ['cct', 'clave_plantel_cct', 'campus_cct'],
  parsers.cct,
  '09DPT0001C',
  'CCT del plantel',
);
const schoolYear = field(
  'school_year',
  ['ciclo_escolar', 'ciclo', 'school_year'],
  parsers.schoolYear,
  '2025-2026',
  'Ciclo escolar AAAA-AAAA',
);
const term = field(
  'term_no',
  ['periodo', 'term', 'term_no'],
  parsers.term,
  '1',
  'Periodo: 1 (agosto-enero) o 2 (febrero-julio)',
);
const program = field(
  'program_code',
  ['clave_carrera', 'carrera', 'program_code', 'program'],
  parsers.code,
  'INFO',
  'Clave de la carrera',
);

export const END_STATUSES: Readonly<Record<string, string>> = {
  concluido: 'completed',
  completed: 'completed',
  baja: 'dropout',
  dropout: 'dropout',
  baja_temporal: 'temporary_leave',
  temporary_leave: 'temporary_leave',
  traslado: 'transfer_out',
  transfer_out: 'transfer_out',
};

export const EVENT_KINDS: Readonly<Record<string, string>> = {
  nuevo_ingreso: 'new_entry',
  new_entry: 'new_entry',
  reinscripcion: 'reenrollment',
  reenrollment: 'reenrollment',
  baja: 'dropout',
  dropout: 'dropout',
  baja_temporal: 'temporary_leave',
  temporary_leave: 'temporary_leave',
  reingreso: 'readmission',
  readmission: 'readmission',
  cambio_de_carrera: 'program_change',
  program_change: 'program_change',
  traslado: 'transfer',
  transfer: 'transfer',
  egreso: 'graduation',
  graduation: 'graduation',
  titulacion: 'titulacion',
};

/** Intervention kinds (domain/interventions.ts): Spanish names and the stored English codes. */
export const INTERVENTION_KIND_NAMES: Readonly<Record<string, string>> = {
  tutoria: 'tutoring',
  tutoring: 'tutoring',
  orientacion: 'counseling',
  counseling: 'counseling',
  nivelacion: 'leveling',
  curso_de_nivelacion: 'leveling',
  leveling: 'leveling',
  laboratorio_virtual: 'virtual_lab',
  virtual_lab: 'virtual_lab',
  contacto_con_la_familia: 'family_contact',
  family_contact: 'family_contact',
  seguimiento_de_beca: 'scholarship_follow_up',
  scholarship_follow_up: 'scholarship_follow_up',
  canalizacion: 'referral',
  referral: 'referral',
};

/** Intervention outcomes (stored in Spanish), with English aliases. */
export const INTERVENTION_OUTCOME_NAMES: Readonly<Record<string, string>> = {
  concluida: 'concluida',
  completed: 'concluida',
  abandono: 'abandono',
  student_left: 'abandono',
  no_asistio: 'no_asistio',
  did_not_attend: 'no_asistio',
  canalizada: 'canalizada',
  referred: 'canalizada',
  sin_cambio: 'sin_cambio',
  no_change: 'sin_cambio',
};

/** Results of a competency-standard assessment (CONOCER). */
export const CERTIFICATION_RESULTS: Readonly<Record<string, string>> = {
  competente: 'competente',
  competent: 'competente',
  todavia_no_competente: 'todavia_no_competente',
  not_yet_competent: 'todavia_no_competente',
};

const bimester = (text: string) => {
  const t = text.trim();
  return /^[1-3]$/.test(t)
    ? ({ ok: true, value: Number(t) } as const)
    : ({ ok: false, reason: 'el bimestre de pago debe ser 1, 2 o 3 (dentro del periodo)' } as const);
};

export const RECORD_FIELDS: Readonly<Record<RecordKind, readonly FieldSpec[]>> = {
  'module-results': [
    curp,
    cct,
    schoolYear,
    term,
    field(
      'module_code',
      ['clave_modulo', 'modulo', 'module_code', 'module'],
      parsers.code,
      'INFO-1-01',
      'Clave del módulo',
    ),
    field('grade', ['calificacion', 'grade'], parsers.grade, '8.5', 'Calificación ordinaria de 0 a 10'),
    field(
      'attendance_pct',
      ['asistencia', 'porcentaje_asistencia', 'attendance', 'attendance_pct'],
      parsers.percent,
      '92.5',
      'Asistencia en porcentaje (0 a 100)',
    ),
    field(
      'regularization_grade',
      ['calificacion_regularizacion', 'regularizacion', 'regularization_grade'],
      parsers.grade,
      '',
      'Calificación de regularización (opcional, 0 a 10)',
      false,
    ),
  ],
  enrollments: [
    curp,
    cct,
    program,
    schoolYear,
    term,
    field('semester', ['semestre', 'semester'], parsers.semester, '1', 'Semestre cursado (1 a 6)'),
    field('group_code', ['grupo', 'group', 'group_code'], parsers.code, '101', 'Grupo'),
    field(
      'new_entry',
      ['nuevo_ingreso', 'new_entry'],
      parsers.yesNo,
      '1',
      '1 si es alumno de nuevo ingreso: a 1.er semestre, o de otro subsistema a un semestre posterior (no cuenta en NI1); 0 si no',
    ),
    field(
      'grade_avg',
      ['promedio', 'grade_avg', 'average'],
      parsers.grade,
      '8.2',
      'Promedio del semestre (opcional)',
      false,
    ),
    field(
      'failed_modules',
      ['modulos_reprobados', 'reprobados', 'failed_modules'],
      parsers.count,
      '0',
      'Módulos reprobados',
    ),
    field(
      'attendance_pct',
      ['asistencia', 'porcentaje_asistencia', 'attendance', 'attendance_pct'],
      parsers.percent,
      '93',
      'Asistencia en porcentaje (0 a 100)',
    ),
    field(
      'scholarship_delay_days',
      ['dias_retraso_beca', 'scholarship_delay_days'],
      parsers.count,
      '0',
      'Días de retraso del pago de beca (opcional)',
      false,
    ),
    field(
      'end_status',
      ['estatus_final', 'estatus', 'end_status', 'status'],
      parsers.oneOf(END_STATUSES),
      'concluido',
      'Estatus al final del periodo: concluido, baja, baja_temporal o traslado',
    ),
  ],
  students: [
    curp,
    field(
      'given_names',
      ['nombre', 'nombres', 'given_names', 'first_name'],
      parsers.text,
      'MARÍA',
      'Nombre(s)',
    ),
    field(
      'first_surname',
      ['primer_apellido', 'apellido_paterno', 'first_surname'],
      parsers.text,
      'GÓMEZ',
      'Primer apellido',
    ),
    field(
      'second_surname',
      ['segundo_apellido', 'apellido_materno', 'second_surname'],
      parsers.text,
      'MORALES',
      'Segundo apellido (opcional)',
      false,
    ),
    field('sex', ['sexo', 'sex'], parsers.sex, 'M', 'H o M; debe coincidir con la CURP (opcional)', false),
    field(
      'birth_date',
      ['fecha_nacimiento', 'birth_date'],
      parsers.date,
      '2008-05-12',
      'Fecha de nacimiento; debe coincidir con la CURP (opcional)',
      false,
    ),
    cct,
    program,
    field(
      'entry_year',
      ['anio_ingreso', 'generacion', 'entry_year'],
      parsers.year,
      '2025',
      'Año de ingreso (inicio de la generación)',
    ),
  ],
  'status-events': [
    curp,
    cct,
    schoolYear,
    term,
    field('event_date', ['fecha', 'fecha_evento', 'event_date', 'date'], parsers.date, '2025-10-15', 'Fecha'),
    field(
      'kind',
      ['evento', 'tipo', 'kind', 'event'],
      parsers.oneOf(EVENT_KINDS),
      'baja',
      'nuevo_ingreso, reinscripcion, baja, baja_temporal, reingreso, cambio_de_carrera, traslado, egreso o titulacion',
    ),
    field('reason', ['motivo', 'reason'], parsers.text, 'económico', 'Motivo (opcional)', false),
  ],
  'scholarship-payments': [
    curp,
    cct,
    schoolYear,
    term,
    field(
      'period',
      ['bimestre', 'pago', 'period'],
      bimester,
      '1',
      'Bimestre del pago dentro del periodo (1 a 3)',
    ),
    field('amount', ['monto', 'importe', 'amount'], parsers.amount, '1900', 'Monto en pesos'),
    field(
      'due_date',
      ['fecha_programada', 'fecha_limite', 'due_date'],
      parsers.date,
      '2025-10-31',
      'Fecha en que debía pagarse',
    ),
    field(
      'paid_date',
      ['fecha_pago', 'paid_date'],
      parsers.date,
      '2025-11-12',
      'Fecha en que se pagó (vacía si no se ha pagado)',
      false,
    ),
  ],
  interventions: [
    curp,
    cct,
    schoolYear,
    term,
    field(
      'kind',
      ['tipo', 'intervencion', 'kind'],
      parsers.oneOf(INTERVENTION_KIND_NAMES),
      'tutoria',
      'tutoria, orientacion, nivelacion, laboratorio_virtual, contacto_con_la_familia, seguimiento_de_beca o canalizacion',
    ),
    field(
      'start_date',
      ['fecha_inicio', 'inicio', 'start_date'],
      parsers.date,
      '2025-09-15',
      'Fecha de inicio (dentro del ciclo escolar)',
    ),
    field(
      'end_date',
      ['fecha_fin', 'fin', 'end_date'],
      parsers.date,
      '2025-11-30',
      'Fecha de término (opcional; vacía si sigue en curso)',
      false,
    ),
    field('sessions', ['sesiones', 'sessions'], parsers.count, '6', 'Número de sesiones'),
    field(
      'outcome',
      ['resultado', 'outcome'],
      parsers.oneOf(INTERVENTION_OUTCOME_NAMES),
      'concluida',
      'Resultado (opcional): concluida, abandono, no_asistio, canalizada o sin_cambio',
      false,
    ),
    field('notes', ['notas', 'observaciones', 'notes'], parsers.text, '', 'Notas (opcional)', false),
  ],
  certifications: [
    curp,
    cct,
    field(
      'standard_code',
      ['clave_estandar', 'estandar', 'standard_code'],
      parsers.code,
      'EC0217',
      'Clave del estándar de competencia (CONOCER)',
    ),
    field(
      'standard_name',
      ['nombre_estandar', 'standard_name'],
      parsers.text,
      'Impartición de cursos de formación del capital humano',
      'Nombre del estándar de competencia',
    ),
    field(
      'issued_on',
      ['fecha_emision', 'fecha', 'issued_on'],
      parsers.date,
      '2026-06-10',
      'Fecha de emisión del certificado',
    ),
    field(
      'result',
      ['resultado', 'result'],
      parsers.oneOf(CERTIFICATION_RESULTS),
      'competente',
      'competente o todavia_no_competente',
    ),
  ],
  attendance: [
    curp,
    cct,
    schoolYear,
    term,
    field(
      'attendance_pct',
      ['asistencia', 'porcentaje_asistencia', 'attendance', 'attendance_pct'],
      parsers.percent,
      '93',
      'Asistencia del periodo en porcentaje (0 a 100)',
    ),
  ],
  programs: [
    field(
      'program_code',
      ['clave_carrera', 'clave', 'program_code', 'code'],
      parsers.code,
      'INFO',
      'Clave de la carrera',
    ),
    field('name', ['nombre', 'carrera', 'name'], parsers.text, 'Informática', 'Nombre de la carrera'),
    field(
      'area',
      ['area', 'area_ocupacional', 'area_de_formacion'],
      parsers.text,
      'Tecnología y transporte',
      'Área de formación ocupacional',
    ),
  ],
};

/** Spanish names of the kinds, for messages. */
export const KIND_NAMES: Readonly<Record<RecordKind, string>> = {
  'module-results': 'calificaciones por módulo',
  enrollments: 'inscripciones',
  students: 'alumnos',
  'status-events': 'eventos de trayectoria',
  'scholarship-payments': 'pagos de beca',
  interventions: 'intervenciones',
  certifications: 'certificaciones de competencia',
  attendance: 'asistencia por periodo',
  programs: 'carreras',
};
