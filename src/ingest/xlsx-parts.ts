/**
 * A workbook's parts, found through its relationships and read through bounded streams: the workbook (sheet
 * names, date system), the styles (each cell style's number format), the shared strings (kept compactly and
 * counted while read) and a sheet's XML, pulled one inflated chunk at a time.
 */
import { CsvFileError, type CsvSource } from './csv-stream.js';
import { checkLimit, FileLimitError, type FileLimits } from './limits.js';
import { formatKind, unescapeOoxml } from './xlsx-cells.js';
import { XmlScanner, type XmlAttrs, type XmlHandler } from './xml-scan.js';
import { inflateEntry, readZipEntries, ZipFormatError, type ZipEntry } from './zip.js';

export const columnLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

export interface PartReader {
  /** Reads and scans the next chunk; false once the part has ended. */
  step(): Promise<boolean>;
}

export interface SheetRef {
  readonly name: string;
  readonly path: string;
}

const MAX_STYLES = 65_536;
const mb = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${Math.round(n / 1024 / 1024)} MB`;

/** Resolves a relationship target against the folder of the part that holds it. */
function resolve(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${dir}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Collects every element with its attributes (for the small parts: relationships, workbook, styles). */
function collector(on: (name: string, a: XmlAttrs) => void, onClose?: (name: string) => void): XmlHandler {
  return { capture: false, open: (n, a) => on(n, a), close: (n) => onClose?.(n), text: () => undefined };
}

export class Workbook {
  sheets: SheetRef[] = [];
  date1904 = false;
  private rels = new Map<string, { target: string; type: string }>();
  private used = 0;

  private constructor(
    private readonly source: CsvSource,
    private readonly size: number,
    private readonly file: string,
    private readonly limits: FileLimits,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(source: CsvSource, size: number, file: string, limits: FileLimits): Promise<Workbook> {
    let entries: Map<string, ZipEntry>;
    try {
      entries = await readZipEntries(source, size);
    } catch (e) {
      throw Workbook.formatError(file, e);
    }
    const book = new Workbook(source, size, file, limits, entries);
    let main = 'xl/workbook.xml';
    await book.readAll('_rels/.rels', (n, a) => {
      if (n === 'Relationship' && a.Type?.endsWith('/officeDocument') && a.Target)
        main = resolve('', a.Target);
    });
    if (!entries.has(main))
      throw new CsvFileError({
        file,
        line: 1,
        message: 'no se pudo leer el libro de Excel: falta la parte del libro (workbook.xml)',
      });
    const dir = main.slice(0, main.lastIndexOf('/') + 1);
    await book.readAll(`${dir}_rels/${main.slice(dir.length)}.rels`, (n, a) => {
      if (n === 'Relationship' && a.Id && a.Target)
        book.rels.set(a.Id, {
          target: a.TargetMode === 'External' ? '' : resolve(dir, a.Target),
          type: a.Type ?? '',
        });
    });
    const listed: { name: string; rid: string }[] = [];
    await book.readAll(main, (n, a) => {
      if (n === 'workbookPr') book.date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (n === 'sheet') {
        const rid = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1] ?? '';
        listed.push({ name: a.name ?? `Hoja${listed.length + 1}`, rid });
      }
    });
    book.sheets = listed
      .map((s, k) => ({
        name: s.name,
        path: book.rels.get(s.rid)?.target ?? `${dir}worksheets/sheet${k + 1}.xml`,
      }))
      .filter((s) => entries.has(s.path));
    return book;
  }

  private static formatError(file: string, e: unknown): unknown {
    if (e instanceof ZipFormatError)
      return new CsvFileError({ file, line: 1, message: `no se pudo leer el libro de Excel: ${e.message}` });
    return e;
  }

  private relTarget(type: string, fallback: string): string {
    for (const r of this.rels.values()) if (r.type.endsWith(type)) return r.target;
    return fallback;
  }

  /** A part as a stream of events; the inflated bytes are counted against the limits. */
  reader(path: string, handler: XmlHandler): PartReader {
    const entry = this.entries.get(path);
    if (!entry) return { step: () => Promise.resolve(false) };
    const { limits, file } = this;
    const byRatio = Math.max(limits.xlsxRatioFloorBytes, limits.maxXlsxRatio * entry.compressedSize);
    const byTotal = limits.maxXlsxBytes - this.used;
    const max = Math.min(byRatio, byTotal);
    const refuse = (bytes: number): never => {
      throw byRatio < byTotal
        ? new FileLimitError(
            file,
            1,
            'maxXlsxRatio',
            `la parte ${path} del libro se descomprime a más de ${limits.maxXlsxRatio} veces su tamaño (${mb(bytes)} de ${mb(entry.compressedSize)}): parece una bomba ZIP`,
          )
        : new FileLimitError(
            file,
            1,
            'maxXlsxBytes',
            `el libro se descomprime a más de ${mb(limits.maxXlsxBytes)}`,
          );
    };
    if (entry.uncompressedSize > max) refuse(entry.uncompressedSize);
    const scanner = new XmlScanner(handler, Math.max(1 << 20, limits.maxCellChars * 8), (chars) => {
      throw new FileLimitError(
        file,
        1,
        'maxCellChars',
        `la parte ${path} del libro tiene un elemento de más de ${chars.toLocaleString('es-MX')} caracteres`,
      );
    });
    const chunks = inflateEntry(this.source, this.size, entry, max, refuse);
    const decoder = new TextDecoder('utf-8');
    let done = false;
    return {
      step: async () => {
        if (done) return false;
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (e) {
          done = true;
          throw Workbook.formatError(file, e);
        }
        if (next.done) {
          done = true;
          const rest = decoder.decode();
          if (rest) scanner.push(rest);
          scanner.end();
          return false;
        }
        this.used += next.value.length;
        scanner.push(decoder.decode(next.value, { stream: true }));
        return true;
      },
    };
  }

  private async readAll(
    path: string,
    on: (name: string, a: XmlAttrs) => void,
    onClose?: (name: string) => void,
  ) {
    const r = this.reader(path, collector(on, onClose));
    while (await r.step()) {
      /* reading */
    }
  }

  /** Each cell style's number kind, by style index (cellXfs). */
  async numberKinds(): Promise<Uint8Array> {
    const codes = new Map<number, string>();
    const xfs: number[] = [];
    let inXfs = false;
    await this.readAll(
      this.relTarget('/styles', 'xl/styles.xml'),
      (n, a) => {
        if (n === 'numFmt' && a.numFmtId !== undefined) codes.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (n === 'cellXfs') inXfs = true;
        else if (n === 'xf' && inXfs) {
          if (xfs.length >= MAX_STYLES)
            throw new CsvFileError({
              file: this.file,
              line: 1,
              message: `el libro tiene más de ${MAX_STYLES} estilos de celda`,
            });
          xfs.push(Number(a.numFmtId ?? 0));
        }
      },
      (n) => {
        if (n === 'cellXfs') inXfs = false;
      },
    );
    return Uint8Array.from(xfs, (id) => formatKind(id, codes.get(id)));
  }

  /** The shared strings, kept as a few long strings and offsets; a lookup by index. */
  async sharedStrings(): Promise<(index: number) => string | undefined> {
    const store = new SharedStrings();
    const { limits, file } = this;
    const path = this.relTarget('/sharedStrings', 'xl/sharedStrings.xml');
    let current = '';
    let phonetic = 0;
    const h: XmlHandler = {
      capture: false,
      open: (n, a) => {
        if (n === 'si') {
          current = '';
          if (store.count >= limits.maxSharedStrings)
            checkLimit(
              limits,
              'maxSharedStrings',
              store.count + 1,
              file,
              1,
              `la tabla de textos compartidos (${path}) tiene más textos de los admitidos:`,
            );
        } else if (n === 'rPh') phonetic++;
        else if (n === 'sst') {
          // The declared count refuses an honest bomb before a byte of it is read.
          const declared = Number(a.uniqueCount ?? a.count ?? 0);
          if (declared > limits.maxSharedStrings)
            checkLimit(
              limits,
              'maxSharedStrings',
              declared,
              file,
              1,
              `la tabla de textos compartidos (${path}) declara más textos de los admitidos:`,
            );
        }
        h.capture = n === 't' && phonetic === 0;
      },
      close: (n) => {
        h.capture = false;
        if (n === 'rPh') phonetic--;
        else if (n === 'si') {
          store.add(unescapeOoxml(current));
          if (store.chars > limits.maxSharedStringChars)
            checkLimit(
              limits,
              'maxSharedStringChars',
              store.chars,
              file,
              1,
              `los textos compartidos (${path}) suman más caracteres de los admitidos:`,
            );
        }
      },
      text: (t) => {
        current = current.length === 0 ? t : current + t;
        if (current.length > limits.maxCellChars)
          checkLimit(
            limits,
            'maxCellChars',
            current.length,
            file,
            1,
            `un texto compartido (${path}) tiene más caracteres de los admitidos:`,
          );
      },
    };
    const r = this.reader(path, h);
    while (await r.step()) {
      /* reading */
    }
    store.end();
    return (i) => store.get(i);
  }
}

/** Strings appended to pages of about 1 M characters, found again by their offsets. */
class SharedStrings {
  count = 0;
  chars = 0;
  private pages: string[] = [];
  private pageFirst: number[] = [];
  private starts: number[] = [];
  private current: string[] = [];
  private currentLength = 0;

  add(s: string): void {
    if (this.current.length === 0) this.pageFirst.push(this.count);
    this.starts.push(this.currentLength);
    this.current.push(s);
    this.currentLength += s.length;
    this.count++;
    this.chars += s.length;
    if (this.currentLength >= 1 << 20) this.flush();
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    if (this.current.length === 0) return;
    this.pages.push(this.current.join(''));
    this.current = [];
    this.currentLength = 0;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    let lo = 0;
    let hi = this.pageFirst.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.pageFirst[mid] ?? 0) <= i) lo = mid;
      else hi = mid - 1;
    }
    const page = this.pages[lo] ?? '';
    const start = this.starts[i] ?? 0;
    const lastOfPage = i + 1 === this.count || this.pageFirst[lo + 1] === i + 1;
    return page.slice(start, lastOfPage ? page.length : (this.starts[i + 1] ?? page.length));
  }
}
