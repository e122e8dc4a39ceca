/**
 * The clerk's hands stay on the keyboard: the first-run setup is filled with Tab, Enter on "+ Thêm …" puts the cursor in
 * the new row, Enter saves; then the register form proposes how each PDF arrived (a signed PDF came electronically, a
 * scan on paper, a plain PDF says nothing and the channel stays as it was) and Esc closes the duplicate dialog.
 * Screenshots go to tests/.artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import { cleanupFixtures, expectedProposal, makeBadFile, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki, type TestPki } from '../support/testPki';
import { shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

let pki: TestPki;

test.beforeAll(() => {
  pki = createTestPki();
});
test.afterAll(() => {
  pki?.cleanup();
  cleanupFixtures();
});

/** Picks a file with the drop zone's file chooser, opened from the keyboard (Enter on the focused zone). */
async function pickFile(page: Page, file: string, name: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('drop-zone').focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: readFileSync(file) });
}

async function typeAndTab(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

test('the setup and the register form are filled from the keyboard, and the channel follows the PDF', async ({ page, host }) => {
  const plain = await makeDocumentPdf('congVan');
  const invitation = await makeDocumentPdf('giayMoi');
  const signed = path.join(host.dataDir, 'giay-moi-da-ky.pdf');
  await signPdf({
    input: invitation,
    output: signed,
    signer: openP12Signer(readFileSync(pki.untrustedLeaf.p12Path!), pki.password),
    appearance: { kind: 'attachment', numberNotation: '27/GM-VTLT' },
  });
  const scan = await makeBadFile('scan');
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(host.url);

  // First run, without the mouse: the name field has the cursor, Tab walks the fields in reading order.
  await expect(page.getByLabel('Tên cơ quan')).toBeFocused();
  await typeAndTab(page, 'Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh');
  await typeAndTab(page, '000.00.01.H06');
  await typeAndTab(page, 'VP');
  await expect(page.getByLabel('Tên đơn vị 1', { exact: true })).toBeFocused();
  await typeAndTab(page, 'Phòng Hành chính - Tổng hợp');
  await typeAndTab(page, 'HCTH');
  await page.keyboard.press('Tab'); // past the row's "Xóa"
  await expect(page.getByRole('button', { name: '+ Thêm đơn vị' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Tên đơn vị 2', { exact: true })).toBeFocused();
  await typeAndTab(page, 'Phòng Kinh tế - Ngành');
  await typeAndTab(page, 'KTN');
  await page.keyboard.press('Tab'); // past the row's "Xóa" and "+ Thêm đơn vị"
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Họ và tên 1', { exact: true })).toBeFocused();
  await typeAndTab(page, 'Nguyễn Thị Lan');
  await typeAndTab(page, 'Văn thư');
  await page.keyboard.press('Tab'); // unit
  await page.keyboard.press('Tab'); // role
  await page.keyboard.press('Tab'); // "Xóa"
  await expect(page.getByRole('button', { name: '+ Thêm cán bộ' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên 2', { exact: true })).toBeFocused();
  await typeAndTab(page, 'Lê Hoàng Nam');
  await typeAndTab(page, 'Chuyên viên');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '+ Thêm cán bộ' })).toBeFocused();
  // One row too many, removed from the keyboard: the cursor lands on the table's add button, not lost on the page.
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên 3', { exact: true })).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên 3', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '+ Thêm cán bộ' })).toBeFocused();
  await expect(page.getByLabel('Tên đơn vị 2', { exact: true })).toHaveValue('Phòng Kinh tế - Ngành');
  await expect(page.getByLabel('Chức vụ 2', { exact: true })).toHaveValue('Chuyên viên');
  await shot(page, 'keyboard-0-setup');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Lưu và bắt đầu' })).toBeFocused();
  await page.keyboard.press('Enter');

  // The register form: the cursor starts in the first field; a signed PDF was received electronically.
  await expect(page.getByRole('heading', { name: 'Đăng ký văn bản đến' })).toBeVisible();
  await expect(page.locator('#reg-arrivalDate')).toBeFocused();
  await expect(page.locator('#reg-channel')).toHaveValue('paper');
  await pickFile(page, signed, 'giay-moi-da-ky.pdf');
  const expectedInvitation = expectedProposal('giayMoi');
  // Reading runs in a worker thread that starts cold; on a loaded machine the first reading takes a while.
  await expect(page.locator('#reg-code')).toHaveValue(`${expectedInvitation.codeNumber}/${expectedInvitation.codeNotation}`, { timeout: 60_000 });
  await expect(page.locator('#reg-channel')).toHaveValue('electronic');
  await expect(page.locator('#reg-organName')).toHaveValue(expectedInvitation.organName);
  await expect(page.locator('#reg-subject')).toHaveValue(expectedInvitation.subject);
  await shot(page, 'keyboard-1-signed-proposal');
  await page.locator('#reg-toPlaces').focus();
  await page.keyboard.type('Phòng Hành chính - Tổng hợp');
  await page.keyboard.press('Tab');
  await expect(page.locator('#reg-note')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 1');
  await expect(page.locator('#reg-organName')).toBeFocused();
  // The channel is kept for the batch, like the issuing body.
  await expect(page.locator('#reg-channel')).toHaveValue('electronic');

  // A scan came on paper; the clerk types what it could not propose and saves.
  await pickFile(page, scan, 'ban-quet.pdf');
  await expect(page.getByText('ban-quet.pdf')).toBeVisible();
  await expect(page.locator('#reg-channel')).toHaveValue('paper', { timeout: 60_000 });
  await shot(page, 'keyboard-2-scan');
  await page.locator('#reg-code').focus();
  await page.keyboard.type('28/GM-VTLT');
  await page.locator('#reg-subject').focus();
  await page.keyboard.type('Dự Hội nghị sơ kết công tác văn thư quý I năm 2026');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 2');
  await expect(page.locator('#reg-channel')).toHaveValue('paper');

  // A plain PDF says nothing about how it came: the channel stays as it was.
  await pickFile(page, plain, 'cong-van.pdf');
  const expectedLetter = expectedProposal('congVan');
  await expect(page.locator('#reg-code')).toHaveValue(`${expectedLetter.codeNumber}/${expectedLetter.codeNotation}`, { timeout: 60_000 });
  await expect(page.locator('#reg-organName')).toHaveValue(expectedLetter.organName);
  await expect(page.locator('#reg-channel')).toHaveValue('paper');
  await shot(page, 'keyboard-3-plain');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 3');

  // Esc closes the duplicate dialog and gives the keyboard back to the form.
  await pickFile(page, plain, 'cong-van.pdf');
  await expect(page.locator('#reg-code')).toHaveValue(`${expectedLetter.codeNumber}/${expectedLetter.codeNotation}`, { timeout: 60_000 });
  await page.keyboard.press('Control+Enter');
  const duplicate = page.getByRole('dialog', { name: 'Có thể trùng văn bản đã đăng ký' });
  await expect(duplicate).toBeVisible();
  await expect(duplicate.getByRole('textbox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(duplicate).toHaveCount(0);
  await expect(page.getByTestId('next-number')).toHaveText('Tự động — dự kiến 4');
  expect(pageErrors).toEqual([]);
});
