import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { addUser, changeUserRole, disableUser, usersList } from '../../services/accounts/index.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import { render } from '../format.js';
import type { Io } from '../io.js';

export const USER_HELP = `trayecto user add --username U --role national|state|campus|tutor|analyst [--state 15] [--campus CCT] [--groups G1,G2] [--name "Nombre"]
trayecto user list
trayecto user role --username U --role R [--state 15] [--campus CCT] [--groups G1,G2]
trayecto user disable --username U   (o enable)
  Altas, cambios de rol y bajas quedan en la bitácora de auditoría (trayecto audit).
  La contraseña se lee de la variable TRAYECTO_NEW_PASSWORD o de la entrada estándar; nunca de la línea de comandos.`;

export async function userCommand(
  argv: string[],
  io: Io,
  readStdin: () => Promise<string> = readAll,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      username: { type: 'string' },
      role: { type: 'string' },
      state: { type: 'string' },
      campus: { type: 'string' },
      groups: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`${USER_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const sub = positionals[0];
  const store = await ctx.openExisting();
  try {
    switch (sub ?? '') {
      case 'add': {
        const password = (io.env.TRAYECTO_NEW_PASSWORD ?? (await readStdin())).trim();
        await addUser(
          store.db,
          {
            username: values.username ?? '',
            displayName: values.name,
            password,
            role: values.role ?? '',
            state: values.state,
            campus: values.campus,
            groups: values.groups
              ?.split(',')
              .map((g) => g.trim())
              .filter(Boolean),
          },
          new Date(),
          { actor: ctx.actor },
        );
        io.out(`Usuario ${values.username ?? ''} creado.\n`);
        return 0;
      }
      case 'list':
        io.out(
          render(
            await usersList(store.db),
            ['username', 'displayName', 'role', 'stateId', 'campusId', 'disabled'],
            ctx.format,
            ctx.lang,
          ),
        );
        return 0;
      case 'disable':
      case 'enable':
        await disableUser(store.db, values.username ?? '', sub === 'disable', { actor: ctx.actor });
        io.out(`Usuario ${values.username ?? ''} ${sub === 'disable' ? 'deshabilitado' : 'habilitado'}.\n`);
        return 0;
      case 'role':
        await changeUserRole(
          store.db,
          {
            username: values.username ?? '',
            role: values.role ?? '',
            state: values.state,
            campus: values.campus,
            groups: values.groups
              ?.split(',')
              .map((g) => g.trim())
              .filter(Boolean),
          },
          new Date(),
          { actor: ctx.actor },
        );
        io.out(`Usuario ${values.username ?? ''}: rol ${values.role ?? ''}.\n`);
        return 0;
      default:
        throw invalid(
          'unknown_subcommand',
          `Subcomando desconocido: "${sub ?? ''}". Valores válidos: add, list, role, disable, enable`,
        );
    }
  } finally {
    await store.close();
  }
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
