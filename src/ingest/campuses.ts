/**
 * CONALEP campus files: the geo-referenced campus list (assets/data/conalep-planteles) and the published
 * per-campus dropout rates (assets/data/conalep-abandono-2024-2025), plus matching the second to the first.
 * The two sources disagree on campus numbers and state names, so they are matched by state and name.
 */
import { parseSchoolYear, type SchoolYear } from '../domain/calendar.js';
import type { Percent } from '../domain/indicators.js';
import type { Result } from '../domain/result.js';
import { cellAt, findColumns, readCsv, type ColumnSpec, type CsvRow } from './csv.js';
import { capIssues, type CsvIssue } from './issues.js';

export interface Campus {
  /** INEGI state code, 1-32. */
  readonly stateId: number;
  readonly stateName: string;
  /** CONALEP campus number as the list gives it (see matchPublishedCampuses on its last two digits). */
  readonly campusNumber: number;
  readonly name: string;
  /** As given; a malformed one is kept and reported (see CampusList.defects). */
  readonly cct: string;
  /** WGS84 degrees; both null when the source gives no usable point (placeholders like "(null)" or 0,0). */
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly address: string;
  readonly line: number;
}

/** The campus list and the source defects found in rows that were still usable. */
export interface CampusList {
  readonly campuses: Campus[];
  readonly defects: CsvIssue[];
}

export interface PublishedDropout {
  readonly stateId: number;
  readonly stateName: string;
  readonly campusNumber: number;
  readonly name: string;
  readonly schoolYear: SchoolYear;
  /** As published, one decimal, unclamped: negative when transfers in exceed leavers. */
  readonly dropoutPct: Percent;
  readonly line: number;
}

const CCT_RE = /^\d{2}[A-Z]{3}\d{4}[A-Z]$/;
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// Mexico's extent with a margin: 14.5°N (Suchiate) to 32.7°N, 118.4°W (Isla Guadalupe) to 86.7°W.
const LATITUDE = [14, 33] as const;
const LONGITUDE = [-119, -86] as const;

type Reader<K extends string> = {
  text(key: K, required?: boolean): string;
  /** Pushes to `sink` (the row's issues by default) when the cell is not a number in [min, max]. */
  number(key: K, min: number, max: number, integer: boolean, sink?: CsvIssue[]): number | null;
};

/** Reads typed cells of one row, pushing an issue (named by the file's own column name) per bad cell. */
function reader<K extends string>(
  row: CsvRow,
  cols: Record<K, number>,
  header: readonly string[],
  file: string,
  issues: CsvIssue[],
): Reader<K> {
  const issue = (key: K, value: string, message: string, sink = issues) =>
    sink.push({ file, line: row.line, column: header[cols[key]] ?? key, value, message });
  return {
    text(key, required = true) {
      const value = cellAt(row, cols[key]).trim();
      if (required && value === '') issue(key, value, 'falta el valor');
      return value;
    },
    number(key, min, max, integer, sink = issues) {
      const raw = cellAt(row, cols[key]);
      const t = raw.trim();
      const value = Number(t);
      if (!NUMBER_RE.test(t)) issue(key, raw, t === '' ? 'falta el valor' : 'no es un número', sink);
      else if (integer && !Number.isInteger(value)) issue(key, raw, 'no es un número entero', sink);
      else if (value < min || value > max) issue(key, raw, `fuera del rango ${min} a ${max}`, sink);
      else return value;
      return null;
    },
  };
}

/** Reads, finds columns, parses each row; fails with every issue (capped) if any row is bad. */
function parseTable<K extends string, T>(
  buffer: Buffer,
  file: string,
  columns: readonly K[],
  parseRow: (read: Reader<K>, row: CsvRow, issues: CsvIssue[]) => T | null,
): Result<T[], CsvIssue> {
  const table = readCsv(buffer, file);
  if (!table.ok) return table;
  const specs: ColumnSpec<K>[] = columns.map((key) => ({ key, names: [key] }));
  const cols = findColumns(table.value.header, specs, file);
  if (!cols.ok) return cols;
  const issues: CsvIssue[] = [];
  const out: T[] = [];
  for (const row of table.value.rows) {
    const before = issues.length;
    const value = parseRow(reader(row, cols.value, table.value.header, file, issues), row, issues);
    if (value !== null && issues.length === before) out.push(value);
  }
  return issues.length > 0 ? { ok: false, issues: capIssues(issues) } : { ok: true, value: out };
}

const CAMPUS_COLUMNS = [
  'clave_entidad',
  'entidad',
  'clave_plantel',
  'plantel',
  'cct',
  'latitud',
  'longitud',
  'domicilio_plantel',
] as const;

/**
 * Parses the campus list. A row fails the import when it cannot name a campus: state code not 1-32, no
 * state or campus name, campus number not a whole number, no CCT, or a CCT given twice. A row that names a
 * campus but has a wrong field is kept and the field reported in `defects`, as the official file has such
 * rows: a CCT not of the form 01DPT0002I or not starting with the zero-padded state code (kept as given),
 * and coordinates that are not numbers inside Mexico (both set to null).
 */
export function parseCampusesCsv(buffer: Buffer, fileName: string): Result<CampusList, CsvIssue> {
  const seen = new Map<string, number>();
  const defects: CsvIssue[] = [];
  const rows = parseTable(buffer, fileName, CAMPUS_COLUMNS, (read, row, issues) => {
    const stateId = read.number('clave_entidad', 1, 32, true);
    const stateName = read.text('entidad');
    const campusNumber = read.number('clave_plantel', 0, 9999, true);
    const name = read.text('plantel');
    const cct = read.text('cct');
    const lat = read.number('latitud', ...LATITUDE, false, defects);
    const lon = read.number('longitud', ...LONGITUDE, false, defects);
    const address = read.text('domicilio_plantel', false);
    const cctIssue = (sink: CsvIssue[], message: string) =>
      sink.push({ file: fileName, line: row.line, column: 'cct', value: cct, message });
    const statePrefix = String(stateId ?? '').padStart(2, '0');
    if (cct !== '' && !CCT_RE.test(cct)) {
      cctIssue(defects, 'CCT mal formada: se esperan 2 dígitos, 3 letras, 4 dígitos y 1 letra');
    } else if (stateId !== null && cct !== '' && !cct.startsWith(statePrefix)) {
      cctIssue(defects, `la CCT no empieza con la clave de entidad ${statePrefix}`);
    }
    const first = seen.get(cct);
    if (cct !== '' && first !== undefined)
      cctIssue(issues, `CCT repetida: aparece en las líneas ${first} y ${row.line}`);
    else if (cct !== '') seen.set(cct, row.line);
    if (stateId === null || campusNumber === null) return null;
    const [latitude, longitude] = lat === null || lon === null ? [null, null] : [lat, lon];
    return { stateId, stateName, campusNumber, name, cct, latitude, longitude, address, line: row.line };
  });
  if (!rows.ok) return rows;
  return { ok: true, value: { campuses: rows.value, defects: capIssues(defects) } };
}

const PUBLISHED_COLUMNS = [
  'cve_ent',
  'entidad',
  'cve_plantel',
  'plantel',
  'periodo_anual',
  'porcentaje_abandono_escolar',
] as const;

/** Parses the published per-campus dropout file as it is; state/name consistency is for the matcher. */
export function parsePublishedDropoutCsv(
  buffer: Buffer,
  fileName: string,
): Result<PublishedDropout[], CsvIssue> {
  return parseTable(buffer, fileName, PUBLISHED_COLUMNS, (read, row, issues) => {
    const stateId = read.number('cve_ent', 1, 32, true);
    const stateName = read.text('entidad');
    const campusNumber = read.number('cve_plantel', 0, 9999, true);
    const name = read.text('plantel');
    const yearText = read.text('periodo_anual');
    const year = parseSchoolYear(yearText);
    if (!year.ok && yearText !== '') {
      const message = 'periodo inválido: se espera AAAA-AAAA con años consecutivos';
      issues.push({ file: fileName, line: row.line, column: 'periodo_anual', value: yearText, message });
    }
    const pct = read.number('porcentaje_abandono_escolar', -100, 100, false);
    if (stateId === null || campusNumber === null || pct === null || !year.ok) return null;
    const dropoutPct = pct as Percent;
    return { stateId, stateName, campusNumber, name, schoolYear: year.value, dropoutPct, line: row.line };
  });
}

// The small alias list: abbreviations a source may write either way ("Cd." or "Ciudad"), expanded on both sides.
const ABBREVIATIONS = new Map([
  ['cd', 'ciudad'],
  ['dr', 'doctor'],
  ['gral', 'general'],
  ['ing', 'ingeniero'],
  ['lic', 'licenciado'],
  ['ma', 'maria'],
  ['prof', 'profesor'],
  ['profra', 'profesora'],
  ['sta', 'santa'],
]);
const PREFIXES = new Set(['plantel', 'conalep']);
// Dropped only by the fallback key: titles and articles that one source writes and the other may omit.
const LOOSE_DROP = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'don', 'dona', 'doctor', 'general']);
for (const t of ['ingeniero', 'licenciado', 'profesor', 'profesora', 'maestra', 'maestro']) LOOSE_DROP.add(t);

const tokens = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');

/** Comparison key of a campus name: no accents, case or punctuation, abbreviations expanded, no "Plantel". */
export function normalizeCampusName(name: string): string {
  const t = tokens(name).map((x) => ABBREVIATIONS.get(x) ?? x);
  while (t.length > 1 && PREFIXES.has(t[0] ?? '')) t.shift();
  return t.join(' ');
}

const looseKey = (name: string): string =>
  normalizeCampusName(name)
    .split(' ')
    .filter((t) => !LOOSE_DROP.has(t))
    .join(' ');

/** Comparison key of a state name: the INEGI long forms ("Coahuila de Zaragoza", "Veracruz Llave") shortened. */
export function normalizeStateName(name: string): string {
  const key = tokens(name)
    .join(' ')
    .replace(/^estado de /, '')
    .replace(/ (de zaragoza|de ocampo|de arteaga|de ignacio de la llave|llave)$/, '');
  return key === 'distrito federal' ? 'ciudad de mexico' : key;
}

export interface CampusMatch {
  readonly published: PublishedDropout;
  readonly campus: Campus;
  /** Why this match needs a look (state disagreement, campus number, name spelled differently). */
  readonly defect?: string;
}

export interface CampusMatching {
  readonly matched: CampusMatch[];
  readonly unmatched: PublishedDropout[];
  /** Campuses of the list that no published row matched. */
  readonly unpublished: Campus[];
  /** Every source defect found, one sentence each, naming the published row's line. */
  readonly defects: string[];
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
};

const only = <T>(list: readonly T[] | undefined): T | undefined => (list?.length === 1 ? list[0] : undefined);

type CampusIndex = ReturnType<typeof indexCampuses>;

function indexCampuses(campuses: readonly Campus[]) {
  const states = new Map<number, { key: string; name: string }>();
  const stateByName = new Map<string, number>();
  for (const c of campuses) {
    const key = normalizeStateName(c.stateName);
    if (!states.has(c.stateId)) states.set(c.stateId, { key, name: c.stateName });
    stateByName.set(key, c.stateId);
  }
  return {
    states,
    stateByName,
    byStateName: groupBy(campuses, (c) => `${c.stateId}|${normalizeCampusName(c.name)}`),
    byStateLoose: groupBy(campuses, (c) => `${c.stateId}|${looseKey(c.name)}`),
    byName: groupBy(campuses, (c) => normalizeCampusName(c.name)),
  };
}

/** Finds the campus of a published row, noting every disagreement on the way. */
function locate(p: PublishedDropout, index: CampusIndex, notes: string[]): Campus | undefined {
  const listed = index.states.get(p.stateId);
  const nameStateId = index.stateByName.get(normalizeStateName(p.stateName));
  if (!listed) notes.push(`cve_ent ${p.stateId} no aparece en la lista de planteles`);
  else if (listed.key !== normalizeStateName(p.stateName)) {
    notes.push(`cve_ent ${p.stateId} es ${listed.name}, pero entidad dice "${p.stateName}"`);
  }
  const states = nameStateId === undefined ? [p.stateId] : [p.stateId, nameStateId];
  const key = normalizeCampusName(p.name);
  let campus: Campus | undefined;
  for (const s of states) campus ??= only(index.byStateName.get(`${s}|${key}`));
  for (const s of states) campus ??= only(index.byStateLoose.get(`${s}|${looseKey(p.name)}`));
  if (campus && normalizeCampusName(campus.name) !== key) {
    notes.push(`el nombre difiere de "${campus.name}" de la lista de planteles`);
  }
  if (campus) return campus;
  campus = only(index.byName.get(key));
  if (campus) {
    notes.push(
      `publicado en ${p.stateName} (cve_ent ${p.stateId}), pero la lista de planteles lo ubica en ` +
        `${campus.stateName} (cve_ent ${campus.stateId}, CCT ${campus.cct})`,
    );
  }
  return campus;
}

/**
 * Matches published rows to the campus list by state and normalized name. When the state code and state
 * name of a row disagree, both states are searched; when neither holds the name, a name that is unique
 * nationwide is accepted and the state disagreement reported. Within a state, a name that differs only in
 * titles and articles ("Ing.", "de la") is accepted when unique, and reported. Campus numbers are not used
 * to match: the list keeps only the last two digits of the published number (47 for 247), so a number is
 * reported only when even its last two digits differ. Each campus is matched at most once.
 */
export function matchPublishedCampuses(
  campuses: readonly Campus[],
  published: readonly PublishedDropout[],
): CampusMatching {
  const index = indexCampuses(campuses);
  const used = new Map<Campus, PublishedDropout>();
  const result: CampusMatching = { matched: [], unmatched: [], unpublished: [], defects: [] };
  for (const p of published) {
    const notes: string[] = [];
    let campus = locate(p, index, notes);
    const previous = campus && used.get(campus);
    if (campus && previous) {
      notes.push(`su plantel "${campus.name}" ya se emparejó con la línea ${previous.line}`);
      campus = undefined;
    } else if (!campus) notes.push('no tiene plantel correspondiente en la lista de planteles');
    else if (p.campusNumber % 100 !== campus.campusNumber) {
      notes.push(
        `cve_plantel ${p.campusNumber} no corresponde a clave_plantel ${campus.campusNumber} de la lista`,
      );
    }
    const defect = notes.length > 0 ? notes.join('; ') : undefined;
    if (defect) result.defects.push(`línea ${p.line} (${p.name}, ${p.stateName}): ${defect}`);
    if (!campus) result.unmatched.push(p);
    else {
      used.set(campus, p);
      result.matched.push(defect ? { published: p, campus, defect } : { published: p, campus });
    }
  }
  result.unpublished.push(...campuses.filter((c) => !used.has(c)));
  return result;
}
