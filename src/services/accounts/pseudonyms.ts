/**
 * Pseudonymous student ids: a keyed, reversible permutation of the internal id (AES-256 on one block), so that
 * URLs, analyst views and exports never carry the internal id, a name or a CURP, and a pseudonym can only be
 * produced or resolved with the key. The key comes from configuration or, by default, from a random secret
 * stored once in the database (dataset_meta), so that ids stay stable across restarts.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertMetaIfAbsent, readMeta } from '../../storage/meta.js';
import type { Database } from '../../storage/schema.js';

const MAGIC = 0x54524159; // "TRAY": a decrypted block without it is not one of ours

export interface Pseudonymizer {
  toPseudonym(id: number): string;
  /** The internal id, or null when the text is not a valid pseudonym under this key. */
  fromPseudonym(text: string): number | null;
}

const MEMO_MAX = 100_000;

export function pseudonymizer(secret: string): Pseudonymizer {
  const key = createHash('sha256').update(`trayecto-pseudonym:${secret}`).digest();
  // ECB over exactly one block carries no state from one call to the next, so one cipher and one decipher
  // serve every call (update only, never final): creating them per id cost more than the encryption itself.
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const block = Buffer.alloc(16);
  // Lists show the same students again and again: pseudonyms already computed are kept (a bounded memo,
  // emptied when full).
  const memo = new Map<number, string>();
  return {
    toPseudonym(id) {
      const known = memo.get(id);
      if (known !== undefined) return known;
      block.writeUInt32BE(MAGIC, 0);
      block.writeUInt32BE(0, 4);
      block.writeDoubleBE(id, 8);
      const text = cipher.update(block).toString('base64url');
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(id, text);
      return text;
    },
    fromPseudonym(given) {
      // A pseudonym that starts with '-' is written to CSV as '-… (csv-cell.ts); copied from there, it still works.
      const text = given.startsWith("'") ? given.slice(1) : given;
      if (!/^[A-Za-z0-9_-]{22}$/.test(text)) return null;
      const out = decipher.update(Buffer.from(text, 'base64url'));
      if (out.length !== 16 || out.readUInt32BE(0) !== MAGIC || out.readUInt32BE(4) !== 0) return null;
      const id = out.readDoubleBE(8);
      return Number.isSafeInteger(id) && id > 0 ? id : null;
    },
  };
}

/**
 * The configured secret, or the database's own (created on first use). The HTTP workers of a first start ask
 * at the same time: each offers a fresh key, the first insert wins (the others are ignored), and all read the
 * one stored.
 */
/**
 * The key if there is one (configured, or already stored), without creating it: for commands whose only writes
 * must be their own transaction's (a CLI import killed at any point leaves the database as before or after).
 */
export async function existingPseudonymSecret(
  db: Kysely<Database>,
  configured: string | null,
): Promise<string | null> {
  return configured ?? (await readMeta<string>(db, 'pseudonym_secret')) ?? null;
}

export async function pseudonymSecret(db: Kysely<Database>, configured: string | null): Promise<string> {
  if (configured) return configured;
  const stored = await readMeta<string>(db, 'pseudonym_secret');
  if (stored) return stored;
  await insertMetaIfAbsent(db, 'pseudonym_secret', randomBytes(32).toString('base64url'));
  const kept = await readMeta<string>(db, 'pseudonym_secret');
  if (!kept) throw new Error('pseudonym_secret missing right after it was stored');
  return kept;
}
