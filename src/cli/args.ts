/**
 * node:util parseArgs with the shell's errors in Spanish: an unknown option names the nearest valid ones, a
 * missing value names the option. Commands import parseArgs from here, never from node:util.
 */
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import { invalid } from '../domain/errors.js';
import { nearest } from '../domain/nearest.js';

export function parseArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof nodeParseArgs<T>> {
  try {
    return nodeParseArgs(config);
  } catch (e) {
    throw translate(e, config);
  }
}

function translate(e: unknown, config: ParseArgsConfig): unknown {
  if (!(e instanceof TypeError) || !('code' in e)) return e;
  const options = Object.keys(config.options ?? {}).map((o) => `--${o}`);
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const name = quoted.split('=')[0] ?? quoted;
      const near = nearest(name, options, 3);
      const hint = near.length > 0 ? ` ¿Quiso decir ${near.join(', ')}?` : '';
      return invalid('unknown_option', `Opción desconocida: "${name}".${hint}`, [
        `Opciones válidas: ${options.join(', ')}`,
      ]);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = quoted.split(' ')[0] ?? quoted;
      return /argument missing/.test(e.message)
        ? invalid('missing_option_value', `Falta el valor de la opción ${name}`)
        : invalid('unexpected_option_value', `La opción ${name} no lleva valor`);
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return invalid('unexpected_argument', `Argumento inesperado: "${quoted}"`);
    default:
      return e;
  }
}
