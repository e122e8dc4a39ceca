/**
 * `vanthu outgoing` as a script drives it, in real processes: a draft created and sent to its signer, approved by the
 * signer's .p12 without any layout, issued by the clerk with the seal, dispatched, listed, exported, and the exported
 * file checked with pdfsig and pdftotext; refusals keep their exit codes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { todayInVietnam } from '../../shared/domain/dates';
import { tempDir } from '../support/coreFixture';
import { vanthuIn } from '../support/vanthuProcess';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki, type TestPki } from '../support/testPki';
import { sealPng } from '../signing/fixtures';
import { pdfsig } from '../signing/pdfTools';

const data = tempDir('vanthu-outgoing-cli-');
let pki: TestPki;
let draft: string;
let seal: string;
let issuedId: string;

function vanthu(...args: string[]) {
  return vanthuIn(data.dir, args, { KEY_PASSWORD: pki.password });
}

vi.setConfig({ testTimeout: 180_000 });

beforeAll(async () => {
  pki = createTestPki();
  draft = await makeDocumentPdf('congVan', {
    codeNumber: '\u00a0'.repeat(10),
    codeNotation: 'UBND-VP',
    dateText: `ngày${'\u00a0'.repeat(6)}tháng${'\u00a0'.repeat(6)}năm 2026`,
    signerPosition: 'CHỦ TỊCH',
    signerName: 'Trần Văn Hùng',
  });
  seal = path.join(data.dir, '..', `seal-${path.basename(data.dir)}.png`);
  writeFileSync(seal, sealPng());
  const init = await vanthu(
    'init', '--org-name', 'Ủy ban nhân dân xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UBND',
    '--unit', 'Văn phòng:VP',
    '--staff', 'Nguyễn Thị Lan:Văn thư:VP:van_thu',
    '--staff', 'Trần Văn Hùng:Chủ tịch::lanh_dao',
    '--staff', 'Lê Minh Đức:Công chức văn phòng:VP:chuyen_vien',
  );
  expect(init.code, init.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  data.remove();
  pki?.cleanup();
  cleanupFixtures();
});

describe('vanthu outgoing', () => {
  it('creates, approves, issues, dispatches, lists and exports a công văn', async () => {
    const created = await vanthu(
      '--as', 'Lê Minh Đức', 'outgoing', 'create', draft,
      '--set', 'TypeName=Công văn', '--set', 'Subject=V/v báo cáo kết quả rà soát đất công ích năm 2026',
      '--set', 'SignerInfo.FullName=Trần Văn Hùng', '--set', 'To=000.00.00.H41:Ủy ban nhân dân tỉnh Hà Tĩnh', '--set', 'To=VP', '--json',
    );
    expect(created.code, created.stderr).toBe(0);
    const doc = JSON.parse(created.stdout);
    expect(doc).toMatchObject({ status: 'reviewing', TypeName: 'Công văn', SignerInfo: { FullName: 'Trần Văn Hùng' }, CodeNumber: '' });
    expect(doc.To).toEqual([{ OrganId: '000.00.00.H41', OrganName: 'Ủy ban nhân dân tỉnh Hà Tĩnh' }, { OrganId: null, OrganName: 'Văn phòng' }]);

    // The clerk may not approve for the chairman: refused, exit 1, nothing signed.
    const refused = await vanthu('--as', 'Nguyễn Thị Lan', 'outgoing', 'approve', doc.id, '--p12', pki.leaf.p12Path!, '--password-env', 'KEY_PASSWORD');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Chỉ người ký');

    const approved = await vanthu('--as', 'Trần Văn Hùng', 'outgoing', 'approve', doc.id, '--p12', pki.leaf.p12Path!, '--password-env', 'KEY_PASSWORD', '--json');
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout).status).toBe('approved');

    const issued = await vanthu('--as', 'Nguyễn Thị Lan', 'outgoing', 'issue', doc.id, '--p12', pki.orgLeaf.p12Path!, '--password-env', 'KEY_PASSWORD', '--seal', seal, '--json');
    expect(issued.code, issued.stderr).toBe(0);
    expect(JSON.parse(issued.stdout)).toMatchObject({ status: 'issued', CodeNumber: '01', CodeNotation: 'UBND-VP', IssuedDate: todayInVietnam() });

    const sent = await vanthu('outgoing', 'dispatch', doc.id, '--json');
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout).status).toBe('dispatched');

    const listed = await vanthu('outgoing', 'list', '--json');
    expect(listed.stdout.trim().split('\n').map((l) => JSON.parse(l).CodeNotation)).toEqual(['UBND-VP']);

    const out = path.join(data.dir, '..', `issued-${path.basename(data.dir)}.pdf`);
    const exported = await vanthu('outgoing', 'export', doc.id, '-o', out);
    expect(exported.code, exported.stderr).toBe(0);
    const sigs = pdfsig(out);
    expect(sigs.map((s) => s.valid)).toEqual([true, true]);
    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0]+/g, ' ');
    expect(text).toMatch(/Số: ?01 ?\/UBND-VP/);
    // The approval has no image: its text names the certificate's holder.
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Nguyễn Văn An');

    // The internal recipient has it in the incoming register.
    const found = await vanthu('search', 'dat cong ich', '--json');
    expect(found.stdout).toContain('UBND-VP');
    issuedId = doc.id;
  });

  it('sends the issued công văn to the province as an edXML package, which the province registers', async () => {
    const province = tempDir('vanthu-edxml-cli-');
    try {
      const pkg = path.join(province.dir, 'goi-tin.edxml');
      const exported = await vanthu('edxml', 'export', issuedId, '-o', pkg);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain('Ủy ban nhân dân tỉnh Hà Tĩnh (000.00.00.H41)');
      execFileSync('xmllint', ['--noout', '--schema', path.join(import.meta.dirname, '../../resources/xml/edxml.xsd'), pkg], { stdio: 'pipe' });

      const inProvince = (...args: string[]) => vanthuIn(province.dir, args);
      const init = await inProvince('init', '--org-name', 'Ủy ban nhân dân tỉnh Hà Tĩnh', '--organ-id', '000.00.00.H41', '--abbrev', 'UBND', '--unit', 'Văn phòng:VP', '--staff', 'Võ Thị Hoa:Văn thư:VP:van_thu');
      expect(init.code, init.stderr).toBe(0);
      const imported = await inProvince('edxml', 'import', pkg, '--json');
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({
        ArrivalNumber: 1,
        OrganName: 'Ủy ban nhân dân xã Tân Lập',
        CodeNumber: '01',
        CodeNotation: 'UBND-VP',
        TypeName: 'Công văn',
        From: { OrganId: '000.12.34.H41' },
        Signatures: 'untrusted',
      });
      // The province tells the commune the document arrived; the commune sees it on its outgoing document.
      const statusFile = path.join(province.dir, 'trang-thai.edxml');
      const status = await inProvince('edxml', 'status', JSON.parse(imported.stdout).id, '-o', statusFile);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain('Đã đến (01)');
      const recorded = await vanthu('edxml', 'status', statusFile);
      expect(recorded.code, recorded.stderr).toBe(0);
      const shown = await vanthu('edxml', 'status', issuedId, '--json');
      expect(shown.code, shown.stderr).toBe(0);
      expect(JSON.parse(shown.stdout)).toMatchObject({ organId: '000.00.00.H41', code: '01', staff: 'Võ Thị Hoa' });

      const again = await inProvince('edxml', 'import', pkg);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('Số đến 1/');

      const cut = path.join(province.dir, 'cut.edxml');
      writeFileSync(cut, readFileSync(pkg, 'utf8').slice(0, 2000));
      const broken = await inProvince('edxml', 'import', cut);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('Gói tin không đọc được');

      // A package for another organisation: refused, and answered with 02 for the commune, which records it.
      const stray = path.join(province.dir, 'nhầm-nơi.edxml');
      writeFileSync(stray, readFileSync(pkg, 'utf8').replace('<edXML:To><edXML:OrganId>000.00.00.H41', '<edXML:To><edXML:OrganId>000.00.00.H42'));
      const refusal = path.join(province.dir, 'tu-choi.edxml');
      const rejected = await inProvince('edxml', 'import', stray, '--reject-status', '-o', refusal);
      expect(rejected.code).toBe(2);
      expect(rejected.stderr).toContain('không phải cơ quan này (000.00.00.H41)');
      expect(rejected.stdout).toContain('Từ chối tiếp nhận (02)');
      execFileSync('xmllint', ['--noout', '--schema', path.join(import.meta.dirname, '../../resources/xml/edxml.xsd'), refusal], { stdio: 'pipe' });
      expect((await vanthu('edxml', 'import', refusal)).code).toBe(0);
      const refused = await vanthu('edxml', 'status', issuedId);
      expect(refused.stdout).toContain('Từ chối tiếp nhận (02)');
      expect(refused.stdout).toContain('không phải cơ quan này');

      // The commune recalls it: the revocation package withdraws the province's entry, which refuses with 16.
      expect((await vanthu('--as', 'Nguyễn Thị Lan', 'outgoing', 'recall', issuedId, '--reason', 'Sai nơi nhận')).code).toBe(0);
      const revocation = path.join(province.dir, 'thu-hoi.edxml');
      expect((await vanthu('--as', 'Nguyễn Thị Lan', 'edxml', 'export', issuedId, '-o', revocation)).code).toBe(0);
      const withdrawn = await inProvince('edxml', 'import', revocation);
      expect(withdrawn.code, withdrawn.stderr).toBe(0);
      expect(withdrawn.stdout).toContain('Cơ quan gửi thu hồi văn bản đến số 1/');
      const answer = path.join(province.dir, 'tu-choi-thu-hoi.edxml');
      const answered = await inProvince('edxml', 'status', JSON.parse(imported.stdout).id, '--refuse-withdrawal', 'Đã thực hiện', '-o', answer);
      expect(answered.code, answered.stderr).toBe(0);
      expect(answered.stdout).toContain('Từ chối (16)');
      expect((await vanthu('edxml', 'status', answer)).code).toBe(0);
      expect((await vanthu('edxml', 'status', issuedId)).stdout).toContain('Từ chối (16)');
    } finally {
      province.remove();
    }
  });

  it('says what is wrong with bad input: an unknown recipient, a missing seal', async () => {
    const bad = await vanthu('outgoing', 'create', draft, '--set', 'TypeName=Công văn', '--set', 'Subject=Thử', '--set', 'To=KHONGCO');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Nơi nhận "KHONGCO"');
    const noSeal = await vanthu('outgoing', 'issue', '00000000-0000-4000-8000-000000000000', '--p12', pki.orgLeaf.p12Path!, '--password-env', 'KEY_PASSWORD');
    expect(noSeal.code).toBe(2);
    expect(noSeal.stderr).toContain('--seal');
  });
});
