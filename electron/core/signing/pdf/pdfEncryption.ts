/**
 * The standard security handler (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4 for AES-256) for files that open without
 * asking: the user password is empty and only an owner password restricts what may be done (common for documents
 * sent with printing or copying turned off). The file key is computed from the empty password and checked against
 * /U; a file whose user password is not empty cannot be opened, and is refused.
 *
 * Not encrypted, on reading or writing (§7.6.1, §7.5.8.1): the encryption dictionary itself, cross-reference
 * streams, the /Contents of a signature dictionary (its bytes lie outside the signed byte ranges and are patched in
 * after writing), and objects inside object streams (the object stream as a whole is encrypted).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PdfDict, PdfName, PdfStream, PdfString, type PdfValue } from './pdfObjects';
import { rc4 } from './rc4';

type CryptMethod = 'identity' | 'rc4' | 'aes128' | 'aes256';

export class PdfEncryptionError extends Error {
  constructor(
    /** needsPassword: the empty user password does not open the file; unsupported: a handler or method not known. */
    readonly reason: 'needsPassword' | 'unsupported',
    /** For unsupported: the entry of the encryption dictionary in PDF syntax ("/Filter /Adobe.PubSec"), shown as is. */
    detail: string,
  ) {
    super(detail);
  }
}

/** The padding string of Algorithm 2 (§7.6.3.3): also the whole padded form of the empty password. */
const PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** /P bit 6 (§7.6.3.2, Table 22): add or modify annotations and fill in forms, which adding a signature field is. */
const MODIFY_ANNOTATIONS = 1 << 5;

const md5 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

function bytesOf(value: PdfValue | undefined): Buffer {
  return value instanceof PdfString ? Buffer.from(value.bytes) : Buffer.alloc(0);
}

/** Crypt filter methods (§7.6.5, Table 25); /None (the handler decrypts by its own means) is not supported. */
const CFM_METHODS: Record<string, CryptMethod> = { V2: 'rc4', AESV2: 'aes128', AESV3: 'aes256' };

/** Algorithm 2.B (ISO 32000-2 §7.6.4.3.4): the hash of a password for revision 6. */
function hashR6(password: Buffer, salt: Buffer, userKey: Buffer): Buffer {
  let k = createHash('sha256').update(password).update(salt).update(userKey).digest();
  let e = Buffer.alloc(0);
  for (let round = 0; round < 64 || e[e.length - 1]! > round - 32; round++) {
    const block = Buffer.concat([password, k, userKey]);
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => block));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32)).setAutoPadding(false);
    e = Buffer.concat([cipher.update(k1), cipher.final()]);
    // The first 16 bytes of E as a big-endian number, modulo 3, equal the sum of those bytes modulo 3 (256 ≡ 1).
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i]!;
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3]!).update(e).digest();
  }
  return k.subarray(0, 32);
}

/**
 * Algorithm 13 (ISO 32000-2 §7.6.4.4.12): /Perms is /P encrypted with the file key, so that /P cannot be loosened
 * without the key. When it decrypts to its "adb" marker its copy of the permissions is the one that counts.
 */
function permissionsFromPerms(fileKey: Buffer, perms: Buffer): number | null {
  if (perms.length < 16) return null;
  const decipher = createDecipheriv('aes-256-ecb', fileKey, null).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(perms.subarray(0, 16)), decipher.final()]);
  return plain.toString('latin1', 9, 12) === 'adb' ? plain.readInt32LE(0) : null;
}

function aesDecrypt(key: Uint8Array, data: Uint8Array): Buffer {
  // Lenient like common readers: a string shorter than its IV is empty, a ragged tail is dropped, bad padding kept.
  if (data.length < 16) return Buffer.alloc(0);
  const body = data.subarray(16, 16 + Math.floor((data.length - 16) / 16) * 16);
  const decipher = createDecipheriv(key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc', key, data.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const pad = plain[plain.length - 1] ?? 0;
  const padded = pad >= 1 && pad <= 16 && pad <= plain.length && plain.subarray(plain.length - pad).every((b) => b === pad);
  return padded ? plain.subarray(0, plain.length - pad) : plain;
}

function aesEncrypt(key: Uint8Array, data: Uint8Array): Buffer {
  const iv = randomBytes(16);
  const cipher = createCipheriv(key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(data), cipher.final()]);
}

function isSignatureDictionary(dict: PdfDict): boolean {
  const type = dict.name('Type');
  return type === 'Sig' || type === 'DocTimeStamp' || (type === undefined && dict.has('ByteRange') && dict.has('Contents'));
}

export class StandardSecurity {
  private constructor(
    private readonly fileKey: Buffer,
    private readonly streamMethod: CryptMethod,
    private readonly stringMethod: CryptMethod,
    private readonly filters: Map<string, CryptMethod>,
    private readonly encryptMetadata: boolean,
    /** /P (or its encrypted copy in /Perms): what the owner password's holder allows everyone else (Table 22). */
    readonly permissions: number,
  ) {}

  /** Opens the handler with the empty user password, or throws PdfEncryptionError. */
  static open(encrypt: PdfDict, fileId: Uint8Array): StandardSecurity {
    const filter = encrypt.name('Filter');
    if (filter !== 'Standard') throw new PdfEncryptionError('unsupported', `/Filter /${filter ?? '?'}`);
    const v = Number(encrypt.get('V') ?? 0);
    const r = Number(encrypt.get('R') ?? 0);
    const p = Number(encrypt.get('P') ?? 0) | 0;
    const encryptMetadata = encrypt.get('EncryptMetadata') !== false;
    const o = bytesOf(encrypt.get('O'));
    const u = bytesOf(encrypt.get('U'));

    let streamMethod: CryptMethod = 'rc4';
    let stringMethod: CryptMethod = 'rc4';
    const filters = new Map<string, CryptMethod>([['Identity', 'identity']]);
    const length = encrypt.get('Length');
    const keyBits = typeof length === 'number' ? length : v === 4 ? 128 : 40;
    if (v === 4 || v === 5) {
      const cf = encrypt.get('CF');
      if (cf instanceof PdfDict) {
        for (const [name, value] of cf.entries) {
          if (!(value instanceof PdfDict)) continue;
          const method = CFM_METHODS[value.name('CFM') ?? ''];
          if (method) filters.set(name, method);
        }
      }
      const pick = (key: string): CryptMethod => {
        const name = encrypt.name(key) ?? 'Identity';
        const method = filters.get(name);
        if (!method) throw new PdfEncryptionError('unsupported', `/CF /${name}`);
        return method;
      };
      streamMethod = pick('StmF');
      stringMethod = pick('StrF');
    } else if (v !== 1 && v !== 2) {
      throw new PdfEncryptionError('unsupported', `/V ${v}`);
    }

    let fileKey: Buffer;
    let permissions = p;
    if (r === 5 || r === 6) {
      if (u.length < 48) throw new PdfEncryptionError('unsupported', '/U');
      const empty = Buffer.alloc(0);
      const hash = r === 6 ? (salt: Buffer) => hashR6(empty, salt, empty) : (salt: Buffer) => createHash('sha256').update(salt).digest();
      if (!hash(u.subarray(32, 40)).equals(u.subarray(0, 32))) throw new PdfEncryptionError('needsPassword', 'the empty user password does not open the file');
      const ue = bytesOf(encrypt.get('UE'));
      if (ue.length < 32) throw new PdfEncryptionError('unsupported', '/UE');
      const decipher = createDecipheriv('aes-256-cbc', hash(u.subarray(40, 48)), Buffer.alloc(16)).setAutoPadding(false);
      fileKey = Buffer.concat([decipher.update(ue.subarray(0, 32)), decipher.final()]);
      permissions = permissionsFromPerms(fileKey, bytesOf(encrypt.get('Perms'))) ?? p;
    } else if (r >= 2 && r <= 4) {
      // Algorithm 2 with the empty password, then Algorithms 4 and 5 to check the key against /U.
      const n = r === 2 ? 5 : Math.max(5, Math.min(16, Math.floor(keyBits / 8)));
      const pBytes = Buffer.alloc(4);
      pBytes.writeInt32LE(p);
      const noMetadata = r >= 4 && !encryptMetadata ? [Buffer.from([0xff, 0xff, 0xff, 0xff])] : [];
      let hash = md5(PADDING, o.subarray(0, 32), pBytes, fileId, ...noMetadata);
      if (r >= 3) for (let i = 0; i < 50; i++) hash = md5(hash.subarray(0, n));
      fileKey = hash.subarray(0, n);
      const opens =
        r === 2
          ? rc4(fileKey, PADDING).equals(u.subarray(0, 32))
          : (() => {
              let x = rc4(fileKey, md5(PADDING, fileId));
              for (let i = 1; i <= 19; i++) x = rc4(fileKey.map((b) => b ^ i), x);
              return x.equals(u.subarray(0, 16));
            })();
      if (!opens) throw new PdfEncryptionError('needsPassword', 'the empty user password does not open the file');
    } else {
      throw new PdfEncryptionError('unsupported', `/R ${r}`);
    }
    return new StandardSecurity(fileKey, streamMethod, stringMethod, filters, encryptMetadata, permissions);
  }

  /** Whether the author allows adding annotations and form fields, which a new signature (and its field) is. */
  get allowsSigning(): boolean {
    return (this.permissions & MODIFY_ANNOTATIONS) !== 0;
  }

  /** The key for one object (Algorithm 1); AES-256 uses the file key itself. */
  private objectKey(method: CryptMethod, num: number, gen: number): Buffer {
    if (method === 'aes256') return this.fileKey;
    const id = Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff]);
    const salt = method === 'aes128' ? [Buffer.from('sAlT', 'latin1')] : [];
    return md5(this.fileKey, id, ...salt).subarray(0, Math.min(this.fileKey.length + 5, 16));
  }

  private crypt(method: CryptMethod, num: number, gen: number, data: Uint8Array, encrypt: boolean): Uint8Array {
    if (method === 'identity') return data;
    const key = this.objectKey(method, num, gen);
    if (method === 'rc4') return rc4(key, data);
    return encrypt ? aesEncrypt(key, data) : aesDecrypt(key, data);
  }

  private streamIsPlain(dict: PdfDict): boolean {
    return dict.name('Type') === 'XRef' || (!this.encryptMetadata && dict.name('Type') === 'Metadata');
  }

  /** A stream's own crypt filter (§7.6.6): the first entry of /Filter when it is /Crypt, with its /Name. */
  private streamFilter(dict: PdfDict): { method: CryptMethod; dict: PdfDict } {
    const filters = dict.get('Filter');
    const list = Array.isArray(filters) ? filters : filters ? [filters] : [];
    const first = list[0];
    if (!(first instanceof PdfName) || first.value !== 'Crypt') return { method: this.streamMethod, dict };
    const parms = dict.get('DecodeParms');
    const parm = Array.isArray(parms) ? parms[0] : parms;
    const name = parm instanceof PdfDict ? (parm.name('Name') ?? 'Identity') : 'Identity';
    const method = this.filters.get(name);
    if (!method) throw new PdfEncryptionError('unsupported', `/CF /${name}`);
    const rest = dict.clone();
    if (list.length > 1) rest.set('Filter', list.slice(1));
    else rest.delete('Filter');
    if (Array.isArray(parms) && parms.length > 1) rest.set('DecodeParms', parms.slice(1));
    else rest.delete('DecodeParms');
    return { method, dict: rest };
  }

  /** A stream's data as written (still filter-encoded) and the dictionary that describes its remaining filters. */
  decryptStream(dict: PdfDict, raw: Uint8Array, num: number, gen: number): { dict: PdfDict; data: Uint8Array } {
    if (this.streamIsPlain(dict)) return { dict, data: raw };
    const own = this.streamFilter(dict);
    return { dict: own.dict, data: this.crypt(own.method, num, gen, raw, false) };
  }

  /** The object's strings decrypted; stream data is left where it lies (see decryptStream). */
  decryptValue(value: PdfValue, num: number, gen: number): PdfValue {
    if (value instanceof PdfStream) {
      if (value.dict.name('Type') === 'XRef') return value;
      return new PdfStream(this.mapStrings(value.dict, num, gen, false) as PdfDict, null, value.dataOffset);
    }
    return this.mapStrings(value, num, gen, false);
  }

  /** The object as it must be written under its number: strings and stream data encrypted. */
  encryptValue(value: PdfValue, num: number, gen: number): PdfValue {
    if (value instanceof PdfStream) {
      if (value.dict.name('Type') === 'XRef') return value;
      const dict = this.mapStrings(value.dict, num, gen, true) as PdfDict;
      const data = value.data ?? new Uint8Array();
      return new PdfStream(dict, this.streamIsPlain(value.dict) ? data : this.crypt(this.streamMethod, num, gen, data, true));
    }
    return this.mapStrings(value, num, gen, true);
  }

  private mapStrings(value: PdfValue, num: number, gen: number, encrypt: boolean): PdfValue {
    if (value instanceof PdfString) return new PdfString(this.crypt(this.stringMethod, num, gen, value.bytes, encrypt));
    if (Array.isArray(value)) return value.map((v) => this.mapStrings(v, num, gen, encrypt));
    if (value instanceof PdfDict) {
      const signature = isSignatureDictionary(value);
      const out = new PdfDict();
      for (const [key, v] of value.entries) out.set(key, signature && key === 'Contents' ? v : this.mapStrings(v, num, gen, encrypt));
      return out;
    }
    // Numbers, names, references and verbatim placeholders (PdfRaw) carry no strings.
    return value;
  }
}
