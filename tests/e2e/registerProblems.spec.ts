/**
 * What goes wrong at the clerk's desk: a scan without a text layer (the clerk is told and types), a missing field,
 * and a secret document refused by the normal register, with nothing typed lost on the way.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { shortVietnameseDate, todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { cleanupFixtures, makeBadFile } from '../support/documentFixtures';
import { expect, test } from './webHostFixture';

test.afterAll(() => cleanupFixtures());

/** The first-run setup is another scenario's subject: here the organisation is made through the contract. */
async function setUpOrganisation(page: Page, hostUrl: string) {
  const setup = await page.request.post(new URL('/rpc/org.setup', hostUrl).href, {
    headers: { 'X-Vanthu': '1' },
    data: {
      name: 'Ủy ban nhân dân xã Tân Lập',
      organId: '000.01.02.H30',
      abbrev: 'UBND',
      units: [],
      staff: [{ fullName: 'Phạm Thị Hằng', position: 'Văn thư', unitAbbrev: null, role: 'van_thu' }],
    },
  });
  expect((await setup.json()).ok).toBe(true);
}

test('a scan, a missing field and a secret document: clear Vietnamese messages, nothing lost', async ({ page, host }) => {
  const scan = await makeBadFile('scan');
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Đăng ký văn bản đến' })).toBeVisible();

  // Picked with the file chooser this time; the reader says it is a scan and proposes nothing.
  await page.getByTestId('file-input').setInputFiles({ name: 'ban-quet.pdf', mimeType: 'application/pdf', buffer: await readFile(scan) });
  await expect(page.getByText(msg('file.noText'))).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#reg-organName')).toHaveValue('');

  // The clerk types, forgets the subject, and is shown where.
  await page.locator('#reg-organName').fill('Phòng Tài nguyên và Môi trường huyện Tiên Du');
  await page.locator('#reg-code').fill('215/TNMT');
  await page.locator('#reg-issuedDate').fill('3/11/26');
  await page.locator('#reg-issuedDate').blur();
  await expect(page.locator('#reg-issuedDate')).toHaveValue('03/11/2026');
  await page.locator('#reg-typeName').selectOption('Công văn');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('#reg-subject-error')).toHaveText(msg('error.required'));
  await expect(page.locator('#reg-subject')).toBeFocused();

  // Marked secret: refused with the law's reason, every typed value and the attachment still there.
  await page.locator('#reg-subject').fill('V/v rà soát hồ sơ giao đất khu dân cư Đồng Xép');
  await page.locator('#reg-secrecy').selectOption('Mật');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toHaveText(msg('error.secretRefused', { level: 'Mật' }));
  await expect(page.locator('#reg-organName')).toHaveValue('Phòng Tài nguyên và Môi trường huyện Tiên Du');
  await expect(page.locator('#reg-subject')).toHaveValue('V/v rà soát hồ sơ giao đất khu dân cư Đồng Xép');
  await expect(page.getByText('ban-quet.pdf')).toBeVisible();

  // Not secret after all: it registers, with the scan attached.
  await page.locator('#reg-secrecy').selectOption('none');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số');
  await page.getByRole('button', { name: 'Xem văn bản' }).click();
  await expect(page.getByText('ban-quet.pdf')).toBeVisible();
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1');
  await expect(page.locator('.fields-row').filter({ hasText: /^Ngày đến/ })).toContainText(shortVietnameseDate(todayInVietnam()));
  await expect(page.locator('.fields-row').filter({ hasText: /^Ngày tháng văn bản/ })).toContainText('03/11/2026');
});
