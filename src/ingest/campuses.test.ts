import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SchoolYear } from '../domain/calendar.js';
import type { Percent } from '../domain/indicators.js';
import {
  matchPublishedCampuses,
  normalizeCampusName,
  normalizeStateName,
  parseCampusesCsv,
  parsePublishedDropoutCsv,
  type Campus,
  type PublishedDropout,
} from './campuses.js';
import { formatIssue } from './issues.js';

const asset = (path: string) => readFileSync(new URL(`../../assets/data/${path}`, import.meta.url));

function value<T>(
  result: { ok: true; value: T } | { ok: false; issues: Parameters<typeof formatIssue>[0][] },
): T {
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

function issues(result: { ok: boolean; issues?: Parameters<typeof formatIssue>[0][] }): string[] {
  if (result.ok || !result.issues) throw new Error('expected issues');
  return result.issues.map(formatIssue);
}

const realCampuses = () =>
  value(
    parseCampusesCsv(asset('conalep-planteles/GeoReferenciaPlanteles.csv'), 'GeoReferenciaPlanteles.csv'),
  );
const realPublished = () =>
  value(
    parsePublishedDropoutCsv(
      asset('conalep-abandono-2024-2025/abandono-por-plantel-2024-2025.csv'),
      'abandono-por-plantel-2024-2025.csv',
    ),
  );

const CAMPUS_HEADER = 'clave_entidad,entidad,clave_plantel,plantel,cct,latitud,longitud,domicilio_plantel\n';
const parseCampuses = (rows: string) => parseCampusesCsv(Buffer.from(CAMPUS_HEADER + rows), 'p.csv');

describe('parseCampusesCsv on the official list', () => {
  it('keeps all 315 campuses with accents, reporting the placeholder coordinates and CCT it holds', () => {
    const { campuses, defects } = realCampuses();
    expect(campuses).toHaveLength(315);
    expect(new Set(campuses.map((c) => c.stateId)).size).toBe(32);
    expect(campuses.filter((c) => c.stateName === 'Ciudad de México')).toHaveLength(28);
    expect(campuses[2]).toEqual({
      stateId: 1,
      stateName: 'Aguascalientes',
      campusNumber: 47,
      name: 'Ing. Miguel Ángel Barberena Vega',
      cct: '01DPT0003H',
      latitude: 21.96649194,
      longitude: -102.3518269,
      address: 'Av. Emiliano Zapata Esq. Francisco I. Madero S/N',
      line: 4,
    });
    // The source README says no coordinate is missing; five rows carry placeholders instead.
    const noPoint = campuses.filter((c) => c.latitude === null).map((c) => `${c.line} ${c.name}`);
    expect(noPoint).toEqual([
      '78 Instituto Antares A.C.',
      '106 Buenavista de Cuéllar',
      '107 Tlapa de Comonfort',
      '133 Josefina Dueñas Montoya A.C.',
      '232 Querétaro II',
    ]);
    expect(defects.map((d) => `${d.line} ${d.column ?? ''} ${d.value ?? ''}`)).toEqual([
      '78 latitud (null)',
      '78 longitud (null)',
      '106 latitud 0',
      '106 longitud 0',
      '107 latitud 0',
      '107 longitud 0',
      '133 latitud 2071978',
      '133 longitud 2071978',
      '133 cct 99XXX9999X',
      '232 latitud 0',
      '232 longitud 0',
    ]);
  });

  it('reads the UTF-8 copy to the same campuses', () => {
    const utf8 = value(parseCampusesCsv(asset('conalep-planteles/GeoReferenciaPlanteles.utf8.csv'), 'x.csv'));
    expect(utf8.campuses).toEqual(realCampuses().campuses);
  });
});

describe('parseCampusesCsv validation', () => {
  const good = '1,Aguascalientes,16,Prof. J. Refugio Esparza Reyes,01DPT0002I,21.88,-102.28,Cosío 201\n';

  it('fails on rows that cannot name a campus, naming line, column and value', () => {
    const rows =
      good +
      '0,X,1,A,00DPT0001A,20,-100,\n' +
      '33,X,1,A,33DPT0001A,20,-100,\n' +
      '1,,1.5,,01DPT0009Z,20,-100,\n' +
      '1,Aguascalientes,2,B,01DPT0002I,20,-100,\n';
    expect(issues(parseCampuses(rows))).toEqual([
      'p.csv:3: columna "clave_entidad", valor "0": fuera del rango 1 a 32',
      'p.csv:4: columna "clave_entidad", valor "33": fuera del rango 1 a 32',
      'p.csv:5: columna "entidad", valor "": falta el valor',
      'p.csv:5: columna "clave_plantel", valor "1.5": no es un número entero',
      'p.csv:5: columna "plantel", valor "": falta el valor',
      'p.csv:6: columna "cct", valor "01DPT0002I": CCT repetida: aparece en las líneas 2 y 6',
    ]);
  });

  it('keeps a campus with a malformed CCT, a CCT of another state or coordinates outside Mexico, reporting each', () => {
    const rows =
      good +
      '2,Baja California,17,Mexicali I,02dpt0001A,32.6,-115.4,\n' +
      '9,Ciudad de México,3,Iztapalapa I,15DPT0001A,19.3,-99.0,\n' +
      '3,Baja California Sur,19,La Paz,03DPT0001A,40.1,-110.3,\n' +
      '4,Campeche,20,Campeche,04DPT0001A,,-90.5,\n';
    const { campuses, defects } = value(parseCampuses(rows));
    expect(campuses.map((c) => [c.cct, c.latitude, c.longitude])).toEqual([
      ['01DPT0002I', 21.88, -102.28],
      ['02dpt0001A', 32.6, -115.4],
      ['15DPT0001A', 19.3, -99],
      ['03DPT0001A', null, null],
      ['04DPT0001A', null, null],
    ]);
    expect(defects.map(formatIssue)).toEqual([
      'p.csv:3: columna "cct", valor "02dpt0001A": CCT mal formada: se esperan 2 dígitos, 3 letras, 4 dígitos y 1 letra',
      'p.csv:4: columna "cct", valor "15DPT0001A": la CCT no empieza con la clave de entidad 09',
      'p.csv:5: columna "latitud", valor "40.1": fuera del rango 14 a 33',
      'p.csv:6: columna "latitud", valor "": falta el valor',
    ]);
  });

  it('lists missing columns', () => {
    expect(issues(parseCampusesCsv(Buffer.from('clave_entidad,entidad,plantel,cct\n'), 'p.csv'))).toEqual([
      'p.csv:1: faltan columnas obligatorias: clave_plantel, latitud, longitud, domicilio_plantel',
    ]);
  });
});

describe('parsePublishedDropoutCsv', () => {
  it('parses the 313 published rows as they are, negative rate and quoted name included', () => {
    const rows = realPublished();
    expect(rows).toHaveLength(313);
    expect(new Set(rows.map((r) => r.schoolYear))).toEqual(new Set(['2024-2025']));
    const min = rows.reduce((a, b) => (b.dropoutPct < a.dropoutPct ? b : a));
    expect([min.name, min.dropoutPct]).toEqual(['Villa de Reyes', -0.8]);
    expect(rows.map((r) => r.name)).toContain('Lic. Francisco Medina Ascencio, Mexicano-Italiano');
    expect(rows.find((r) => r.name === 'Tepezalá')).toMatchObject({
      stateId: 2,
      stateName: 'Aguascalientes',
    });
  });

  it('reports a bad period, a non-numeric rate and a state code out of range', () => {
    const text =
      'cve_ent,entidad,cve_plantel,plantel,periodo_anual,porcentaje_abandono_escolar\n' +
      '1,Aguascalientes,63,Aguascalientes II,2024-2026,6.1\n' +
      '40,X,1,Y,2024-2025,n/d\n';
    expect(issues(parsePublishedDropoutCsv(Buffer.from(text), 'a.csv'))).toEqual([
      'a.csv:2: columna "periodo_anual", valor "2024-2026": periodo inválido: se espera AAAA-AAAA con años consecutivos',
      'a.csv:3: columna "cve_ent", valor "40": fuera del rango 1 a 32',
      'a.csv:3: columna "porcentaje_abandono_escolar", valor "n/d": no es un número',
    ]);
  });
});

describe('name keys', () => {
  it.each([
    ['Plantel Ciudad Delicias', 'ciudad delicias'],
    ['CONALEP Plantel Cd. Delicias', 'ciudad delicias'],
    ['  Pénjamo  ', 'penjamo'],
    [
      '"Lic. Francisco Medina Ascencio Mexicano-Italiano"',
      'licenciado francisco medina ascencio mexicano italiano',
    ],
    [
      'Lic. Francisco Medina Ascencio, Mexicano-Italiano',
      'licenciado francisco medina ascencio mexicano italiano',
    ],
    ['José Ma. Martínez R.', 'jose maria martinez r'],
    ['Peñita de Jaltemba', 'penita de jaltemba'],
    ['Plantel', 'plantel'],
  ])('campus %j → %j', (name, key) => {
    expect(normalizeCampusName(name)).toBe(key);
  });

  it.each([
    ['Coahuila de Zaragoza', 'coahuila'],
    ['Veracruz Llave', 'veracruz'],
    ['Veracruz de Ignacio de la Llave', 'veracruz'],
    ['Michoacán de Ocampo', 'michoacan'],
    ['Querétaro de Arteaga', 'queretaro'],
    ['Estado de México', 'mexico'],
    ['Distrito Federal', 'ciudad de mexico'],
    ['Baja California Sur', 'baja california sur'],
  ])('state %j → %j', (name, key) => {
    expect(normalizeStateName(name)).toBe(key);
  });
});

describe('matchPublishedCampuses on the real files', () => {
  const { campuses } = realCampuses();
  const published = realPublished();
  const m = matchPublishedCampuses(campuses, published);

  it('matches nearly all published rows and names the ones it cannot', () => {
    console.log(
      `planteles publicados emparejados: ${m.matched.length} de ${published.length}; ` +
        `sin pareja: ${m.unmatched.map((p) => p.name).join(', ')}; ` +
        `en la lista sin dato publicado: ${m.unpublished.map((c) => c.name).join(', ')}`,
    );
    expect(m.matched.length).toBeGreaterThanOrEqual(290);
    expect(m.matched.length + m.unmatched.length).toBe(313);
    // Absent from the campus list (newer campuses, or renamed beyond what a name key can honestly bridge).
    expect(m.unmatched.map((p) => p.name)).toEqual([
      'Pichucalco',
      'Ing. Gustavo M. de la Garza Ortega',
      'Lic. Bárbara Herrera de Garza',
    ]);
    expect(new Set(m.matched.map((x) => x.campus)).size).toBe(m.matched.length);
  });

  it('reports Tepezalá: state code 2 (Baja California) with state name Aguascalientes', () => {
    const hit = m.matched.find((x) => x.published.name === 'Tepezalá');
    expect(hit?.campus).toMatchObject({ stateId: 1, cct: '01DPT0005F' });
    expect(hit?.defect).toBe('cve_ent 2 es Baja California, pero entidad dice "Aguascalientes"');
    expect(m.defects).toContain(`línea 8 (Tepezalá, Aguascalientes): ${hit?.defect ?? ''}`);
  });

  it('reports Dr. Victor Bravo Ahuja-Tuxtepec published under Nuevo León while the list puts it in Oaxaca', () => {
    const hit = m.matched.find((x) => x.published.name === 'Dr. Victor Bravo Ahuja-Tuxtepec');
    expect(hit?.campus.stateName).toBe('Oaxaca');
    expect(hit?.defect).toMatch(
      /publicado en Nuevo León \(cve_ent 19\), pero la lista de planteles lo ubica en Oaxaca/,
    );
  });

  it('matches campuses whose numbers differ only in the hundreds, and reports those that differ more', () => {
    const barberena = m.matched.find((x) => x.published.name === 'Ing. Miguel Ángel Barberena Vega');
    expect([barberena?.published.campusNumber, barberena?.campus.campusNumber, barberena?.defect]).toEqual([
      247,
      47,
      undefined,
    ]);
    const numberDefects = m.matched
      .filter((x) => x.defect?.startsWith('cve_plantel'))
      .map((x) => x.published.name);
    expect(numberDefects).toEqual([
      'Querétaro',
      'Querétaro II',
      'Ing. Manuel Moreno Torres S.L.P.',
      'Matehuala',
      'San Luis Potosí',
    ]);
  });

  it('lists every defect once: 2 state defects, 3 unmatched rows, 5 number disagreements', () => {
    expect(m.defects).toHaveLength(10);
  });
});

describe('matchPublishedCampuses rules', () => {
  let line = 1;
  const campus = (o: Partial<Campus>): Campus => ({
    stateId: 5,
    stateName: 'Coahuila de Zaragoza',
    campusNumber: 10,
    name: 'Piedras Negras',
    cct: `05DPT${String(line).padStart(4, '0')}A`,
    latitude: 28.7,
    longitude: -100.5,
    address: '',
    line: ++line,
    ...o,
  });
  const pub = (o: Partial<PublishedDropout>): PublishedDropout => ({
    stateId: 5,
    stateName: 'Coahuila',
    campusNumber: 10,
    name: 'Piedras Negras',
    schoolYear: '2024-2025' as SchoolYear,
    dropoutPct: 7.6 as Percent,
    line: ++line,
    ...o,
  });

  it('matches on state code and name key despite state long names, accents, case, punctuation and "Plantel"', () => {
    const c = campus({ name: 'Ciudad Acuña', campusNumber: 59 });
    const r = matchPublishedCampuses([c], [pub({ name: 'PLANTEL  cd. acuna', campusNumber: 159 })]);
    expect(r.matched).toEqual([{ published: expect.anything() as unknown, campus: c }]);
    expect(r.defects).toEqual([]);
  });

  it('accepts a name differing only in titles and articles when unique in the state, and reports it', () => {
    const c = campus({ name: 'Ing. José Antonio Padilla Segura I' });
    const r = matchPublishedCampuses([c], [pub({ name: 'José Antonio Padilla Segura I' })]);
    expect(r.matched[0]?.defect).toBe(
      'el nombre difiere de "Ing. José Antonio Padilla Segura I" de la lista de planteles',
    );
  });

  it('does not guess between two campuses of the same name in other states', () => {
    const a = campus({ stateId: 1, stateName: 'Aguascalientes', name: 'Centro' });
    const b = campus({ stateId: 2, stateName: 'Baja California', name: 'Centro' });
    const r = matchPublishedCampuses([a, b, campus({})], [pub({ name: 'Centro' })]);
    expect(r.unmatched).toHaveLength(1);
    expect(r.defects[0]).toMatch(/no tiene plantel correspondiente/);
  });

  it('matches each campus once and reports the second claim', () => {
    const c = campus({});
    const first = pub({});
    const second = pub({});
    const r = matchPublishedCampuses([c], [first, second]);
    expect(r.matched.map((x) => x.published)).toEqual([first]);
    expect(r.unmatched).toEqual([second]);
    expect(r.defects).toEqual([
      `línea ${second.line} (Piedras Negras, Coahuila): su plantel "Piedras Negras" ya se emparejó con la línea ${first.line}`,
    ]);
  });

  it('reports a state code absent from the campus list', () => {
    const r = matchPublishedCampuses(
      [campus({})],
      [pub({ stateId: 31, stateName: 'Yucatán', name: 'Mérida I' })],
    );
    expect(r.defects[0]).toMatch(
      /cve_ent 31 no aparece en la lista de planteles; no tiene plantel correspondiente/,
    );
  });

  it('lists campuses no published row matched', () => {
    const other = campus({ name: 'Monclova' });
    expect(matchPublishedCampuses([campus({}), other], [pub({})]).unpublished).toEqual([other]);
  });
});
