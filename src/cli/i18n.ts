/** Column headers and labels of CLI output, Spanish first. */
export type Lang = 'es' | 'en';

const LABELS: Readonly<Record<string, { es: string; en: string }>> = {
  level: { es: 'Nivel', en: 'Level' },
  unit_id: { es: 'Clave', en: 'Unit id' },
  unit_name: { es: 'Unidad', en: 'Unit' },
  school_year: { es: 'Ciclo', en: 'School year' },
  sex: { es: 'Sexo', en: 'Sex' },
  mt: { es: 'Matrícula (MT)', en: 'Enrolled (MT)' },
  ni1: { es: 'Nuevo ingreso (NI1)', en: 'New entrants (NI1)' },
  ex: { es: 'Existencia (EX)', en: 'Enrolled at end (EX)' },
  ap: { es: 'Aprobados (AP)', en: 'Passed (AP)' },
  reg: { es: 'Regularizados (REG)', en: 'Recovered (REG)' },
  eg: { es: 'Egresados (EG)', en: 'Graduates (EG)' },
  abandono: { es: 'Abandono %', en: 'Dropout %' },
  abandono_intra: { es: 'Abandono intra %', en: 'Dropout intra %' },
  abandono_inter: { es: 'Abandono inter %', en: 'Dropout inter %' },
  retencion: { es: 'Retención %', en: 'Retention %' },
  eficiencia_terminal: { es: 'Eficiencia terminal %', en: 'Graduation efficiency %' },
  reprobacion: { es: 'Reprobación %', en: 'Failure %' },
  reprobacion_con_reg: { es: 'Reprobación c/reg %', en: 'Failure after reg. %' },
  aprobacion: { es: 'Aprobación %', en: 'Pass %' },
  aprobacion_con_reg: { es: 'Aprobación c/reg %', en: 'Pass after reg. %' },
  generation: { es: 'Generación', en: 'Generation' },
  semester: { es: 'Semestre', en: 'Semester' },
  entrants: { es: 'Ingresaron', en: 'Entrants' },
  enrolled: { es: 'Inscritos', en: 'Enrolled' },
  survival_pct: { es: 'Supervivencia %', en: 'Survival %' },
  indicator: { es: 'Indicador', en: 'Indicator' },
  value: { es: 'Valor', en: 'Value' },
  definition: { es: 'Definición', en: 'Definition' },
  formula: { es: 'Fórmula', en: 'Formula' },
  table: { es: 'Tabla', en: 'Table' },
  rows: { es: 'Filas', en: 'Rows' },
};

export function label(key: string, lang: Lang): string {
  return LABELS[key]?.[lang] ?? key;
}
