/**
 * Random-access reading of a PDF file through its cross-reference data (classic tables, cross-reference streams,
 * hybrid files, object streams). Only the tail and the objects asked for are read; a 100 MB file costs a few reads.
 * `length` opens the file as it was at an earlier revision (the bytes before that offset), which verification uses.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PdfEncryptionError, StandardSecurity } from './pdfEncryption';
import { decodeStreamData, UnsupportedFilter } from './pdfFilters';
import { PdfDict, PdfName, PdfNeedMoreBytes, PdfParser, PdfRef, PdfStream, PdfString, PdfSyntaxError, type IndirectObject, type PdfValue } from './pdfObjects';

export type XrefEntry = { type: 0 } | { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number };

export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
  trailer: PdfDict;
  entries: Map<number, XrefEntry>;
}

/** encrypted: a password is needed to open the file; encryptedUnsupported: an encryption Vanthu does not implement. */
export type PdfProblem = 'notPdf' | 'truncated' | 'brokenXref' | 'encrypted' | 'encryptedUnsupported' | 'unsupported';

export class PdfReadError extends Error {
  constructor(
    readonly problem: PdfProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

const TAIL = 4096;
const MAX_WINDOW = 256 * 1024 * 1024;

export class PdfFile {
  readonly fd: number;
  readonly size: number;
  readonly startxref: number;
  readonly sections: XrefSection[] = [];
  readonly entries = new Map<number, XrefEntry>();
  readonly trailer: PdfDict;
  private readonly cache = new Map<number, PdfValue>();
  private readonly objectStreams = new Map<number, { first: number; offsets: Map<number, number>; data: Uint8Array }>();
  /** The standard security handler of an encrypted file that opens without a password; null when not encrypted. */
  readonly security: StandardSecurity | null;
  private encryptionObject = -1;
  /** The object each encrypted stream belongs to: its data is decrypted with that object's key when read. */
  private readonly streamOwners = new WeakMap<PdfStream, { num: number; gen: number }>();

  private constructor(fd: number, size: number) {
    this.fd = fd;
    this.size = size;
    const head = this.read(0, Math.min(1024, size)).toString('latin1');
    if (!head.startsWith('%PDF-')) throw new PdfReadError('notPdf', 'no %PDF- header');
    this.startxref = this.findStartxref();
    this.readSections();
    this.trailer = this.sections[0]!.trailer;
    if (!(this.trailer.get('Root') instanceof PdfRef)) throw new PdfReadError('brokenXref', 'the trailer has no /Root');
    this.security = this.openSecurity();
  }

  /** The object number of the /Encrypt dictionary (-1 when absent or direct): it is never encrypted itself. */
  get encryptNum(): number {
    return this.encryptionObject;
  }

  /** Opens the security handler before any other object is read, so that every later read is decrypted. */
  private openSecurity(): StandardSecurity | null {
    const encrypt = this.trailer.get('Encrypt');
    if (encrypt === undefined || encrypt === null) return null;
    if (encrypt instanceof PdfRef) this.encryptionObject = encrypt.num;
    const dict = this.dict(encrypt);
    if (!dict) throw new PdfReadError('brokenXref', 'the /Encrypt dictionary cannot be read');
    const id = this.trailer.get('ID');
    const first = Array.isArray(id) && id[0] instanceof PdfString ? id[0].bytes : new Uint8Array();
    try {
      return StandardSecurity.open(dict, first);
    } catch (error) {
      if (!(error instanceof PdfEncryptionError)) throw error;
      throw new PdfReadError(error.reason === 'needsPassword' ? 'encrypted' : 'encryptedUnsupported', error.message);
    }
  }

  /** Opens a file; `length` limits it to its first `length` bytes (an earlier revision). */
  static open(path: string, length?: number): PdfFile {
    const fd = openSync(path, 'r');
    try {
      const size = Math.min(length ?? Infinity, fstatSync(fd).size);
      return new PdfFile(fd, size);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  read(offset: number, length: number): Buffer {
    const len = Math.max(0, Math.min(length, this.size - offset));
    const buf = Buffer.alloc(len);
    let done = 0;
    while (done < len) {
      const n = readSync(this.fd, buf, done, len - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  }

  /** Parses something at `offset`, reading a larger window whenever the parser runs out of bytes. */
  parseAt<T>(offset: number, parse: (p: PdfParser) => T, initial = 4096): T {
    for (let window = initial; ; window *= 4) {
      const buf = this.read(offset, window);
      const atEof = offset + buf.length >= this.size;
      try {
        return parse(new PdfParser(buf, 0, offset, atEof));
      } catch (error) {
        if (!(error instanceof PdfNeedMoreBytes) || atEof || window > MAX_WINDOW) throw error;
      }
    }
  }

  private findStartxref(): number {
    const tailStart = Math.max(0, this.size - TAIL);
    const tail = this.read(tailStart, TAIL).toString('latin1');
    const eof = tail.lastIndexOf('%%EOF');
    if (eof < 0) throw new PdfReadError('truncated', 'no %%EOF at the end');
    const sx = tail.lastIndexOf('startxref', eof);
    if (sx < 0) throw new PdfReadError('truncated', 'no startxref');
    const m = /^startxref\s+(\d+)/.exec(tail.slice(sx, eof));
    if (!m) throw new PdfReadError('brokenXref', 'startxref has no offset');
    const offset = Number(m[1]);
    if (offset >= this.size) throw new PdfReadError('brokenXref', 'startxref points past the end');
    return offset;
  }

  private readSections(): void {
    const seen = new Set<number>();
    let offset: number | null = this.startxref;
    while (offset !== null) {
      if (seen.has(offset)) throw new PdfReadError('brokenXref', 'the /Prev chain loops');
      seen.add(offset);
      const section = this.readSection(offset);
      this.sections.push(section);
      for (const [num, entry] of section.entries) if (!this.entries.has(num)) this.entries.set(num, entry);
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' ? prev : null;
      if (offset !== null && (offset < 0 || offset >= this.size)) throw new PdfReadError('brokenXref', '/Prev points outside the file');
    }
  }

  private readSection(at: number): XrefSection {
    // Some writers point startxref at the end-of-line just before "xref"; tolerate leading white space.
    const head = this.read(at, 32).toString('latin1');
    const offset = at + (head.length - head.trimStart().length);
    try {
      const start = this.read(offset, 4).toString('latin1');
      if (start === 'xref') {
        const section = this.parseAt(offset, (p) => parseXrefTable(p, offset), 64 * 1024);
        const xrefStm = section.trailer.get('XRefStm');
        if (typeof xrefStm === 'number') {
          // Hybrid file: the stream lists the objects kept in object streams, which the table shows as free.
          const hidden = this.readXrefStream(xrefStm);
          for (const [num, entry] of hidden.entries) {
            const fromTable = section.entries.get(num);
            if (!fromTable || fromTable.type === 0) section.entries.set(num, entry);
          }
        }
        return section;
      }
      return this.readXrefStream(offset);
    } catch (error) {
      if (error instanceof PdfReadError) throw error;
      throw new PdfReadError('brokenXref', `no cross-reference section at ${offset}: ${(error as Error).message}`);
    }
  }

  private readXrefStream(offset: number): XrefSection {
    const obj = this.parseAt(offset, (p) => p.parseIndirectObject());
    if (!(obj.value instanceof PdfStream) || obj.value.dict.name('Type') !== 'XRef') {
      throw new PdfReadError('brokenXref', `no cross-reference stream at ${offset}`);
    }
    const dict = obj.value.dict;
    const data = decodeStreamData(dict, this.rawStreamData(obj.value));
    const w = (dict.get('W') as number[]).map(Number);
    const size = dict.get('Size') as number;
    const index = (dict.get('Index') as number[] | undefined) ?? [0, size];
    const rowLength = w[0]! + w[1]! + w[2]!;
    const field = (row: number, start: number, width: number, dflt: number): number => {
      if (width === 0) return dflt;
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[row + start + i]!;
      return v;
    };
    const entries = new Map<number, XrefEntry>();
    let row = 0;
    for (let s = 0; s + 1 < index.length; s += 2) {
      for (let k = 0; k < index[s + 1]!; k++, row += rowLength) {
        if (row + rowLength > data.length) throw new PdfReadError('brokenXref', 'cross-reference stream too short');
        const type = field(row, 0, w[0]!, 1);
        const a = field(row, w[0]!, w[1]!, 0);
        const b = field(row, w[0]! + w[1]!, w[2]!, 0);
        const num = index[s]! + k;
        if (type === 1) entries.set(num, { type: 1, offset: a, gen: b });
        else if (type === 2) entries.set(num, { type: 2, stream: a, index: b });
        else entries.set(num, { type: 0 });
      }
    }
    return { offset, kind: 'stream', trailer: dict, entries };
  }

  /** The raw (encoded) bytes of a stream. */
  rawStreamData(stream: PdfStream): Uint8Array {
    if (stream.data) return stream.data;
    const length = this.resolve(stream.dict.get('Length'));
    if (typeof length !== 'number' || stream.dataOffset + length > this.size) throw new PdfReadError('brokenXref', 'bad stream /Length');
    stream.data = this.read(stream.dataOffset, length);
    return stream.data;
  }

  /** A stream's data decrypted (when the file is encrypted) and decoded. */
  streamData(stream: PdfStream): Uint8Array {
    try {
      const owner = this.streamOwners.get(stream);
      if (this.security && owner) {
        const { dict, data } = this.security.decryptStream(stream.dict, this.rawStreamData(stream), owner.num, owner.gen);
        return decodeStreamData(dict, data);
      }
      return decodeStreamData(stream.dict, this.rawStreamData(stream));
    } catch (error) {
      if (error instanceof UnsupportedFilter) throw new PdfReadError('unsupported', `filter ${error.message}`);
      if (error instanceof PdfEncryptionError) throw new PdfReadError('encryptedUnsupported', error.message);
      throw error;
    }
  }

  /** The object with this number in the current revision (null when free or absent, as §7.3.10 says). */
  get(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num)!;
    const entry = this.entries.get(num);
    let value: PdfValue = null;
    if (entry?.type === 1) value = this.readObjectAt(num, entry.offset);
    else if (entry?.type === 2) value = this.readFromObjectStream(num, entry.stream, entry.index);
    this.cache.set(num, value);
    return value;
  }

  private readObjectAt(num: number, offset: number): PdfValue {
    let obj: IndirectObject;
    try {
      obj = this.parseAt(offset, (p) => p.parseIndirectObject());
      if (obj.num !== num) throw new PdfSyntaxError(`found object ${obj.num}`);
    } catch (error) {
      if (error instanceof PdfReadError) throw error;
      throw new PdfReadError('brokenXref', `object ${num} is not at offset ${offset}: ${(error as Error).message}`);
    }
    // Objects inside object streams are not decrypted again: the object stream's data already was.
    if (!this.security || num === this.encryptionObject) return obj.value;
    const value = this.security.decryptValue(obj.value, num, obj.gen);
    if (value instanceof PdfStream) this.streamOwners.set(value, { num, gen: obj.gen });
    return value;
  }

  private readFromObjectStream(num: number, streamNum: number, index: number): PdfValue {
    let objstm = this.objectStreams.get(streamNum);
    if (!objstm) {
      const stream = this.get(streamNum);
      if (!(stream instanceof PdfStream)) throw new PdfReadError('brokenXref', `object stream ${streamNum} missing`);
      const data = this.streamData(stream);
      const n = stream.dict.get('N') as number;
      const first = stream.dict.get('First') as number;
      const header = new PdfParser(data, 0, 0, true);
      const offsets = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const objNum = header.parseValue() as number;
        offsets.set(objNum, header.parseValue() as number);
      }
      objstm = { first, offsets, data };
      this.objectStreams.set(streamNum, objstm);
    }
    const rel = objstm.offsets.get(num);
    if (rel === undefined) throw new PdfReadError('brokenXref', `object ${num} missing from object stream ${streamNum} (index ${index})`);
    return new PdfParser(objstm.data, objstm.first + rel, 0, true).parseValue();
  }

  resolve(value: PdfValue | undefined): PdfValue {
    let v: PdfValue | undefined = value;
    for (let depth = 0; v instanceof PdfRef && depth < 32; depth++) v = this.get(v.num);
    return v === undefined ? null : v;
  }

  dict(value: PdfValue | undefined): PdfDict | null {
    const v = this.resolve(value);
    if (v instanceof PdfDict) return v;
    if (v instanceof PdfStream) return v.dict;
    return null;
  }

  catalogRef(): PdfRef {
    return this.trailer.get('Root') as PdfRef;
  }

  catalog(): PdfDict {
    const catalog = this.dict(this.catalogRef());
    if (!catalog || catalog.name('Type') !== 'Catalog') {
      // Some writers omit /Type; accept a dictionary that has /Pages.
      if (catalog?.has('Pages')) return catalog;
      throw new PdfReadError('brokenXref', 'the document catalog cannot be read');
    }
    return catalog;
  }

  /** Leaf page references in order, walking the page tree (guarding against loops). */
  pageRefs(): PdfRef[] {
    const out: PdfRef[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined): void => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num)) throw new PdfReadError('brokenXref', 'the page tree is damaged');
      seen.add(ref.num);
      const node = this.dict(ref);
      if (!node) throw new PdfReadError('brokenXref', 'the page tree is damaged');
      const kids = this.resolve(node.get('Kids'));
      if (node.name('Type') === 'Pages' || Array.isArray(kids)) {
        for (const kid of (kids as PdfValue[]) ?? []) walk(kid);
      } else out.push(ref);
    };
    walk(this.catalog().get('Pages'));
    return out;
  }

  /** A page attribute, following /Parent for the inheritable ones (§7.7.3.4). */
  inherited(page: PdfDict, key: string): PdfValue {
    let node: PdfDict | null = page;
    for (let depth = 0; node && depth < 64; depth++) {
      if (node.has(key)) return this.resolve(node.get(key));
      node = this.dict(node.get('Parent'));
    }
    return null;
  }

  /**
   * Checks that every in-use object of the current revision starts where the cross-reference data says. Offsets are
   * visited in file order through a 64 KB window, so thousands of small objects cost a handful of reads.
   */
  checkOffsets(): void {
    const block = Buffer.alloc(64 * 1024);
    let blockStart = -1;
    let blockLength = 0;
    const inUse = [...this.entries].flatMap(([num, e]) => (e.type === 1 ? [{ num, offset: e.offset }] : [])).sort((x, y) => x.offset - y.offset);
    for (const { num, offset } of inUse) {
      if (offset >= this.size) throw new PdfReadError('brokenXref', `object ${num} is past the end of the file`);
      if (blockStart < 0 || offset < blockStart || offset + 48 > blockStart + blockLength) {
        blockStart = offset;
        blockLength = readSync(this.fd, block, 0, Math.min(block.length, this.size - offset), offset);
      }
      const text = block.toString('latin1', offset - blockStart, Math.min(blockLength, offset - blockStart + 48));
      const m = /^\s*(\d+)\s+(\d+)\s+obj/.exec(text);
      if (!m || Number(m[1]) !== num) throw new PdfReadError('brokenXref', `object ${num} is not at offset ${offset}`);
    }
  }

  get lastXrefKind(): 'table' | 'stream' {
    return this.sections[0]!.kind;
  }

  /** The next free object number (trailer /Size). */
  get nextObjectNumber(): number {
    const size = this.trailer.get('Size');
    const highest = Math.max(0, ...this.entries.keys()) + 1;
    return typeof size === 'number' ? Math.max(size, highest) : highest;
  }
}

function parseXrefTable(p: PdfParser, offset: number): XrefSection {
  p.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    const word = p.token();
    if (word === 'trailer') break;
    const start = Number(word);
    const count = Number(p.token());
    if (!Number.isInteger(start) || !Number.isInteger(count)) throw new PdfSyntaxError('bad xref subsection');
    for (let i = 0; i < count; i++) {
      const off = Number(p.token());
      const gen = Number(p.token());
      const kind = p.token();
      if (kind === 'n') entries.set(start + i, { type: 1, offset: off, gen });
      else if (kind === 'f') entries.set(start + i, { type: 0 });
      else throw new PdfSyntaxError('bad xref entry');
    }
  }
  const trailer = p.parseValue();
  if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('trailer is not a dictionary');
  return { offset, kind: 'table', trailer, entries };
}

export function isName(v: PdfValue | undefined, name: string): boolean {
  return v instanceof PdfName && v.value === name;
}
