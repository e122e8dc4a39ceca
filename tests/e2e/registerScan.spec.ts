/**
 * A commune clerk's scanned paper: a two-page report scanned at 200 dpi, a little askew and noisy, in a PDF without a
 * text layer. Dropped on the register form it is recognised page by page with the progress shown, its fields are
 * proposed and marked for checking, it registers as paper and is found again by a word of its body; a second scan is
 * stopped by the clerk, who is told so and types.
 */
import { join } from 'node:path';
import { msg } from '../../shared/messages';
import { shortVietnameseDate } from '../../shared/domain/dates';
import { cleanupFixtures, expectedProposal, makeDocumentPdf } from '../support/documentFixtures';
import { makeScanPdf } from '../support/scanFixtures';
import { tempDir } from '../support/coreFixture';
import { dropFile, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

const work = tempDir('vanthu-scan-e2e-');
test.afterAll(() => {
  cleanupFixtures();
  work.remove();
});

test('a scanned report: OCR progress, proposed fields, registered as paper and found by a word of its body; a second scan stopped', async ({ page, host }) => {
  const scan = join(work.dir, 'bao-cao.pdf');
  await makeScanPdf(await makeDocumentPdf('baoCaoTwoPages'), scan, { seed: 4, skewDegrees: 0.5 });
  const expected = expectedProposal('baoCaoTwoPages');
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: msg('ui.register.title') })).toBeVisible();

  await dropFile(page, scan, 'ban-quet-bao-cao.pdf');
  const progress = page.getByTestId('ocr-progress');
  await expect(progress).toContainText(msg('ui.attach.recognising', { page: 1, pages: 2 }).replace(/1\/2$/, ''), { timeout: 60_000 });
  await shot(page, 'scan-1-ocr-progress');

  await expect(page.locator('#reg-code')).toHaveValue(`${expected.codeNumber}/${expected.codeNotation}`, { timeout: 60_000 });
  await expect(page.locator('#reg-typeName')).toHaveValue(expected.typeName);
  await expect(page.locator('#reg-issuedDate')).toHaveValue(shortVietnameseDate(expected.issuedDate));
  await expect(page.locator('#reg-subject')).toHaveValue(expected.subject);
  await expect(page.locator('#reg-channel')).toHaveValue('paper');
  await expect(page.locator('#reg-pageAmount')).toHaveValue('2');
  await expect(page.getByText(msg('ui.attach.recognised', { pages: 2 }))).toBeVisible();
  await expect(progress).toHaveCount(0);
  await shot(page, 'scan-2-proposals');

  // The clerk checks the issuing body against the paper before saving.
  await page.locator('#reg-organName').fill(expected.organName);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText(msg('ui.register.saved', { n: 1 }));

  // "hóa đơn điện tử" is printed on page 2 only, in no field of the register.
  await page.keyboard.press('Alt+2');
  await page.getByLabel('Tìm kiếm').fill('hoa don dien tu');
  await expect(page.getByTestId('list-total')).toHaveText(msg('ui.list.total', { n: 1 }));
  await expect(page.getByRole('row').nth(1)).toContainText(`${expected.codeNumber}/${expected.codeNotation}`);

  // A second scan, stopped while it is read: the form says so and waits for the clerk's typing.
  await page.keyboard.press('Alt+1');
  const second = join(work.dir, 'giay-moi.pdf');
  await makeScanPdf(await makeDocumentPdf('baoCaoTwoPages', { codeNumber: '1300' }), second, { seed: 9 });
  await dropFile(page, second, 'ban-quet-2.pdf');
  await page.getByRole('button', { name: msg('ui.attach.stopOcr') }).click({ timeout: 60_000 });
  const item = page.locator('.attachment').filter({ hasText: 'ban-quet-2.pdf' });
  await expect(item.getByRole('alert')).toHaveText(msg('file.ocrCancelled'), { timeout: 30_000 });
  await shot(page, 'scan-3-stopped');
});
