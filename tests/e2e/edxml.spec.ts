/**
 * The province's clerk receives an edXML package from a commune, written by hand as another vendor's system sends
 * it: "Nhận gói tin edXML…" registers it with its signed file, and the same package again or a broken one is refused
 * with the reason. Screenshots go to tests/.artifacts/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { msg } from '../../shared/messages';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { handWrittenPackage, PROVINCE, revocation, update } from '../support/edxmlPackages';
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

    // A package for another organisation: refused, and the 02 answer with the reason saved for the sender.
    const stray = `${work}-stray.edxml`;
    writeFileSync(stray, readFileSync(pkg, 'utf8').replace('<OrganId>000.00.00.H41</OrganId>', '<OrganId>000.00.00.H42</OrganId>'));
    const download = page.waitForEvent('download');
    await page.getByTestId('edxml-file').setInputFiles(stray);
    await expect(banner).toContainText('không phải cơ quan này (000.00.00.H41)');
    await expect(banner).toContainText('Từ chối tiếp nhận" (02)');
    expect((await download).suggestedFilename()).toBe('trang-thai-02-27-UBND-VP.edxml');

    // The commune recalls its công văn: the entry is marked, its handling stops, and the clerk answers.
    const recall = `${work}-recall.edxml`;
    writeFileSync(recall, handWrittenPackage(null, undefined, '', revocation('000.12.34.H41,2026/11/30,27/UBND-VP', 'Số liệu báo cáo chưa chính xác')));
    await page.getByTestId('edxml-file').setInputFiles(recall);
    await expect(banner).toContainText(msg('ui.edxml.recalled'));
    await expect(banner).toContainText('Số liệu báo cáo chưa chính xác');
    await banner.getByRole('button', { name: msg('ui.register.open') }).click();
    await expect(page.locator('[data-testid="recalled-tag"]:visible')).toHaveText(msg('outgoing.status.recalled'));
    const recalled = page.getByTestId('recalled-banner');
    await expect(recalled).toContainText('Số liệu báo cáo chưa chính xác');
    await expect(page.getByRole('button', { name: msg('ui.handOver.present') })).toHaveCount(0);
    await expect(recalled.getByRole('button', { name: msg('ui.edxml.agreeWithdrawal') })).toBeVisible();
    await pageDrawn(page);
    await shot(page, 'edxml-4-recalled');
    await recalled.getByRole('button', { name: msg('ui.edxml.refuseWithdrawal') }).click();
    await recalled.getByLabel(msg('ui.edxml.refuseReason')).fill('Đã tổng hợp vào báo cáo của tỉnh');
    const answer = page.waitForEvent('download');
    await recalled.getByRole('button', { name: msg('ui.edxml.refuseWithdrawal') }).click();
    expect((await answer).suggestedFilename()).toBe('trang-thai-16-27-UBND-VP.edxml');
    // Refused: the entry is back in handling.
    await expect(page.getByTestId('recalled-banner')).toHaveCount(0);
    await expect(page.getByRole('button', { name: msg('ui.handOver.present') }).first()).toBeVisible();
    // The history says in words what the clerk answered, not the event's name.
    await expect(page.getByText(msg('exchange.history.withdrawalRefused', { reason: 'Đã tổng hợp vào báo cáo của tỉnh' })).first()).toBeVisible();

    // The commune corrects the subject and the due date (an update, business type 2): the entry takes them in.
    const updating = `${work}-update.edxml`;
    writeFileSync(
      updating,
      handWrittenPackage(null, undefined, '', update('000.12.34.H41,2026/11/30,27/UBND-VP', 'Sửa trích yếu và hạn trả lời'))
        .replace('V/v báo cáo tình hình &amp; kết quả cải cách hành chính năm 2026', 'V/v báo cáo kết quả chuyển đổi số năm 2026')
        .replace('<DueDate>2026/12/15</DueDate>', '<DueDate>2026/12/22</DueDate>'),
    );
    await page.keyboard.press('Alt+1');
    await page.getByTestId('edxml-file').setInputFiles(updating);
    await expect(banner).toContainText(msg('exchange.updated'));
    await expect(banner).toContainText('Hạn giải quyết: “2026-12-15” → “2026-12-22”');
    await banner.getByRole('button', { name: msg('ui.register.open') }).click();
    await expect(page.locator('.fields-list:visible').filter({ hasText: msg('ui.field.subject') })).toContainText('V/v báo cáo kết quả chuyển đổi số năm 2026');
    const updatedLine = page.getByText('Văn bản được cập nhật theo nơi gửi.').first();
    await expect(updatedLine).toBeVisible();
    await updatedLine.scrollIntoViewIfNeeded();
    await pageDrawn(page);
    await shot(page, 'edxml-5-updated');
  } finally {
    pki.cleanup();
  }
});
