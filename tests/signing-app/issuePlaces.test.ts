/**
 * The number and date of an issuing signature on Decree 30 documents printed by Chromium: proposed in the template's
 * blanks ("Số:      /QĐ-UBND", "ngày    tháng    năm 2026"), written there by the signer, under the header when the
 * page has no blanks, and remembered per template. Word boxes come from poppler's pdftotext, not from our reader.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { createSigningRepo } from '../../electron/core/db/signingRepo';
import { createIssuePlaceMemory, issueTexts } from '../../electron/core/signing/appearance/issuePlaces';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import { issueTemplateKey, proposeIssuePlaces, type IssuePlaces, type PageBox, type PageTextItem } from '../../shared/domain/issuePlaces';
import { SignInput } from '../../shared/contract/schemas';
import { openTestCore, tempDir } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki, type TestPki } from '../support/testPki';
import { sealPng } from '../signing/fixtures';
import { pdfsig, pdfWords, type PdfWord } from '../signing/pdfTools';

const NBSP = '\u00a0';
/** A decision drafted for issuing: blanks for the number, the day and the month (what a drafting office sends). */
const BLANK_TEMPLATE = { codeNumber: NBSP.repeat(10), dateText: `ngày${NBSP.repeat(8)}tháng${NBSP.repeat(8)}năm 2026` };
/** The dotted form many offices print, the year left open too. */
const DOTTED_TEMPLATE = { codeNumber: '..........', dateText: 'ngày ...... tháng ...... năm ......' };

let pki: TestPki;
let blank: string;
let tmp: { dir: string; remove(): void };

beforeAll(async () => {
  pki = createTestPki();
  tmp = tempDir('vanthu-issue-places-');
  blank = await makeDocumentPdf('quyetDinh', BLANK_TEMPLATE);
}, 60_000);
afterAll(() => {
  pki?.cleanup();
  tmp?.remove();
  cleanupFixtures();
});

/** Page 1's text runs as the viewer's pdf.js reports them, and its box. */
async function pageText(file: string): Promise<{ items: PageTextItem[]; box: PageBox }> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false }).promise;
  try {
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    const items = (content.items as { str?: string; transform?: number[]; width?: number }[])
      .filter((i) => typeof i.str === 'string' && i.transform)
      .map((i) => ({ text: i.str!, x: i.transform![4]!, y: i.transform![5]!, width: i.width!, size: Math.hypot(i.transform![2]!, i.transform![3]!) }));
    return { items, box: page.view as unknown as PageBox };
  } finally {
    await doc.destroy();
  }
}

type Word = PdfWord;
const words = (file: string) => pdfWords(file);

/** The topmost word with this text: the header's, not a later one in the body. */
const word = (list: Word[], text: string) => {
  const found = list.filter((w) => w.text === text).sort((a, b) => b.y1 - a.y1);
  expect(found.length, `the word “${text}”`).toBeGreaterThan(0);
  return found[0]!;
};
const overlaps = (a: Word, b: Word) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const between = (x: number, left: number, right: number) => x > left && x < right;

describe('proposing where the number and date go', () => {
  it('finds the blanks of a generated quyết định: the number between “Số:” and “/QĐ-UBND”, day and month between the words', async () => {
    const { items, box } = await pageText(blank);
    const proposal = proposeIssuePlaces(items, box);
    const template = words(blank);
    const so = word(template, 'Số:');
    const notation = word(template, '/QĐ-UBND');
    expect(proposal.found).toBe(true);
    expect(proposal.numberAt).toMatchObject({ page: 1, blank: true });
    // Centred in the blank, on the line's baseline.
    expect(Math.abs(proposal.numberAt.x - (so.x1 + notation.x0) / 2)).toBeLessThan(2);
    expect(between(proposal.numberAt.y, so.y0, so.y1)).toBe(true);

    const [ngay, thang, nam] = ['ngày', 'tháng', 'năm'].map((t) => word(template, t));
    const day = proposal.dateAt.x;
    const month = day + proposal.dateAt.blanks!.month;
    expect(between(day, ngay!.x1, thang!.x0)).toBe(true);
    expect(between(month, thang!.x1, nam!.x0)).toBe(true);
    expect(between(proposal.dateAt.y, ngay!.y0, ngay!.y1)).toBe(true);
    // The template prints the year: nothing is written for it.
    expect(proposal.dateAt.blanks).toMatchObject({ year: null, yearPrinted: '2026' });
  });

  it('a dotted template leaves the year open too: it gets its own place after “năm”', async () => {
    const dotted = await makeDocumentPdf('quyetDinh', DOTTED_TEMPLATE);
    const { items, box } = await pageText(dotted);
    const proposal = proposeIssuePlaces(items, box);
    expect(proposal.found).toBe(true);
    const nam = word(words(dotted), 'năm');
    expect(proposal.dateAt.blanks!.yearPrinted).toBe('');
    expect(proposal.dateAt.x + proposal.dateAt.blanks!.year!).toBeGreaterThan(nam.x1);
  });

  it('a page without blanks gets the whole lines in the first free band under its header, touching no word', async () => {
    const numbered = await makeDocumentPdf('quyetDinh');
    const { items, box } = await pageText(numbered);
    const proposal = proposeIssuePlaces(items, box);
    expect(proposal).toMatchObject({ found: false, layout: null, numberAt: { blank: false }, dateAt: { blanks: null } });
    const template = words(numbered);
    // Under the header: below “Số: 05/QĐ-UBND” and the motto, above the title.
    expect(proposal.numberAt.y).toBeLessThan(word(template, '05/QĐ-UBND').y0);
    expect(proposal.numberAt.y).toBeGreaterThan(word(template, 'QUYẾT').y1);
    const written = await issueTexts({ numberAt: proposal.numberAt, dateAt: proposal.dateAt }, { numberNotation: '125/QĐ-UBND', date: '2026-11-15' });
    expect(written.map((t) => t.text)).toEqual(['Số: 125/QĐ-UBND', 'ngày 15 tháng 11 năm 2026']);
    const output = path.join(tmp.dir, 'no-blanks.pdf');
    await sign(numbered, output, written);
    const after = words(output);
    const added = after.filter((w) => !template.some((t) => t.text === w.text && Math.abs(t.x0 - w.x0) < 0.5 && Math.abs(t.y0 - w.y0) < 0.5));
    expect(added.map((w) => w.text)).toEqual(expect.arrayContaining(['125/QĐ-UBND', '15', '11']));
    for (const w of added) for (const t of template) expect(overlaps(w, t), `“${w.text}” over “${t.text}”`).toBe(false);
  });
});

async function sign(input: string, output: string, texts: Awaited<ReturnType<typeof issueTexts>>) {
  await signPdf({
    input,
    output,
    signer: openP12Signer(readFileSync(pki.orgLeaf.p12Path!), pki.password),
    appearance: { kind: 'issue', image: sealPng(), rect: { page: 1, x: 330, y: 300, width: 160, height: 90 }, texts },
  });
  expect(pdfsig(output)).toMatchObject([{ valid: true, totalDocumentSigned: true }]);
}

describe('writing them', () => {
  it('fills the blanks at the picked places: “125” before “/QĐ-UBND”, “15” and “11” between the date words, none over the header', async () => {
    const { items, box } = await pageText(blank);
    const proposal = proposeIssuePlaces(items, box);
    // The clerk nudged the number 2 points right: the file follows the pick, not the proposal.
    const places: IssuePlaces = { numberAt: { ...proposal.numberAt, x: proposal.numberAt.x + 2 }, dateAt: proposal.dateAt };
    const output = path.join(tmp.dir, 'issued.pdf');
    await sign(blank, output, await issueTexts(places, { numberNotation: '125/QĐ-UBND', date: '2026-11-15' }));

    const template = words(blank);
    const after = words(output);
    const number = word(after, '125');
    expect(Math.abs((number.x0 + number.x1) / 2 - places.numberAt.x)).toBeLessThan(1);
    expect(between(places.numberAt.y, number.y0, number.y1)).toBe(true);
    expect(number.x0).toBeGreaterThan(word(template, 'Số:').x1);
    expect(number.x1).toBeLessThan(word(template, '/QĐ-UBND').x0);
    const [day, month] = [word(after, '15'), word(after, '11')];
    expect(day.x0).toBeGreaterThan(word(template, 'ngày').x1);
    expect(day.x1).toBeLessThan(word(template, 'tháng').x0);
    expect(month.x0).toBeGreaterThan(word(template, 'tháng').x1);
    expect(month.x1).toBeLessThan(word(template, 'năm').x0);
    for (const w of [number, day, month]) for (const t of template) expect(overlaps(w, t), `“${w.text}” over “${t.text}”`).toBe(false);

    const layout = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', output, '-'], { encoding: 'utf8' });
    expect(layout).toMatch(/Số:\s*125\s*\/QĐ-UBND/);
    expect(layout).toMatch(/ngày\s+15\s+tháng\s+11\s+năm 2026/);
  });
});

describe('remembering them per template', () => {
  it('the same template (another decision from it) gets the confirmed places back; another type or page size does not', async () => {
    const other = await makeDocumentPdf('quyetDinh', { ...BLANK_TEMPLATE, subjectLines: ['Về việc ban hành Quy chế làm việc'], body: ['<p>Điều 1. Ban hành Quy chế.</p>'] });
    const keyOf = async (file: string, typeName = 'Quyết định', organId = '000.00.00.H41') => {
      const { items, box } = await pageText(file);
      return issueTemplateKey({ organId, typeName, box, layout: proposeIssuePlaces(items, box).layout });
    };
    const first = await keyOf(blank);
    expect(await keyOf(other)).toBe(first);
    expect(await keyOf(blank, 'Thông báo')).not.toBe(first);
    expect(await keyOf(blank, 'Quyết định', '000.00.00.G22')).not.toBe(first);
    expect(issueTemplateKey({ organId: '000.00.00.H41', typeName: 'Quyết định', box: [0, 0, 612, 792], layout: null })).not.toBe(first);

    const db = openDatabase(path.join(tmp.dir, 'vanthu.db'));
    try {
      const memory = createIssuePlaceMemory(createSigningRepo(db));
      const { items, box } = await pageText(blank);
      const p = proposeIssuePlaces(items, box);
      const confirmed: IssuePlaces = { numberAt: { ...p.numberAt, x: p.numberAt.x - 3 }, dateAt: { ...p.dateAt, y: p.dateAt.y + 1 } };
      expect(await memory.recall(first)).toBeNull();
      await memory.remember(first, confirmed);
      expect(await memory.recall(await keyOf(other))).toEqual(confirmed);
      expect(await memory.recall(await keyOf(blank, 'Thông báo'))).toBeNull();
    } finally {
      db.close();
    }
  });
});

describe('through the contract', () => {
  it('a sign call refuses a place on page 0 or off the number line, and fills the defaults of a plain place', () => {
    const { numberAt, dateAt } = SignInput.shape;
    expect(numberAt.safeParse({ page: 0, x: 100, y: 700 }).success).toBe(false);
    expect(numberAt.safeParse({ page: 1, x: Number.POSITIVE_INFINITY, y: 700 }).success).toBe(false);
    expect(dateAt.safeParse({ page: 1, x: 300, y: Number.NaN }).success).toBe(false);
    expect(dateAt.safeParse({ page: 1, x: 300, y: 700, blanks: { month: 40, year: null, yearPrinted: '20x6' } }).success).toBe(false);
    expect(numberAt.parse({ page: 1, x: 100, y: 700 })).toEqual({ page: 1, x: 100, y: 700, size: 13, blank: false });
    expect(dateAt.parse({ page: 2, x: 300, y: 700 })).toEqual({ page: 2, x: 300, y: 700, size: 13, blanks: null });
  });

  it('signing.issuePlaces answers null for a template never signed and refuses an empty name', async () => {
    const env = await openTestCore();
    try {
      expect(await env.core.dispatch('signing.issuePlaces', { template: '000.00.00.H41|quyet dinh|595x842|no-blanks' })).toEqual({ ok: true, value: null });
      expect(await env.core.dispatch('signing.issuePlaces', { template: '' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    } finally {
      env.dispose();
    }
  });
});
