/**
 * An incremental update (ISO 32000-1 §7.5.6): new and replaced objects appended after the original bytes, then a
 * cross-reference section of the same kind as the file's last one whose /Prev points to it. The original bytes are
 * never rewritten, so signatures over earlier revisions stay valid.
 */
import { deflateSync } from 'node:zlib';
import type { PdfFile } from './pdfFile';
import { PdfDict, PdfName, PdfRef, PdfStream, serializeObject, type PdfValue } from './pdfObjects';

// An encrypted file's new section must name the same encryption dictionary and keep /ID, whose first string the
// file key is derived from.
const TRAILER_KEYS_TO_CARRY = ['Root', 'Info', 'ID', 'Encrypt'];

export interface BuiltUpdate {
  /** The bytes to append to the file. */
  bytes: Buffer;
  /** Where each written object starts, relative to the start of `bytes`. */
  objectOffsets: Map<number, number>;
}

export class IncrementalUpdate {
  private next: number;
  private readonly objects = new Map<number, PdfValue>();

  constructor(private readonly file: PdfFile) {
    this.next = file.nextObjectNumber;
  }

  /** Reserves a new object number. */
  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  /** Adds a new object and returns its reference. */
  add(value: PdfValue): PdfRef {
    const ref = this.allocate();
    this.objects.set(ref.num, value);
    return ref;
  }

  /** Writes `value` as the new version of an existing (or allocated) object. */
  set(ref: PdfRef, value: PdfValue): void {
    if (ref.gen !== 0 && ref.num < this.file.nextObjectNumber) {
      // Keeping the generation number is what §7.5.6 requires for an updated object.
      this.generations.set(ref.num, ref.gen);
    }
    this.objects.set(ref.num, value);
  }

  private readonly generations = new Map<number, number>();

  get isEmpty(): boolean {
    return this.objects.size === 0;
  }

  /** Serializes the update to append at the end of the file (file.size bytes long). */
  build(): BuiltUpdate {
    const base = this.file.size;
    const lastByte = this.file.read(base - 1, 1)[0];
    const parts: Buffer[] = [];
    let length = 0;
    const push = (b: Buffer): void => {
      parts.push(b);
      length += b.length;
    };
    // The original may end without an end-of-line after %%EOF; the update must start on a new line.
    if (lastByte !== 0x0a && lastByte !== 0x0d) push(Buffer.from('\n'));

    const objectOffsets = new Map<number, number>();
    const security = this.file.security;
    for (const [num, value] of [...this.objects].sort((a, b) => a[0] - b[0])) {
      objectOffsets.set(num, length);
      const gen = this.generations.get(num) ?? 0;
      // Values hold plain text; an encrypted file stores each object's strings and streams under that object's key.
      const encrypt = security && num !== this.file.encryptNum;
      push(serializeObject(num, encrypt ? security.encryptValue(value, num, gen) : value, gen));
    }

    const trailer = new PdfDict();
    for (const key of TRAILER_KEYS_TO_CARRY) {
      const v = this.file.trailer.get(key);
      if (v !== undefined) trailer.set(key, v);
    }
    trailer.set('Prev', this.file.startxref);

    if (this.file.lastXrefKind === 'stream') {
      const xrefRef = this.allocate();
      const xrefOffset = length;
      objectOffsets.set(xrefRef.num, xrefOffset);
      const numbers = [...objectOffsets.keys()].sort((a, b) => a - b);
      const maxOffset = base + xrefOffset;
      const offsetWidth = maxOffset < 2 ** 32 ? 4 : 6;
      const rows = Buffer.alloc(numbers.length * (1 + offsetWidth + 2));
      numbers.forEach((num, i) => {
        const row = i * (1 + offsetWidth + 2);
        rows[row] = 1;
        rows.writeUIntBE(base + objectOffsets.get(num)!, row + 1, offsetWidth);
        rows.writeUInt16BE(this.generations.get(num) ?? 0, row + 1 + offsetWidth);
      });
      const dict = trailer
        .set('Type', new PdfName('XRef'))
        .set('Size', this.next)
        .set('W', [1, offsetWidth, 2])
        .set('Index', subsections(numbers).flatMap(([start, count]) => [start, count]))
        .set('Filter', new PdfName('FlateDecode'));
      push(serializeObject(xrefRef.num, new PdfStream(dict, deflateSync(rows))));
      push(Buffer.from(`startxref\n${base + xrefOffset}\n%%EOF\n`, 'latin1'));
    } else {
      const xrefOffset = length;
      const numbers = [...objectOffsets.keys()].sort((a, b) => a - b);
      let table = 'xref\n';
      for (const [start, count] of subsections(numbers)) {
        table += `${start} ${count}\n`;
        for (let num = start; num < start + count; num++) {
          const gen = String(this.generations.get(num) ?? 0).padStart(5, '0');
          table += `${String(base + objectOffsets.get(num)!).padStart(10, '0')} ${gen} n\r\n`;
        }
      }
      trailer.set('Size', this.next);
      push(Buffer.from(`${table}trailer\n${serializeTrailer(trailer)}\nstartxref\n${base + xrefOffset}\n%%EOF\n`, 'latin1'));
    }
    return { bytes: Buffer.concat(parts, length), objectOffsets };
  }
}

function serializeTrailer(trailer: PdfDict): string {
  return serializeObject(0, trailer).toString('latin1').replace(/^0 0 obj\n/, '').replace(/\nendobj\n$/, '');
}

/** Consecutive runs of object numbers: [[start, count], ...]. */
function subsections(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const num of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === num) last[1]++;
    else out.push([num, 1]);
  }
  return out;
}
