import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashByteRanges } from '../../electron/core/signing/pdf/hashRanges';
import { PdfDict, PdfName, PdfParser, PdfRef, PdfStream, PdfString, serialize } from '../../electron/core/signing/pdf/pdfObjects';

const parse = (text: string) => new PdfParser(Buffer.from(text, 'latin1'), 0, 0, true).parseValue();

describe('PDF object syntax', () => {
  it('reads literal strings with escapes, balanced parentheses and octal codes', () => {
    const value = parse('(a\\(b\\) (nested) \\101\\n\\\\ end)') as PdfString;
    expect(Buffer.from(value.bytes).toString('latin1')).toBe('a(b) (nested) A\n\\ end');
  });

  it('reads names with #xx escapes, references, arrays and nested dictionaries', () => {
    const value = parse('<< /A#20B 12 0 R /Kids [1 0 R 2 0 R] /N -3.5 /D << /T true /U null >> /H <4e 6F> >>') as PdfDict;
    expect(value.get('A B')).toEqual(new PdfRef(12, 0));
    expect(value.get('Kids')).toEqual([new PdfRef(1, 0), new PdfRef(2, 0)]);
    expect(value.get('N')).toBe(-3.5);
    expect((value.get('D') as PdfDict).get('T')).toBe(true);
    expect((value.get('H') as PdfString).text).toBe('No');
  });

  it('stops at a stream keyword without reading the data, and says where the data starts', () => {
    const text = '7 0 obj\n<< /Length 5 >>\nstream\r\nhello\nendstream\nendobj';
    const obj = new PdfParser(Buffer.from(text, 'latin1'), 0, 1000, true).parseIndirectObject();
    expect(obj.num).toBe(7);
    const stream = obj.value as PdfStream;
    expect(stream.data).toBeNull();
    expect(stream.dataOffset).toBe(1000 + text.indexOf('hello'));
  });

  it('writes Vietnamese text strings as UTF-16BE, NFC-normalised, and round-trips what it writes', () => {
    const decomposed = 'Nguye\u0302\u0303n'; // "Nguyễn" typed with combining marks
    const s = PdfString.text(decomposed);
    expect(Buffer.from(s.bytes.subarray(0, 2)).toString('hex')).toBe('feff');
    expect(s.text).toBe('Nguyễn');
    const dict = new PdfDict([
      ['T', s],
      ['Name', new PdfName('A B/C')],
      ['V', [1.5, new PdfRef(3, 0), null, false]],
    ]);
    const again = parse(serialize(dict)) as PdfDict;
    expect((again.get('T') as PdfString).text).toBe('Nguyễn');
    expect((again.get('Name') as PdfName).value).toBe('A B/C');
    expect(again.get('V')).toEqual([1.5, new PdfRef(3, 0), null, false]);
  });
});

describe('hashing signed byte ranges in one pass', () => {
  it('gives the same digests as hashing each signature on its own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vanthu-hash-'));
    try {
      const file = path.join(dir, 'data.bin');
      const data = randomBytes(3 * 1024 * 1024 + 123);
      writeFileSync(file, data);
      const ranges: [number, number, number, number][] = [
        [0, 1000, 2000, 500_000],
        [0, 2_500_000, 2_600_000, data.length - 2_600_000],
        [0, 0, 10, 20],
        [5, 10, 100, 50], // not starting at 0: hashed on its own
        [0, 1000, 2000, 500_000], // the same ranges twice
      ];
      const expected = ranges.map(([a, b, c, d]) => createHash('sha256').update(data.subarray(a, a + b)).update(data.subarray(c, c + d)).digest('hex'));
      const got = (await hashByteRanges(file, ranges)).map((d) => Buffer.from(d).toString('hex'));
      expect(got).toEqual(expected);
      await expect(hashByteRanges(file, [[0, 10, 20, data.length]])).rejects.toThrow(/past the end/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
