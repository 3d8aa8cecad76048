/**
 * Minimal ZIP reader for workbooks: the central directory, then one entry at a time inflated as a stream whose
 * output is counted, so that a zip bomb is stopped at the limit instead of filling memory. Only what XLSX
 * writers produce: stored or deflated entries, ZIP64 sizes; no encryption, no multi-disk archives.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { CsvSource } from './csv-stream.js';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localOffset: number;
}

/** A malformed archive: the caller words it for the user. */
export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

async function readAt(source: CsvSource, offset: number, length: number): Promise<Buffer> {
  if (offset < 0 || length <= 0) return Buffer.alloc(0);
  if ('bytes' in source) {
    const b = source.bytes;
    if (offset >= b.byteLength) return Buffer.alloc(0);
    return Buffer.from(b.buffer, b.byteOffset + offset, Math.min(length, b.byteLength - offset));
  }
  const fh = await open(source.path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Reads the central directory: the entries by name. */
export async function readZipEntries(source: CsvSource, size: number): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(source, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipFormatError('no es un archivo ZIP (falta el directorio central)');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) throw new ZipFormatError(`el ZIP tiene demasiadas partes (${count})`);
  if (cdOffset + cdSize > size) throw new ZipFormatError('el directorio central está fuera del archivo');
  const cd = await readAt(source, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw new ZipFormatError('el directorio central está dañado');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLength + extraLength + commentLength > cd.length)
      throw new ZipFormatError('el directorio central está dañado');
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    // ZIP64: the sizes and offset that overflow 32 bits are in the extra field 0x0001, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + len ? Number(cd.readBigUInt64LE(q)) : 0xffffffff;
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + len;
    }
    entries.set(name, { name, method, flags, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * An entry's bytes, inflated, in chunks. `maxBytes` bounds the output: past it `onLimit` is called (it throws)
 * and the streams are destroyed.
 */
export async function* inflateEntry(
  source: CsvSource,
  size: number,
  entry: ZipEntry,
  maxBytes: number,
  onLimit: (bytes: number) => never,
): AsyncGenerator<Buffer> {
  if (entry.flags & 1) throw new ZipFormatError('el libro está cifrado (protegido con contraseña)');
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipFormatError(`la parte ${entry.name} usa una compresión no admitida (${entry.method})`);
  const local = await readAt(source, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
    throw new ZipFormatError(`la parte ${entry.name} no está donde dice el directorio`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end > size) throw new ZipFormatError(`la parte ${entry.name} pasa del final del archivo`);
  const raw: Readable =
    entry.compressedSize === 0
      ? Readable.from([])
      : 'bytes' in source
        ? Readable.from([
            Buffer.from(source.bytes.buffer, source.bytes.byteOffset + start, entry.compressedSize),
          ])
        : createReadStream(source.path, { start, end: end - 1, highWaterMark: 1 << 20 });
  const out: Readable = entry.method === 0 ? raw : raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
  if (out !== raw) raw.on('error', (e) => out.destroy(e));
  let bytes = 0;
  try {
    for await (const chunk of out) {
      const b = chunk as Buffer;
      bytes += b.length;
      if (bytes > maxBytes) onLimit(bytes);
      yield b;
    }
  } catch (e) {
    if (e instanceof Error && 'code' in e && String(e.code).startsWith('Z_'))
      throw new ZipFormatError(`la parte ${entry.name} está dañada (${e.message})`);
    throw e;
  } finally {
    out.destroy();
    raw.destroy();
  }
}
