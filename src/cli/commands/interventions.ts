/**
 * `trayecto interventions list|add|note|update|queue|escalations|settings`: the intervention log, work
 * queues and escalations from the command line. By default the command acts with national scope as
 * 'cli:<os user>'; --user USERNAME acts with that account's scope (a tutor's queue, a campus's escalations).
 */
import { parseArgs } from '../args.js';
import type { Scope } from '../../domain/access.js';
import { invalid, notFound } from '../../domain/errors.js';
import {
  addIntervention,
  addNote,
  escalations,
  listInterventions,
  listNotes,
  queueSettings,
  setQueueSettings,
  updateIntervention,
  workQueue,
  type Actor,
  type InterventionDeps,
  type QueueItem,
} from '../../services/interventions/index.js';
import { lastAcceptedYear } from '../../services/imports/index.js';
import { pseudonymSecret, pseudonymizer } from '../../services/accounts/index.js';
import { latestSchoolYear } from '../../storage/catalog-queries.js';
import type { Store } from '../../storage/db.js';
import { findUserByName, tutorGroups } from '../../storage/users.js';
import { GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import { render, type Record_ } from '../format.js';
import type { Io } from '../io.js';

export const INTERVENTIONS_HELP = `trayecto interventions <acción> [opciones] [--user USUARIO]
  list         [--student ID] [--campus CCT] [--kind TIPO] [--open] [--limit N]
  add          --student ID --kind TIPO [--start AAAA-MM-DD] [--end AAAA-MM-DD] [--sessions N] [--text DESCRIPCIÓN]
  update       --id N [--outcome RESULTADO] [--sessions N] [--end AAAA-MM-DD]
  note         --id N --text NOTA [--date AAAA-MM-DD]   (sin --text: lista las notas)
  queue        [--campus CCT] [--capacity N]   cola de trabajo por riesgo (tutor: sus grupos)
  escalations  [--campus CCT] [--state N]      casos rojos sin acción en N días
  settings     [--campus CCT] [--state N] [--tutor-capacity N] [--campus-capacity N] [--escalate-days N]
  Tipos: tutoring, counseling, leveling, virtual_lab, family_contact, scholarship_follow_up, referral.
  Resultados: concluida, abandono, no_asistio, canalizada, sin_cambio.
  --user USUARIO  actúa con el alcance de esa cuenta (por omisión: nacional, como cli:<usuario del sistema>)
  --format table|csv|json`;

const int = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n))
    throw invalid('invalid_number', `--${name} debe ser un entero (recibido: "${v}")`);
  return n;
};

async function actAs(
  store: Store,
  ctx: Context,
  username: string | undefined,
): Promise<{ scope: Scope; actor: Actor & { displayName?: string } }> {
  if (!username)
    return {
      scope: { userId: 0, role: 'national', stateId: null, campusId: null, groups: [] },
      actor: { userId: null, username: ctx.actor },
    };
  const u = await findUserByName(store.db, username);
  if (!u || u.disabled) throw notFound('unknown_user', `Usuario desconocido o deshabilitado: "${username}"`);
  const groups = u.role === 'tutor' ? await tutorGroups(store.db, u.id) : [];
  return {
    scope: { userId: u.id, role: u.role, stateId: u.stateId, campusId: u.campusId, groups },
    actor: { userId: u.id, username: u.username, displayName: u.displayName },
  };
}

const queueRows = (items: readonly QueueItem[]): Record_[] =>
  items.map((i) => ({
    rank: i.rank,
    student: i.student,
    name: i.name,
    campus: i.campusCct,
    group: i.group,
    semester: i.semester,
    flag: i.flag,
    probability: i.probability === null ? null : Math.round(i.probability * 1000) / 10,
    reasons: i.reasons.join('; '),
    last_action: i.lastAction ? `${i.lastAction.date} ${i.lastAction.label.es}` : 'sin acción',
    days: i.daysSinceAction,
    escalated: i.escalated,
  }));
const QUEUE_COLUMNS = [
  'rank',
  'student',
  'name',
  'campus',
  'group',
  'semester',
  'flag',
  'probability',
  'reasons',
  'last_action',
  'days',
  'escalated',
];

export async function interventionsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      user: { type: 'string' },
      student: { type: 'string' },
      campus: { type: 'string' },
      state: { type: 'string' },
      kind: { type: 'string' },
      open: { type: 'boolean' },
      limit: { type: 'string' },
      id: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      date: { type: 'string' },
      sessions: { type: 'string' },
      outcome: { type: 'string' },
      text: { type: 'string' },
      capacity: { type: 'string' },
      'tutor-capacity': { type: 'string' },
      'campus-capacity': { type: 'string' },
      'escalate-days': { type: 'string' },
    },
  });
  const action = positionals[0];
  if (values.help || !action) return (io.out(`${INTERVENTIONS_HELP}\n`), values.help ? 0 : 2);
  const ctx = makeContext(io, values);
  const store = await ctx.openExisting();
  try {
    const deps: InterventionDeps = {
      db: store.db,
      pseudonyms: pseudonymizer(await pseudonymSecret(store.db, ctx.config.pseudonymSecret ?? null)),
      currentYear:
        (await latestSchoolYear(store.db, lastAcceptedYear(ctx.config.lastSchoolYear, new Date()))) ?? '',
      now: () => new Date(),
    };
    const { scope, actor } = await actAs(store, ctx, values.user);
    const out = (rows: Record_[], columns: string[]) =>
      ctx.io.out(render(rows, columns, ctx.format, ctx.lang));
    const id = () => {
      const n = int(values.id, 'id');
      if (n === undefined) throw invalid('missing_id', 'Falta --id (número de la intervención)');
      return n;
    };
    switch (action) {
      case 'list': {
        const list = await listInterventions(deps, scope, {
          student: values.student,
          campus: values.campus,
          kind: values.kind,
          open: values.open,
          limit: int(values.limit, 'limit'),
        });
        out(
          list.map((i) => ({
            id: i.id,
            student: i.student,
            name: i.studentName,
            campus: i.campusCct,
            kind: i.kindLabel[ctx.lang],
            start: i.startDate,
            end: i.endDate,
            sessions: i.sessions,
            outcome: i.outcomeLabel[ctx.lang],
            assigned_by: i.assignedBy,
            notes: i.notes,
          })),
          [
            'id',
            'student',
            'name',
            'campus',
            'kind',
            'start',
            'end',
            'sessions',
            'outcome',
            'assigned_by',
            'notes',
          ],
        );
        return 0;
      }
      case 'add': {
        if (!values.student || !values.kind) throw invalid('missing_fields', 'Faltan --student y --kind');
        const iv = await addIntervention(deps, scope, actor, {
          student: values.student,
          kind: values.kind,
          startDate: values.start,
          endDate: values.end ?? null,
          sessions: int(values.sessions, 'sessions'),
          description: values.text ?? null,
        });
        if (ctx.format === 'json') ctx.io.out(`${JSON.stringify(iv, null, 2)}\n`);
        else
          ctx.io.out(
            `Intervención ${iv.id} registrada: ${iv.kindLabel.es}, ${iv.student}, desde ${iv.startDate}\n`,
          );
        return 0;
      }
      case 'update': {
        const iv = await updateIntervention(deps, scope, actor, id(), {
          outcome: values.outcome,
          sessions: int(values.sessions, 'sessions'),
          endDate: values.end,
        });
        if (ctx.format === 'json') ctx.io.out(`${JSON.stringify(iv, null, 2)}\n`);
        else
          ctx.io.out(`Intervención ${iv.id} actualizada: ${iv.outcomeLabel.es}, ${iv.sessions} sesiones\n`);
        return 0;
      }
      case 'note': {
        if (values.text === undefined) {
          const notes = await listNotes(deps, scope, id());
          out(
            notes.map((n) => ({ id: n.id, date: n.date, author: n.author, note: n.body })),
            ['id', 'date', 'author', 'note'],
          );
          return 0;
        }
        const n = await addNote(deps, scope, actor, id(), { body: values.text, date: values.date });
        ctx.io.out(
          `Nota ${n.id} registrada en la intervención ${n.interventionId} (${n.date}, ${n.author})\n`,
        );
        return 0;
      }
      case 'queue': {
        const q = await workQueue(deps, scope, {
          campus: values.campus,
          capacity: int(values.capacity, 'capacity'),
        });
        if (ctx.format === 'json') return (ctx.io.out(`${JSON.stringify(q, null, 2)}\n`), 0);
        if (ctx.format === 'table')
          ctx.io.out(
            `Cola de ${q.owner.level === 'tutor' ? 'tutoría' : 'plantel'} ${q.owner.unit}: ${q.items.length} de ${q.atRisk} en riesgo (${q.red} en rojo), capacidad ${q.capacity}, escalamiento a ${q.escalateAfterDays} días\n`,
          );
        out(queueRows(q.items), QUEUE_COLUMNS);
        return 0;
      }
      case 'escalations': {
        const e = await escalations(deps, scope, {
          campus: values.campus,
          state: int(values.state, 'state'),
        });
        if (ctx.format === 'json') return (ctx.io.out(`${JSON.stringify(e, null, 2)}\n`), 0);
        if (ctx.format === 'table') ctx.io.out(`Casos escalados: ${e.total}\n`);
        out(queueRows(e.items), QUEUE_COLUMNS);
        return 0;
      }
      case 'settings': {
        const change = {
          tutorCapacity: int(values['tutor-capacity'], 'tutor-capacity'),
          campusCapacity: int(values['campus-capacity'], 'campus-capacity'),
          escalateAfterDays: int(values['escalate-days'], 'escalate-days'),
        };
        if (Object.values(change).some((v) => v !== undefined))
          await setQueueSettings(deps, scope, actor, {
            ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
            campus: values.campus,
            state: int(values.state, 'state'),
          });
        const s = await queueSettings(deps, scope, values.campus);
        out(
          [
            {
              level: s.level,
              unit: s.unit,
              tutor_capacity: s.settings.tutorCapacity,
              campus_capacity: s.settings.campusCapacity,
              escalate_after_days: s.settings.escalateAfterDays,
            },
          ],
          ['level', 'unit', 'tutor_capacity', 'campus_capacity', 'escalate_after_days'],
        );
        return 0;
      }
      default:
        throw invalid(
          'unknown_action',
          `Acción desconocida: "${action}". Acciones válidas: list, add, update, note, queue, escalations, settings`,
        );
    }
  } finally {
    await store.close();
  }
}
