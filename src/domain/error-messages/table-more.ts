/** The second half of the error message table (codes from "missing_" on): see table.ts. */
import type { MessagePair } from './table.js';

export const MORE_ERROR_MESSAGES: Readonly<Record<string, readonly MessagePair[]>> = {
  missing_campus: [
    ['Indique el plantel (CCT) del grupo', "Give the group's campus (CCT)"],
    ['Indique el plantel (CCT) de la cola de trabajo', "Give the work queue's campus (CCT)"],
  ],
  missing_cct: [
    [
      'Falta la CCT del plantel que recibe al alumno (cct)',
      'The CCT of the campus receiving the student is missing (cct)',
    ],
  ],
  missing_file: [
    [
      'Falta el archivo: envíe el campo "file" del formulario',
      'The file is missing: send the form\'s "file" field',
    ],
  ],
  missing_groups: [
    [
      'El rol tutor necesita --groups con los grupos que sigue',
      'The tutor role needs --groups with the groups they follow',
    ],
  ],
  missing_level: [
    [
      'Falta el nivel de la unidad. Valores válidos: state, campus, program',
      "The unit's level is missing. Valid values: state, campus, program",
    ],
  ],
  missing_unit: [
    ['Falta el parámetro unit para el nivel {1}', 'The unit parameter is missing for level {1}'],
    ['Falta la unidad ({1})', 'The unit is missing ({1|en})'],
  ],
  multiclass_target: [
    [
      '{1}, columna "{2}": tiene {3} valores ({4}); el modelo de riesgo es binario',
      '{1}, column "{2}": it has {3} values ({4}); the risk model is binary',
    ],
  ],
  no_campus_data: [['El plantel {1} no tiene conteos de flujo', 'The campus {1} has no flow counts']],
  no_campuses: [
    [
      'La base de datos no tiene planteles con los cuales emparejar el archivo: importe primero la lista (trayecto import campuses ARCHIVO) o genere la demostración (trayecto generate)',
      'The database has no campuses to match the file with: first import the list (trayecto import campuses FILE) or generate the demo (trayecto generate)',
    ],
  ],
  no_complete_year: [
    ['Ningún ciclo tiene todavía tasa de abandono', 'No school year has a dropout rate yet'],
  ],
  no_data: [
    ['No hay conteos de flujo para la unidad {1}', 'There are no flow counts for the unit {1}'],
    [
      'La base de datos no tiene conteos de flujo: genere datos (trayecto generate) o importe registros',
      'The database has no flow counts: generate data (trayecto generate) or import records',
    ],
  ],
  no_database: [
    [
      'No hay base de datos en {1}: indique otra con --db o cree la de demostración con "trayecto generate"',
      'There is no database at {1}: give another with --db or create the demo with "trayecto generate"',
    ],
  ],
  no_interventions: [
    ['No hay intervenciones registradas en el alcance', 'No interventions are recorded in scope'],
  ],
  no_published_rates: [
    [
      'No hay tasas publicadas: importe un archivo con trayecto import published-dropout',
      'There are no published rates: import a file with trayecto import published-dropout',
    ],
  ],
  no_records: [['No hay registros de estudiantes para entrenar', 'There are no student records to train on']],
  no_risk_model: [
    [
      'Aún no hay un modelo de riesgo entrenado (use «trayecto risk train»)',
      'No risk model has been trained yet (use "trayecto risk train")',
    ],
    ['No existe la versión {1} del modelo de riesgo', 'Version {1} of the risk model does not exist'],
  ],
  no_schema: [['La base de datos no tiene un esquema actual', 'The database has no current schema']],
  no_session: [['Inicie sesión para continuar', 'Sign in to continue']],
  no_such_directory: [['No existe el directorio de {1}', 'The directory of {1} does not exist']],
  no_threshold: [['No se indicó ningún umbral', 'No threshold was given']],
  not_a_backup: [
    [
      '{1} no es una copia de Trayecto (ni una base de datos SQLite ni un archivo de pg_dump)',
      '{1} is not a Trayecto backup (neither a SQLite database nor a pg_dump file)',
    ],
    ['{1} no es una base de datos SQLite legible', '{1} is not a readable SQLite database'],
    ['{1} no es una base de datos de Trayecto', '{1} is not a Trayecto database'],
    ['{1} no es una copia de una base de datos de Trayecto', '{1} is not a backup of a Trayecto database'],
  ],
  not_found: [['Ruta desconocida', 'Unknown route']],
  nothing_to_change: [['No hay cambios que registrar', 'There are no changes to record']],
  order_needs_campus: [
    [
      'Ordenar por {1} requiere un plantel: agregue campus=CCT',
      'Sorting by {1|en} needs a campus: add campus=CCT',
    ],
  ],
  payload_too_large: [['La solicitud es demasiado grande', 'The request is too large']],
  pg_tool_failed: [['{1} falló (código {2})', '{1} failed (code {2})']],
  pg_tools_missing: [
    [
      'No se encontró {1}: instale los programas cliente de PostgreSQL (en Debian/Ubuntu, el paquete postgresql-client de la versión del servidor o posterior)',
      "{1} was not found: install the PostgreSQL client programs (on Debian/Ubuntu, the postgresql-client package of the server's version or later)",
    ],
  ],
  public_only: [
    [
      'Su perfil solo puede descargar la versión pública (public=true)',
      'Your profile can download the public version only (public=true)',
    ],
  ],
  rate_limited: [
    [
      'Demasiadas solicitudes: espere {1} s e intente de nuevo',
      'Too many requests: wait {1} s and try again',
    ],
  ],
  read_only: [
    [
      'El rol de análisis solo consulta: no registra intervenciones',
      'The analyst role only reads: it does not record interventions',
    ],
  ],
  reference_campuses: [['La lista de planteles no es válida', 'The campus list is not valid']],
  reference_dropout: [
    ['El archivo de abandono publicado no es válido', 'The published dropout file is not valid'],
  ],
  risk_rules_forbidden: [
    [
      'Solo la coordinación nacional puede cambiar los umbrales de riesgo',
      'Only the national coordination can change the risk thresholds',
    ],
  ],
  settings_forbidden: [
    [
      'Solo la dirección del plantel y las coordinaciones cambian la capacidad y el escalamiento',
      'Only the campus director and the coordinators change the capacity and escalation',
    ],
  ],
  student_not_found: [['No hay un alumno con esta CURP', 'There is no student with this CURP']],
  template_format: [
    ['La plantilla de conteos solo existe en XLSX', 'The counts template exists in XLSX only'],
  ],
  text_too_long: [
    ['{1}: máximo {2} caracteres (recibidos {3})', '{1|en}: at most {2} characters (received {3})'],
  ],
  too_few_cases: [
    [
      'La clase menos frecuente de "{1}" tiene {2} filas: hacen falta al menos {3} (una por partición) para validar con {4} particiones',
      'The least frequent class of "{1}" has {2} rows: at least {3} are needed (one per fold) to validate with {4} folds',
    ],
  ],
  transfer_decided: [
    ['La solicitud {1} ya fue resuelta ({2})', 'The request {1} was already decided ({2})'],
    ['La solicitud {1} ya fue resuelta', 'The request {1} was already decided'],
  ],
  transfer_forbidden: [
    [
      'Su perfil no puede solicitar ni resolver traslados',
      'Your profile can neither request nor decide transfers',
    ],
  ],
  transfer_not_found: [['No existe la solicitud de traslado {1}', 'The transfer request {1} does not exist']],
  transfer_not_yours: [
    [
      'Solo el plantel de origen o una coordinación sobre él puede resolver la solicitud',
      'Only the sending campus or a coordination over it can decide the request',
    ],
  ],
  transfer_pending: [
    [
      'Ya hay una solicitud de traslado pendiente de este alumno',
      'There is already a pending transfer request for this student',
    ],
  ],
  unexpected_unit: [
    [
      'El nivel national no lleva unidad: quite la clave de unidad',
      'The national level takes no unit: remove the unit key',
    ],
  ],
  unit_not_applicable: [
    [
      'El nivel nacional no tiene unidades: quite --unit o elija state, campus o program',
      'The national level has no units: remove --unit or choose state, campus or program',
    ],
  ],
  unknown_campus: [
    ['Plantel desconocido: "{1}"', 'Unknown campus: "{1}"'],
    ['Plantel desconocido', 'Unknown campus'],
  ],
  unknown_generation: [
    [
      'Generación fuera de los datos: "{1}". Generaciones válidas (con ingreso y egreso en tiempo en los datos): {2}',
      'Generation outside the data: "{1}". Valid generations (with entry and on-time exit in the data): {2}',
    ],
  ],
  unknown_group: [['Grupo desconocido en {1} ({2}): "{3}"', 'Unknown group at {1} ({2}): "{3}"']],
  unknown_intervention: [['Intervención no encontrada: {1}', 'Intervention not found: {1}']],
  unknown_job: [['Trabajo de cálculo desconocido o vencido', 'Unknown or expired computation job']],
  unknown_kind: [
    [
      'Tipo de intervención desconocido: "{1}". Valores válidos: {2}',
      'Unknown intervention kind: "{1}". Valid values: {2}',
    ],
  ],
  unknown_outcome: [
    ['Resultado desconocido: "{1}". Valores válidos: {2}', 'Unknown outcome: "{1}". Valid values: {2}'],
  ],
  unknown_program: [['Carrera desconocida: "{1}"', 'Unknown program: "{1}"']],
  unknown_school_year: [
    [
      'Ciclo escolar sin el ciclo siguiente en los datos: "{1}". Ciclos válidos: {2}',
      'School year without the next school year in the data: "{1}". Valid school years: {2}',
    ],
    [
      'Ciclo escolar desconocido: "{1}". Ciclos válidos: {2}',
      'Unknown school year: "{1}". Valid school years: {2}',
    ],
    [
      '{1} fuera de los datos: "{2}". Ciclos válidos: {3}',
      '{1|en} outside the data: "{2}". Valid school years: {3}',
    ],
    ['{1} fuera de los datos: "{2}". {3}', '{1|en} outside the data: "{2}". {3}'],
  ],
  unknown_state: [
    ['Entidad desconocida: "{1}"', 'Unknown state: "{1}"'],
    ['Estado desconocido', 'Unknown state'],
  ],
  unknown_student: [['Estudiante no encontrado', 'Student not found']],
  unknown_threshold: [['Umbral desconocido: {1}', 'Unknown threshold: {1}']],
  unknown_unit: [
    ['Unidad desconocida: nacional (fuera de su ámbito)', 'Unknown unit: national (outside your scope)'],
    ['Unidad desconocida ({1}): "{2}"', 'Unknown unit ({1|en}): "{2}"'],
  ],
  unknown_user: [['Usuario desconocido: "{1}"', 'Unknown user: "{1}"']],
  unsupported_media_type: [['Tipo de contenido no admitido', 'Unsupported content type']],
  user_exists: [['El usuario "{1}" ya existe', 'The user "{1}" already exists']],
  weak_password: [
    ['La contraseña debe tener al menos 10 caracteres', 'The password must have at least 10 characters'],
  ],
  year_not_after_baseline: [
    [
      'El ciclo {1} debe ser posterior al año base {2}. Ciclos válidos: {3}',
      'The school year {1} must come after the baseline year {2}. Valid school years: {3}',
    ],
  ],
};
