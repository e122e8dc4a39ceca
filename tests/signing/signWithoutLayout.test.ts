/**
 * `vanthu sign` with no layout options on Decree 30 documents printed by Chromium: the approval written as text
 * between the signer's title and name on the last page (bottom right when the page has no signer's block), and the
 * issuing signature with its seal over that approval and the number and date in page 1's blanks. Positions are
 * checked against poppler's word boxes and qpdf's view of the widgets, validity with pdfsig.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { proposeApprovalPlace } from '../../electron/core/signing/appearance/signaturePlaces';
import { tempDir } from '../support/coreFixture';
import { cleanupFixtures, documentSpec, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki, type TestPki } from '../support/testPki';
import { sealPng } from './fixtures';
import { pdfsig, pdfWords, type PdfWord } from './pdfTools';

const NBSP = '\u00a0';
const ENV = 'VANTHU_TEST_P12_PASSWORD';

let pki: TestPki;
let tmp: { dir: string; remove(): void };

beforeAll(() => {
  pki = createTestPki();
  tmp = tempDir('vanthu-sign-no-layout-');
  writeFileSync(path.join(tmp.dir, 'seal.png'), sealPng());
});
afterAll(() => {
  pki?.cleanup();
  tmp?.remove();
  cleanupFixtures();
});

const p = (name: string) => path.join(tmp.dir, name);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data', p('data'), ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
type Word = PdfWord;
const words = pdfWords;

/** The page's text as poppler lays it out. */
const layoutText = (file: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });

/** Each signature widget's /Rect and page number (from 1), in the order qpdf lists the pages' annotations. */
function signatureWidgets(file: string): (Box & { page: number })[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=pages', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
    pages: { object: string }[];
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  const objects = json.qpdf[1];
  const out: (Box & { page: number })[] = [];
  json.pages.forEach((page, i) => {
    const annots = objects[`obj:${page.object}`]?.value?.['/Annots'];
    const refs = Array.isArray(annots) ? annots : (objects[`obj:${String(annots)}`] as { value?: unknown } | undefined)?.value;
    for (const ref of Array.isArray(refs) ? (refs as string[]) : []) {
      const annot = objects[`obj:${ref}`]?.value;
      if (annot?.['/Subtype'] !== '/Widget' || annot['/FT'] !== '/Sig') continue;
      const [a, b, c, d] = annot['/Rect'] as number[];
      out.push({ page: i + 1, x0: Math.min(a!, c!), y0: Math.min(b!, d!), x1: Math.max(a!, c!), y1: Math.max(b!, d!) });
    }
  });
  return out;
}

/** The lowest word with this text: the signer's block, not the same word in the body. */
const lowest = (list: Word[], text: string) => {
  const found = list.filter((w) => w.text === text).sort((a, b) => a.y0 - b.y0);
  expect(found.length, `the word “${text}”`).toBeGreaterThan(0);
  return found[0]!;
};
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

const approvalKey = () => ['--p12', pki.leaf.p12Path!, '--password-env', ENV];

describe('vanthu sign without --kind, --rect or --image', () => {
  it('writes the approval as text centred between the title and the name of the signer’s block on the last page', async () => {
    for (const kind of ['congVan', 'baoCaoTwoPages'] as const) {
      const input = await makeDocumentPdf(kind);
      const output = p(`${kind}-approved.pdf`);
      const result = await cli(['sign', input, '-o', output, ...approvalKey()]);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(pdfsig(output)).toMatchObject([{ valid: true, totalDocumentSigned: true, commonName: 'Nguyễn Văn An' }]);

      const last = pageCount(input);
      const [widget] = signatureWidgets(output);
      expect(widget?.page).toBe(last);
      const spec = documentSpec(kind);
      const before = words(input, last);
      // The title's last word and the name's first, printed one above the other in the right column.
      const title = lowest(before, spec.signerPosition.split(' ').at(-1)!);
      const name = lowest(before, spec.signerName.split(' ')[0]!);
      expect(widget!.y1).toBeLessThan(title.y0);
      expect(widget!.y0).toBeGreaterThan(name.y1);
      for (const w of before) expect(overlaps(widget!, w), `the box over “${w.text}”`).toBe(false);
      // Centred in the gap and on the column's centre line, within a few points.
      expect(Math.abs((widget!.y0 + widget!.y1) / 2 - (title.y0 + name.y1) / 2)).toBeLessThan(6);
      const column = lowest(before, spec.signerName.split(' ').at(-1)!);
      expect(Math.abs((widget!.x0 + widget!.x1) / 2 - (name.x0 + column.x1) / 2)).toBeLessThan(12);

      // What the box says, read by poppler from its appearance: the holder, the organisation, the time in Vietnam.
      const text = layoutText(output, last);
      expect(text).toMatch(/Ký bởi: Nguyễn Văn An/);
      expect(text).toMatch(/Cơ quan: UBND tỉnh Thử Nghiệm/);
      expect(text).toMatch(/Thời gian ký: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \+07:00/);
      const written = words(output, last).filter((w) => !before.some((b) => b.text === w.text && Math.abs(b.x0 - w.x0) < 0.5 && Math.abs(b.y0 - w.y0) < 0.5));
      expect(written.map((w) => w.text)).toEqual(expect.arrayContaining(['Ký', 'bởi:', 'Nguyễn', 'Văn', 'An']));
      for (const w of written) expect(w.y0 > name.y1 && w.y1 < title.y0, `“${w.text}” between the title and the name`).toBe(true);
    }
  }, 120_000);

  it('a last page without a signer’s block gets the box at the bottom right, inside the margins, over no text', async () => {
    const input = await makeDocumentPdf('quyetDinh', { signerAuthority: undefined, signerPosition: '', signerName: '' });
    const proposal = await proposeApprovalPlace(input);
    expect(proposal.found).toBe(false);
    const output = p('no-block.pdf');
    expect(await cli(['sign', input, '-o', output, ...approvalKey()])).toMatchObject({ code: 0, err: '' });
    expect(pdfsig(output)).toMatchObject([{ valid: true }]);
    const last = pageCount(input);
    const [widget] = signatureWidgets(output);
    expect(widget).toMatchObject({ page: last, x0: proposal.rect.x, y0: proposal.rect.y });
    // A4 (595 × 842 pt): right half, lower part, inside Decree 30's smallest margins (15 mm right, 20 mm bottom).
    expect(widget!.x0).toBeGreaterThan(595.28 / 2);
    expect(widget!.x1).toBeLessThanOrEqual(595.28 - 42.5 + 0.01);
    expect(widget!.y0).toBeGreaterThanOrEqual(56.7 - 0.01);
    expect(widget!.y1).toBeLessThan(841.89 / 2);
    for (const w of words(input, last)) expect(overlaps(widget!, w), `the box over “${w.text}”`).toBe(false);
  }, 120_000);

  it('then issues with only the seal: the seal over the approval, the number and date in page 1’s blanks, both signatures valid', async () => {
    const input = await makeDocumentPdf('congVanKhan', { codeNumber: NBSP.repeat(10), dateText: `ngày${NBSP.repeat(8)}tháng${NBSP.repeat(8)}năm 2026` });
    const approved = p('khan-approved.pdf');
    expect(await cli(['sign', input, '-o', approved, ...approvalKey()])).toMatchObject({ code: 0, err: '' });
    const issued = p('khan-issued.pdf');
    const issue = await cli([
      'sign', approved, '-o', issued, '--p12', pki.orgLeaf.p12Path!, '--password-env', ENV,
      '--kind', 'issue', '--image', p('seal.png'), '--number', '01', '--notation', 'UBND-NN', '--date', '2026-01-05',
    ]);
    expect(issue).toMatchObject({ code: 0, err: '' });
    expect(pdfsig(issued)).toMatchObject([
      { valid: true, commonName: 'Nguyễn Văn An' },
      { valid: true, totalDocumentSigned: true, commonName: 'Ủy ban nhân dân tỉnh Thử Nghiệm' },
    ]);

    const page1 = layoutText(issued, 1);
    expect(page1).toMatch(/Số:\s*01\s*\/UBND-NN/);
    expect(page1).toMatch(/ngày\s+05\s+tháng\s+01\s+năm 2026/);
    // Compared with the approved file: on this one-page letter the approval's own words are on page 1 too.
    const template = words(approved, 1);
    const written = words(issued, 1).filter((w) => !template.some((t) => t.text === w.text && Math.abs(t.x0 - w.x0) < 0.5 && Math.abs(t.y0 - w.y0) < 0.5));
    expect(written.map((w) => w.text).sort()).toEqual(['01', '01', '05']);
    for (const w of written) for (const t of template) expect(overlaps(w, t), `“${w.text}” over “${t.text}”`).toBe(false);

    // Decree 30: the seal covers the left third of the approval, on the same line.
    const [approval, seal] = signatureWidgets(issued);
    expect(seal!.page).toBe(approval!.page);
    expect(Math.abs(seal!.x1 - (approval!.x0 + (approval!.x1 - approval!.x0) / 3))).toBeLessThan(0.5);
    expect(Math.abs((seal!.y0 + seal!.y1) / 2 - (approval!.y0 + approval!.y1) / 2)).toBeLessThan(0.5);
  }, 120_000);
});
