/**
 * The register book exported as Excel from the UI: a real download whose file is an XLSX (a zip holding
 * xl/worksheets) with the register's columns and this year's documents, read back with unzip, not with our code.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { todayInVietnam, yearOf } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { registerByContract, savedDownload, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

test('the register book as XLSX: downloaded, a workbook with the columns and the documents of the range', async ({ page, host }, testInfo) => {
  const today = todayInVietnam();
  const year = yearOf(today);
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  const lastYear = await registerByContract(page, host.url, { arrivalDate: `${year - 1}-12-30`, issuedDate: `${year - 1}-12-28`, subject: 'V/v tổng kết năm cũ' });
  const invitation = await registerByContract(page, host.url, {
    arrivalDate: today, issuedDate: today, organName: 'Ủy ban nhân dân huyện Tiên Du', codeNumber: '87', codeNotation: 'GM-UBND', typeName: 'Giấy mời',
    subject: 'Mời dự hội nghị sơ kết công tác chuyển đổi số quý IV',
  });
  const report = await registerByContract(page, host.url, {
    arrivalDate: today, issuedDate: today, organName: 'Sở Tài chính tỉnh Bắc Ninh', codeNumber: '1207', codeNotation: 'BC-STC', typeName: 'Báo cáo',
    subject: 'Kết quả thu ngân sách nhà nước sáu tháng đầu năm',
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: msg('ui.register.title') })).toBeVisible();

  await page.keyboard.press('Alt+3');
  const book = page.getByRole('dialog', { name: msg('ui.book.title') });
  await book.getByLabel(msg('ui.book.from')).fill(`01/01/${year}`);
  await book.getByLabel(msg('ui.book.xlsx')).check();
  await shot(page, 'register-book-xlsx');
  const { saved, name } = await savedDownload(page, () => book.getByRole('button', { name: msg('ui.book.export') }).click(), testInfo.outputPath());
  expect(name).toMatch(/\.xlsx$/);
  await expect(book.getByRole('status')).toContainText(name);

  // A zip (local file header "PK\3\4") laid out as a workbook.
  expect((await readFile(saved)).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  const entries = execFileSync('unzip', ['-Z1', saved], { encoding: 'utf8' }).split('\n');
  expect(entries).toContain('xl/workbook.xml');
  expect(entries.some((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e))).toBe(true);
  const xml = execFileSync('unzip', ['-p', saved, 'xl/*'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const columns = ['arrivalDate', 'arrivalNumber', 'author', 'code', 'issuedDate', 'subject', 'recipients', 'handedOverDate', 'signature', 'note'] as const;
  for (const column of columns) {
    expect(xml).toContain(msg(`registerBook.col.${column}`));
  }
  expect(xml).toContain(invitation.subject);
  expect(xml).toContain(report.subject);
  expect(xml).toContain(report.organName);
  expect(xml).toContain('87/GM-UBND');
  expect(xml).not.toContain(lastYear.subject);
});
