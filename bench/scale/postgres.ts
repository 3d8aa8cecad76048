/**
 * The scale benchmark's PostgreSQL chores: a database of its own per scale (created and dropped through the
 * maintenance database given, as .ci/run does with psql), its size, and the national import fixture (a
 * semester of module results exported as a school-control system would, then deleted so that the import adds
 * it back).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import pg from 'pg';

/** The URL of database `name` on the server of `adminUrl` (same user, host, port and options). */
export function databaseUrl(adminUrl: string, name: string): string {
  // Not new URL(): a socket URL has an empty host ("postgres://root@/db?host=/var/run/postgresql").
  const m = /^(postgres(?:ql)?:\/\/[^/?]*\/)([^?]*)(\?.*)?$/.exec(adminUrl);
  if (!m) throw new Error(`--db-url is not a PostgreSQL URL: ${adminUrl}`);
  return `${m[1] ?? ''}${name}${m[3] ?? ''}`;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  return name;
};

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    await c.query(`drop database if exists ${ident(name)} with (force)`);
    await c.query(`create database ${ident(name)}`);
  });
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (c) => {
    const r = await c.query('select 1 from pg_database where datname = $1', [ident(name)]);
    return r.rowCount === 1;
  });
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

export async function databaseSize(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query<{ n: string }>('select pg_database_size(current_database())::text as n');
    return Number(r.rows[0]?.n ?? 0);
  });
}

export async function tableRows(url: string, tables: readonly string[]): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const r = await c.query<{ n: string }>(`select count(*)::text as n from ${ident(t)}`);
      out[t] = Number(r.rows[0]?.n ?? 0);
    }
    return out;
  });
}

const CHUNK = 200_000;

/**
 * Writes the semester's module results to `csv` (the import's columns, as bench:import's fixture) and deletes
 * them, in id order and chunks (bounded memory); returns the row count.
 */
export async function exportAndRemoveSemester(
  url: string,
  year: string,
  term: number,
  csv: string,
): Promise<number> {
  return withClient(url, async (c) => {
    const out = createWriteStream(csv);
    out.write(
      'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion\n',
    );
    let last = 0;
    let rows = 0;
    for (;;) {
      const r = await c.query<{ id: string; line: string }>({
        text: `select r.id::text as id, concat_ws(',', i.curp, c.cct, r.school_year, r.term_no, m.code, r.grade,
                 r.attendance_pct, coalesce(r.regularization_grade::text, '')) as line
               from module_results r join student_identities i on i.student_id = r.student_id
               join campuses c on c.id = r.campus_id join modules m on m.id = r.module_id
               where r.school_year = $1 and r.term_no = $2 and r.id > $3 order by r.id limit ${CHUNK}`,
        values: [year, term, last],
      });
      if (r.rows.length === 0) break;
      const text = r.rows.map((x) => x.line).join('\n');
      if (!out.write(`${text}\n`)) await once(out, 'drain');
      rows += r.rows.length;
      last = Number(r.rows.at(-1)?.id ?? last);
    }
    out.end();
    await once(out, 'finish');
    await c.query('delete from module_results where school_year = $1 and term_no = $2', [year, term]);
    await c.query('vacuum analyze module_results');
    return rows;
  });
}
