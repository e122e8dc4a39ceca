/**
 * The province's clerk receives an edXML package from a commune, written by hand as another vendor's system sends
 * it: "Nhận gói tin edXML…" registers it with its signed file, and the same package again or a broken one is refused
 * with the reason. Screenshots go to tests/.artifacts/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { msg } from '../../shared/messages';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { handWrittenPackage, PROVINCE } from '../support/edxmlPackages';
import { createTestPki } from '../support/testPki';
import { vanthuIn } from '../support/vanthuProcess';
import { keepOutput } from './e2eLogs';
import { pageDrawn, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';


test.afterAll(() => cleanupFixtures());

test('the clerk receives an edXML package: registered with its signed file; the same again and a broken one refused', async ({ page, host }) => {
  const pki = createTestPki();
  const work = path.join(host.dataDir, '..', `edxml-${path.basename(host.dataDir)}`);
  try {
    // The commune's signed công văn, signed by the command line as a separate program would.
    const signed = `${work}-signed.pdf`;
    const signing = await vanthuIn(`${work}-signer`, ['sign', await makeDocumentPdf('congVan', {}), '-o', signed, '--p12', pki.leaf.p12Path!, '--password-env', 'KEY_PASSWORD'], { KEY_PASSWORD: pki.password });
    keepOutput('vanthu-sign', signing.stdout + signing.stderr);
    expect(signing.code, signing.stderr).toBe(0);
    const pkg = `${work}.edxml`;
    writeFileSync(pkg, handWrittenPackage(readFileSync(signed)));
    const cut = `${work}-cut.edxml`;
    writeFileSync(cut, readFileSync(pkg, 'utf8').slice(0, 3000));

    await page.goto(host.url);
    await setUpOrganisation(page, host.url, PROVINCE);
    await page.reload();
    const banner = page.getByTestId('register-banner');
    await page.getByTestId('edxml-file').setInputFiles(pkg);
    await expect(banner).toContainText(msg('ui.register.saved', { n: '1' }));
    await expect(banner).toContainText('27/UBND-VP của Ủy ban nhân dân xã Tân Lập, nhận qua trục liên thông.');
    await shot(page, 'edxml-1-received');

    await banner.getByRole('button', { name: msg('ui.register.open') }).click();
    const fields = page.locator('.fields-list:visible').filter({ hasText: msg('ui.field.subject') });
    await expect(fields).toContainText('V/v báo cáo tình hình & kết quả cải cách hành chính năm 2026');
    await expect(fields).toContainText('000.12.34.H41,2026/11/30,27/UBND-VP');
    await expect(page.locator('.attachment-list:visible')).toContainText('27-UBND-VP.pdf');
    await expect(page.getByTestId('signature-badge')).toHaveText(/Đã ký hợp lệ|chưa được tin cậy/i);
    await pageDrawn(page);
    await shot(page, 'edxml-2-document');

    await page.keyboard.press('Alt+1');
    await page.getByTestId('edxml-file').setInputFiles(pkg);
    await expect(banner).toContainText(msg('ui.edxml.duplicate'));
    await expect(banner).toContainText('Số đến 1/');
    await page.getByTestId('edxml-file').setInputFiles(cut);
    await expect(banner).toContainText('Gói tin không đọc được');
    await expect(banner).toContainText('Không có gì được lưu.');
    await shot(page, 'edxml-3-refused');
  } finally {
    pki.cleanup();
  }
});
