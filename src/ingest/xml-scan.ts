/**
 * Incremental XML scanner for workbook parts: push text in chunks, get open, close and text events. Just the
 * XML that spreadsheet writers produce: elements, attributes, character and the five predefined entity
 * references, CDATA; comments, processing instructions and DOCTYPEs are skipped and no entity is ever
 * expanded from a DTD. A token left unfinished at the end of a chunk waits for the next one, up to
 * `maxPending` characters (then `onTooLong` throws), so a hostile part cannot grow memory.
 */

export type XmlAttrs = Readonly<Record<string, string>>;

export interface XmlHandler {
  /** Text is decoded and passed to `text` only while this is true. */
  capture: boolean;
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(_: string, e: string): string {
  if (e.charCodeAt(0) !== 35) return NAMED[e] ?? '';
  const cp = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
  return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
}

export const decodeXmlText = (s: string): string =>
  s.includes('&') ? s.replace(ENTITY_RE, decodeEntity) : s;

/** The local part of a qualified name ("x:row" → "row"). */
const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export class XmlScanner {
  private rest = '';
  constructor(
    private readonly h: XmlHandler,
    private readonly maxPending: number,
    private readonly onTooLong: (chars: number) => never,
  ) {}

  push(chunk: string): void {
    const text = this.rest.length > 0 ? this.rest + chunk : chunk;
    this.rest = text.slice(this.scan(text, false));
    if (this.rest.length > this.maxPending) this.onTooLong(this.rest.length);
  }

  end(): void {
    this.scan(this.rest, true);
    this.rest = '';
  }

  /** Scans complete tokens; returns where the first unfinished one starts. */
  private scan(text: string, final: boolean): number {
    const h = this.h;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const lt = text.indexOf('<', i);
      if (lt < 0) {
        if (!final) return i;
        if (h.capture) h.text(decodeXmlText(text.slice(i)));
        return n;
      }
      if (lt > i && h.capture) h.text(decodeXmlText(text.slice(i, lt)));
      const c1 = text.charCodeAt(lt + 1);
      if (c1 !== c1) return final ? n : lt; // "<" is the last character
      if (c1 === 63 /* ? */ || c1 === 33 /* ! */) {
        const cdata = text.startsWith('<![CDATA[', lt);
        const close = cdata ? ']]>' : c1 === 63 ? '?>' : text.startsWith('<!--', lt) ? '-->' : '>';
        if (!cdata && c1 === 33 && lt + 4 > n && !final) return lt;
        const e = text.indexOf(close, lt + 2);
        if (e < 0) return final ? n : lt;
        if (cdata && h.capture) h.text(text.slice(lt + 9, e));
        i = e + close.length;
        continue;
      }
      if (c1 === 47 /* / */) {
        const e = text.indexOf('>', lt + 2);
        if (e < 0) return final ? n : lt;
        h.close(local(text.slice(lt + 2, e).trim()));
        i = e + 1;
        continue;
      }
      const end = this.tag(text, lt);
      if (end < 0) return final ? n : lt;
      i = end;
    }
    return n;
  }

  /** An opening or empty tag at `lt`: its events, and where it ends (-1 when unfinished). */
  private tag(text: string, lt: number): number {
    const n = text.length;
    let p = lt + 1;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (isSpace(c) || c === 47 || c === 62) break;
      p++;
    }
    if (p >= n) return -1;
    const name = local(text.slice(lt + 1, p));
    const attrs: Record<string, string> = {};
    for (;;) {
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      if (p >= n) return -1;
      const c = text.charCodeAt(p);
      if (c === 62) {
        this.h.open(name, attrs, false);
        return p + 1;
      }
      if (c === 47) {
        if (p + 1 >= n) return -1;
        this.h.open(name, attrs, true);
        this.h.close(name);
        return text.charCodeAt(p + 1) === 62 ? p + 2 : p + 1;
      }
      const eq = text.indexOf('=', p);
      if (eq < 0) return -1;
      let q = eq + 1;
      while (q < n && isSpace(text.charCodeAt(q))) q++;
      if (q >= n) return -1;
      const quote = text.charCodeAt(q);
      if (quote !== 34 && quote !== 39) {
        // Not XML: skip the junk up to the end of the tag.
        const gt = text.indexOf('>', q);
        if (gt < 0) return -1;
        this.h.open(name, attrs, false);
        return gt + 1;
      }
      const close = text.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (close < 0) return -1;
      attrs[text.slice(p, eq).trim()] = decodeXmlText(text.slice(q + 1, close));
      p = close + 1;
    }
  }
}
