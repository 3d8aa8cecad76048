/**
 * Use case: 911-style statistics of a unit and school year, modelled on SEP's questionnaire for technical
 * upper-secondary schools (formato 911.7, inicio y fin de cursos), generated from the records. Start of year:
 * students by grade, condition (new entrants, repeaters) and sex; by age; groups; teachers. End of year:
 * existencia, passed, regularized and failed; initial enrollment; dropouts by reason; graduates by age;
 * groups; teachers. Optionally the public version (small counts suppressed, see suppression.ts).
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { invalid } from '../../domain/errors.js';
import { flowYears } from '../../storage/flow-queries.js';
import {
  endOfYearRows,
  graduateAgeRows,
  groupRows,
  initialRows,
  leaveRows,
  startOfYearRows,
  teacherRows,
  type UnitFilter,
} from '../../storage/report-queries.js';
import type { Database } from '../../storage/schema.js';
import { validYear } from '../indicators/index.js';
import { cubeFromRows, type Cube } from './cube.js';
import {
  AGE,
  AGE_CUTOFF,
  ageBin,
  DEGREES,
  GRADE,
  gradeOf,
  LABELS,
  REASONS,
  RESULT,
  sexDimension,
  STATUS,
} from './dimensions.js';
import { layoutTable, suppressTables, type ReportTable } from './layout.js';
import { DEFAULT_THRESHOLD } from './suppression.js';
import { resolveUnit, type ReportUnit, type UnitRequest } from './unit.js';

export type Form911Kind = 'inicio' | 'fin';

export interface Form911Options {
  readonly kind: Form911Kind;
  readonly unit: UnitRequest;
  readonly year?: string;
  readonly public?: boolean;
  readonly threshold?: number;
  readonly scope?: Scope | null;
  readonly now?: Date;
}

export interface Section {
  readonly sheet: string;
  readonly title: string;
  readonly tables: readonly ReportTable[];
}

export interface Form911 {
  readonly kind: Form911Kind;
  readonly title: string;
  readonly unit: ReportUnit;
  readonly schoolYear: string;
  readonly generatedAt: string;
  readonly public: boolean;
  readonly threshold: number | null;
  readonly suppressedCells: number;
  readonly sections: readonly Section[];
}

export async function form911(db: Kysely<Database>, o: Form911Options): Promise<Form911> {
  const unit = await resolveUnit(db, o.unit, o.scope ?? null);
  const year = o.year !== undefined ? await validYear(db, o.year) : await latestYear(db);
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > 100)
    throw invalid('invalid_threshold', `Umbral inválido: ${threshold} (entero de 2 a 100)`);
  const built =
    o.kind === 'inicio'
      ? await startSections(db, year, unit.filter)
      : await endSections(db, year, unit.filter);
  let sections = built.sections;
  let suppressed = 0;
  if (o.public) {
    const all = sections.flatMap((s) => s.tables);
    const result = suppressTables(all, built.cubes, threshold);
    let i = 0;
    sections = sections.map((s) => ({ ...s, tables: s.tables.map(() => result.tables[i++]!) }));
    suppressed = result.suppressed;
  }
  return {
    kind: o.kind,
    title:
      o.kind === 'inicio'
        ? 'Estadística de inicio de cursos (formato 911.7, bachillerato tecnológico)'
        : 'Estadística de fin de cursos (formato 911.7, bachillerato tecnológico)',
    unit,
    schoolYear: year,
    generatedAt: (o.now ?? new Date()).toISOString(),
    public: o.public ?? false,
    threshold: o.public ? threshold : null,
    suppressedCells: suppressed,
    sections,
  };
}

async function latestYear(db: Kysely<Database>): Promise<string> {
  const years = await flowYears(db);
  const last = years.at(-1);
  if (last === undefined) return validYear(db, ''); // throws the "no data" error
  return last;
}

interface Built {
  readonly sections: Section[];
  readonly cubes: Cube[];
}

async function startSections(db: Kysely<Database>, year: string, f: UnitFilter): Promise<Built> {
  const startYear = Number(year.slice(0, 4));
  const rows = await startOfYearRows(db, year, AGE_CUTOFF, f);
  const SEX = sexDimension(rows);
  const status = ['reinscrito', 'nuevo', 'repetidor'];
  const byStatus = cubeFromRows(
    'mt',
    [GRADE, STATUS, SEX],
    rows.map((r) => ({
      coords: { grade: gradeOf(r.semester), status: status[r.status] ?? 'reinscrito', sex: r.sex },
      n: r.n,
    })),
  );
  const byAge = cubeFromRows(
    'mt',
    [AGE, GRADE, SEX],
    rows.map((r) => ({
      coords: { age: ageBin(startYear, r.birthYear, r.afterCutoff), grade: gradeOf(r.semester), sex: r.sex },
      n: r.n,
    })),
  );
  const groups = await groupsCube(db, year, 1, f);
  const teachers = await teachersCube(db, startYear, f);
  return {
    cubes: [byStatus, byAge, teachers],
    sections: [
      {
        sheet: 'I Alumnos',
        title: 'I. Alumnos inscritos al inicio del ciclo',
        tables: [
          layoutTable({
            title: 'Alumnos inscritos por grado, condición y sexo',
            cube: byStatus,
            rows: 'grade',
            cols: ['status', 'sex'],
            labels: LABELS,
            rowHeader: 'Grado',
            notes: [
              'Inscritos en el primer periodo del ciclo (agosto-enero): semestres 1, 3 y 5.',
              'Nuevo ingreso: primera inscripción a primer semestre. Repetidores: inscritos en un semestre que ya habían cursado en un ciclo anterior. Quienes llegan de otro subsistema a 3.º o 5.º semestre cuentan con los reinscritos.',
            ],
          }),
        ],
      },
      {
        sheet: 'II Edad',
        title: 'II. Alumnos inscritos por edad',
        tables: [
          layoutTable({
            title: `Alumnos inscritos por edad, grado y sexo (edad cumplida al ${AGE_CUTOFF.slice(3)}/${AGE_CUTOFF.slice(0, 2)}/${startYear})`,
            cube: byAge,
            rows: 'age',
            cols: ['grade', 'sex'],
            labels: LABELS,
            rowHeader: 'Edad',
          }),
        ],
      },
      groupsSection('III Grupos', 'III. Grupos', groups, 'Grupos en el primer periodo del ciclo'),
      teachersSection('IV Docentes', 'IV. Personal docente', teachers),
    ],
  };
}

async function endSections(db: Kysely<Database>, year: string, f: UnitFilter): Promise<Built> {
  const startYear = Number(year.slice(0, 4));
  const [ends, starts, leaves, grads] = [
    await endOfYearRows(db, year, f),
    await initialRows(db, year, f),
    await leaveRows(db, year, f),
    await graduateAgeRows(db, year, AGE_CUTOFF, f),
  ];
  const SEX = sexDimension(ends, starts, leaves, grads);
  const results = cubeFromRows(
    'fin',
    [GRADE, RESULT, SEX],
    ends.flatMap((r) => {
      const base = { grade: gradeOf(r.semester), sex: r.sex };
      return [
        { coords: { ...base, result: 'aprobado' }, n: r.ap },
        { coords: { ...base, result: 'regularizado' }, n: r.reg },
        { coords: { ...base, result: 'reprobado' }, n: r.ex - r.ap - r.reg },
      ];
    }),
  );
  const initial = cubeFromRows(
    'mt',
    [GRADE, SEX],
    starts.map((r) => ({ coords: { grade: gradeOf(r.semester), sex: r.sex }, n: r.n })),
  );
  const extra = [...new Set(leaves.map((l) => l.reason ?? 'sin_motivo'))].filter((r) => !REASONS.includes(r));
  const dropouts = cubeFromRows(
    'bajas',
    [{ name: 'reason', members: [...REASONS, ...extra.sort()] }, SEX],
    leaves
      .filter((l) => l.kind === 'dropout')
      .map((l) => ({ coords: { reason: l.reason ?? 'sin_motivo', sex: l.sex }, n: l.n })),
  );
  const temporary = cubeFromRows(
    'bajas_temporales',
    [{ name: 'kind', members: ['temporal'] }, SEX],
    leaves
      .filter((l) => l.kind === 'temporary_leave')
      .map((l) => ({ coords: { kind: 'temporal', sex: l.sex }, n: l.n })),
  );
  const graduates = cubeFromRows(
    'eg',
    [AGE, SEX],
    grads.map((r) => ({
      coords: { age: ageBin(startYear, r.birthYear, r.afterCutoff), sex: r.sex },
      n: r.n,
    })),
  );
  const groups = await groupsCube(db, year, 2, f);
  const teachers = await teachersCube(db, startYear, f);
  const table = (
    title: string,
    cube: Cube,
    rows: string,
    cols: string[],
    rowHeader: string,
    notes?: string[],
  ) => layoutTable({ title, cube, rows, cols, labels: LABELS, rowHeader, notes });
  return {
    cubes: [results, initial, dropouts, temporary, graduates, teachers],
    sections: [
      {
        sheet: 'I Existencia',
        title: 'I. Existencia y resultados al fin del ciclo',
        tables: [
          table('Existencia por grado, resultado y sexo', results, 'grade', ['result', 'sex'], 'Grado', [
            'Existencia: alumnos que concluyeron el segundo periodo del ciclo (febrero-julio), incluidas altas y sin las bajas.',
            'Aprobados en ordinario: sin módulos reprobados en evaluación ordinaria. Regularizados: aprobaron en exámenes de regularización todos los módulos reprobados.',
          ]),
        ],
      },
      {
        sheet: 'II Inscripción',
        title: 'II. Inscripción inicial',
        tables: [
          table('Inscripción al inicio del ciclo por grado y sexo', initial, 'grade', ['sex'], 'Grado'),
        ],
      },
      {
        sheet: 'III Bajas',
        title: 'III. Bajas en el ciclo',
        tables: [
          table('Bajas definitivas por motivo y sexo', dropouts, 'reason', ['sex'], 'Motivo', [
            'Incluye a quienes abandonaron durante el ciclo y a quienes lo concluyeron sin reinscribirse.',
          ]),
          layoutTable({
            title: 'Bajas temporales por sexo',
            cube: temporary,
            rows: 'kind',
            cols: ['sex'],
            labels: LABELS,
            rowHeader: 'Tipo',
            noTotalRow: true,
          }),
        ],
      },
      {
        sheet: 'IV Egresados',
        title: 'IV. Egresados',
        tables: [
          table(
            `Egresados por edad y sexo (edad cumplida al ${AGE_CUTOFF.slice(3)}/${AGE_CUTOFF.slice(0, 2)}/${startYear})`,
            graduates,
            'age',
            ['sex'],
            'Edad',
            [
              'Egresados: concluyeron el sexto semestre en el ciclo con todos los módulos del programa aprobados.',
            ],
          ),
        ],
      },
      groupsSection('V Grupos', 'V. Grupos', groups, 'Grupos en el segundo periodo del ciclo'),
      teachersSection('VI Docentes', 'VI. Personal docente', teachers),
    ],
  };
}

async function groupsCube(db: Kysely<Database>, year: string, term: 1 | 2, f: UnitFilter): Promise<Cube> {
  const rows = await groupRows(db, year, term, f);
  return cubeFromRows(
    'grupos',
    [GRADE, { name: 'what', members: ['grupos'] }],
    rows.map((r) => ({ coords: { grade: gradeOf(r.semester), what: 'grupos' }, n: r.groups })),
  );
}

async function teachersCube(db: Kysely<Database>, startYear: number, f: UnitFilter): Promise<Cube> {
  const rows = await teacherRows(db, startYear, f);
  const extra = [...new Set(rows.map((r) => r.degree))].filter((d) => !DEGREES.includes(d)).sort();
  return cubeFromRows(
    'docentes',
    [{ name: 'degree', members: [...DEGREES, ...extra] }, sexDimension(rows)],
    rows.map((r) => ({ coords: { degree: r.degree, sex: r.sex }, n: r.n })),
  );
}

function groupsSection(sheet: string, title: string, cube: Cube, tableTitle: string): Section {
  return {
    sheet,
    title,
    tables: [
      {
        ...layoutTable({
          title: tableTitle,
          cube,
          rows: 'grade',
          cols: ['what'],
          labels: { ...LABELS, what: { grupos: 'Grupos', '*': 'Total' } },
          rowHeader: 'Grado',
          sensitive: false,
          notes: ['Grupos distintos con al menos un alumno inscrito.'],
        }),
      },
    ].map((t) => ({ ...t, header: [t.header[0]!.slice(0, 1)], cells: t.cells.map((r) => r.slice(0, 1)) })),
  };
}

function teachersSection(sheet: string, title: string, cube: Cube): Section {
  return {
    sheet,
    title,
    tables: [
      layoutTable({
        title: 'Personal docente por máximo grado de estudios y sexo',
        cube,
        rows: 'degree',
        cols: ['sex'],
        labels: LABELS,
        rowHeader: 'Máximo grado de estudios',
        notes: [
          'Docentes contratados al inicio del ciclo (año de contratación no posterior al del inicio del ciclo).',
        ],
      }),
    ],
  };
}
