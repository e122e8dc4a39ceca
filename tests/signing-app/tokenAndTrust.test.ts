/**
 * Signing a registered document with a key on a real PKCS#11 token (SoftHSM2) through the contract, and the command
 * line's way to manage the trusted certificates the app verifies against.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { createCore } from '../../electron/core/app';
import { createSoftToken, SOFTHSM_MODULE } from '../signing-token/softToken';
import { call, fields, openTestCore } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki, type TestPki } from '../support/testPki';
import { pdfsig } from '../signing/pdfTools';

const PIN = '135790';
let pki: TestPki;
let work: string;
let pdf: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vanthu-signing-app-'));
  pki = createTestPki();
  const token = createSoftToken(work, 'Token Van thu', PIN, [{ label: 'Chu ky Van thu', id: '11', type: 'rsa:2048', commonName: 'Lê Thị Token' }], {
    certPath: pki.intermediate.certPath,
    keyPath: pki.intermediate.keyPath,
    chainOnToken: [pki.intermediate.certPath],
  });
  // SoftHSM reads its configuration when the library is first initialised in this process.
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  pdf = await makeDocumentPdf('giayMoi');
}, 60_000);

afterAll(() => {
  pki?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
  cleanupFixtures();
});

describe('signing with a PKCS#11 token', () => {
  it('lists only certificates with a key, signs with the PIN as a new version, and refuses a wrong PIN without echoing it', async () => {
    const env = await openTestCore();
    try {
      const { core } = env;
      await call(core, 'signing.saveSettings', { pkcs11Module: SOFTHSM_MODULE });
      const root = await core.stage(readFileSync(pki.root.certPath), 'root.pem');
      await call(core, 'signing.trustAdd', { hash: root.hash });
      const ref = await core.stage(readFileSync(pdf), 'giay-moi.pdf');
      const registered = await call(core, 'incoming.register', { fields: fields({ arrivalDate: '2026-11-20' }), attachments: [{ hash: ref.hash, name: ref.name }] });
      if (registered.kind !== 'registered') throw new Error('not registered');

      const certificates = await call(core, 'signing.certificates', { kind: 'pkcs11' });
      // The CA certificate stored on the token has no key: it is not offered.
      expect(certificates).toHaveLength(1);
      expect(certificates[0]).toMatchObject({
        subjectCommonName: 'Lê Thị Token',
        refusal: null,
        label: 'Token Van thu · Chu ky Van thu',
        source: { kind: 'pkcs11', token: 'Token Van thu', keyLabel: 'Chu ky Van thu' },
      });

      const wrongPin = '000111';
      const refused = await core.dispatch('signing.sign', {
        documentId: registered.document.id, hash: ref.hash, source: certificates[0]!.source, secret: wrongPin, kind: 'receipt', jobId: randomUUID(),
      });
      expect(refused.ok).toBe(false);
      const message = refused.ok ? '' : refused.error.message;
      expect(message).toMatch(/PIN/);
      expect(message).not.toContain(wrongPin);
      expect(await call(core, 'signing.versions', { documentId: registered.document.id })).toEqual([]);

      const out = await call(core, 'signing.sign', {
        documentId: registered.document.id,
        hash: ref.hash,
        source: certificates[0]!.source,
        secret: PIN,
        kind: 'attachment',
        numberNotation: '45/GM-UBND',
        jobId: randomUUID(),
      });
      expect(out.version.version).toBe(2);
      expect(out.verification).toMatchObject({ verdict: 'valid', signatures: [{ signer: 'Lê Thị Token', trusted: true }] });
      expect(pdfsig(core.content.pathOf(out.version.hash))).toMatchObject([{ valid: true, totalDocumentSigned: true, commonName: 'Lê Thị Token' }]);
    } finally {
      env.dispose();
    }
  }, 30_000);
});

describe('vanthu trust', () => {
  async function vanthu(dataDir: string, ...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data', dataDir, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  it('adds a root, lists it, refuses a signer certificate, removes the root; the app verifies against the same list', async () => {
    const dataDir = join(work, 'cli-data');
    const added = await vanthu(dataDir, 'trust', 'add', pki.root.certPath);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Đã thêm chứng thư tin cậy.') });
    expect(added.stdout).toMatch(/^[0-9A-F]{64}\tChứng thư gốc\t.*Root/m);
    const fingerprint = /^([0-9A-F]{64})\t/m.exec(added.stdout)![1]!;

    const leaf = await vanthu(dataDir, 'trust', 'add', pki.leaf.certPath);
    expect(leaf.code).toBe(2);
    expect(leaf.stderr).toContain('không phải chứng thư của tổ chức cung cấp dịch vụ chứng thực');

    const listed = await vanthu(dataDir, 'trust', 'list');
    expect(listed.stdout.split('\n').filter((l) => l.startsWith(fingerprint))).toHaveLength(1);
    const core = await createCore({ dataDir });
    try {
      expect((await call(core, 'signing.trustList', {})).map((c) => c.fingerprint)).toEqual([fingerprint]);
    } finally {
      core.close();
    }

    const usage = await vanthu(dataDir, 'trust', 'forget');
    expect(usage.code).toBe(2);

    const removed = await vanthu(dataDir, 'trust', 'remove', fingerprint);
    expect(removed).toMatchObject({ code: 0, stdout: expect.stringContaining('Chưa có chứng thư tin cậy nào') });
  });
});
