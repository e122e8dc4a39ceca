import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { signFileDetached, verifyFileSignature } from '../../electron/core/signing/cms/cades';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { msg } from '../../shared/messages';
import { pdfsig } from '../signing/pdfTools';
import { createTestPki, type TestPki } from '../support/testPki';
import { createSoftToken, SOFTHSM_MODULE } from './softToken';
import { issueTsaCertificate, startTestTsa, type TestTsa } from './testTsa';

const PIN = '135790';
let pki: TestPki;
let tsa: TestTsa;
let work: string;
let workFile: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vanthu-cades-'));
  pki = createTestPki();
  tsa = await startTestTsa(pki, issueTsaCertificate(pki));
  const token = createSoftToken(join(work, 'hsm'), 'Token Van thu', PIN, [{ label: 'Ky so', id: '0a', type: 'rsa:2048', commonName: 'Lê Thị Văn Thư' }], {
    certPath: pki.intermediate.certPath,
    keyPath: pki.intermediate.keyPath,
    chainOnToken: [pki.intermediate.certPath],
  });
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  process.env.VANTHU_TEST_PIN = PIN;
  process.env.VANTHU_TEST_WRONG_PIN = '000111';
  // A work file larger than any read buffer, so hashing really streams; the zip header makes it look like a .docx.
  workFile = join(work, 'Báo cáo tổng kết.docx');
  writeFileSync(workFile, Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(3 * 1024 * 1024)]));
});

afterAll(async () => {
  await tsa?.close();
  pki?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

function opensslAccepts(file: string, p7s: string): { ok: boolean; stderr: string } {
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-content', file, '-in', p7s, '-CAfile', pki.rootPemPath, '-purpose', 'any', '-out', '/dev/null']);
  return { ok: r.status === 0, stderr: r.stderr.toString() };
}

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('detached CAdES signatures of work files', () => {
  it('signs with a .p12 key; openssl cms -verify and our verifier accept it; a changed byte is caught', async () => {
    const signer = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
    const p7s = await signFileDetached({ file: workFile, signer });
    const p7sPath = join(work, 'p12.p7s');
    writeFileSync(p7sPath, p7s);
    expect(opensslAccepts(workFile, p7sPath)).toMatchObject({ ok: true });

    const report = await verifyFileSignature({ file: workFile, p7s, trustedRoots: [pki.root.certDer] });
    expect(report).toMatchObject({ intact: true, signatureValid: true, trusted: true, valid: true, timestamp: null });
    expect(report.signer?.subjectCommonName).toBe('Nguyễn Văn An');
    expect(Math.abs(report.signingTime!.getTime() - Date.now())).toBeLessThan(60_000);

    const untrusted = await verifyFileSignature({ file: workFile, p7s, trustedRoots: [pki.untrustedRoot.certDer] });
    expect(untrusted).toMatchObject({ intact: true, trusted: false, valid: false });

    const changed = join(work, 'changed.docx');
    writeFileSync(changed, readFileSync(workFile));
    appendFileSync(changed, ' ');
    expect(opensslAccepts(changed, p7sPath).ok).toBe(false);
    expect(await verifyFileSignature({ file: changed, p7s, trustedRoots: [pki.root.certDer] })).toMatchObject({ intact: false, valid: false });
  });

  it('vanthu sign-file with the SoftHSM2 token and a timestamp; openssl and vanthu verify-file accept it', async () => {
    const p7sPath = join(work, 'token.p7s');
    const signed = await cli(['sign-file', workFile, '-o', p7sPath, '--pkcs11', SOFTHSM_MODULE, '--token', 'Token Van thu', '--key-label', 'Ky so', '--pin-env', 'VANTHU_TEST_PIN', '--tsa', tsa.url]);
    expect(signed.err).toEqual([]);
    expect(signed.code).toBe(0);
    expect(signed.out[0]).toBe(msg('fileSig.signed', { file: workFile, p7s: p7sPath }));
    expect(opensslAccepts(workFile, p7sPath)).toMatchObject({ ok: true });

    const verified = await cli(['verify-file', workFile, p7sPath, '--trust', pki.rootPemPath]);
    expect(verified.code).toBe(0);
    expect(verified.out[0]).toBe(msg('fileSig.valid'));
    expect(verified.out).toContain(msg('fileSig.trusted', { chain: 'Lê Thị Văn Thư → CA phục vụ thử nghiệm G2 → Vanthu Test Root CA G2' }));
    expect(verified.out.join('\n')).toContain('Máy chủ cấp dấu thời gian thử nghiệm');

    const json = await cli(['verify-file', workFile, p7sPath, '--trust', pki.rootPemPath, '--json']);
    const report = JSON.parse(json.out.join('\n'));
    expect(report).toMatchObject({ valid: true, intact: true, trusted: true, timestamp: { valid: true } });

    const changed = join(work, 'changed-token.docx');
    writeFileSync(changed, Buffer.concat([readFileSync(workFile), Buffer.from('x')]));
    const refused = await cli(['verify-file', changed, p7sPath, '--trust', pki.rootPemPath]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(msg('fileSig.modified'));

    const noTrust = await cli(['verify-file', workFile, p7sPath]);
    expect(noTrust.code).toBe(1);
    expect(noTrust.err).toContain(msg('fileSig.noTrust'));
  });

  it('refuses a wrong PIN with exit 1, and bad usage or unreadable input with exit 2, writing nothing', async () => {
    const out = join(work, 'never.p7s');
    const base = ['sign-file', workFile, '-o', out, '--pkcs11', SOFTHSM_MODULE, '--key-label', 'Ky so'];
    const wrong = await cli([...base, '--pin-env', 'VANTHU_TEST_WRONG_PIN']);
    expect(wrong).toMatchObject({ code: 1, err: [msg('token.pinIncorrect')] });
    expect(wrong.err.join('')).not.toContain('000111');

    expect(await cli([...base, '--pin-env', 'VANTHU_KHONG_CO'])).toMatchObject({ code: 2, err: [msg('signerOptions.envMissing', { name: 'VANTHU_KHONG_CO' })] });
    expect((await cli(base)).code).toBe(2);
    expect((await cli(['sign-file', workFile, '-o', out, '--p12', pki.leaf.p12Path!, '--password-env', 'VANTHU_TEST_PIN', '--pkcs11', SOFTHSM_MODULE])).code).toBe(2);
    const missing = join(work, 'khong-co.docx');
    expect(await cli(['sign-file', missing, '-o', out, '--p12', pki.leaf.p12Path!, '--password-env', 'VANTHU_TEST_P12_PASSWORD'])).toMatchObject({
      code: 2,
      err: [msg('fileSig.fileUnreadable', { file: missing })],
    });
    expect((await cli(['verify-file', workFile, join(work, 'khong-co.p7s')])).code).toBe(2);
    expect((await cli(['verify-file', workFile, workFile, '--trust', pki.rootPemPath])).code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuses to sign with an expired certificate (exit 1) and accepts a .p12 with its password from the environment', async () => {
    const out = join(work, 'expired.p7s');
    const expired = await cli(['sign-file', workFile, '-o', out, '--p12', pki.expiredLeaf.p12Path!, '--password-env', 'VANTHU_TEST_P12_PASSWORD']);
    expect(expired.code).toBe(1);
    expect(expired.err[0]).toMatch(/hết hạn/);
    expect(existsSync(out)).toBe(false);
    const ok = await cli(['sign-file', workFile, '-o', join(work, 'p12-cli.p7s'), '--p12', pki.leaf.p12Path!, '--password-env', 'VANTHU_TEST_P12_PASSWORD']);
    expect(ok.code).toBe(0);
    expect(opensslAccepts(workFile, join(work, 'p12-cli.p7s')).ok).toBe(true);
  });
});

describe('vanthu sign with the token and a timestamp authority', () => {
  it('signs a PDF with --pkcs11 and --tsa; pdfsig accepts it and vanthu verify sees a valid timestamp', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.TimesRoman);
    doc.addPage([595.28, 841.89]).drawText('Cong van so 05/UBND-VP', { x: 72, y: 760, size: 16, font });
    const input = join(work, 'cong-van.pdf');
    const output = join(work, 'cong-van-da-ky.pdf');
    writeFileSync(input, await doc.save());
    const signed = await cli([
      'sign', input, '-o', output, '--kind', 'attachment', '--number', '05', '--notation', 'UBND-VP',
      '--pkcs11', SOFTHSM_MODULE, '--token', 'Token Van thu', '--key-label', 'Ky so', '--pin-env', 'VANTHU_TEST_PIN', '--tsa', tsa.url,
    ]);
    expect(signed.err).toEqual([]);
    expect(signed.code).toBe(0);
    expect(pdfsig(output)).toEqual([expect.objectContaining({ valid: true, totalDocumentSigned: true, commonName: 'Lê Thị Văn Thư' })]);
    const verified = await cli(['verify', output, '--trust', pki.rootPemPath, '--json']);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.out.join('\n')) as { signatures: { signingTimeSource: string; timestamp: { valid: boolean; tsa: string } }[] };
    expect(report.signatures[0]).toMatchObject({ signingTimeSource: 'timestamp', timestamp: { valid: true, tsa: 'Máy chủ cấp dấu thời gian thử nghiệm' } });

    const wrongPin = await cli(['sign', input, '-o', join(work, 'never.pdf'), '--kind', 'attachment', '--number', '06', '--pkcs11', SOFTHSM_MODULE, '--key-label', 'Ky so', '--pin-env', 'VANTHU_TEST_WRONG_PIN']);
    expect(wrongPin).toMatchObject({ code: 1, err: [msg('token.pinIncorrect')] });
    expect(existsSync(join(work, 'never.pdf'))).toBe(false);
  });
});
