/**
 * Every error message the services and the API answer, by stable code, in Spanish (as thrown) and English.
 * `{1}`, `{2}`… stand for the values a message carries (a campus key, a year, a list of valid values); they are
 * read out of the Spanish message and put into the English one. Within a code, more specific forms come first.
 * error-messages.test.ts checks that every code thrown in src/ (outside cli/) is here with both languages and
 * that every literal message thrown matches one of its Spanish forms.
 */
export type MessagePair = readonly [es: string, en: string];

export const ERROR_MESSAGES: Readonly<Record<string, readonly MessagePair[]>> = {
  already_there: [
    ['El alumno ya está inscrito en ese plantel', 'The student is already enrolled at that campus'],
  ],
  audit_forbidden: [
    [
      'La bitácora solo está disponible para las coordinaciones nacional y estatal',
      'The audit log is available to national and state coordinators only',
    ],
    [
      'La bitácora de auditoría solo está disponible para las coordinaciones nacional y estatal',
      'The audit log is available to national and state coordinators only',
    ],
  ],
  backup_corrupt: [
    ['La copia {1} está dañada o incompleta', 'The backup {1} is damaged or incomplete'],
    ['La copia {1} está dañada: {2}', 'The backup {1} is damaged: {2}'],
  ],
  backup_dialect_mismatch: [
    ['{1} es {2}; la base de datos de destino es {3}', '{1} is {2}; the target database is {3}'],
  ],
  backup_exists: [
    [
      'El archivo {1} ya existe; use --force para reemplazarlo',
      'The file {1} already exists; use --force to replace it',
    ],
  ],
  backup_not_readable: [['No se puede leer la copia {1}', 'The backup {1} cannot be read']],
  backup_schema_mismatch: [
    [
      'La copia es del esquema {1} y la base de datos usa el esquema {2}',
      'The backup is of schema {1} and the database uses schema {2}',
    ],
  ],
  backup_tampered: [
    [
      'La copia {1} no tiene el esquema de Trayecto (no se restauró nada): {2}',
      "The backup {1} does not have Trayecto's schema (nothing was restored): {2}",
    ],
  ],
  backup_version_mismatch: [
    [
      'La copia {1} es de otra versión de Trayecto (no se restauró nada): {2}',
      'The backup {1} is from another version of Trayecto (nothing was restored): {2}',
    ],
  ],
  bad_credentials: [['Usuario o contraseña incorrectos', 'Wrong user name or password']],
  bad_request: [['Solicitud inválida', 'Invalid request']],
  campus_not_found: [
    [
      'No existe un plantel con la CCT "{1}" en su alcance',
      'There is no campus with CCT "{1}" in your scope',
    ],
  ],
  card_needs_campus: [
    [
      'La boleta es de un plantel: indique --campus CCT',
      'The report card is for one campus: give --campus CCT',
    ],
  ],
  contract_violation: [],
  cutoff_without_outcome: [
    ['El corte {1} aún no tiene resultado conocido', 'The cut-off {1} has no known outcome yet'],
  ],
  database_busy: [
    [
      'La base de datos está ocupada con otra escritura (por ejemplo, una importación desde la línea de comandos); no se guardó nada: intente de nuevo en unos segundos',
      'The database is busy with another write (for example, an import from the command line); nothing was saved: try again in a few seconds',
    ],
  ],
  database_exists: [
    [
      'La base de datos {1} ya existe; use --force para reemplazarla',
      'The database {1} already exists; use --force to replace it',
    ],
  ],
  database_in_use: [
    [
      'La base de datos {1} está en uso por otro proceso (¿el servidor?); deténgalo y repita la restauración',
      'The database {1} is in use by another process (the server?); stop it and restore again',
    ],
  ],
  database_not_empty: [
    [
      'La base de datos {1} ya tiene datos; use --force para reemplazarla con la copia',
      'The database {1} already holds data; use --force to replace it with the backup',
    ],
    [
      'El esquema {1} de PostgreSQL ya tiene datos; use --force para reemplazarlo con la copia',
      'The PostgreSQL schema {1} already holds data; use --force to replace it with the backup',
    ],
    [
      'La base de datos ya tiene datos; use --force para reemplazarlos',
      'The database already holds data; use --force to replace them',
    ],
  ],
  database_unreachable: [['No se puede conectar con PostgreSQL', 'Cannot connect to PostgreSQL']],
  empty_note: [['La nota está vacía', 'The note is empty']],
  escalations_forbidden: [
    [
      'Los casos escalados los atienden la dirección del plantel y las coordinaciones',
      'Escalated cases are handled by the campus director and the coordinators',
    ],
  ],
  file_not_readable: [['No se puede leer el archivo {1}', 'The file {1} cannot be read']],
  file_too_large: [
    [
      'El archivo pesa más de {1} MB; divídalo o impórtelo con la línea de comandos',
      'The file is larger than {1} MB; split it or import it from the command line',
    ],
    [
      'El archivo {1} pesa {2}; el máximo es {3}. Divídalo en archivos más pequeños.',
      'The file {1} weighs {2}; the maximum is {3}. Split it into smaller files.',
    ],
  ],
  forbidden_origin: [['Solicitud rechazada: origen no permitido', 'Request refused: origin not allowed']],
  id_like_columns: [
    [
      '{1}: la columna {2} parece un identificador (números enteros distintos en cada fila): un modelo aprendería el orden de numeración, no el riesgo',
      '{1}: the column {2} looks like an identifier (a different whole number in every row): a model would learn the numbering, not the risk',
    ],
    [
      '{1}: las columnas {2} parecen identificadores (números enteros distintos en cada fila): un modelo aprendería el orden de numeración, no el riesgo',
      '{1}: the columns {2} look like identifiers (a different whole number in every row): a model would learn the numbering, not the risk',
    ],
  ],
  identity_search_forbidden: [
    [
      'El rol de análisis solo busca por identificador seudónimo',
      'The analyst role searches by pseudonymous id only',
    ],
  ],
  import_forbidden: [
    ['Su perfil no puede importar archivos', 'Your profile cannot import files'],
    [
      'Solo el perfil nacional importa conteos agregados',
      'Only the national profile imports aggregate counts',
    ],
  ],
  incomplete_upload: [
    ['El archivo llegó incompleto: envíelo de nuevo', 'The file arrived incomplete: send it again'],
  ],
  inconsistent_cohort: [
    [
      'Los registros de la generación no describen una cohorte',
      "The generation's records do not describe a cohort",
    ],
  ],
  inconsistent_flow: [
    [
      'Los registros de la unidad no permiten calcular tasas de flujo',
      "The unit's records do not allow computing flow rates",
    ],
    [
      'Los conteos por grado no permiten reconstruir la cohorte',
      'The counts by grade do not allow rebuilding the cohort',
    ],
  ],
  insufficient_data: [['Datos insuficientes para entrenar el modelo', 'Not enough data to train the model']],
  internal_error: [
    [
      'Error interno: intente de nuevo; si persiste, avise al equipo con el identificador de solicitud',
      'Internal error: try again; if it persists, tell the team the request id',
    ],
  ],
  invalid_action: [['Acción desconocida: "{1}". Valores: {2}', 'Unknown action: "{1}". Values: {2}']],
  invalid_body: [['El cuerpo de la solicitud no es válido', 'The request body is not valid']],
  invalid_campus: [
    [
      'El rol {1} necesita --campus con una CCT existente, no "{2}"',
      'The role {1} needs --campus with an existing CCT, not "{2}"',
    ],
  ],
  invalid_campus_file: [
    [
      'El archivo de planteles {1} tiene errores; no se importó nada',
      'The campus file {1} has errors; nothing was imported',
    ],
  ],
  invalid_capacity: [
    [
      'Capacidad: un entero entre 1 y 20000 (recibido: {1})',
      'Capacity: a whole number from 1 to 20000 (received: {1})',
    ],
  ],
  invalid_curp: [['CURP inválida: "{1}"', 'Invalid CURP: "{1}"']],
  invalid_data_file: [
    ['El archivo {1} no se puede evaluar: {2}', 'The file {1} cannot be evaluated: {2}'],
    ['El archivo {1} no se puede evaluar', 'The file {1} cannot be evaluated'],
  ],
  invalid_date: [
    [
      'Fecha inválida en {1}: "{2}" (se espera AAAA-MM-DD)',
      'Invalid date in {1}: "{2}" (expected YYYY-MM-DD)',
    ],
    ['Fecha inválida en {1}: "{2}" (use AAAA-MM-DD)', 'Invalid date in {1}: "{2}" (use YYYY-MM-DD)'],
  ],
  invalid_dates: [
    [
      'La fecha de término ({1}) es anterior a la de inicio ({2})',
      'The end date ({1}) is before the start date ({2})',
    ],
  ],
  invalid_folds: [
    ['--folds debe ser un entero ≥ 2; se recibió {1}', '--folds must be a whole number ≥ 2; got {1}'],
  ],
  invalid_generation: [
    [
      'Generación inválida o fuera de los datos: "{1}". Generaciones válidas: {2}',
      'Invalid generation or outside the data: "{1}". Valid generations: {2}',
    ],
    [
      'Generación inválida: "{1}" (se espera AAAA-AAAA de ingreso y egreso, p. ej. 2022-2025, o el año de ingreso). Generaciones válidas: {2}',
      'Invalid generation: "{1}" (expected YYYY-YYYY of entry and exit, e.g. 2022-2025, or the entry year). Valid generations: {2}',
    ],
  ],
  invalid_level: [
    ['Nivel desconocido: "{1}". Valores válidos: {2}', 'Unknown level: "{1}". Valid values: {2}'],
  ],
  invalid_multipart: [
    [
      'El formulario multipart está mal formado (sin límite de cierre o con partes dañadas): envíe el archivo en el campo "file" o el cuerpo crudo con ?filename=',
      'The multipart form is malformed (no closing boundary or damaged parts): send the file in the "file" field or as the raw body with ?filename=',
    ],
  ],
  invalid_parameter: [
    ['Parámetro inválido: {1} ({2})', 'Invalid parameter: {1|en} ({2})'],
    ['Parámetro inválido: {1}', 'Invalid parameter: {1|en}'],
  ],
  invalid_published_file: [
    [
      'El archivo de abandono publicado {1} tiene errores; no se importó nada',
      'The published dropout file {1} has errors; nothing was imported',
    ],
  ],
  invalid_q: [['El parámetro q necesita al menos 2 letras', 'The q parameter needs at least 2 letters']],
  invalid_report: [
    ['Informe desconocido: "{1}". Valores válidos: {2}', 'Unknown report: "{1}". Valid values: {2}'],
  ],
  invalid_retention: [
    ['Años de retención inválidos: {1} (entero ≥ 1)', 'Invalid retention years: {1} (a whole number ≥ 1)'],
  ],
  invalid_role: [['Rol desconocido: "{1}". Valores válidos: {2}', 'Unknown role: "{1}". Valid values: {2}']],
  invalid_scale: [
    [
      'Escala inválida: {1} (debe estar entre 0 y {2}; 1 = escala nacional)',
      'Invalid scale: {1} (must be between 0 and {2}; 1 = national scale)',
    ],
  ],
  invalid_scenario: [['Escenario inválido', 'Invalid scenario']],
  invalid_school_year: [
    [
      'Ciclo escolar inválido: "{1}" (se espera AAAA-AAAA). Ciclos válidos: {2}',
      'Invalid school year: "{1}" (expected YYYY-YYYY). Valid school years: {2}',
    ],
    [
      'Ciclo escolar inválido: "{1}" (se espera AAAA-AAAA)',
      'Invalid school year: "{1}" (expected YYYY-YYYY)',
    ],
    ['{1}. Ciclos válidos: {2}', '{1|en}. Valid school years: {2}'],
    ['{1}. {2}', '{1}. {2}'],
  ],
  invalid_sessions: [
    [
      'Sesiones: un entero entre 0 y 200 (recibido: {1})',
      'Sessions: a whole number from 0 to 200 (received: {1})',
    ],
  ],
  invalid_settings: [['Parámetros de la cola inválidos', 'Invalid queue settings']],
  invalid_state: [
    ['Clave de entidad inválida: "{1}"', 'Invalid state key: "{1}"'],
    [
      'El rol state necesita --state con una clave de entidad válida (01-32), no "{1}"',
      'The state role needs --state with a valid state key (01-32), not "{1}"',
    ],
    [
      'Entidad inválida: "{1}" (se espera la clave INEGI 1-32)',
      'Invalid state: "{1}" (expected the INEGI key 1-32)',
    ],
  ],
  invalid_text: [
    ['La solicitud contiene un carácter nulo (U+0000)', 'The request contains a null character (U+0000)'],
  ],
  invalid_threshold: [
    ['Umbral inválido: {1} (entero de 2 a 100)', 'Invalid threshold: {1} (a whole number from 2 to 100)'],
    ['Umbrales inválidos', 'Invalid thresholds'],
  ],
  invalid_unit: [
    [
      'Indique exactamente una unidad: --campus CCT, --state N o --national',
      'Give exactly one unit: --campus CCT, --state N or --national',
    ],
  ],
  invalid_username: [
    [
      'Usuario inválido: "{1}" (3-40 letras minúsculas, dígitos, . _ -)',
      'Invalid user name: "{1}" (3-40 lowercase letters, digits, . _ -)',
    ],
  ],
  method_not_allowed: [['Método no permitido', 'Method not allowed']],
};
