/**
 * The CLI contract end to end, in process: `main(argv, io)` against a demo database generated once for the
 * file (scale 0.003), plus hand-written count tables whose indicators are worked out from the SEP formulas
 * (docs/DOMAIN.md §3).
 */
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/cli/main.js';
import {
  countRows,
  generateDemoDb,
  querySqlite,
  run,
  runJson,
  sha256File,
  tempDir,
  type TempDir,
} from './helpers.js';

const COUNT_KEYS = ['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;
const RATE_KEYS = [
  'abandono',
  'abandono_intra',
  'abandono_inter',
  'retencion',
  'eficiencia_terminal',
  'reprobacion',
  'reprobacion_con_reg',
  'aprobacion',
] as const;
const REQUIRED_KEYS = ['level', 'unit_id', 'unit_name', 'school_year', ...COUNT_KEYS, ...RATE_KEYS];
const LEVELS = ['national', 'state', 'campus', 'program'] as const;

type Counts = Record<(typeof COUNT_KEYS)[number], number>;
type Rates = Record<(typeof RATE_KEYS)[number], number | null>;
interface Row extends Counts, Rates {
  readonly level: string;
  readonly unit_id: string;
  readonly unit_name: string;
  readonly school_year: string;
  readonly sex?: 'H' | 'M';
}

const pct = (num: number, den: number): number | null => (den === 0 ? null : (num / den) * 100);

/** The SEP formulas, written out again here so that the CLI is checked against them, not against itself. */
function sepRates(n: Counts, next?: Pick<Counts, 'mt' | 'ni1'>, twoBefore?: Pick<Counts, 'ni1'>): Rates {
  const ae = next ? pct(n.mt - (next.mt - next.ni1 + n.eg), n.mt) : null;
  return {
    abandono: ae,
    abandono_intra: pct(n.mt - n.ex, n.mt),
    abandono_inter: next ? pct(n.ex - n.eg - (next.mt - next.ni1), n.mt) : null,
    retencion: ae === null ? null : 100 - ae,
    eficiencia_terminal: twoBefore ? pct(n.eg, twoBefore.ni1) : null,
    reprobacion: pct(n.ex - n.ap, n.ex),
    reprobacion_con_reg: pct(n.ex - n.ap - n.reg, n.ex),
    aprobacion: pct(n.ap, n.ex),
  };
}

function expectRates(row: Row | undefined, expected: Partial<Rates>): void {
  expect(row).toBeDefined();
  for (const [key, value] of Object.entries(expected)) {
    const actual = row?.[key as keyof Rates];
    const what = `${row?.unit_id} ${row?.school_year} ${key}`;
    if (value === null) expect(actual, what).toBeNull();
    else expect(actual, what).toBeCloseTo(value, 9);
  }
}

const shift = (year: string, by: number) => {
  const start = Number(year.slice(0, 4)) + by;
  return `${start}-${start + 1}`;
};
const sum = (rows: readonly Row[], key: keyof Counts) => rows.reduce((a, r) => a + r[key], 0);

let dir: TempDir;
let db: string;

beforeAll(async () => {
  dir = tempDir();
  db = dir.file('demo.db');
  await generateDemoDb(db);
});

afterAll(() => dir?.remove());

const indicators = (...args: string[]) =>
  runJson<Row[]>(['indicators', ...args, '--format', 'json', '--db', db]);

describe('trayecto indicators (database)', () => {
  it.each(LEVELS)(
    'level %s: one row per unit with every field, adding up to the national total',
    async (level) => {
      const rows = await indicators('--level', level, '--year', '2024-2025');
      const [national] = await indicators('--level', 'national', '--year', '2024-2025');
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.unit_id)).size).toBe(rows.length);
      if (level === 'national') expect(rows).toHaveLength(1);
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(expect.arrayContaining(REQUIRED_KEYS));
        expect(row).toMatchObject({ level, school_year: '2024-2025' });
      }
      for (const key of COUNT_KEYS) expect(sum(rows, key), key).toBe(national?.[key]);
    },
  );

  it('national history: rates at full precision from the counts, null where an input year is missing', async () => {
    const rows = await indicators('--level', 'national');
    const byYear = new Map(rows.map((r) => [r.school_year, r]));
    expect(rows[0]?.school_year).toBe('2013-2014');
    expect(rows.at(-1)?.school_year).toBe('2025-2026');
    for (const row of rows) {
      const next = byYear.get(shift(row.school_year, 1));
      const twoBefore = byYear.get(shift(row.school_year, -2));
      expectRates(row, sepRates(row, next, twoBefore));
    }
    expectRates(byYear.get('2025-2026'), { abandono: null, abandono_inter: null, retencion: null });
    expectRates(byYear.get('2013-2014'), { eficiencia_terminal: null });
    expectRates(byYear.get('2014-2015'), { eficiencia_terminal: null });
    expect(byYear.get('2015-2016')?.eficiencia_terminal).toEqual(expect.any(Number));
    // Full precision: JSON is not rounded to the 1 or 2 decimals of the table.
    expect(
      rows.some(
        (r) => r.abandono !== null && Math.abs(r.abandono * 100 - Math.round(r.abandono * 100)) > 1e-6,
      ),
    ).toBe(true);
  });

  it('--year looks up the neighbouring years: state rates recomputed from one-year queries of n−2, n, n+1', async () => {
    const [twoBefore, year, after] = await Promise.all(
      ['2021-2022', '2023-2024', '2024-2025'].map((y) => indicators('--level', 'state', '--year', y)),
    );
    const find = (rows: Row[] | undefined, id: string) => rows?.find((r) => r.unit_id === id);
    expect(year?.length).toBeGreaterThan(1);
    for (const row of year ?? []) {
      expectRates(row, sepRates(row, find(after, row.unit_id), find(twoBefore, row.unit_id)));
    }
    const full = await indicators('--level', 'national');
    const [national] = await indicators('--level', 'national', '--year', '2023-2024');
    expect(national).toEqual(full.find((r) => r.school_year === '2023-2024'));
  });

  it('--by sex: H and M rows whose counts add up to the total', async () => {
    for (const level of ['national', 'state'] as const) {
      const total = await indicators('--level', level, '--year', '2024-2025');
      const bySex = await indicators('--level', level, '--year', '2024-2025', '--by', 'sex');
      expect(new Set(bySex.map((r) => r.sex))).toEqual(new Set(['H', 'M']));
      for (const unit of total) {
        const parts = bySex.filter((r) => r.unit_id === unit.unit_id);
        expect(parts.length).toBeGreaterThan(0);
        for (const key of COUNT_KEYS) expect(sum(parts, key), `${unit.unit_id} ${key}`).toBe(unit[key]);
      }
    }
  });

  it('table headers are Spanish by default and English with --lang en', async () => {
    const args = ['indicators', '--level', 'national', '--year', '2024-2025', '--db', db];
    const es = await run(args);
    const en = await run([...args, '--lang', 'en']);
    expect(es.code).toBe(0);
    expect(es.out).toContain('Abandono %');
    expect(es.out).toContain('Ciclo');
    expect(es.out).not.toContain('Dropout %');
    expect(en.code).toBe(0);
    expect(en.out).toContain('Dropout %');
    expect(en.out).toContain('School year');
    expect(en.out).not.toContain('Abandono %');
  });
});

// Two units × four years. "Norte" 2022-2023 → 2023-2024 is vector S-01 (abandono 11.0 = 6.0 intra + 5.0
// inter); its 2023-2024 reprobación is S-03. "Tláhuac" is small with much higher rates, so the "*" rows
// (formulas on summed counts) differ from the average of the unit rates.
const COUNTS_CSV = `school_year,unit,mt,ni1,ex,ap,reg,eg
2021-2022,Plantel Norte,950,400,900,600,150,280
2022-2023,Plantel Norte,1000,410,940,700,100,300
2023-2024,Plantel Norte,1010,420,900,620,130,320
2024-2025,Plantel Norte,1030,430,960,700,120,330
2021-2022,Tláhuac,100,50,80,40,10,20
2022-2023,Tláhuac,110,60,90,50,20,25
2023-2024,Tláhuac,120,55,100,60,10,30
2024-2025,Tláhuac,115,45,95,70,5,40
`;

describe('trayecto indicators --counts', () => {
  it('computes unit rows and "*" rows from summed counts, as worked out by hand', async () => {
    const file = dir.write('counts.csv', COUNTS_CSV);
    const rows = await runJson<Row[]>(['indicators', '--counts', file, '--format', 'json']);
    const get = (unit: string, year: string) =>
      rows.find((r) => r.unit_id === unit && r.school_year === year);
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(REQUIRED_KEYS));

    // S-01: AE = [1 − (1010 − 420 + 300) / 1000] × 100.
    expectRates(get('Plantel Norte', '2022-2023'), {
      abandono: 11,
      abandono_intra: 6,
      abandono_inter: 5,
      retencion: 89,
      eficiencia_terminal: null, // NI1 of 2020-2021 is not in the file
      reprobacion: (240 / 940) * 100,
    });
    // Inter-year dropout is negative here (more came back than finished): kept, not clamped.
    expectRates(get('Plantel Norte', '2023-2024'), {
      abandono: (90 / 1010) * 100,
      abandono_inter: (-20 / 1010) * 100,
      eficiencia_terminal: 80, // 320 / 400
      reprobacion: (280 / 900) * 100, // S-03: 31.11
      reprobacion_con_reg: (150 / 900) * 100, // 16.67
      aprobacion: (620 / 900) * 100, // 68.89
    });
    expectRates(get('Plantel Norte', '2024-2025'), {
      abandono: null,
      retencion: null,
      eficiencia_terminal: (330 / 410) * 100,
    });
    expectRates(get('Tláhuac', '2022-2023'), { abandono: (20 / 110) * 100, abandono_inter: 0 });
    expectRates(get('Tláhuac', '2023-2024'), { abandono: (20 / 120) * 100, eficiencia_terminal: 60 });

    // "*": MT 1110, EX 1030, EG 325 in 2022-2023; MT 1130, NI1 475 in 2023-2024; NI1 450 in 2021-2022.
    const total = get('*', '2022-2023');
    expect(total).toMatchObject({ mt: 1110, ni1: 470, ex: 1030, ap: 750, reg: 120, eg: 325 });
    expectRates(total, {
      abandono: (130 / 1110) * 100, // 11.71, not the average 14.59 of 11.0 and 18.18
      abandono_intra: (80 / 1110) * 100,
      abandono_inter: (50 / 1110) * 100,
      eficiencia_terminal: null,
    });
    expectRates(get('*', '2023-2024'), {
      abandono: (110 / 1130) * 100,
      eficiencia_terminal: (350 / 450) * 100, // 77.78, not the average 70 of 80 and 60
      reprobacion: 32, // (1000 − 680) / 1000, not the average 35.56 of 31.11 and 40
      reprobacion_con_reg: 18,
      aprobacion: 68,
    });
    expectRates(get('*', '2024-2025'), { abandono: null, eficiencia_terminal: (370 / 470) * 100 });
    expectRates(get('*', '2021-2022'), { eficiencia_terminal: null });
  });

  const BAD_FILES = [
    {
      what: 'a missing column',
      text: COUNTS_CSV.replace(/,[^,\n]*\n/g, '\n'), // drops the last column, eg
      line: 1,
      column: 'eg',
    },
    {
      what: 'a non-numeric count',
      text: COUNTS_CSV.replace('1000,410,940', 'mil,410,940'),
      line: 3,
      column: 'mt',
    },
    {
      what: 'a negative count',
      text: COUNTS_CSV.replace('1010,420,900', '1010,420,-900'),
      line: 4,
      column: 'ex',
    },
  ];

  it.each(BAD_FILES)(
    'rejects a file with $what, naming file, line and column',
    async ({ text, line, column }) => {
      const file = dir.write(`bad-${column}.csv`, text);
      const r = await run(['indicators', '--counts', file, '--format', 'json']);
      expect(r.code).toBe(EXIT_CODES.invalid);
      expect(r.out).toBe('');
      const where = r.err.split('\n').find((l) => l.includes(`${file}:${line}`));
      expect(where, r.err).toBeDefined();
      expect(where).toMatch(new RegExp(`\\b${column}\\b`));
    },
  );

  it('says clearly that a counts file cannot be read', async () => {
    const file = dir.file('no-such-file.csv');
    const r = await run(['indicators', '--counts', file]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toContain(file);
    expect(r.err).not.toMatch(/interno|ENOENT|\n\s+at /);
  });
});

describe('bad input', () => {
  it('unknown school year → not_found, listing the valid years', async () => {
    const r = await run(['indicators', '--level', 'state', '--year', '2030-2031', '--db', db]);
    expect(r.code).toBe(EXIT_CODES.not_found);
    expect(r.code).toBe(3);
    expect(r.err).toContain('2030-2031');
    for (const y of ['2013-2014', '2024-2025', '2025-2026']) expect(r.err).toContain(y);
  });

  it('unknown level → invalid, listing the levels', async () => {
    const r = await run(['indicators', '--level', 'municipio', '--db', db]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.code).toBe(2);
    for (const level of LEVELS) expect(r.err).toContain(level);
  });

  it('unknown unit → not_found, suggesting the nearest units of the level (not all of them)', async () => {
    const [campus] = await indicators('--level', 'campus', '--year', '2024-2025');
    const cct = campus?.unit_id ?? '?';
    for (const [level, typed, near] of [
      ['state', '321', '32'],
      ['campus', `${cct.slice(0, -1)}#`, cct],
    ] as const) {
      const r = await run(['indicators', '--level', level, '--unit', typed, '--db', db]);
      expect(r.code, level).toBe(EXIT_CODES.not_found);
      expect(r.err).toContain(typed);
      expect(r.err).toContain('Claves más parecidas');
      expect(r.err).toContain(near);
      expect(r.err).toMatch(/\d+ en total/);
    }
  });

  it('unknown breakdown or output format → invalid, listing the valid values', async () => {
    const by = await run(['indicators', '--level', 'national', '--by', 'edad', '--db', db]);
    expect(by.code).toBe(EXIT_CODES.invalid);
    expect(by.err).toContain('sex');
    const xml = await run(['indicators', '--level', 'national', '--format', 'xml', '--db', db]);
    expect(xml.code).toBe(EXIT_CODES.invalid);
    for (const f of ['table', 'csv', 'json']) expect(xml.err).toContain(f);
    expect(xml.out).toBe('');
  });

  it('a database that does not exist → a clear error, and no file is created', async () => {
    const file = dir.file('missing/none.db');
    const r = await run(['indicators', '--level', 'national', '--db', file]);
    expect(r.code).not.toBe(0);
    expect(r.code, r.err).not.toBe(EXIT_CODES.internal);
    expect(r.err).toContain(file);
    expect(existsSync(file)).toBe(false);
  });

  it('unknown command → usage exit code, listing the commands', async () => {
    const r = await run(['indicadores']);
    expect(r.code).toBe(EXIT_CODES.usage);
    expect(r.code).toBe(2);
    for (const c of ['start', 'generate', 'indicators', 'db']) expect(r.err).toContain(c);
  });
});

describe('trayecto generate writes all or nothing', () => {
  it.each(['0', 'abc', '-1'])('--scale %s is rejected and creates no file', async (scale) => {
    const file = dir.file(`scale-${scale}.db`);
    const r = await run(['generate', '--scale', scale, '--db', file]);
    expect(r.code).toBe(EXIT_CODES.invalid);
    expect(r.err).toMatch(/scal/i);
    expect(readdirSync(dir.path).filter((f) => f.startsWith(`scale-${scale}`))).toEqual([]);
  });

  it('an existing database without --force → conflict, byte-identical afterwards', async () => {
    const rowsBefore = countRows(db, 'flow_counts');
    const hashBefore = sha256File(db);
    const r = await run(['generate', '--scale', '0.003', '--seed', '7', '--db', db]);
    expect(r.code).toBe(EXIT_CODES.conflict);
    expect(r.code).toBe(4);
    expect(r.err).toContain('--force');
    expect(sha256File(db)).toBe(hashBefore);
    expect(countRows(db, 'flow_counts')).toBe(rowsBefore);
    expect(readdirSync(dir.path).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('--force replaces an existing database (another seed gives other counts)', async () => {
    const copy = dir.file('forced.db');
    copyFileSync(db, copy);
    const national = (file: string) =>
      runJson<Row[]>(['indicators', '--level', 'national', '--format', 'json', '--db', file]);
    const before = await national(copy);
    const r = await run(['generate', '--scale', '0.003', '--seed', '7', '--force', '--db', copy]);
    expect(r.code, r.err).toBe(0);
    const after = await national(copy);
    expect(after.map((x) => x.school_year)).toEqual(before.map((x) => x.school_year));
    expect(after.map((x) => x.mt)).not.toEqual(before.map((x) => x.mt));
    expect(countRows(copy, 'flow_counts')).toBeGreaterThan(0);
  });
});

describe('trayecto db migrate', () => {
  it('creates the schema in a new file, then says it is up to date', async () => {
    const file = dir.file('migrated/new.db');
    const first = await run(['db', 'migrate', '--db', file]);
    expect(first.code, first.err).toBe(0);
    const tables = querySqlite<{ name: string }>(file, "select name from sqlite_master where type = 'table'");
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['flow_counts', 'campuses', 'students']),
    );
    const second = await run(['db', 'migrate', '--db', file]);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain('al día');
    expect(first.out).not.toContain('al día');
  });
});

describe('trayecto start', () => {
  it('generates on first run, prints the national summary, and does not regenerate afterwards', async () => {
    const file = dir.file('start/trayecto.db');
    expect(existsSync(file)).toBe(false);
    const first = await run(['start', '--scale', '0.003', '--summary-only', '--db', file]);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain('Primera ejecución');
    expect(first.out).toContain('resumen nacional');
    expect(first.out).toMatch(/Planteles: 313\b/);
    const hash = sha256File(file);

    const second = await run(['start', '--scale', '0.003', '--summary-only', '--db', file]);
    expect(second.code, second.err).toBe(0);
    expect(second.err).not.toContain('Primera ejecución');
    expect(second.out).toBe(first.out);
    expect(sha256File(file)).toBe(hash);
  });
});
