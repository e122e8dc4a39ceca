/**
 * A minimal DER writer and DER/BER reader over Uint8Array. CMS structures embed certificates and issuer Names verbatim, and a
 * signature over signed attributes must be computed over exactly the bytes that are written, so this code works on raw
 * bytes instead of round-tripping through node-forge's binary-string ASN.1 objects (which may re-encode what they parse).
 */

export interface Tlv {
  tag: number;
  /** Offset of the tag byte within the buffer that was read. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the last content byte. */
  end: number;
  /** The whole element (tag, length, content) as a view into the source. */
  bytes: Uint8Array;
  content: Uint8Array;
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

export class DerError extends Error {}

export function readTlv(buf: Uint8Array, offset = 0): Tlv {
  if (offset + 2 > buf.length) throw new DerError('DER: truncated header');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('DER: multi-byte tags are not used by CMS');
  let pos = offset + 1;
  const first = buf[pos++]!;
  let length: number;
  if (first === 0x80) {
    // BER indefinite length (NSS and some tokens write CMS this way): children up to an end-of-contents marker.
    let p = pos;
    while (!(buf[p] === 0 && buf[p + 1] === 0)) {
      if (p + 2 > buf.length) throw new DerError('DER: unterminated indefinite length');
      p = readTlv(buf, p).end;
    }
    return { tag, start: offset, contentStart: pos, end: p + 2, bytes: buf.subarray(offset, p + 2), content: buf.subarray(pos, p) };
  }
  if (first < 0x80) length = first;
  else {
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new DerError('DER: unsupported length form');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (pos >= buf.length) throw new DerError('DER: truncated length');
      length = length * 256 + buf[pos++]!;
    }
  }
  const end = pos + length;
  if (end > buf.length) throw new DerError('DER: element runs past the end');
  return { tag, start: offset, contentStart: pos, end, bytes: buf.subarray(offset, end), content: buf.subarray(pos, end) };
}

/** The elements inside a constructed element. */
export function children(tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < tlv.content.length) {
    const child = readTlv(tlv.content, pos);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function child(tlv: Tlv, index: number): Tlv {
  const found = children(tlv)[index];
  if (!found) throw new DerError(`DER: element ${index} missing`);
  return found;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content);
  return concat([Uint8Array.from([tag, ...lengthBytes(body.length)]), body]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.sequence, ...items);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** DER requires the elements of a SET OF in ascending order of their encodings (X.690 11.6). */
export function setOf(items: Uint8Array[], tag: number = TAG.set): Uint8Array {
  return tlv(tag, ...[...items].sort(compareBytes));
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let n = Math.floor(part / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(TAG.oid, Uint8Array.from(bytes));
}

export function readOid(element: Tlv): string {
  if (element.tag !== TAG.oid) throw new DerError('DER: OID expected');
  const b = element.content;
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let value = 0;
  for (let i = 1; i < b.length; i++) {
    value = value * 128 + (b[i]! & 0x7f);
    if ((b[i]! & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

export function integer(value: number | Uint8Array): Uint8Array {
  if (typeof value === 'number') {
    const bytes: number[] = [];
    let n = value;
    do {
      bytes.unshift(n & 0xff);
      n = Math.floor(n / 256);
    } while (n > 0);
    if (bytes[0]! & 0x80) bytes.unshift(0);
    return tlv(TAG.integer, Uint8Array.from(bytes));
  }
  return tlv(TAG.integer, value);
}

export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.octetString, bytes);
export const nullValue = (): Uint8Array => Uint8Array.from([TAG.null, 0]);
/** [n] EXPLICIT, constructed context tag. */
export const explicit = (n: number, ...content: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...content);

export function utcTime(date: Date): Uint8Array {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const text = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
  return tlv(TAG.utcTime, new TextEncoder().encode(text));
}

/** Reads UTCTime or GeneralizedTime (the forms X.509 and CMS use: seconds, optional fraction, Z). */
export function readTime(element: Tlv): Date {
  const text = new TextDecoder().decode(element.content);
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (!m) throw new DerError(`DER: unsupported time ${text}`);
  let year = Number(m[1]);
  if (m[1]!.length === 2) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
