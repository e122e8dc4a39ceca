/**
 * A clerk's day in the real UI over the real core: set up the organisation, register a PDF by dropping it and accepting
 * the proposed fields, find it in the register without diacritics, read it in the built-in viewer, present it to a
 * leader and print the register book. Screenshots of each screen go to tests/.artifacts/screenshots/.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { shortVietnameseDate, todayInVietnam } from '../../shared/domain/dates';
import { cleanupFixtures, expectedProposal, makeDocumentPdf } from '../support/documentFixtures';
import { dropFile, SHOTS, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

const run = promisify(execFile);

test.afterAll(() => cleanupFixtures());

test('a clerk registers, finds, reads, hands over and prints an incoming document', async ({ page, host }) => {
  const pdf = await makeDocumentPdf('congVan');
  const expected = expectedProposal('congVan');
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));

  await page.goto(host.url);

  // First run: the organisation profile.
  await expect(page.getByRole('heading', { name: 'Khai báo thông tin cơ quan' })).toBeVisible();
  await page.getByLabel('Tên cơ quan').fill('Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh');
  await page.getByLabel('Mã định danh (OrganId)').fill('000.00.00.h2x');
  await expect(page.getByText('Mã định danh cơ quan phải gồm 13 ký tự dạng 000.00.00.H41.')).toBeVisible();
  await page.getByLabel('Mã định danh (OrganId)').fill('000.00.01.H06');
  await expect(page.getByText('✓ Mã hợp lệ')).toBeVisible();
  await page.getByLabel('Tên viết tắt').fill('vp');
  await page.getByLabel('Tên đơn vị 1', { exact: true }).fill('Phòng Hành chính - Tổng hợp');
  await page.getByLabel('Viết tắt 1', { exact: true }).fill('HCTH');
  await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
  await page.getByLabel('Tên đơn vị 2', { exact: true }).fill('Phòng Kinh tế - Ngành');
  await page.getByLabel('Viết tắt 2', { exact: true }).fill('KTN');
  await page.getByLabel('Họ và tên 1', { exact: true }).fill('Nguyễn Thị Lan');
  await page.getByLabel('Chức vụ 1', { exact: true }).fill('Văn thư');
  await page.getByLabel('Đơn vị 1', { exact: true }).selectOption('HCTH');
  await page.getByRole('button', { name: '+ Thêm cán bộ' }).click();
  await page.getByLabel('Họ và tên 2', { exact: true }).fill('Trần Văn Minh');
  await page.getByLabel('Chức vụ 2', { exact: true }).fill('Chánh Văn phòng');
  await page.getByLabel('Vai trò 2', { exact: true }).selectOption('lanh_dao');
  await page.getByRole('button', { name: '+ Thêm cán bộ' }).click();
  await page.getByLabel('Họ và tên 3', { exact: true }).fill('Lê Hoàng Nam');
  await page.getByLabel('Chức vụ 3', { exact: true }).fill('Chuyên viên');
  await page.getByLabel('Đơn vị 3', { exact: true }).selectOption('KTN');
  await shot(page, '1-setup');
  await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();

  // Register by dropping the PDF: empty fields are filled from it and marked for the clerk to check.
  await expect(page.getByRole('heading', { name: 'Đăng ký văn bản đến' })).toBeVisible();
  await expect(page.getByTestId('next-number')).toHaveText('Tự động — dự kiến 1');
  await dropFile(page, pdf, 'cv-1482-SGDDT.pdf');
  // Reading runs in a worker thread that starts cold; on a loaded machine the first reading takes a while.
  await expect(page.locator('#reg-code')).toHaveValue(`${expected.codeNumber}/${expected.codeNotation}`, { timeout: 60_000 });
  await expect(page.locator('#reg-typeName')).toHaveValue(expected.typeName);
  await expect(page.locator('#reg-issuedDate')).toHaveValue(shortVietnameseDate(expected.issuedDate));
  await expect(page.locator('#reg-organName')).toHaveValue(expected.organName);
  await expect(page.locator('#reg-subject')).toHaveValue(expected.subject);
  await expect(page.getByText('đề xuất từ PDF').first()).toBeVisible();
  await expect(page.getByText(/Đã đọc, \d+ trang/)).toBeVisible();
  await page.locator('#reg-toPlaces').fill('Phòng Kinh tế - Ngành');
  await shot(page, '2-register-proposals');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 1');
  // Batch work: the issuing body, type and dates stay for the next document; the rest is cleared.
  await expect(page.locator('#reg-organName')).not.toHaveValue('');
  await expect(page.locator('#reg-typeName')).toHaveValue(expected.typeName);
  await expect(page.locator('#reg-code')).toHaveValue('');
  await expect(page.getByTestId('next-number')).toHaveText('Tự động — dự kiến 2');

  // The same PDF again is a duplicate: the dialog shows the match; cancelling registers nothing.
  await dropFile(page, pdf, 'cv-1482-SGDDT.pdf');
  await expect(page.locator('#reg-code')).toHaveValue(`${expected.codeNumber}/${expected.codeNotation}`);
  await page.keyboard.press('Control+Enter');
  const duplicate = page.getByRole('dialog', { name: 'Có thể trùng văn bản đã đăng ký' });
  await expect(duplicate).toBeVisible();
  await expect(duplicate.getByRole('button', { name: 'Vẫn đăng ký' })).toBeDisabled();
  await expect(duplicate.getByRole('cell', { name: `${expected.codeNumber}/${expected.codeNotation}` })).toBeVisible();
  await shot(page, '2b-duplicate');
  await duplicate.getByRole('button', { name: /Hủy/ }).click();
  await expect(duplicate).toBeHidden();
  await expect(page.locator('#reg-code')).toHaveValue(`${expected.codeNumber}/${expected.codeNotation}`);

  // A second document typed by hand, saved with Enter in the last field.
  await page.keyboard.press('Alt+n');
  await page.locator('#reg-organName').fill('Ủy ban nhân dân huyện Tiên Du');
  await page.locator('#reg-code').fill('87/GM-UBND');
  await page.locator('#reg-issuedDate').fill(shortVietnameseDate(todayInVietnam()));
  await page.locator('#reg-typeName').selectOption('Giấy mời');
  await page.locator('#reg-subject').fill('Mời dự hội nghị sơ kết công tác chuyển đổi số quý IV');
  await page.locator('#reg-priority').selectOption({ label: 'Khẩn' });
  await page.locator('#reg-note').fill('Họp lúc 08 giờ 00');
  await page.locator('#reg-note').press('Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 2');

  // Esc twice throws away a half-typed entry (once only warns); the batch values stay.
  await page.locator('#reg-subject').fill('Nhập nhầm');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('register-banner')).toContainText('Nhấn Esc lần nữa');
  await expect(page.locator('#reg-subject')).toHaveValue('Nhập nhầm');
  await page.keyboard.press('Escape');
  await expect(page.locator('#reg-subject')).toHaveValue('');
  await expect(page.locator('#reg-organName')).toHaveValue('Ủy ban nhân dân huyện Tiên Du');

  // The register: both documents, the PDF one with Số đến 1; found again by a query without diacritics.
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('list-total')).toHaveText('2 văn bản');
  const first = page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: '1', exact: true }) });
  await expect(first).toContainText(`${expected.codeNumber}/${expected.codeNotation}`);
  await shot(page, '3-list');
  await page.getByLabel('Tìm kiếm').fill('co so vat chat truong hoc');
  await expect(page.getByTestId('list-total')).toHaveText('1 văn bản');
  await expect(page.getByRole('row').nth(1)).toContainText(`${expected.codeNumber}/${expected.codeNotation}`);

  // Open it: fields, history and the PDF drawn by pdf.js.
  await page.getByRole('row').nth(1).dblclick();
  await expect(page.getByRole('heading', { name: /Văn bản đến số 1\// })).toBeVisible();
  const canvas = page.getByTestId('pdf-canvas');
  await expect(canvas).toHaveAttribute('data-rendered-page', '1');
  await expect(page.getByTestId('pdf-page')).toHaveText(/Trang 1 \/ \d+/);
  const inked = await canvas.evaluate((el: HTMLCanvasElement) => {
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) dark++;
    return dark;
  });
  expect(inked).toBeGreaterThan(1000);
  await expect(page.getByTestId('history')).toContainText('Đăng ký vào sổ văn bản đến, số đến 1');
  await shot(page, '4-document-pdf');

  // Present it to the leader; the history records it.
  await page.getByRole('button', { name: /Trình lãnh đạo/ }).click();
  const handOver = page.getByRole('dialog', { name: 'Trình lãnh đạo' });
  // Presenting goes to leaders only: the clerk and the officer are not offered.
  await expect(handOver.getByLabel('Người nhận').locator('option')).toHaveText(['— Chọn —', 'Trần Văn Minh — Chánh Văn phòng']);
  await handOver.getByLabel('Người nhận').selectOption({ label: 'Trần Văn Minh — Chánh Văn phòng' });
  await handOver.getByLabel('Ý kiến, ghi chú').fill('Kính trình đồng chí Chánh Văn phòng cho ý kiến chỉ đạo.');
  await expect(handOver.getByLabel('Ngày chuyển')).toHaveValue(shortVietnameseDate(todayInVietnam()));
  await handOver.getByRole('button', { name: /^Chuyển/ }).click();
  await expect(handOver).toBeHidden();
  await expect(page.getByText('Đã trình văn bản lên Trần Văn Minh.')).toBeVisible();
  await expect(page.getByTestId('history')).toContainText('Trình lãnh đạo: Trần Văn Minh');
  await expect(page.getByRole('heading', { name: /Văn bản đến số 1\// })).toContainText('Đã trình');

  // Print the register book as PDF: a real download of a real PDF.
  await page.keyboard.press('Alt+3');
  const book = page.getByRole('dialog', { name: 'In sổ đăng ký văn bản đến' });
  await book.getByLabel('Từ ngày').fill(`01/01/${todayInVietnam().slice(0, 4)}`);
  await shot(page, '5-register-book');
  const [download] = await Promise.all([page.waitForEvent('download'), book.getByRole('button', { name: 'Xuất sổ' }).click()]);
  const saved = path.join(SHOTS, '..', await download.suggestedFilename());
  await download.saveAs(saved);
  const bytes = await readFile(saved);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { stdout: text } = await run('pdftotext', ['-layout', saved, '-']);
  expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
  // The notation may wrap inside its narrow column; its first part and the second entry's subject must be there.
  expect(text).toContain(`${expected.codeNumber}/`);
  expect(text).toContain('Mời dự hội nghị');
  await expect(book.getByText(/Đã xuất .+\.pdf/)).toBeVisible();

  expect(pageErrors).toEqual([]);
});
