import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { describeCertificate } from '../../electron/core/signing/pki/certificates';
import { msg } from '../../shared/messages';
import { createTestPki, type TestPki } from '../support/testPki';
import { LAYOUT, makeChromiumPdf, sealPng, signaturePng } from './fixtures';
import { pdfsig } from './pdfTools';

let pki: TestPki;
let pdfs: { chromium: string };
let work: string;
const ENV = 'VANTHU_TEST_P12_PASSWORD';

beforeAll(async () => {
  pki = createTestPki();
  work = pki.dir;
  pdfs = { chromium: makeChromiumPdf(path.join(work, 'pdfs')) };
  writeFileSync(path.join(work, 'signature.png'), signaturePng());
  writeFileSync(path.join(work, 'seal.png'), sealPng());
});
afterAll(() => pki.cleanup());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // A data folder of the test's own: the trust store of the machine's default folder must not take part.
  const code = await runCli(['--data', path.join(work, 'data'), ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const p = (name: string) => path.join(work, name);
const rect = (r: { x: number; y: number; width: number; height: number }) => `${r.x},${r.y},${r.width},${r.height}`;
const at = (t: { page: number; x: number; y: number }) => `${t.page},${t.x},${t.y}`;

describe('vanthu sign / verify', () => {
  it('signs for approval then issue, and verify --json reports both signatures valid', async () => {
    const key = ['--p12', pki.leaf.p12Path!, '--password-env', ENV];
    const approval = await cli(['sign', pdfs.chromium, '-o', p('cli-1.pdf'), ...key, '--kind', 'approval', '--rect', rect(LAYOUT.signatureArea), '--image', p('signature.png')]);
    expect(approval).toMatchObject({ code: 0, err: '' });
    const issue = await cli([
      'sign', p('cli-1.pdf'), '-o', p('cli-2.pdf'), '--p12', pki.orgLeaf.p12Path!, '--password-env', ENV, '--kind', 'issue',
      '--rect', rect(LAYOUT.signatureArea), '--image', p('seal.png'), '--number', '125', '--notation', 'QĐ-UBND', '--date', '2026-11-15',
      '--number-at', at(LAYOUT.numberAt), '--date-at', at(LAYOUT.dateAt),
    ]);
    expect(issue).toMatchObject({ code: 0, err: '' });
    expect(pdfsig(p('cli-2.pdf')).map((s) => s.valid)).toEqual([true, true]);

    const verified = await cli(['verify', p('cli-2.pdf'), '--trust', pki.rootPemPath, '--json']);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.out) as { valid: boolean; signatures: { signer: string; intact: boolean; trusted: boolean; changesAfter: string }[] };
    expect(report.valid).toBe(true);
    expect(report.signatures.map(({ signer, intact, trusted, changesAfter }) => ({ signer, intact, trusted, changesAfter }))).toEqual([
      { signer: 'Nguyễn Văn An', intact: true, trusted: true, changesAfter: 'allowed' },
      { signer: 'Ủy ban nhân dân tỉnh Thử Nghiệm', intact: true, trusted: true, changesAfter: 'none' },
    ]);

    const untrusted = await cli(['verify', p('cli-2.pdf')]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.err).toMatch(/KHÔNG chuỗi tới gốc tin cậy/);
  });

  it('--ltv adds a DSS revision after the signature; the output appears only with both', async () => {
    const out = p('cli-ltv.pdf');
    const result = await cli(['sign', pdfs.chromium, '-o', out, '--p12', pki.leaf.p12Path!, '--password-env', ENV, '--kind', 'attachment', '--number', '5', '--notation', 'TB-UBND', '--ltv']);
    // The test PKI publishes no OCSP or CRL address: the chain is stored, and stderr says there is no revocation data.
    const noSource = [pki.leaf, pki.intermediate].map((c) => `"${describeCertificate(c.certDer).subjectCommonName}"`).join(', ');
    expect(result).toMatchObject({ code: 0, err: msg('signingPolish.ltvNoSource', { subjects: noSource }) });
    expect(result.out).toMatch(/Đã bổ sung dữ liệu kiểm tra dài hạn \(LTV\): 3 chứng thư số/);
    const { execFileSync } = await import('node:child_process');
    const trailer = execFileSync('qpdf', ['--show-object=trailer', out], { encoding: 'utf8' });
    const catalog = execFileSync('qpdf', [`--show-object=${/\/Root (\d+) 0 R/.exec(trailer)![1]}`, out], { encoding: 'utf8' });
    expect(catalog).toMatch(/\/DSS \d+ 0 R/);
    expect(pdfsig(out).map((s) => s.valid)).toEqual([true]);
    const verified = JSON.parse((await cli(['verify', out, '--trust', pki.rootPemPath, '--json'])).out) as { valid: boolean; signatures: { changesAfter: string }[] };
    expect(verified.valid).toBe(true);
    expect(verified.signatures[0]!.changesAfter).toBe('allowed');

    // An OCSP responder that cannot be reached: LTV fails, so no output file at all (not a signed file without DSS).
    const unreachable = pki.issue({
      name: 'ocsp-unreachable',
      subject: '/C=VN/O=UBND tỉnh Thử Nghiệm/CN=Đỗ Văn Trực Tuyến',
      issuer: pki.intermediate,
      extensions: ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,nonRepudiation', 'authorityInfoAccess = OCSP;URI:http://127.0.0.1:9/'],
      p12: true,
    });
    const failed = await cli(['sign', pdfs.chromium, '-o', p('cli-ltv-failed.pdf'), '--p12', unreachable.p12Path!, '--password-env', ENV, '--kind', 'attachment', '--number', '6', '--ltv']);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/127\.0\.0\.1/);
    expect(failed.err).toContain(msg('signingPolish.ltvNotWritten', { file: p('cli-ltv-failed.pdf') }));
    expect(failed.out).toBe('');
    expect(existsSync(p('cli-ltv-failed.pdf'))).toBe(false);
    expect(readdirSync(work).filter((f) => f.endsWith('.ltv') || f.endsWith('.part'))).toEqual([]);
  });

  it('never prints the password and refuses a wrong one with exit code 1 and no output file', async () => {
    process.env.VANTHU_WRONG = 'mật khẩu sai bí mật';
    const result = await cli(['sign', pdfs.chromium, '-o', p('wrong.pdf'), '--p12', pki.leaf.p12Path!, '--password-env', 'VANTHU_WRONG', '--kind', 'attachment', '--number', '3', '--notation', 'TB-UBND']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Mật khẩu .* không đúng/);
    expect(`${result.out}${result.err}`).not.toContain('mật khẩu sai bí mật');
    expect(result.err).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(p('wrong.pdf'))).toBe(false);
  });

  it('answers unreadable input and bad usage with exit code 2', async () => {
    writeFileSync(p('text.pdf'), 'không phải PDF');
    const before = createHash('sha256').update(readFileSync(p('text.pdf'))).digest('hex');
    const notPdf = await cli(['sign', p('text.pdf'), '-o', p('text-signed.pdf'), '--p12', pki.leaf.p12Path!, '--password-env', ENV, '--kind', 'attachment', '--number', '1']);
    expect(notPdf).toMatchObject({ code: 2 });
    expect(notPdf.err).toMatch(/không phải PDF.*Không có gì được ký/);
    expect(createHash('sha256').update(readFileSync(p('text.pdf'))).digest('hex')).toBe(before);
    expect(existsSync(p('text-signed.pdf'))).toBe(false);

    expect((await cli(['verify', p('text.pdf')])).code).toBe(2);
    expect((await cli(['sign', pdfs.chromium, '--kind', 'approval'])).code).toBe(2);
    expect((await cli(['sign', pdfs.chromium, '-o', p('x.pdf'), '--kind', 'stamp', '--p12', pki.leaf.p12Path!, '--password-env', ENV])).code).toBe(2);
    const unsigned = await cli(['verify', pdfs.chromium]);
    expect(unsigned).toMatchObject({ code: 1, err: 'Tệp PDF không có chữ ký số nào.' });
  });

  it('refuses unusable appearance options with exit code 2 before the key is opened', async () => {
    // The password is wrong: a check made after opening the key would answer exit 1 with the password's message.
    process.env.VANTHU_WRONG = 'mật khẩu sai';
    const key = ['--p12', pki.leaf.p12Path!, '--password-env', 'VANTHU_WRONG'];
    writeFileSync(p('not-png.png'), 'không phải ảnh');
    const area = rect(LAYOUT.signatureArea);
    const cases: [string[], string][] = [
      [['--kind', 'issue', '--rect', area, '--number', '1'], msg('signing.sealRequired')],
      [['--kind', 'issue', '--number', '1'], msg('signing.sealRequired')],
      [['--kind', 'attachment'], msg('signing.numberRequired')],
      [['--kind', 'approval', '--rect', area, '--page', '3', '--image', p('signature.png')], msg('signing.pageOutOfRange', { page: 3, count: 2 })],
      [['--kind', 'issue', '--rect', area, '--image', p('seal.png'), '--number', '1', '--number-at', '9,10,10'], msg('signing.pageOutOfRange', { page: 9, count: 2 })],
      [['--kind', 'approval', '--rect', area, '--image', p('missing.png')], msg('fileSig.fileUnreadable', { file: p('missing.png') })],
      [['--kind', 'approval', '--rect', area, '--image', p('not-png.png')], msg('signing.imageUnreadable')],
      [['--kind', 'attachment', '--number', '1', '--page', '2'], msg('cli.usageError', { detail: msg('signingCli.pageNeedsRect') })],
    ];
    for (const [options, message] of cases) {
      const result = await cli(['sign', pdfs.chromium, '-o', p('refused.pdf'), ...key, ...options]);
      expect({ options, code: result.code, first: result.err.split('\n')[0] }).toEqual({ options, code: 2, first: message });
      expect(existsSync(p('refused.pdf'))).toBe(false);
    }
  });

  it('sign-file into a folder that does not exist says the output cannot be written (exit 2) and leaves no temporary file', async () => {
    writeFileSync(p('to-sign.txt'), 'báo cáo');
    const output = p(path.join('no-such-folder', 'to-sign.p7s'));
    const result = await cli(['sign-file', p('to-sign.txt'), '-o', output, '--p12', pki.leaf.p12Path!, '--password-env', ENV]);
    expect(result).toMatchObject({ code: 2, err: `${msg('signing.outputUnwritable', { file: output, code: 'ENOENT' })} ${msg('signing.nothingSigned')}` });
    expect(readdirSync(work).filter((f) => f.endsWith('.part') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a PDF whose cross-references point nowhere and whose objects are garbled (exit 2), untouched, before the key is used', async () => {
    const bytes = readFileSync(pdfs.chromium).toString('latin1');
    // startxref past the end, and no "N G obj" left for a reader that rebuilds the table by scanning.
    const broken = bytes.replace(/startxref\s+\d+/, 'startxref\n99999999').replace(/(\d+) (\d+) obj/g, '$1 $2 jbo');
    writeFileSync(p('broken-xref.pdf'), broken, 'latin1');
    const { spawnSync } = await import('node:child_process');
    expect(spawnSync('qpdf', ['--check', p('broken-xref.pdf')]).status).toBe(2);
    process.env.VANTHU_WRONG = 'mật khẩu sai';
    const result = await cli(['sign', p('broken-xref.pdf'), '-o', p('broken-signed.pdf'), '--p12', pki.leaf.p12Path!, '--password-env', 'VANTHU_WRONG', '--kind', 'attachment', '--number', '2']);
    expect(result).toMatchObject({ code: 2, err: `${msg('signing.brokenXref')} ${msg('signing.nothingSigned')}` });
    expect(readFileSync(p('broken-xref.pdf')).toString('latin1')).toBe(broken);
    expect(existsSync(p('broken-signed.pdf'))).toBe(false);
    expect(readdirSync(work).filter((f) => f.endsWith('.part') || f.endsWith('.ltv'))).toEqual([]);
  });
});
