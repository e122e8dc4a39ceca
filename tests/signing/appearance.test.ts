import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import { decodePng, type DecodedPng } from '../../electron/core/signing/appearance/pngImage';
import { vietnamIsoTime } from '../../shared/domain/dates';
import type { Signer } from '../../electron/core/signing/signers/signer';
import { createTestPki, type TestPki } from '../support/testPki';
import { LAYOUT, makeChromiumPdf, sealPng, signaturePng } from './fixtures';

let pki: TestPki;
let input: string;
let official: Signer;
let organisation: Signer;
const p = (name: string) => path.join(pki.dir, name);

beforeAll(() => {
  pki = createTestPki();
  input = makeChromiumPdf(p('pdfs'));
  official = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
  organisation = openP12Signer(readFileSync(pki.orgLeaf.p12Path!), pki.password);
});
afterAll(() => pki.cleanup());

/** Page 1 rendered by poppler at 72 dpi, so one pixel is one point (y measured from the top). */
function render(file: string): DecodedPng {
  execFileSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', file, p('render')]);
  return decodePng(readFileSync(p('render.png')));
}

/** Counts pixels in a PDF-space box (points from the lower left) that match a colour test. */
function count(img: DecodedPng, box: { x: number; y: number; width: number; height: number }, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let y = Math.round(img.height - box.y - box.height); y < img.height - box.y; y++) {
    for (let x = Math.round(box.x); x < box.x + box.width; x++) {
      const i = (y * img.width + x) * img.components;
      const [r, g, b] = img.components === 3 ? [img.color[i]!, img.color[i + 1]!, img.color[i + 2]!] : [img.color[i]!, img.color[i]!, img.color[i]!];
      if (test(r, g, b)) n++;
    }
  }
  return n;
}

const blue = (r: number, g: number, b: number) => b > 150 && r < 110 && g < 130;
const red = (r: number, g: number, b: number) => r > 170 && g < 110 && b < 110;
const dark = (r: number, g: number, b: number) => r + g + b < 200;

function text(file: string): string {
  return execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
}

describe('Decree 30 signature appearances', () => {
  it('approval: the blue signature image inside the given area; issue: the red seal over its left third, number and date written', async () => {
    const area = LAYOUT.signatureArea;
    const empty = render(input);
    expect(count(empty, area, blue)).toBe(0);

    await signPdf({ input, output: p('approved.pdf'), signer: official, appearance: { kind: 'approval', image: signaturePng(), rect: area } });
    const approved = render(p('approved.pdf'));
    expect(count(approved, area, blue)).toBeGreaterThan(200);
    expect(count(approved, { ...area, y: area.y + area.height, height: 40 }, blue), 'nothing drawn outside the area').toBe(0);

    await signPdf({
      input: p('approved.pdf'),
      output: p('issued.pdf'),
      signer: organisation,
      appearance: { kind: 'issue', image: sealPng(), rect: area, numberNotation: '125/QĐ-UBND', date: '2026-11-15', numberAt: LAYOUT.numberAt, dateAt: LAYOUT.dateAt },
    });
    const issued = render(p('issued.pdf'));
    const leftThird = { ...area, width: area.width / 3 };
    const rightTwoThirds = { ...area, x: area.x + area.width / 3 + 2, width: (area.width * 2) / 3 - 2 };
    expect(count(issued, leftThird, red)).toBeGreaterThan(300);
    expect(count(issued, rightTwoThirds, red), 'the seal stays on the left third').toBe(0);
    expect(count(issued, rightTwoThirds, blue), 'the signature stays visible beside the seal').toBeGreaterThan(100);

    const words = text(p('issued.pdf'));
    expect(words).toContain('Số: 125/QĐ-UBND');
    expect(words).toContain('ngày 15 tháng 11 năm 2026');
    const fonts = execFileSync('pdffonts', [p('issued.pdf')], { encoding: 'utf8' });
    // Liberation Serif subsets embedded by the signer: "ABCDEF+LiberationSerif ... CID TrueType Identity-H yes yes yes".
    expect(fonts).toMatch(/[A-Z]{6}\+LiberationSerif\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('attachment: number and ISO 8601 time with +07:00 at the top right of page 1, no image', async () => {
    const when = new Date('2026-11-15T03:04:05Z');
    await signPdf({ input, output: p('attachment.pdf'), signer: organisation, signingTime: when, appearance: { kind: 'attachment', numberNotation: '125/QĐ-UBND' } });
    expect(vietnamIsoTime(when)).toBe('2026-11-15T10:04:05+07:00');
    const words = text(p('attachment.pdf'));
    expect(words).toContain('Số: 125/QĐ-UBND');
    expect(words).toContain('2026-11-15T10:04:05+07:00');
    const img = render(p('attachment.pdf'));
    expect(count(img, { x: 612 - 160, y: 792 - 50, width: 160, height: 50 }, dark)).toBeGreaterThan(50);
    expect(count(img, { x: 0, y: 0, width: 612, height: 792 }, (r, g, b) => blue(r, g, b) || red(r, g, b))).toBe(0);
  });

  it('on a page turned by /Rotate, the attachment text sits at the displayed top right and reads upright', async () => {
    const rotated = p('rotated.pdf');
    execFileSync('qpdf', ['--rotate=+90:1', input, rotated]);
    await signPdf({ input: rotated, output: p('rotated-signed.pdf'), signer: organisation, appearance: { kind: 'attachment', numberNotation: '125/QĐ-UBND' } });
    const img = render(p('rotated-signed.pdf'));
    expect([img.width, img.height]).toEqual([792, 612]);
    // Upright text: a wide, short band under the displayed top edge, and nothing running down the right margin.
    expect(count(img, { x: 792 - 150, y: 612 - 45, width: 130, height: 25 }, dark)).toBeGreaterThan(50);
    expect(count(img, { x: 792 - 40, y: 612 - 300, width: 20, height: 240 }, dark)).toBe(0);
    expect(text(p('rotated-signed.pdf'))).toContain('Số: 125/QĐ-UBND');
  });

  it('receipt: the ĐẾN box on page 1 in an update that keeps the earlier signature valid', async () => {
    await signPdf({ input, output: p('signed.pdf'), signer: official, appearance: { kind: 'approval', image: signaturePng(), rect: LAYOUT.signatureArea } });
    const box = { page: 1, x: 72, y: 120, width: 150, height: 100 };
    await signPdf({
      input: p('signed.pdf'),
      output: p('received.pdf'),
      signer: organisation,
      appearance: { kind: 'receipt', rect: box, receipt: { number: '1234', date: '2026-11-16', forwardTo: 'Phòng Hành chính' } },
    });
    const words = text(p('received.pdf'));
    for (const line of ['ĐẾN', 'Số: 1234', 'Ngày: 16/11/2026', 'Chuyển: Phòng Hành chính']) expect(words).toContain(line);
    expect(count(render(p('received.pdf')), box, red)).toBeGreaterThan(300);
    const pdfsig = execFileSync('pdfsig', ['-nocert', p('received.pdf')], { encoding: 'utf8' });
    expect(pdfsig.match(/Signature is Valid\./g)).toHaveLength(2);
  });
});
