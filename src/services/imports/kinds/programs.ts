/** Programs: key code. The catalog is national: a campus or state user cannot import it. */
import { programsByCode } from '../../../storage/imports/record-queries.js';
import { classify, defineKind, firstTime, str } from './shared.js';

export const programs = defineKind({
  table: 'programs',
  students: false,
  columns: [
    ['id', 'int'],
    ['code', 'text'],
    ['name', 'text'],
    ['area', 'text'],
  ],
  async setup(ctx) {
    if (ctx.campusScope)
      ctx.issue({
        file: ctx.file,
        line: 1,
        message: 'solo un usuario con alcance nacional puede importar el catálogo de carreras',
      });
    return { programs: await programsByCode(ctx.trx) };
  },
  rows(ctx, st, rows, b) {
    if (ctx.campusScope) return Promise.resolve();
    for (const row of rows) {
      const code = str(row.v.program_code);
      const old = st.programs.get(code);
      if (!firstTime(ctx, st, row, code, old ? old.id : null, ['clave_carrera', code])) continue;
      const next = { name: str(row.v.name), area: str(row.v.area) };
      classify(
        ctx,
        old,
        next,
        (changes) => {
          if (old) b.update('programs', old, changes);
        },
        () => {
          const id = st.base + row.line;
          b.inserts.push([id, code, next.name, next.area]);
          st.programs.set(code, { id, code, ...next });
        },
        undefined,
        row.line,
      );
    }
    return Promise.resolve();
  },
});
