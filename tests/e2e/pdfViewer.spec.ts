/**
 * Reading an attached PDF in the app: a two-page report paged with the buttons and PgDn/PgUp, zoomed with the buttons
 * and +/−, and fitted back to the pane's width; the page indicator and the zoom shown follow the canvas drawn by pdf.js.
 */
import type { Page } from '@playwright/test';
import { msg } from '../../shared/messages';
import { cleanupFixtures, expectedProposal, makeDocumentPdf } from '../support/documentFixtures';
import { registerByContract, setUpOrganisation, shot, uploadFile } from './pageHelpers';
import { expect, test } from './webHostFixture';

/** An A4 page is 595.28 pt wide: at zoom z the canvas is drawn floor(595.28 × z) CSS pixels wide. */
const A4_WIDTH_PT = 595.28;

test.afterAll(() => cleanupFixtures());

/** The zoom the toolbar shows, and the canvas's CSS width once pdf.js has drawn `pageNumber` at that zoom. */
async function shownZoom(page: Page, pageNumber: number) {
  const canvas = page.getByTestId('pdf-canvas');
  await expect(canvas).toHaveAttribute('data-rendered-page', String(pageNumber));
  const zoom = Number((await page.locator('.pdf-zoom').textContent())?.replace('%', ''));
  const width = await canvas.evaluate((el) => el.clientWidth);
  // The indicator rounds to a whole percent: the width may differ from it by up to half a percent of a page.
  expect(Math.abs(width - A4_WIDTH_PT * (zoom / 100))).toBeLessThanOrEqual(A4_WIDTH_PT * 0.005 + 1);
  return { zoom, width };
}

/** Zooms by `act` and waits for the new size: the canvas keeps its old "rendered" mark while the page is redrawn. */
async function zoomBy(page: Page, pageNumber: number, act: () => Promise<void>) {
  const before = await page.locator('.pdf-zoom').textContent();
  await act();
  await expect(page.locator('.pdf-zoom')).not.toHaveText(before ?? '');
  return shownZoom(page, pageNumber);
}

test('a two-page report: paged by button and key, zoomed in and out, fitted to the width', async ({ page, host }) => {
  const report = expectedProposal('baoCaoTwoPages');
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  const attachment = await uploadFile(page, host.url, await makeDocumentPdf('baoCaoTwoPages'), 'bc-1207-CTLCA.pdf');
  await registerByContract(
    page,
    host.url,
    { ...report, arrivalDate: '2026-07-02' },
    [attachment],
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: msg('ui.register.title') })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await page.getByRole('row').filter({ hasText: report.subject }).dblclick();

  const indicator = page.getByTestId('pdf-page');
  const prev = page.getByRole('button', { name: msg('ui.pdf.prev') });
  const next = page.getByRole('button', { name: msg('ui.pdf.next') });
  const fit = page.getByRole('button', { name: msg('ui.pdf.fitWidth') });
  await expect(indicator).toHaveText(msg('ui.pdf.page', { page: 1, count: 2 }));
  await expect(prev).toBeDisabled();
  const fitted = await shownZoom(page, 1);
  await expect(fit).toHaveAttribute('aria-pressed', 'true');

  // Paging with the buttons: the second page is drawn, the next button stops there.
  await next.click();
  await expect(indicator).toHaveText(msg('ui.pdf.page', { page: 2, count: 2 }));
  await shownZoom(page, 2);
  await expect(next).toBeDisabled();
  await prev.click();
  await expect(indicator).toHaveText(msg('ui.pdf.page', { page: 1, count: 2 }));
  await shownZoom(page, 1);

  // And with the keys; PgUp on the first page stays there.
  await page.keyboard.press('PageDown');
  await expect(indicator).toHaveText(msg('ui.pdf.page', { page: 2, count: 2 }));
  await shownZoom(page, 2);
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await expect(indicator).toHaveText(msg('ui.pdf.page', { page: 1, count: 2 }));
  await shownZoom(page, 1);

  // Zoom in: a larger canvas, no longer fitted; twice out from there: smaller than the fitted page.
  const zoomedIn = await zoomBy(page, 1, () => page.getByRole('button', { name: msg('ui.pdf.zoomIn') }).click());
  await expect(fit).toHaveAttribute('aria-pressed', 'false');
  expect(zoomedIn.width).toBeGreaterThan(fitted.width);
  await shot(page, 'viewer-zoomed-in');
  const zoomOut = page.getByRole('button', { name: msg('ui.pdf.zoomOut') });
  await zoomBy(page, 1, () => zoomOut.click());
  const zoomedOut = await zoomBy(page, 1, () => zoomOut.click());
  expect(zoomedOut.width).toBeLessThan(fitted.width);

  // Fit width brings back the first size.
  await fit.click();
  await expect(fit).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.pdf-zoom')).toHaveText(`${fitted.zoom}%`);
  expect((await shownZoom(page, 1)).width).toBe(fitted.width);

  // The same from the keyboard: + larger, − back below, 0 fitted again; the page stays the one shown.
  await page.keyboard.press('PageDown');
  await expect(indicator).toHaveText(msg('ui.pdf.page', { page: 2, count: 2 }));
  await shownZoom(page, 2);
  expect((await zoomBy(page, 2, () => page.keyboard.press('+'))).width).toBeGreaterThan(fitted.width);
  await expect(fit).toHaveAttribute('aria-pressed', 'false');
  await zoomBy(page, 2, () => page.keyboard.press('-'));
  expect((await zoomBy(page, 2, () => page.keyboard.press('-'))).width).toBeLessThan(fitted.width);
  await page.keyboard.press('0');
  await expect(fit).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.pdf-zoom')).toHaveText(`${fitted.zoom}%`);
  await expect(indicator).toHaveText(msg('ui.pdf.page', { page: 2, count: 2 }));
  await shot(page, 'viewer-page-2');
  expect(pageErrors).toEqual([]);
});
