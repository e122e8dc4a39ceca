/**
 * What goes wrong at the clerk's desk: a scan with no text to read, not even by OCR (the clerk is told and types), a missing field,
 * and a secret document refused by the normal register, with nothing typed lost on the way; files that cannot be read
 * at all (cut short, not a PDF, empty, password-protected), each registered by typing, and an impossible date refused.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { shortVietnameseDate, todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { BAD_FILE_PROBLEMS, cleanupFixtures, makeBadFile, type BadFileKind } from '../support/documentFixtures';
import { listFiles } from '../support/secretScan';
import { dropFile, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

test.afterAll(() => cleanupFixtures());

test('a scan, a missing field and a secret document: clear Vietnamese messages, nothing lost', async ({ page, host }) => {
  const scan = await makeBadFile('blankScan');
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Đăng ký văn bản đến' })).toBeVisible();

  // Picked with the file chooser this time; the reader says no text was recognised on the scan and proposes nothing.
  await page.getByTestId('file-input').setInputFiles({ name: 'ban-quet.pdf', mimeType: 'application/pdf', buffer: await readFile(scan) });
  await expect(page.getByText(msg('file.ocrNoText'))).toBeVisible({ timeout: 60_000 });
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

  // Marked secret: refused with the law's reason; every typed value stays, the uploaded scan is deleted from the machine.
  await page.locator('#reg-subject').fill('V/v rà soát hồ sơ giao đất khu dân cư Đồng Xép');
  await page.locator('#reg-secrecy').selectOption('Mật');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toHaveText(msg('error.secretRefused', { level: 'Mật' }));
  await expect(page.locator('#reg-organName')).toHaveValue('Phòng Tài nguyên và Môi trường huyện Tiên Du');
  await expect(page.locator('#reg-subject')).toHaveValue('V/v rà soát hồ sơ giao đất khu dân cư Đồng Xép');
  await expect(page.getByText(msg('ui.register.secretFilesDropped'))).toBeVisible();
  await expect(page.getByText('ban-quet.pdf')).toHaveCount(0);
  const scanBytes = await readFile(scan);
  const stored = listFiles(host.dataDir).filter((f) => readFileSync(path.join(host.dataDir, f)).equals(scanBytes));
  expect(stored).toEqual([]);

  // Not secret after all: the scan chosen again, it registers with it attached.
  await page.locator('#reg-secrecy').selectOption('none');
  await page.getByTestId('file-input').setInputFiles({ name: 'ban-quet.pdf', mimeType: 'application/pdf', buffer: await readFile(scan) });
  await expect(page.getByText(msg('file.ocrNoText'))).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số');
  await page.getByRole('button', { name: 'Xem văn bản' }).click();
  await expect(page.getByText('ban-quet.pdf')).toBeVisible();
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1');
  await expect(page.locator('.fields-row').filter({ hasText: /^Ngày đến/ })).toContainText(shortVietnameseDate(todayInVietnam()));
  await expect(page.locator('.fields-row').filter({ hasText: /^Ngày tháng văn bản/ })).toContainText('03/11/2026');
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** What a clerk is sent by mistake, under the names it arrives with. */
const UNREADABLE: { kind: BadFileKind; name: string; mime?: string }[] = [
  { kind: 'truncated', name: 'qd-05-tai-do-dang.pdf' },
  { kind: 'notPdfText', name: 'thu-dien-tu.pdf' },
  { kind: 'notPdfZip', name: 'bao-cao-so-lieu.docx', mime: DOCX },
  { kind: 'empty', name: 'tep-rong.pdf' },
  { kind: 'encrypted', name: 'cv-co-mat-khau.pdf' },
];

test('files that cannot be read say why and are registered by typing; an impossible date saves nothing', async ({ page, host }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: msg('ui.register.title') })).toBeVisible();

  for (const [i, bad] of UNREADABLE.entries()) {
    const n = i + 1;
    await dropFile(page, await makeBadFile(bad.kind), bad.name, bad.mime);
    const item = page.locator('.attachment').filter({ hasText: bad.name });
    await expect(item.getByRole('alert')).toHaveText(msg(`file.${BAD_FILE_PROBLEMS[bad.kind]}`), { timeout: 30_000 });
    if (bad.kind === 'encrypted') await shot(page, 'problems-encrypted');
    // Nothing was proposed: the clerk types. The issuing body, type and dates stay from the first of the batch.
    await expect(page.locator('#reg-code')).toHaveValue('');
    if (n === 1) {
      await page.locator('#reg-organName').fill('Sở Nội vụ tỉnh Nghệ An');
      await page.locator('#reg-issuedDate').fill('12/10/2026');
      await page.locator('#reg-typeName').selectOption('Công văn');
    }
    await page.locator('#reg-code').fill(`${40 + n}/SNV-VP`);
    await page.locator('#reg-subject').fill(`V/v tệp không đọc được số ${n}`);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('register-banner')).toContainText(msg('ui.register.saved', { n }));
  }

  // 31 February does not exist: the field says so, the banner points at it, nothing typed is lost and no number is used.
  await page.locator('#reg-code').fill('46/SNV-VP');
  await page.locator('#reg-issuedDate').fill('31/02/2026');
  await page.locator('#reg-subject').fill('V/v ngày không có thật');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('#reg-issuedDate-error')).toHaveText(msg('validation.dateField'));
  await expect(page.getByTestId('register-banner')).toHaveText(msg('ui.register.fixErrors'));
  await expect(page.locator('#reg-issuedDate')).toBeFocused();
  await expect(page.locator('#reg-issuedDate')).toHaveValue('31/02/2026');
  await expect(page.locator('#reg-subject')).toHaveValue('V/v ngày không có thật');
  await expect(page.getByTestId('next-number')).toHaveText(msg('ui.field.arrivalNumberNext', { n: UNREADABLE.length + 1 }));
  await shot(page, 'problems-impossible-date');

  // The register holds the five typed documents, numbered in order, and nothing for the impossible date.
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('list-total')).toHaveText(msg('ui.list.total', { n: UNREADABLE.length }));
  for (const n of UNREADABLE.keys()) {
    const row = page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: String(n + 1), exact: true }) });
    await expect(row).toContainText(`${41 + n}/SNV-VP`);
  }
  await expect(page.getByRole('grid')).not.toContainText('46/SNV-VP');

  // The file cut short was kept with its document: the viewer says it cannot show it instead of failing silently.
  await page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: '1', exact: true }) }).dblclick();
  await expect(page.getByText(UNREADABLE[0]!.name)).toBeVisible();
  await expect(page.getByText(msg('ui.pdf.failed'))).toBeVisible();
  expect(pageErrors).toEqual([]);
});
