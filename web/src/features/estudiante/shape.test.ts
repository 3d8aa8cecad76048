import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/translate';
import type { StudentProfile } from '../../api/models';
import * as shape from './shape';
import { num, str, studentInfo } from './shape';

// Partial profiles: the readers tolerate missing sections and fields, and camelCase names.
const loose = (p: object) => p as unknown as StudentProfile;
const timeline = (p: object) => shape.timeline(loose(p));
const yearResults = (p: object) => shape.yearResults(loose(p));
const studentSituation = (p: object) => shape.studentSituation(loose(p));

describe('field readers', () => {
  it('accept camelCase and snake_case and skip nulls', () => {
    expect(str({ school_year: '2024-2025' }, 'schoolYear', 'school_year')).toBe('2024-2025');
    expect(str({ schoolYear: null, school_year: 'x' }, 'schoolYear', 'school_year')).toBe('x');
    expect(num({ grade_avg: '8.5' }, 'gradeAvg', 'grade_avg')).toBe(8.5);
    expect(num({ gradeAvg: 'n/a' }, 'gradeAvg')).toBeNull();
  });
});

describe('studentInfo', () => {
  it('reads a student with a name, or joins the name parts', () => {
    expect(
      studentInfo({
        id: 'abc',
        name: 'Ana Pérez',
        campusCct: '15DPT0001X',
        campusName: 'Toluca',
        entryYear: 2022,
      }),
    ).toMatchObject({
      id: 'abc',
      name: 'Ana Pérez',
      generation: '2022-2025',
      campus: { code: '15DPT0001X', name: 'Toluca' },
    });
    expect(studentInfo({ given_names: 'Ana', first_surname: 'Pérez', second_surname: 'Luna' }).name).toBe(
      'Ana Pérez Luna',
    );
  });

  it('leaves identity empty for a pseudonymous record', () => {
    const s = studentInfo({ id: 'k3y', campus: { cct: '01DPT0002I', name: 'Aguascalientes' } });
    expect([s.name, s.curp]).toEqual([null, null]);
    expect(s.campus).toEqual({ code: '01DPT0002I', name: 'Aguascalientes' });
  });
});

describe('timeline', () => {
  it('orders terms and attaches events, interventions and modules of each term', () => {
    const t = timeline({
      student: { id: 'x' },
      terms: [
        {
          schoolYear: '2023-2024',
          termNo: 2,
          semester: 2,
          gradeAvg: 7.1,
          failedModules: 1,
          attendancePct: 88,
          endStatus: 'completed',
        },
        {
          school_year: '2023-2024',
          term_no: 1,
          semester: 1,
          grade_avg: 8.0,
          failed_modules: 0,
          attendance_pct: 95,
          end_status: 'completed',
        },
      ],
      events: [
        { schoolYear: '2023-2024', termNo: 1, eventDate: '2023-08-14', kind: 'new_entry' },
        { schoolYear: '2023-2024', termNo: 2, eventDate: '2024-08-22', kind: 'dropout', reason: 'economica' },
        { schoolYear: '2024-2025', termNo: 1, eventDate: '2024-09-01', kind: 'readmission' },
      ],
      interventions: [
        { school_year: '2023-2024', term_no: 2, kind: 'tutoring', sessions: 6, outcome: 'concluida' },
      ],
      modules: [
        {
          schoolYear: '2023-2024',
          termNo: 1,
          moduleCode: 'M1',
          moduleName: 'Álgebra',
          grade: 5.5,
          passed: 0,
          regularizationGrade: 7,
        },
      ],
    });
    expect(t.map((x) => x.key)).toEqual(['2023-2024/1', '2023-2024/2', '2024-2025/1']);
    expect(t[0]).toMatchObject({
      semester: 1,
      gradeAvg: 8,
      failedModules: 0,
      attendancePct: 95,
      status: 'completed',
    });
    expect(t[0]?.events).toEqual([{ date: '2023-08-14', kind: 'new_entry', reason: null }]);
    expect(t[0]?.modules).toEqual([
      { code: 'M1', name: 'Álgebra', grade: 5.5, attendancePct: null, passed: false, regularizationGrade: 7 },
    ]);
    expect(t[1]?.interventions).toEqual([
      { kind: 'tutoring', startDate: null, endDate: null, sessions: 6, outcome: 'concluida' },
    ]);
    // An event in a term without enrollment gets its own entry.
    expect(t[2]).toMatchObject({ semester: null, events: [{ kind: 'readmission' }] });
  });

  it('is empty for a profile without sections', () => {
    expect(timeline({ student: {} })).toEqual([]);
  });
});

describe('the server profile shape', () => {
  it('reads snake_case terms with cct and campus_name, and years as the year results', () => {
    const profile = {
      student: {
        id: 'p1',
        name: null,
        curp: null,
        sex: 'M',
        campusCct: '01DPT0002I',
        campusName: 'Ags',
        programCode: 'P1',
        programName: 'Informática',
      },
      terms: [
        {
          school_year: '2024-2025',
          term_no: 1,
          semester: 1,
          group_code: 'P1-101',
          cct: '01DPT0002I',
          campus_name: 'Ags',
          program_name: 'Informática',
          grade_avg: 8.2,
          failed_modules: 0,
          attendance_pct: 96.1,
          scholarship_delay_days: 0,
          end_status: 'completed',
          new_entry: 1,
        },
      ],
      years: [
        {
          school_year: '2024-2025',
          semester: 2,
          passed_all: 1,
          regularized: 0,
          pending_modules: 0,
          graduated: 0,
        },
      ],
      events: [
        { school_year: '2024-2025', term_no: 1, event_date: '2024-08-12', kind: 'new_entry', reason: null },
      ],
      modules: [
        {
          school_year: '2024-2025',
          term_no: 1,
          semester: 1,
          code: 'M101',
          name: 'Comunicación',
          grade: 8,
          attendance_pct: 97,
          passed: 1,
          regularization_grade: null,
        },
      ],
      interventions: [],
      payments: [],
    };
    const [term] = timeline(profile);
    expect(term).toMatchObject({
      campus: { code: '01DPT0002I', name: 'Ags' },
      group: 'P1-101',
      gradeAvg: 8.2,
      status: 'completed',
      modules: [{ code: 'M101', name: 'Comunicación', passed: true }],
    });
    expect(yearResults(profile)).toEqual([
      {
        schoolYear: '2024-2025',
        semester: 2,
        passedAll: true,
        regularized: false,
        pendingModules: 0,
        graduated: false,
      },
    ]);
    expect(studentInfo(profile.student)).toMatchObject({
      name: null,
      program: { code: 'P1', name: 'Informática' },
    });
  });
});

describe('studentSituation (finding 8: "Concluido" read as graduated)', () => {
  const secondSemester = {
    student: { id: 'a1', status: 'completed', semester: 2 },
    terms: [{ school_year: '2025-2026', term_no: 2, semester: 2, end_status: 'completed' }],
    events: [{ school_year: '2025-2026', term_no: 1, kind: 'new_entry', date: '2025-08-12' }],
  };

  it('calls a student who completed a term "Semestre concluido", never graduated', () => {
    expect(studentSituation(secondSemester)).toBe('completed');
    expect(translate('es', 'status.completed')).toBe('Semestre concluido');
    expect(translate('en', 'status.completed')).toBe('Term completed');
  });

  it('gives "graduated" only with a graduation event or a graduated year result', () => {
    expect(
      studentSituation({
        ...secondSemester,
        events: [...secondSemester.events, { school_year: '2027-2028', term_no: 2, kind: 'graduation' }],
      }),
    ).toBe('graduated');
    expect(
      studentSituation({ ...secondSemester, years: [{ school_year: '2027-2028', graduated: true }] }),
    ).toBe('graduated');
  });

  it('keeps other situations (dropout, temporary leave) and a missing one as they are', () => {
    expect(studentSituation({ student: { status: 'dropout' } })).toBe('dropout');
    expect(studentSituation({ student: {} })).toBeNull();
  });
});
