/**
 * A long scan: 14 pages, the clerk waits for the first ones only. Registered, its document view shows the later pages
 * being recognised beside the file; when they are done the history says so and a phrase printed on page 13 alone is
 * found by the register's search.
 */
import { join } from 'node:path';
import { msg } from '../../shared/messages';
import { cleanupFixtures, expectedProposal, makeLongDocumentPdf } from '../support/documentFixtures';
import { makeScanPdf } from '../support/scanFixtures';
import { tempDir } from '../support/coreFixture';
import { dropFile, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

const work = tempDir('vanthu-long-scan-e2e-');
test.afterAll(() => {
  cleanupFixtures();
  work.remove();
});

test('a 14-page scan: later pages recognised in the background with progress, then page 13 found by search', async ({ page, host }) => {
  test.setTimeout(600_000);
  const scan = join(work.dir, 'cong-van-dai.pdf');
  await makeScanPdf(await makeLongDocumentPdf(14, 13, 'bảo vệ rừng ngập mặn ven biển'), scan, { seed: 21 });
  const expected = expectedProposal('congVan');
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: msg('ui.register.title') })).toBeVisible();

  await dropFile(page, scan, 'cong-van-14-trang.pdf');
  await expect(page.locator('#reg-code')).toHaveValue(`${expected.codeNumber}/${expected.codeNotation}`, { timeout: 240_000 });
  await page.locator('#reg-organName').fill(expected.organName);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText(msg('ui.register.saved', { n: 1 }));

  await page.keyboard.press('Alt+2');
  await page.getByRole('row').filter({ hasText: `${expected.codeNumber}/${expected.codeNotation}` }).dblclick();
  const progress = page.getByTestId('scan-progress');
  await expect(progress).toContainText('Đang nhận dạng chữ các trang sau của bản quét:', { timeout: 60_000 });
  await progress.scrollIntoViewIfNeeded();
  await expect(progress.getByRole('button', { name: msg('ui.attach.stopOcr') })).toBeVisible();
  await shot(page, 'long-scan-1-later-pages');

  await expect(page.getByTestId('history')).toContainText(msg('ui.history.textRecognised', { pages: '14' }), { timeout: 240_000 });
  await expect(progress).toHaveCount(0);
  await page.getByTestId('history').scrollIntoViewIfNeeded();
  await shot(page, 'long-scan-2-recognised');

  await page.keyboard.press('Escape');
  await page.getByLabel('Tìm kiếm').fill('rung ngap man');
  await expect(page.getByTestId('list-total')).toHaveText(msg('ui.list.total', { n: 1 }));
  await expect(page.getByRole('row').nth(1)).toContainText(`${expected.codeNumber}/${expected.codeNotation}`);
});
