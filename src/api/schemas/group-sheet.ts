/** Answer of the group sheet route (routes/group-sheet.ts) as JSON. */
import { z } from '@hono/zod-openapi';
import { list } from '../schemas.js';
import { Bilingual } from './aggregates.js';
import { FLAG } from './risk.js';

const int = z.number().int();
const Cell = z.object({ flag: FLAG, value: z.string(), valueEn: z.string() });
const byDimension = <T extends z.ZodType>(t: T) =>
  z.object({ attendance: t, grades: t, failed: t, scholarship: t });

export const GroupSheetSchema = z
  .object({
    campus: z.object({ cct: z.string(), name: z.string(), state: z.string() }),
    schoolYear: z.string(),
    group: z.string(),
    program: z.object({ code: z.string(), name: z.string() }),
    semester: int,
    cutoff: z.string().nullable(),
    today: z.string(),
    ruleSetVersion: int,
    legend: byDimension(z.string()),
    legendEn: byDimension(z.string()),
    counts: z.object({ rojo: int, amarillo: int, verde: int, inactive: int }),
    rows: list(
      z.object({
        student: z.string().openapi({ description: 'Identificador seudónimo' }),
        name: z.string().nullable(),
        semester: int,
        flag: FLAG.nullable().openapi({ description: 'null: ya no está activo (sin semáforo)' }),
        probability: z.number().nullable(),
        dimensions: byDimension(Cell).nullable(),
        reasons: list(z.string()),
        reasonsEn: list(z.string()).openapi({ description: 'Las razones en inglés, en el mismo orden' }),
        status: z.string(),
        lastAction: z
          .object({
            date: z.string(),
            type: z.enum(['intervention', 'note']),
            kind: z.string(),
            label: Bilingual,
          })
          .nullable(),
      }),
    ),
  })
  .openapi('GroupSheet');
