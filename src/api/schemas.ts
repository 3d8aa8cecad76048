/** Request and response schemas: they validate requests and generate the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { LEVELS, RATE_KEYS } from '../domain/enums.js';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

const pct = z.number().nullable();
export const IndicatorRowSchema = z
  .object({
    level: z.string(),
    unit_id: z.string(),
    unit_name: z.string(),
    school_year: z.string(),
    sex: z.enum(['H', 'M']).nullable(),
    mt: z.number().int(),
    ni1: z.number().int(),
    ex: z.number().int(),
    ap: z.number().int(),
    reg: z.number().int(),
    eg: z.number().int(),
    abandono: pct,
    abandono_intra: pct,
    abandono_inter: pct,
    retencion: pct,
    eficiencia_terminal: pct,
    reprobacion: pct,
    reprobacion_con_reg: pct,
    aprobacion: pct,
    aprobacion_con_reg: pct,
  })
  .openapi('IndicatorRow');

export const SCHOOL_YEAR = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'debe tener la forma AAAA-AAAA')
  .openapi({ example: '2024-2025' });
export const LEVEL = z.enum(LEVELS);
export const FORMAT = z.enum(['json', 'csv', 'xlsx']).default('json');
/** The language of a download's headers and texts (reasons, bands): Spanish unless asked. */
export const LANG = z
  .enum(['es', 'en'])
  .default('es')
  .openapi({ description: 'Idioma de la descarga (encabezados, semáforos y razones); español por omisión' });
export const INDICATOR = z.enum([...RATE_KEYS, 'mt', 'ni1', 'eg']);
export const STATE_CODE = z
  .string()
  .regex(/^\d{2}$/, 'clave de entidad de dos dígitos (01-32)')
  .openapi({ example: '15' });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
export const errors = {
  400: json(ErrorSchema, 'Parámetro inválido'),
  401: json(ErrorSchema, 'Sin sesión'),
  404: json(ErrorSchema, 'No existe o está fuera del alcance del usuario'),
};
/** An array in an answer (the services return readonly arrays). */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
