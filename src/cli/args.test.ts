import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Io } from './io.js';

function capture(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: Io = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env: {},
    errIsTty: false,
  };
  return { io, out: () => out, err: () => err };
}

describe('CLI conventions', () => {
  it('prints its version', async () => {
    const c = capture();
    expect(await main(['--version'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^trayecto \d+\.\d+\.\d+ \(Node \d+/);
  });

  it('answers an unknown option in Spanish with the nearest valid one', async () => {
    const c = capture();
    expect(await main(['indicators', '--levl', 'national'], c.io)).toBe(2);
    expect(c.err()).toContain('Opción desconocida: "--levl". ¿Quiso decir --level');
    expect(c.err()).not.toMatch(/Unknown option/);
  });

  it('names an option whose value is missing', async () => {
    const c = capture();
    expect(await main(['indicators', '--level'], c.io)).toBe(2);
    expect(c.err()).toContain('Falta el valor de la opción --level');
  });

  it('suggests the nearest command', async () => {
    const c = capture();
    expect(await main(['indicatrs'], c.io)).toBe(2);
    expect(c.err()).toContain('¿Quiso decir indicators');
  });
});
