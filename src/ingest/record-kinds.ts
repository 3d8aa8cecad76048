/**
 * The columns of each record kind an import accepts. Spanish headers first (templates write them), English
 * aliases after; see docs/IMPORTS.md.
 */
import { field, parsers, type FieldSpec } from './record-fields.js';

export const RECORD_KINDS = ['module-results', 'enrollments', 'students', 'status-events'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

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
      '1 si es alumno de nuevo ingreso a 1.er semestre, 0 si no',
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
};

/** Spanish names of the kinds, for messages. */
export const KIND_NAMES: Readonly<Record<RecordKind, string>> = {
  'module-results': 'calificaciones por módulo',
  enrollments: 'inscripciones',
  students: 'alumnos',
  'status-events': 'eventos de trayectoria',
};
