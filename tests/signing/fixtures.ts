/**
 * Test inputs made on the spot: PDFs from Chromium, Ghostscript, qpdf and pdf-lib, and PNG images for signatures.
 * Nothing here is committed output; every run builds its own files in a temp directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** An RGBA PNG whose pixels come from `paint(x, y)` → [r, g, b, a]. */
export function makePng(width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = y % 2 ? 1 : 0; // mix Sub and None filters so the decoder's unfiltering is exercised
    const pixels = Buffer.alloc(width * 4);
    for (let x = 0; x < width; x++) Buffer.from(paint(x, y)).copy(pixels, x * 4);
    const row = y * (width * 4 + 1) + 1;
    for (let i = 0; i < pixels.length; i++) raw[row + i] = y % 2 && i >= 4 ? (pixels[i]! - pixels[i - 4]! + 256) & 0xff : pixels[i]!;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A blue handwriting-like stroke on a transparent background. */
export function signaturePng(): Buffer {
  return makePng(300, 120, (x, y) => {
    const wave = 60 + 35 * Math.sin(x / 22) * Math.cos(x / 61);
    const loop = Math.abs(Math.hypot(x - 90, y - 60) - 30) < 3;
    return Math.abs(y - wave) < 3.5 || loop ? [20, 40, 200, 255] : [0, 0, 0, 0];
  });
}

/** A red seal: two rings and a star, transparent outside. */
export function sealPng(): Buffer {
  return makePng(200, 200, (x, y) => {
    const r = Math.hypot(x - 100, y - 100);
    const angle = Math.atan2(y - 100, x - 100);
    const star = r < 30 + 15 * Math.cos(5 * angle);
    return (r > 88 && r < 97) || (r > 70 && r < 74) || star ? [220, 20, 20, 235] : [0, 0, 0, 0];
  });
}

/**
 * A decision as drafted before issuing (Chromium prints it on US Letter, 612 × 792 pt): the number line and the date
 * after the place name are left blank for the issuing step, and the signer's image goes between the title and the name.
 */
export const LAYOUT = {
  numberAt: { page: 1, x: 100, y: 645, size: 13 },
  dateAt: { page: 1, x: 346, y: 645, size: 13 },
  signatureArea: { page: 1, x: 347, y: 338, width: 160, height: 100 },
};

const HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:"Liberation Serif",serif;font-size:14pt;margin:2cm}
.r{display:flex;justify-content:space-between}.c{text-align:center}</style></head><body>
<div class="r"><div class="c">ỦY BAN NHÂN DÂN<br><b>TỈNH THỬ NGHIỆM</b><br><br>&nbsp;</div>
<div class="c"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br><br><i style="margin-right:11em">Thử Nghiệm,</i></div></div>
<h2 class="c">QUYẾT ĐỊNH</h2><p class="c"><b>Về việc phê duyệt kế hoạch chuyển đổi số năm 2026</b></p>
<p>Điều 1. Phê duyệt kế hoạch chuyển đổi số năm 2026 của tỉnh Thử Nghiệm với các nội dung chủ yếu: số hóa hồ sơ, văn bản điện tử, ký số.</p>
<p>Điều 2. Quyết định này có hiệu lực kể từ ngày ký.</p>
<div style="margin-left:55%;margin-top:1cm" class="c"><b>CHỦ TỊCH</b><div style="height:4cm"></div><b>Nguyễn Văn An</b></div>
<div style="page-break-before:always"><p>Trang 2: Phụ lục — danh mục nhiệm vụ.</p></div>
</body></html>`;

export interface TestPdfs {
  chromium: string;
  ghostscript: string;
  pdfa: string;
  xrefStream: string;
  linearized: string;
  pdfLib: string;
  /** Rewritten by poppler's cairo backend, as Evince, GIMP and other GTK programs print PDFs. */
  cairo: string;
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** The decision printed by headless Chromium (Vietnamese text, Liberation Serif subsets, two pages). */
export function makeChromiumPdf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const output = path.join(dir, 'chromium.pdf');
  if (existsSync(output)) return output;
  writeFileSync(path.join(dir, 'doc.html'), HTML);
  run('chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(dir, 'chrome-profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${output}`, `file://${path.join(dir, 'doc.html')}`]);
  return output;
}

/** Builds the family of test PDFs in `dir` (once per directory). */
export async function makeTestPdfs(dir: string): Promise<TestPdfs> {
  mkdirSync(dir, { recursive: true });
  const p = (n: string) => path.join(dir, n);
  const out: TestPdfs = {
    chromium: p('chromium.pdf'),
    ghostscript: p('gs.pdf'),
    pdfa: p('pdfa.pdf'),
    xrefStream: p('xref-stream.pdf'),
    linearized: p('linearized.pdf'),
    pdfLib: p('pdf-lib.pdf'),
    cairo: p('cairo.pdf'),
  };
  if (existsSync(out.cairo)) return out;
  makeChromiumPdf(dir);
  run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${out.ghostscript}`, out.chromium]);
  run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dPDFA=2', '-dPDFACompatibilityPolicy=1', '-sColorConversionStrategy=RGB', '-sDEVICE=pdfwrite', `-sOutputFile=${out.pdfa}`, out.chromium]);
  run('qpdf', ['--object-streams=generate', out.chromium, out.xrefStream]);
  run('qpdf', ['--linearize', out.chromium, out.linearized]);
  run('pdftocairo', ['-pdf', out.chromium, out.cairo]);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 1; i <= 2; i++) doc.addPage([595.28, 841.89]).drawText(`pdf-lib page ${i}`, { x: 72, y: 760, size: 18, font });
  writeFileSync(out.pdfLib, await doc.save({ useObjectStreams: true }));
  return out;
}

/**
 * A hybrid-reference file (ISO 32000-1 §7.5.8.4), as word processors write them: an update whose classic table lists
 * only an object stream, while the trailer's /XRefStm points at a cross-reference stream that locates a new catalog
 * (with /PageLayout) inside that object stream. Readers that know streams must see the new catalog.
 */
export function makeHybridPdf(input: string, output: string): void {
  const original = readFileSync(input);
  const tail = original.subarray(Math.max(0, original.length - 1024)).toString('latin1');
  const prev = Number(/startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('startxref')))![1]);
  const trailer = tail.slice(tail.lastIndexOf('trailer'));
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer)!;
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)![1]);
  const rootNum = Number(root[1]);
  const catalog = /\d+ 0 obj\s*(<<[\s\S]*?>>)\s*endobj/.exec(original.toString('latin1').slice(original.toString('latin1').lastIndexOf(`\n${rootNum} 0 obj`)))![1]!;
  const newCatalog = catalog.replace(/>>$/, '/PageLayout /OneColumn>>');
  const objstmNum = size;
  const xrefNum = size + 1;
  const header = `${rootNum} 0 `;
  const objstmData = Buffer.from(`${header}${newCatalog}`, 'latin1');
  let out = Buffer.from(original);
  if (!/[\r\n]$/.test(tail)) out = Buffer.concat([out, Buffer.from('\n')]);
  const objstmAt = out.length;
  const objstm = Buffer.concat([
    Buffer.from(`${objstmNum} 0 obj\n<< /Type /ObjStm /N 1 /First ${header.length} /Length ${objstmData.length} >>\nstream\n`, 'latin1'),
    objstmData,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  out = Buffer.concat([out, objstm]);
  const xrefAt = out.length;
  const row = (type: number, a: number, b: number) => Buffer.from([type, (a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, b]);
  const rows = Buffer.concat([row(2, objstmNum, 0), row(1, objstmAt, 0), row(1, xrefAt, 0)]);
  out = Buffer.concat([
    out,
    Buffer.from(`${xrefNum} 0 obj\n<< /Type /XRef /Size ${xrefNum + 1} /W [1 4 1] /Index [${rootNum} 1 ${objstmNum} 2] /Length ${rows.length} >>\nstream\n`, 'latin1'),
    rows,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  const tableAt = out.length;
  const table = `xref\n${objstmNum} 1\n${String(objstmAt).padStart(10, '0')} 00000 n\r\n`;
  const newTrailer = `trailer\n<< /Size ${xrefNum + 1} /Root ${rootNum} 0 R /Prev ${prev} /XRefStm ${xrefAt} >>\nstartxref\n${tableAt}\n%%EOF\n`;
  writeFileSync(output, Buffer.concat([out, Buffer.from(table + newTrailer, 'latin1')]));
}

/**
 * One self-signed signing certificate in a .p12 (protected with `password`), for tests that need a signer but no chain:
 * one key instead of a whole test PKI.
 */
export function makeSelfSignedP12(dir: string, commonName: string, password: string): string {
  const key = path.join(dir, 'signer.key');
  const cert = path.join(dir, 'signer.pem');
  const p12 = path.join(dir, 'signer.p12');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-subj', `/CN=${commonName}`, '-days', '30', '-keyout', key, '-out', cert, '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation']);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'stdin'], { input: password, stdio: ['pipe', 'pipe', 'pipe'] });
  return p12;
}
