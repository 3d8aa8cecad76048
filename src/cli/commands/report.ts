import { writeFileSync } from 'node:fs';
import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { generateReport, REPORT_KINDS } from '../../services/reports/index.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import type { Io } from '../io.js';

export const REPORT_HELP = `trayecto report 911-inicio|911-fin|boleta [--campus CCT | --state N | --national]
                [--year 2024-2025] [--public [--threshold 5]] --out ARCHIVO
  Estadística 911 de inicio o fin de cursos (XLSX) de un plantel, una entidad o el país, o la boleta de un
  plantel (PDF), generadas de los registros. --public: versión pública, con los conteos menores que el
  umbral suprimidos (y los necesarios para que no se deduzcan de los totales). Ciclo por omisión: el último
  (911) o el último con abandono calculable (boleta).`;

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      campus: { type: 'string' },
      state: { type: 'string' },
      national: { type: 'boolean' },
      year: { type: 'string' },
      public: { type: 'boolean' },
      threshold: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`${REPORT_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const kind = positionals[0];
  if (kind === undefined || positionals.length > 1)
    throw invalid('missing_report', `Indique un informe: ${REPORT_KINDS.join(', ')}`);
  if (values.out === undefined) throw invalid('missing_out', 'Falta --out ARCHIVO');
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    if (!values.public) throw invalid('threshold_without_public', '--threshold solo aplica con --public');
    threshold = Number(values.threshold);
    if (!/^\d+$/.test(values.threshold) || threshold < 2 || threshold > 100)
      throw invalid('invalid_threshold', `Umbral inválido: "${values.threshold}" (entero de 2 a 100)`);
  }
  const store = await ctx.openExisting();
  try {
    const started = performance.now();
    const file = await generateReport(store.db, {
      kind,
      unit: { campus: values.campus, state: values.state, national: values.national },
      year: values.year,
      public: values.public ?? false,
      threshold,
    });
    try {
      writeFileSync(values.out, file.body);
    } catch {
      throw invalid('file_not_writable', `No se puede escribir ${values.out}`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const hidden = values.public ? ` · ${file.suppressedCells} celdas suprimidas` : '';
    io.err(
      `${file.kind} ${file.unitTitle} ${file.schoolYear}${hidden} → ${values.out} (${file.body.length.toLocaleString('es-MX')} bytes, ${seconds} s)\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
