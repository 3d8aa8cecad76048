/**
 * The client's address, for rate limits and sign-in throttling. The peer of the connection, unless that peer is
 * a configured trusted proxy (TRAYECTO_TRUSTED_PROXIES): only then is X-Forwarded-For read, from the right,
 * skipping trusted proxies, so that the first address a trusted proxy saw is taken. A client that is not a
 * trusted proxy cannot choose its address by sending the header.
 */
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { normalizeAddress } from '../config.js';

/** The peer address of the connection; 'local' when there is none (in-process requests). */
function peerAddress(c: Context): string {
  try {
    return normalizeAddress(getConnInfo(c).remote.address ?? 'local');
  } catch {
    return 'local';
  }
}

export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const peer = peerAddress(c);
  if (!trustedProxies.includes(peer)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(normalizeAddress);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) return peer;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
}
