/**
 * Scanned paper: the generated Decree 30 documents rendered to 200 dpi greyscale, turned slightly and sprinkled with
 * noise (tests/support/scanFixtures), wrapped in PDFs without a text layer, then read by Debian's Tesseract with the
 * Vietnamese model. Prints the share of fields proposed right; the floor asserted is what was measured, less a margin
 * for Tesseract versions. Also: a scan's words are found by the register's search, a picture file is read too, and a
 * time limit, a cancel or a missing Tesseract leave a Vietnamese message and a document the clerk registers by hand.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import type { Proposal } from '../../shared/contract/types';
import { msg } from '../../shared/messages';
import type { Core } from '../../electron/core/app';
import { analyzeAttachment } from '../../electron/core/incoming/analyzeAttachment';
import type { AnalyzeFile } from '../../electron/core/incoming/incomingService';
import { tesseractConfig } from '../../electron/core/ocr/tesseract';
import { readPdf } from '../../electron/core/pdf/pdfText';
import { call, FIXED_NOW, fields, openTestCore, tempDir } from '../support/coreFixture';
import { cleanupFixtures, documentSpec, expectedProposal, makeDocumentPdf, makeDocumentPdfs, type DocumentKind, type DocumentSpec } from '../support/documentFixtures';
import { LAYOUT_DOCUMENTS } from '../support/layoutDocuments';
import { makeScanPdf, makeScanPng } from '../support/scanFixtures';

/** The fields a clerk checks first on the register line: number and notation, date, issuing body, type, subject. */
const KEY_FIELDS = ['codeNumber', 'codeNotation', 'issuedDate', 'organName', 'typeName', 'subject'] as const;
type Field = keyof Required<Proposal>;

const DOCUMENTS: [string, DocumentKind, Partial<DocumentSpec>][] = [...LAYOUT_DOCUMENTS, ['báo cáo over two pages', 'baoCaoTwoPages', {}]];

const run = promisify(execFile);
const work = tempDir('vanthu-ocr-');
const ocrWork = join(work.dir, 'ocr-work');
const ocr = { tesseract: tesseractConfig(), workDir: ocrWork };
const analyze = (file: string, more: Partial<typeof ocr> & { timeoutMs?: number } = {}) =>
  analyzeAttachment(file, statSync(file).size, { ocr: { ...ocr, ...more } });

interface Case {
  name: string;
  scan: string;
  expected: Required<Proposal>;
}
const cases: Case[] = [];
const proposals = new Map<string, Proposal & { problem: string | null }>();
/** The same documents laid on the scanner sideways (90°) or upside down (180°), one way each, alternately. */
const turnedCases: Case[] = [];
const turnedProposals = new Map<string, Proposal & { problem: string | null }>();

beforeAll(async () => {
  const pdfs = await makeDocumentPdfs(DOCUMENTS.map(([, kind, overrides]) => ({ producer: 'chromium' as const, spec: documentSpec(kind, overrides) })));
  for (const [i, [name, kind, overrides]] of DOCUMENTS.entries()) {
    const scan = join(work.dir, `scan-${i}.pdf`);
    // Paper fed askew either way, each page with its own noise.
    await makeScanPdf(pdfs[i] as string, scan, { seed: i + 1, skewDegrees: i % 2 ? -0.6 : 0.6 });
    cases.push({ name, scan, expected: expectedProposal(kind, overrides) });
    const turned = join(work.dir, `turned-${i}.pdf`);
    await makeScanPdf(pdfs[i] as string, turned, { seed: i + 101, skewDegrees: i % 2 ? 0.6 : -0.6, turned: i % 2 ? 180 : 90 });
    turnedCases.push({ name: `${name} turned ${i % 2 ? 180 : 90}°`, scan: turned, expected: expectedProposal(kind, overrides) });
  }
  for (const c of cases) {
    const out = await analyze(c.scan);
    proposals.set(c.name, { ...out.proposal, problem: out.problem });
  }
  for (const c of turnedCases) {
    const out = await analyze(c.scan);
    turnedProposals.set(c.name, { ...out.proposal, problem: out.problem });
  }
}, 600_000);
afterAll(() => {
  cleanupFixtures();
  work.remove();
});

const squash = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);
const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

describe('fields proposed from scans', () => {
  it('reads every scan with no problem and leaves no picture behind', () => {
    for (const c of cases) expect(proposals.get(c.name)?.problem, c.name).toBeNull();
    expect(readdirSync(ocrWork)).toEqual([]);
  });

  it('proposes most fields right over the set', () => {
    const share = accuracy('scans (200 dpi, ±0.6°, noise)', cases, proposals);
    // Measured on Debian 12's Tesseract 5.3 with tesseract-ocr-vie: see the README for the figures.
    expect(share(KEY_FIELDS)).toBeGreaterThanOrEqual(0.85);
    expect(share(ALL_FIELDS)).toBeGreaterThanOrEqual(0.85);
  });

  it('reads pages laid sideways or upside down once turned upright', () => {
    for (const c of turnedCases) expect(turnedProposals.get(c.name)?.problem, c.name).toBeNull();
    const share = accuracy('scans turned 90° or 180°', turnedCases, turnedProposals);
    // Measured as the upright set, less the same margin: see the README.
    expect(share(KEY_FIELDS)).toBeGreaterThanOrEqual(0.8);
    for (const turn of ['90', '180']) {
      const some = turnedCases.filter((c) => c.name.endsWith(`${turn}°`));
      expect(some.filter((c) => squash(turnedProposals.get(c.name)?.codeNumber) === squash(c.expected.codeNumber)).length, turn).toBeGreaterThan(some.length / 2);
    }
  });
});

const ALL_FIELDS = Object.keys(expectedProposal('congVan')) as Field[];

/** Prints the share of fields right over `set` and returns it for a list of fields. */
function accuracy(what: string, set: Case[], read: Map<string, Proposal>): (fs: readonly Field[]) => number {
  const right = new Map<Field, number>(ALL_FIELDS.map((f) => [f, 0]));
  for (const c of set) {
    const proposal: Proposal = read.get(c.name) ?? {};
    for (const f of ALL_FIELDS) if (squash(proposal[f]) === squash(c.expected[f])) right.set(f, (right.get(f) ?? 0) + 1);
  }
  const share = (fs: readonly Field[]) => fs.reduce((n, f) => n + (right.get(f) ?? 0), 0) / (fs.length * set.length);
  console.log(
    `OCR over ${set.length} ${what}: key fields ${pct(share(KEY_FIELDS))}, all fields ${pct(share(ALL_FIELDS))}; ` +
      ALL_FIELDS.map((f) => `${f} ${pct((right.get(f) ?? 0) / set.length)}`).join(', '),
  );
  return share;
}

describe('a scan in the register', () => {
  let core: Core;
  let dispose: () => void;
  const analyzeFile: AnalyzeFile = (file, size, job) => analyzeAttachment(file, size, { ocr: { ...ocr, ...job } });
  beforeAll(async () => {
    ({ core, dispose } = await openTestCore({ now: FIXED_NOW }));
  });
  afterAll(() => dispose());

  it('is found by a word of its body the clerk never typed', async () => {
    const scan = join(work.dir, 'search.pdf');
    await makeScanPdf(await makeDocumentPdf('congVan'), scan, { seed: 42 });
    const ref = await core.stage(await readFile(scan), 'scan.pdf');
    const progress: { done: number; total: number }[] = [];
    const jobId = randomUUID();
    const off = core.events.subscribe((event, payload) => {
      const p = payload as EventPayload<'incoming.analyzeProgress'>;
      if (event === 'incoming.analyzeProgress' && p.jobId === jobId) progress.push({ done: p.done, total: p.total });
    });
    const analysis = await call(core, 'incoming.analyze', { hash: ref.hash, name: ref.name, jobId });
    off();
    expect(analysis).toMatchObject({ scanned: true, problem: null, pageCount: 1 });
    expect(progress).toEqual([{ done: 0, total: 1 }, { done: 1, total: 1 }]);
    // The body says "nếu có vướng mắc, đề nghị liên hệ …": words in no field of the register.
    const before = await call(core, 'incoming.list', { filter: { query: 'vuong mac' } });
    await call(core, 'incoming.register', { fields: fields({ codeNumber: '1482', subject: 'Báo cáo số liệu' }), attachments: [{ hash: ref.hash, name: ref.name }] });
    const after = await call(core, 'incoming.list', { filter: { query: 'vuong mac' } });
    expect(after.total).toBe(before.total + 1);
    expect(after.rows.map((r) => r.codeNumber)).toContain('1482');
  });

  it('stops at the time limit with a Vietnamese message, and the clerk registers it by hand', async () => {
    const scan = join(work.dir, 'slow.pdf');
    await makeScanPdf(await makeDocumentPdf('quyetDinh'), scan, { seed: 5 });
    const out = await analyze(scan, { timeoutMs: 1 });
    expect(out).toMatchObject({ problem: 'ocrTimedOut', scanned: true, proposal: {} });
    expect(out.message).toBe(msg('file.ocrTimedOut', { seconds: 1 }));
    const { core: slow, dispose: close } = await openTestCore({ now: FIXED_NOW, analyzeFile: (f, s, job) => analyzeAttachment(f, s, { ocr: { ...ocr, timeoutMs: 1, ...job } }) });
    try {
      const ref = await slow.stage(await readFile(scan), 'qd.pdf');
      expect((await call(slow, 'incoming.analyze', { hash: ref.hash, name: ref.name })).problem).toBe('ocrTimedOut');
      const saved = await call(slow, 'incoming.register', { fields: fields({ codeNumber: '05', codeNotation: 'QĐ-UBND' }), attachments: [{ hash: ref.hash, name: ref.name }] });
      expect(saved.kind).toBe('registered');
    } finally {
      close();
    }
  });

  it('stops when the clerk cancels, and says so', async () => {
    const { core: own, dispose: close } = await openTestCore({ now: FIXED_NOW, analyzeFile });
    try {
      const scan = join(work.dir, 'cancel.pdf');
      await makeScanPdf(await makeDocumentPdf('baoCaoTwoPages'), scan, { seed: 8 });
      const ref = await own.stage(await readFile(scan), 'bc.pdf');
      const jobId = randomUUID();
      // Cancelled once the first page is being recognised.
      const off = own.events.subscribe((event, payload) => {
        const p = payload as EventPayload<'incoming.analyzeProgress'>;
        if (event === 'incoming.analyzeProgress' && p.jobId === jobId && p.done === 0) void call(own, 'incoming.cancelAnalysis', { jobId });
      });
      const out = await call(own, 'incoming.analyze', { hash: ref.hash, name: ref.name, jobId });
      off();
      expect(out).toMatchObject({ problem: 'ocrCancelled', message: msg('file.ocrCancelled'), scanned: true });
      expect(await call(own, 'incoming.cancelAnalysis', { jobId })).toBe(false);
    } finally {
      close();
    }
  });
});

describe('pages drawn as outlines', () => {
  it('renders a page whose text is curves (no text layer, no picture) and reads it like a scan', async () => {
    const outlines = join(work.dir, 'outlines.pdf');
    // Ghostscript turning every glyph into a filled path, as some printers' "print as image/curves" settings do.
    await run('gs', ['-q', '-sDEVICE=pdfwrite', '-dNoOutputFonts', '-o', outlines, await makeDocumentPdf('quyetDinh')]);
    expect(await readPdf(outlines)).toMatchObject({ pageCount: 1, problem: 'noText' });
    const out = await analyze(outlines);
    const expected = expectedProposal('quyetDinh');
    expect(out).toMatchObject({ scanned: true, problem: null, pageCount: 1 });
    expect(out.proposal).toMatchObject({ codeNumber: expected.codeNumber, issuedDate: expected.issuedDate, typeName: expected.typeName });
    expect(squash(out.proposal.subject)).toBe(squash(expected.subject));
    expect(readdirSync(ocrWork)).toEqual([]);
  });

  it('says a blank page (no picture, no shape) has nothing to read', async () => {
    const blank = join(work.dir, 'blank.pdf');
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    await writeFile(blank, await doc.save());
    expect(await analyze(blank)).toMatchObject({ scanned: true, problem: 'noText', message: msg('file.ocrNoText') });
  });
});

describe('scans in pictures and PCs without OCR', () => {
  it('reads a PNG picture of a scan', async () => {
    const png = join(work.dir, 'scan.png');
    await makeScanPng(await makeDocumentPdf('giayMoi'), png, { seed: 11 });
    const out = await analyze(png);
    const expected = expectedProposal('giayMoi');
    expect(out).toMatchObject({ scanned: true, problem: null, pageCount: 1 });
    expect(out.proposal).toMatchObject({ codeNumber: expected.codeNumber, codeNotation: expected.codeNotation, typeName: expected.typeName });
    expect(out.text).toContain('Hội nghị');
  });

  it('says in Vietnamese when Tesseract or its Vietnamese model is missing', async () => {
    const scan = join(work.dir, 'scan-0.pdf');
    const missing = await analyzeAttachment(scan, 1, { ocr: { ...ocr, tesseract: tesseractConfig({ VANTHU_TESSERACT: join(work.dir, 'no-tesseract') }) } });
    expect(missing).toMatchObject({ problem: 'ocrUnavailable', message: msg('file.ocrUnavailable'), scanned: true, proposal: {} });
    const noModels = join(work.dir, 'tessdata-empty');
    mkdirSync(noModels);
    const noVie = await analyzeAttachment(scan, 1, { ocr: { ...ocr, tesseract: tesseractConfig({ VANTHU_TESSDATA: noModels }) } });
    expect(noVie).toMatchObject({ problem: 'ocrUnavailable', message: msg('file.ocrNoVietnamese') });
  });
});
