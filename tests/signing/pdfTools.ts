/** Checks with tools the project did not write: poppler's pdfsig, qpdf, openssl cms. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PdfsigSignature {
  valid: boolean;
  totalDocumentSigned: boolean;
  commonName: string;
  ranges: [number, number][];
}

/** Runs pdfsig without certificate checks and parses its text: it exits 0 even when a digest does not match. */
export function pdfsig(file: string): PdfsigSignature[] {
  const result = spawnSync('pdfsig', ['-nocert', '-no-ocsp', file], { encoding: 'utf8' });
  const text = `${result.stdout}${result.stderr}`;
  return text
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      valid: /Signature Validation: Signature is Valid\./.test(block),
      totalDocumentSigned: /Total document signed/.test(block),
      commonName: /Signer Certificate Common Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
      ranges: [...block.matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]),
    }));
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: result.status === 0 && /No syntax or stream encoding errors found/.test(result.stdout), output: `${result.stdout}${result.stderr}` };
}

/** The signature dictionaries' /ByteRange and /Contents, read with qpdf's JSON (an independent parser). */
export function signaturesByQpdf(file: string): { byteRange: number[]; contents: Buffer }[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  const objects = Object.values(json.qpdf[1]).map((o) => o.value);
  const out: { byteRange: number[]; contents: Buffer }[] = [];
  for (const value of objects) {
    const dict = value as Record<string, unknown> | undefined;
    if (!dict || typeof dict !== 'object' || dict['/Type'] !== '/Sig' || !Array.isArray(dict['/ByteRange'])) continue;
    const contents = String(dict['/Contents']);
    const hex = contents.startsWith('b:') ? contents.slice(2) : Buffer.from(contents.replace(/^u:/, ''), 'latin1').toString('hex');
    out.push({ byteRange: dict['/ByteRange'] as number[], contents: Buffer.from(hex, 'hex') });
  }
  return out.sort((a, b) => a.byteRange[1]! - b.byteRange[1]!);
}

/** `openssl cms -verify` of one signature over its signed ranges; returns openssl's verdict text. */
export function opensslVerify(file: string, byteRange: number[], cms: Buffer, caFile: string, workDir: string): { ok: boolean; output: string } {
  const bytes = readFileSync(file);
  const [a, b, c, d] = byteRange as [number, number, number, number];
  const content = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
  const contentPath = path.join(workDir, 'signed-ranges.bin');
  const cmsPath = path.join(workDir, 'signature.p7s');
  // /Contents is zero-padded; the DER length says where the CMS ends.
  const len = cms[1]! < 0x80 ? cms[1]! + 2 : 2 + (cms[1]! & 0x7f) + cms.subarray(2, 2 + (cms[1]! & 0x7f)).reduce((n, x) => n * 256 + x, 0);
  writeFileSync(cmsPath, cms[1] === 0x80 ? cms : cms.subarray(0, len));
  writeFileSync(contentPath, content);
  const result = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsPath, '-content', contentPath, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null'], {
    encoding: 'utf8',
  });
  return { ok: result.status === 0 && /Verification successful/.test(result.stderr), output: result.stderr };
}

/** A word poppler reads on a page, with its box in PDF user space (y up), as placements are compared with it. */
export interface PdfWord {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** One page's words with their boxes, by pdftotext (annotation appearances included, as poppler draws them). */
export function pdfWords(file: string, page = 1): PdfWord[] {
  const html = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', file, '-'], { encoding: 'utf8' });
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(html)![1]);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!.replace(/&amp;/g, '&'),
    x0: Number(m[1]),
    x1: Number(m[3]),
    y0: height - Number(m[4]),
    y1: height - Number(m[2]),
  }));
}
