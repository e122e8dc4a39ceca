/**
 * PDF objects (ISO 32000-1 §7.3): the values, a parser over bytes, and a serializer. Only what an incremental update
 * and a verifier need: objects are read one at a time by offset, never the whole file.
 */

export class PdfName {
  constructor(readonly value: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

export class PdfString {
  constructor(readonly bytes: Uint8Array) {}

  /** A text string: PDFDocEncoding when plain ASCII, otherwise UTF-16BE with a byte order mark (§7.9.2.2). */
  static text(text: string): PdfString {
    const nfc = text.normalize('NFC');
    if (/^[\x20-\x7e]*$/.test(nfc)) return new PdfString(Buffer.from(nfc, 'latin1'));
    const utf16 = Buffer.from(nfc, 'utf16le').swap16();
    return new PdfString(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16]));
  }

  get text(): string {
    const b = Buffer.from(this.bytes);
    if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
}

export class PdfDict {
  readonly entries: Map<string, PdfValue>;
  constructor(entries?: Iterable<[string, PdfValue]>) {
    this.entries = new Map(entries);
  }
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PdfValue): this {
    this.entries.set(key, value);
    return this;
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  clone(): PdfDict {
    return new PdfDict(this.entries);
  }
  name(key: string): string | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfName ? v.value : undefined;
  }
}

/**
 * A stream: its dictionary, and either its raw (still encoded) bytes or where they lie in the file, so that a large
 * content stream is never read just because its object was parsed.
 */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    public data: Uint8Array | null,
    readonly dataOffset = -1,
  ) {}
}

/** Text written verbatim by the serializer: used for fixed-width placeholders that are patched after writing. */
export class PdfRaw {
  constructor(readonly text: string) {}
}

export type PdfValue = null | boolean | number | PdfName | PdfRef | PdfString | PdfRaw | PdfValue[] | PdfDict | PdfStream;

export class PdfSyntaxError extends Error {}
/** The parser ran past the bytes it was given: the caller may retry with a larger window. */
export class PdfNeedMoreBytes extends Error {}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const isRegular = (c: number | undefined): boolean => c !== undefined && !WS.has(c) && !DELIM.has(c);

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
}

export class PdfParser {
  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
    /** File offset of buf[0], so streams can say where their data lies in the file. */
    readonly base = 0,
    /** True when buf ends at the end of the file (running out is then a syntax error, not a reason to read more). */
    readonly atEof = false,
  ) {}

  private more(): never {
    if (this.atEof) throw new PdfSyntaxError('unexpected end of file');
    throw new PdfNeedMoreBytes();
  }

  skipWhite(): void {
    const b = this.buf;
    for (;;) {
      while (this.pos < b.length && WS.has(b[this.pos]!)) this.pos++;
      if (b[this.pos] !== 0x25) return;
      while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
    }
  }

  /** A run of regular characters (a number, keyword or the body of a name). */
  token(): string {
    this.skipWhite();
    const start = this.pos;
    while (this.pos < this.buf.length && isRegular(this.buf[this.pos])) this.pos++;
    if (this.pos === this.buf.length && !this.atEof) this.more();
    return Buffer.from(this.buf.subarray(start, this.pos)).toString('latin1');
  }

  expectKeyword(word: string): void {
    const got = this.token();
    if (got !== word) throw new PdfSyntaxError(`expected ${word}, found ${got.slice(0, 20)}`);
  }

  private peekInt(): { value: number; end: number } | null {
    let p = this.pos;
    const b = this.buf;
    while (p < b.length && WS.has(b[p]!)) p++;
    const start = p;
    while (p < b.length && b[p]! >= 0x30 && b[p]! <= 0x39) p++;
    if (p === start) return null;
    if (p === b.length && !this.atEof) this.more();
    if (isRegular(b[p])) return null;
    return { value: Number(Buffer.from(b.subarray(start, p)).toString('latin1')), end: p };
  }

  parseValue(): PdfValue {
    this.skipWhite();
    const b = this.buf;
    if (this.pos >= b.length) this.more();
    const c = b[this.pos]!;
    if (c === 0x2f) {
      this.pos++;
      const start = this.pos;
      while (this.pos < b.length && isRegular(b[this.pos])) this.pos++;
      if (this.pos === b.length && !this.atEof) this.more();
      const raw = Buffer.from(b.subarray(start, this.pos)).toString('latin1');
      const decoded = raw.includes('#') ? Buffer.from(raw.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('latin1') : raw;
      return new PdfName(decoded);
    }
    if (c === 0x3c && b[this.pos + 1] === 0x3c) return this.parseDictOrStream();
    if (c === 0x3c) return this.parseHexString();
    if (c === 0x28) return this.parseLiteralString();
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipWhite();
        if (this.pos >= b.length) this.more();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.parseValue());
      }
    }
    const word = this.token();
    if (word === '') throw new PdfSyntaxError(`unexpected character ${String.fromCharCode(c)}`);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const n = Number(word);
      if (/^\d+$/.test(word)) {
        // An integer may start "num gen R".
        const save = this.pos;
        const gen = this.peekInt();
        if (gen) {
          this.pos = gen.end;
          this.skipWhite();
          if (this.buf[this.pos] === 0x52 && !isRegular(this.buf[this.pos + 1])) {
            if (this.pos + 1 >= this.buf.length && !this.atEof) this.more();
            this.pos++;
            return new PdfRef(n, gen.value);
          }
        }
        this.pos = save;
      }
      return n;
    }
    throw new PdfSyntaxError(`unexpected token ${word.slice(0, 20)}`);
  }

  private parseHexString(): PdfString {
    // Signature /Contents are tens of kilobytes of hex: find the end first, then decode in one call.
    const end = this.buf.indexOf(0x3e, this.pos + 1);
    if (end < 0) this.more();
    let hex = Buffer.from(this.buf.subarray(this.pos + 1, end)).toString('latin1');
    this.pos = end + 1;
    if (/[^0-9a-fA-F]/.test(hex)) hex = hex.replace(/[\x00\x09\x0a\x0c\x0d\x20]/g, '');
    if (hex.length % 2) hex += '0';
    if (!/^[0-9a-fA-F]*$/.test(hex)) throw new PdfSyntaxError('bad hex string');
    return new PdfString(Buffer.from(hex, 'hex'));
  }

  private parseLiteralString(): PdfString {
    const b = this.buf;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      if (this.pos >= b.length) this.more();
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        if (this.pos >= b.length) this.more();
        const e = b[this.pos++]!;
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in simple) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) v = v * 8 + (b[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    return new PdfString(Uint8Array.from(out));
  }

  private parseDictOrStream(): PdfDict | PdfStream {
    const b = this.buf;
    this.pos += 2;
    const dict = new PdfDict();
    for (;;) {
      this.skipWhite();
      if (this.pos + 1 >= b.length) this.more();
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        break;
      }
      const key = this.parseValue();
      if (!(key instanceof PdfName)) throw new PdfSyntaxError('dictionary key is not a name');
      dict.set(key.value, this.parseValue());
    }
    // A stream keyword may follow.
    const save = this.pos;
    this.skipWhite();
    if (this.pos + 6 > b.length && !this.atEof) this.more();
    if (Buffer.from(b.subarray(this.pos, this.pos + 6)).toString('latin1') === 'stream') {
      this.pos += 6;
      if (b[this.pos] === 0x0d) this.pos++;
      if (b[this.pos] === 0x0a) this.pos++;
      return new PdfStream(dict, null, this.base + this.pos);
    }
    this.pos = save;
    return dict;
  }

  /** "num gen obj value endobj". Stream data is not read: see PdfStream.dataOffset. */
  parseIndirectObject(): IndirectObject {
    const num = Number(this.token());
    const gen = Number(this.token());
    const kw = this.token();
    if (!Number.isInteger(num) || !Number.isInteger(gen) || kw !== 'obj') throw new PdfSyntaxError('not an object header');
    const value = this.parseValue();
    return { num, gen, value };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Serializing

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const fixed = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function formatName(name: string): string {
  let out = '/';
  for (const ch of Buffer.from(name, 'latin1')) {
    out += ch > 0x20 && ch < 0x7f && !DELIM.has(ch) && ch !== 0x23 ? String.fromCharCode(ch) : `#${ch.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function formatString(bytes: Uint8Array): string {
  const printable = bytes.every((c) => c >= 0x20 && c < 0x7f);
  if (!printable) return `<${Buffer.from(bytes).toString('hex')}>`;
  return `(${Buffer.from(bytes).toString('latin1').replace(/[\\()]/g, (m) => `\\${m}`)})`;
}

/** Serializes a value; streams must go through serializeObject, which also writes their data. */
export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return formatName(value.value);
  if (value instanceof PdfRef) return value.toString();
  if (value instanceof PdfRaw) return value.text;
  if (value instanceof PdfString) return formatString(value.bytes);
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  if (value instanceof PdfDict) {
    let out = '<<';
    for (const [k, v] of value.entries) out += `${formatName(k)} ${serialize(v)}`;
    return `${out}>>`;
  }
  throw new Error('a stream cannot be serialized inline');
}

/** "num 0 obj ... endobj\n" as bytes. */
export function serializeObject(num: number, value: PdfValue, gen = 0): Buffer {
  if (value instanceof PdfStream) {
    const data = value.data ?? new Uint8Array();
    const dict = value.dict.clone().set('Length', data.length);
    return Buffer.concat([Buffer.from(`${num} ${gen} obj\n${serialize(dict)}\nstream\n`, 'latin1'), Buffer.from(data), Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  }
  return Buffer.from(`${num} ${gen} obj\n${serialize(value)}\nendobj\n`, 'latin1');
}
