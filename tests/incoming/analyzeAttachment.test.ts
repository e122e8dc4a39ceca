import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeAttachment } from '../../electron/core/incoming/analyzeAttachment';
import { readPdf } from '../../electron/core/pdf/pdfText';
import { searchTokens } from '../../shared/domain/fold';
import { msg } from '../../shared/messages';
import {
  BAD_FILE_PROBLEMS,
  cleanupFixtures,
  expectedProposal,
  HUGE_FILE_BYTES,
  makeBadFile,
  makeDocumentPdf,
  makeHostilePdf,
  makeOwnerPasswordPdf,
  type BadFileKind,
} from '../support/documentFixtures';

const run = promisify(execFile);

afterAll(cleanupFixtures);

const analyze = async (file: string) => analyzeAttachment(file, statSync(file).size);

describe('analyzeAttachment on good files', () => {
  it('proposes the fields, counts pages and returns the full text for the index', async () => {
    const file = await makeDocumentPdf('quyetDinh');
    const out = await analyze(file);
    expect(out.problem).toBeNull();
    expect(out.message).toBeNull();
    expect(out.pageCount).toBe(1);
    expect(out.proposal).toMatchObject({ codeNumber: '05', codeNotation: 'QĐ-UBND', typeName: 'Quyết định', issuedDate: '2026-01-05' });
    expect(out.text).toContain('Điều 3. Quyết định này có hiệu lực kể từ ngày ký.');
    expect(out.text.normalize('NFC')).toBe(out.text);
  });

  it('reads the same words as poppler’s pdftotext, page 2 included', async () => {
    const file = await makeDocumentPdf('baoCaoTwoPages');
    const out = await analyze(file);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const sorted = (s: string) => searchTokens(s).sort();
    expect(out.pageCount).toBe(2);
    expect(sorted(out.text)).toEqual(sorted(stdout));
    expect(out.proposal.signerName).toBe(expectedProposal('baoCaoTwoPages').signerName);
  });

  it('reads a PDF protected by an owner password only (empty user password)', async () => {
    const file = await makeOwnerPasswordPdf('giayMoi');
    const { stdout } = await run('qpdf', ['--show-encryption', file]);
    expect(stdout).toMatch(/R = 6/);
    const out = await analyze(file);
    expect(out.problem).toBeNull();
    expect(out.proposal).toMatchObject({ codeNumber: '27', codeNotation: 'GM-VTLT', typeName: 'Giấy mời' });
  });
});

describe('analyzeAttachment on bad files', () => {
  it.each(Object.keys(BAD_FILE_PROBLEMS) as BadFileKind[])('%s: reports the problem with its message, never throws', async (kind) => {
    const file = await makeBadFile(kind);
    const out = await analyze(file);
    const problem = BAD_FILE_PROBLEMS[kind];
    expect(out.problem).toBe(problem);
    expect(out.message).toBe(
      msg(`file.${problem}`, { size: (statSync(file).size / (1024 * 1024)).toFixed(0) }),
    );
    expect(out.text).toBe('');
    expect(out.proposal.codeNumber).toBeUndefined();
  });

  it('checks the bad files with tools we did not write', async () => {
    await expect(run('qpdf', ['--check', await makeBadFile('truncated')])).rejects.toThrow();
    await expect(run('qpdf', ['--requires-password', await makeBadFile('encrypted')])).resolves.toBeDefined();
    const scan = await makeBadFile('scan');
    expect((await run('pdftotext', [scan, '-'])).stdout.trim()).toBe('');
    expect((await run('pdffonts', [scan])).stdout.trim().split('\n')).toHaveLength(2);
    const huge = await makeBadFile('huge');
    expect(statSync(huge).size).toBeGreaterThan(HUGE_FILE_BYTES);
    expect((await run('qpdf', ['--show-npages', huge])).stdout.trim()).toBe('1');
  });

  it('counts the pages of a scan it cannot read', async () => {
    expect((await analyze(await makeBadFile('scan'))).pageCount).toBe(1);
  });

  it('gives up on a small file that would keep the reader busy, then reads the next one normally', async () => {
    const hostile = await makeHostilePdf();
    expect(statSync(hostile).size).toBeLessThan(200_000);
    await readPdf(await makeDocumentPdf('congVan')); // the thread is up: what follows times the file alone
    const started = Date.now();
    expect((await readPdf(hostile, { timeoutMs: 1500 })).problem).toBe('damaged');
    expect(Date.now() - started).toBeLessThan(10_000);
    const next = await readPdf(await makeDocumentPdf('congVan'));
    expect(next.problem).toBeNull();
    expect(next.firstPage.length).toBeGreaterThan(10);
  });

  it('does not parse a file above the size cap', async () => {
    const file = await makeDocumentPdf('congVan');
    const out = await readPdf(file, { maxBytes: 1000 });
    expect(out).toMatchObject({ problem: 'tooLargeToRead', pageCount: null, text: '' });
  });

  it('reports a missing file as damaged rather than throwing', async () => {
    expect((await readPdf('/nonexistent/vanthu/file.pdf')).problem).toBe('damaged');
  });
});

describe('readPdf limits', () => {
  it('keeps the full text to the page cap but still reads the last page for the signature', async () => {
    const file = await makeDocumentPdf('baoCaoTwoPages');
    const capped = await readPdf(file, { maxPages: 1 });
    const whole = await readPdf(file);
    expect(whole.text).toContain('nâng cao chất lượng phục vụ người nộp thuế');
    expect(capped.text).not.toContain('nâng cao chất lượng phục vụ người nộp thuế');
    expect(capped.text).toContain('Kết quả thu ngân sách nhà nước');
    expect(capped.lastPage.map((l) => l.text)).toContain('Lương Đình Khải');
    expect((await readPdf(file, { maxTextChars: 100 })).text).toHaveLength(100);
  });
});
