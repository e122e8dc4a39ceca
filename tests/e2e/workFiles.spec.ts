/**
 * Work files through the real UI over the real core: an electronic incoming document with its PDF was instructed,
 * assigned and closed (set up through the contract); the officer opens a file in "Hồ sơ", files the document from its
 * view ("Đưa vào hồ sơ"), closes the file and is offered the exported PDF and XML; the KPI report's chart then shows his
 * unit at 100 %. Screenshots go to tests/.artifacts/screenshots/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { OrgProfile } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { TAN_LAP } from '../support/outgoingOffice';
import { twoPagePdf } from '../support/workFileOffice';
import { registerByContract, rpc, setUpOrganisation, shot, uploadFile } from './pageHelpers';
import { expect, test } from './webHostFixture';

const OFFICER = 'Lê Minh Đức (Chuyên viên)';

async function actAs(page: Page, name: string) {
  const select = page.getByLabel(msg('outgoingUi.user.label'));
  await select.selectOption({ label: name });
  await expect(select.locator('option:checked')).toHaveText(name);
}

/** A document received electronically with its PDF, handled from the instruction to the closing. */
async function handledDocument(page: Page, hostUrl: string, org: OrgProfile) {
  const person = (name: string) => org.staff.find((s) => s.fullName === name)!.id;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-'));
  const file = path.join(dir, 'cong-van.pdf');
  writeFileSync(file, await twoPagePdf('HANDLED ONLINE'));
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Nguyễn Thị Lan') });
  const today = todayInVietnam();
  const doc = await registerByContract(
    page,
    hostUrl,
    { arrivalDate: today, issuedDate: today, organName: 'Sở Xây dựng tỉnh Bắc Ninh', codeNumber: '77', codeNotation: 'SXD-QLN', subject: 'V/v kiểm tra công trình xây dựng', channel: 'electronic' },
    [await uploadFile(page, hostUrl, file, 'cong-van.pdf')],
  );
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Trần Văn Hùng') });
  await rpc(page, hostUrl, 'handling.instruct', { id: doc.id, lead: { kind: 'unit', id: org.units.find((u) => u.abbrev === 'ĐCXD')!.id } });
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Phạm Thu Hà') });
  await rpc(page, hostUrl, 'handling.assign', { id: doc.id, assigneeId: person('Lê Minh Đức') });
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Lê Minh Đức') });
  await rpc(page, hostUrl, 'handling.close', { id: doc.id, note: 'Đã kiểm tra, báo cáo kết quả' });
  return doc;
}

test('the officer opens a work file, files a handled document into it, closes it and sees it in the KPI chart', async ({ page, host }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  const org = await setUpOrganisation(page, host.url, TAN_LAP);
  await handledDocument(page, host.url, org);
  await page.reload();
  await actAs(page, OFFICER);
  const year = todayInVietnam().slice(0, 4);

  // Open a file of his own notation in the "Hồ sơ" area.
  await page.getByRole('button', { name: 'Hồ sơ', exact: true }).click();
  const area = page.getByRole('region', { name: 'Hồ sơ' });
  await area.getByLabel('Ký hiệu hồ sơ').fill('01.ĐC');
  await area.getByLabel('Tiêu đề hồ sơ').fill('Hồ sơ kiểm tra công trình xây dựng');
  await area.getByRole('button', { name: 'Mở hồ sơ' }).click();
  await expect(area.getByRole('heading', { name: new RegExp(`000\\.12\\.34\\.H41\\.${year}\\.01\\.ĐC`) })).toBeVisible();
  await expect(area).toContainText('Chưa có văn bản nào');

  // File the document from its own view.
  await page.getByRole('button', { name: 'Văn bản đến', exact: true }).click();
  await page.keyboard.press('Alt+2');
  await page.getByRole('row').filter({ hasText: '77/SXD-QLN' }).dblclick();
  const section = page.getByTestId('work-file-section').filter({ visible: true });
  await expect(section).toContainText('Văn bản chưa được đưa vào hồ sơ nào.');
  await section.getByRole('button', { name: 'Đưa vào hồ sơ' }).click();
  await expect(section).toContainText(`Đã đưa văn bản vào hồ sơ 000.12.34.H41.${year}.01.ĐC.`);
  await expect(section).toContainText(`Đã đưa vào: 000.12.34.H41.${year}.01.ĐC — Hồ sơ kiểm tra công trình xây dựng`);
  await shot(page, 'work-files-1-filed-from-document');

  // Back in the file: the document counts as handled online; closing offers the export.
  await page.getByRole('button', { name: 'Hồ sơ', exact: true }).click();
  const documents = area.getByTestId('work-file-documents');
  await expect(documents).toContainText('77/SXD-QLN');
  await expect(documents).toContainText('V/v kiểm tra công trình xây dựng');
  await expect(documents.getByRole('row').nth(1)).toContainText('Đủ');
  await area.getByRole('button', { name: 'Đóng hồ sơ' }).click();
  await area.getByRole('alertdialog').getByRole('button', { name: 'Đóng hồ sơ' }).click();
  await expect(area.getByRole('status')).toContainText('Đã đóng hồ sơ ngày');
  await expect(area.getByRole('heading', { level: 1 })).toContainText('Đã đóng · Xử lý hoàn toàn trên môi trường mạng');
  const exports = area.getByTestId('work-file-exports');
  await expect(exports.getByRole('link', { name: 'Tải PDF hồ sơ' })).toHaveAttribute('download', `ho-so_000.12.34.H41.${year}.01.DC.pdf`);
  await expect(exports.getByRole('link', { name: 'Tải gói XML' })).toHaveAttribute('download', `ho-so_000.12.34.H41.${year}.01.DC.xml`);
  // The offered PDF is the file's: it downloads, and it is a PDF.
  const pdfHref = await exports.getByRole('link', { name: 'Tải PDF hồ sơ' }).getAttribute('href');
  const pdf = await page.request.get(new URL(pdfHref!, host.url).href);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(area.getByRole('button', { name: 'Rút khỏi hồ sơ' })).toHaveCount(0);
  await shot(page, 'work-files-2-closed-with-export');

  // The KPI report: his unit closed one file, entirely online.
  await area.getByRole('button', { name: /Danh sách hồ sơ/ }).click();
  await area.getByRole('tab', { name: 'Báo cáo tỷ lệ trực tuyến' }).click();
  const table = area.getByTestId('kpi-table');
  await expect(table.getByRole('row').filter({ hasText: 'Địa chính - Xây dựng' })).toContainText(/1\s*1\s*1\s*100,0 %/);
  await expect(table.getByRole('row').filter({ hasText: 'Văn phòng' })).toContainText('—');
  const bar = area.getByTestId('kpi-bar').filter({ has: page.locator('text', { hasText: 'Địa chính - Xây dựng' }) });
  await expect(bar).toHaveAttribute('data-share', '100');
  expect(Number(await bar.locator('rect').getAttribute('width'))).toBeGreaterThan(400);
  await expect(area.getByTestId('kpi-bar').filter({ has: page.locator('text', { hasText: 'Văn phòng' }) }).locator('rect')).toHaveAttribute('width', '0');
  await shot(page, 'work-files-3-kpi-chart');
  expect(pageErrors).toEqual([]);
});
