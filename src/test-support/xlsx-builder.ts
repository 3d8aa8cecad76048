/**
 * Builds workbooks part by part for reader tests and the hostile-files bench: a ZIP writer (stored or
 * deflated, sizes declared truthfully or not) and the minimal parts of an XLSX around a sheet's XML. Large
 * parts are given as a generator of chunks, deflated as they come, so a bench can build a 1 GB bomb in MB.
 */
import { crc32, deflateRawSync, constants, createDeflateRaw } from 'node:zlib';

/** A chunk repeated many times between a head and a tail: a bomb deflated once per chunk, built in seconds. */
export interface Repeat {
  readonly head: string;
  readonly chunk: string;
  readonly times: number;
  readonly tail: string;
}

export type PartBody = string | Buffer | (() => Iterable<Buffer | string>) | Repeat;

const isRepeat = (b: PartBody): b is Repeat => typeof b === 'object' && 'times' in b;

/**
 * Each piece deflated on its own and flushed (Z_FULL_FLUSH: no reference back to an earlier piece), so the
 * compressed chunk can be repeated as is; the tail ends the stream.
 */
function repeated(name: string, r: Repeat): Built {
  const flushed = (s: string) =>
    deflateRawSync(Buffer.from(s), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const head = Buffer.from(r.head);
  const chunk = Buffer.from(r.chunk);
  const tail = Buffer.from(r.tail);
  let crc = crc32(head);
  for (let k = 0; k < r.times; k++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  const z = flushed(r.chunk);
  const data = Buffer.concat([
    flushed(r.head),
    ...Array.from({ length: r.times }, () => z),
    deflateRawSync(tail),
  ]);
  const size = head.length + chunk.length * r.times + tail.length;
  return { name, data, crc, size: size > 0xffffffff ? 0xffffffff : size, method: 8 };
}

interface Built {
  readonly name: string;
  readonly data: Buffer;
  readonly crc: number;
  readonly size: number;
  readonly method: number;
}

async function compress(name: string, body: PartBody, deflate: boolean): Promise<Built> {
  if (isRepeat(body)) return repeated(name, body);
  if (typeof body !== 'function') {
    const raw = Buffer.from(body);
    return {
      name,
      data: deflate ? deflateRawSync(raw, { level: constants.Z_BEST_SPEED }) : raw,
      crc: crc32(raw),
      size: raw.length,
      method: deflate ? 8 : 0,
    };
  }
  const z = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise((ok) => z.on('end', ok));
  let crc = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const write = async () => {
    const b = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await new Promise((ok) => z.once('drain', ok));
  };
  for (const piece of body()) {
    const b = Buffer.from(piece);
    pending.push(b);
    pendingBytes += b.length;
    if (pendingBytes >= 1 << 20) await write();
  }
  await write();
  z.end();
  await ended;
  return { name, data: Buffer.concat(out), crc, size, method: 8 };
}

/** A ZIP of the given parts. `lie` declares every uncompressed size as this many bytes instead. */
export async function zipParts(
  parts: Readonly<Record<string, PartBody>>,
  options: { deflate?: boolean; lie?: number } = {},
): Promise<Buffer> {
  const built: Built[] = [];
  for (const [name, body] of Object.entries(parts))
    built.push(await compress(name, body, options.deflate ?? true));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const b of built) {
    const name = Buffer.from(b.name);
    const size = options.lie ?? b.size;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(b.method, 8);
    head.writeUInt32LE(b.crc >>> 0, 14);
    head.writeUInt32LE(b.data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(b.method, 10);
    central.writeUInt32LE(b.crc >>> 0, 16);
    central.writeUInt32LE(b.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, b.data);
    centrals.push(central, name);
    offset += 30 + name.length + b.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(built.length, 8);
  end.writeUInt16LE(built.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface BookParts {
  /** The <sheetData> children, or a generator of its chunks. */
  readonly rows: PartBody;
  /** The <sst> children. */
  readonly sharedStrings?: PartBody;
  /** The <numFmts> and <cellXfs> children, as <styleSheet> content. */
  readonly styles?: string;
  readonly date1904?: boolean;
}

/** An XLSX workbook of one sheet "Hoja1" from its rows' XML. */
export function xlsxOf(book: BookParts, options: { deflate?: boolean; lie?: number } = {}): Promise<Buffer> {
  const rows = book.rows;
  const sheetHead = `${XML}<worksheet xmlns="${NS}"><sheetData>`;
  const sheet: PartBody = isRepeat(rows)
    ? { ...rows, head: sheetHead + rows.head, tail: `${rows.tail}</sheetData></worksheet>` }
    : typeof rows === 'function'
      ? function* () {
          yield `${XML}<worksheet xmlns="${NS}"><sheetData>`;
          yield* rows();
          yield '</sheetData></worksheet>';
        }
      : `${sheetHead}${rows.toString()}</sheetData></worksheet>`;
  const parts: Record<string, PartBody> = {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}">${book.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `${XML}<styleSheet xmlns="${NS}">${book.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`,
    'xl/worksheets/sheet1.xml': sheet,
  };
  const sst = book.sharedStrings;
  if (sst !== undefined)
    parts['xl/sharedStrings.xml'] = isRepeat(sst)
      ? { ...sst, head: `${XML}<sst xmlns="${NS}">${sst.head}`, tail: `${sst.tail}</sst>` }
      : typeof sst === 'function'
        ? function* () {
            yield `${XML}<sst xmlns="${NS}">`;
            yield* sst();
            yield '</sst>';
          }
        : `${XML}<sst xmlns="${NS}">${sst.toString()}</sst>`;
  return zipParts(parts, options);
}

/** A row of inline-string cells with r= references. */
export function inlineRow(r: number, values: readonly string[]): string {
  const col = (k: number) => String.fromCharCode(65 + k);
  const cells = values.map((v, k) => `<c r="${col(k)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('');
  return `<row r="${r}">${cells}</row>`;
}
