/**
 * Leaders' directives through the real UI over the real core, on one PC shared by the commune's chairman, the head of
 * Địa chính - Xây dựng and her officer, who switch "Người dùng": the chairman records a directive from a meeting for
 * the unit (Alt+1 in the "Chỉ đạo" area), the officer reports progress, the head marks the unit's part done, and the
 * list shows it done on time; a directive from an earlier meeting whose deadline passed shows as overdue, and both
 * count in the per-unit and per-leader tables. A directive given on an incoming document is recorded from the document's
 * view, shows there, and links back to it. "In báo cáo" downloads the tracking report of the last 30 days as a PDF, read
 * back with poppler. Screenshots go to tests/.artifacts/screenshots/.
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import type { OrgProfile } from '../../shared/contract';
import { addDays, shortVietnameseDate, todayInVietnam } from '../../shared/domain/dates';
import { TAN_LAP } from '../support/outgoingOffice';
import { actAs, registerByContract, rpc, savedDownload, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

const CHAIRMAN = 'Trần Văn Hùng (Lãnh đạo)';
const UNIT_HEAD = 'Phạm Thu Hà (Chuyên viên)';
const OFFICER = 'Lê Minh Đức (Chuyên viên)';

/** Through the contract, as the chairman: a directive of a meeting three weeks ago, due ten days ago, still open. */
async function recordLateDirective(page: Page, hostUrl: string, org: OrgProfile) {
  await rpc(page, hostUrl, 'org.actAs', { staffId: org.staff.find((s) => s.fullName === 'Trần Văn Hùng')!.id });
  await rpc(page, hostUrl, 'directive.create', {
    content: 'Báo cáo tình hình sử dụng đất công ích',
    source: { kind: 'meeting', name: 'Họp Ủy ban tháng 10', date: addDays(todayInVietnam(), -21) },
    unitIds: [org.units.find((u) => u.abbrev === 'VP')!.id],
    dueDate: addDays(todayInVietnam(), -10),
  });
}

test('the chairman gives a directive, the unit reports and its head completes it on time; a late one shows overdue', async ({ page, host }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const today = todayInVietnam();
  const due = addDays(today, 7);

  await page.goto(host.url);
  const org = await setUpOrganisation(page, host.url, TAN_LAP);
  await recordLateDirective(page, host.url, org);
  await rpc(page, host.url, 'org.actAs', { staffId: org.staff.find((s) => s.fullName === 'Nguyễn Thị Lan')!.id });
  await registerByContract(page, host.url, { arrivalDate: today, issuedDate: today, codeNumber: '88', codeNotation: 'SXD-QLXD', subject: 'V/v xử lý công trình xây dựng sai phép' });
  await page.reload();

  // The officer sees the area but may not record a directive: no button, and Alt+1 opens nothing.
  await actAs(page, OFFICER);
  // The late directive is Văn phòng's: no reminder for an officer of Địa chính - Xây dựng.
  await expect(page.getByTestId('directives-overdue-badge')).toHaveCount(0);
  await page.getByRole('button', { name: /^Chỉ đạo/ }).click();
  const list = page.getByTestId('directive-list');
  await expect(list.getByTestId('directive-row')).toHaveCount(1);
  await expect(page.getByRole('button', { name: /Ghi ý kiến chỉ đạo/ })).toHaveCount(0);
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The chairman records one from the keyboard: Alt+1, the content, the meeting, the unit, the deadline, Ctrl+Enter.
  // His late directive is on the area's reminder.
  await actAs(page, CHAIRMAN);
  await expect(page.getByTestId('directives-overdue-badge')).toHaveText('1');
  await page.keyboard.press('Alt+1');
  const create = page.getByRole('dialog', { name: 'Ghi ý kiến chỉ đạo' });
  await expect(create.getByLabel(/Nội dung chỉ đạo/)).toBeFocused();
  await page.keyboard.type('Rà soát hồ sơ cấp phép xây dựng tồn đọng, báo cáo kết quả.');
  await create.getByLabel(/Cuộc họp/).fill('Họp giao ban tuần');
  await expect(create.getByLabel('Ngày họp')).toHaveValue(shortVietnameseDate(today));
  // No unit yet: the dialog says so and records nothing.
  await page.keyboard.press('Control+Enter');
  await expect(create.getByText('Hãy chọn ít nhất một đơn vị.')).toBeVisible();
  await create.getByRole('checkbox', { name: 'Địa chính - Xây dựng' }).check();
  await expect(create.getByText('Hãy chọn ít nhất một đơn vị.')).toBeHidden();
  await create.getByLabel('Thời hạn').fill(shortVietnameseDate(due));
  await shot(page, 'directives-1-new');
  await page.keyboard.press('Control+Enter');
  await expect(create).toBeHidden();

  // It opens at once; the list behind it shows it in progress.
  const view = page.getByRole('dialog', { name: 'Ý kiến chỉ đạo' });
  await expect(view).toContainText('Rà soát hồ sơ cấp phép xây dựng tồn đọng');
  await expect(view.getByTestId('directive-units')).toContainText('Đang thực hiện');
  await expect(view.getByRole('button', { name: 'Báo cáo tiến độ' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(list.getByTestId('directive-row')).toHaveCount(2);
  const fresh = list.getByTestId('directive-row').filter({ hasText: 'Rà soát hồ sơ cấp phép' });
  await expect(fresh).toHaveAttribute('data-status', 'inProgress');
  await expect(fresh).toContainText(shortVietnameseDate(due));

  // The officer reports progress for his unit; he may not mark it done.
  await actAs(page, OFFICER);
  await fresh.getByRole('button', { name: /Rà soát hồ sơ cấp phép/ }).click();
  await expect(view.getByRole('button', { name: 'Xác nhận hoàn thành' })).toHaveCount(0);
  await view.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
  await expect(view.getByLabel(/Tiến độ thực hiện/)).toBeFocused();
  await page.keyboard.type('Đã rà soát 12/20 hồ sơ.');
  await shot(page, 'directives-2-report');
  await page.keyboard.press('Control+Enter');
  await expect(view.getByRole('status')).toHaveText('Đã ghi báo cáo tiến độ.');
  await expect(view.getByTestId('directive-units')).toContainText('Đã rà soát 12/20 hồ sơ.');
  await expect(view.getByTestId('history')).toContainText('Địa chính - Xây dựng báo cáo: Đã rà soát 12/20 hồ sơ.');
  await page.keyboard.press('Escape');

  // The unit head marks the unit's part done: the directive is done on time.
  await actAs(page, UNIT_HEAD);
  await fresh.getByRole('button', { name: /Rà soát hồ sơ cấp phép/ }).click();
  await view.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
  await view.getByLabel(/Kết quả/).fill('Đã xử lý xong 20 hồ sơ.');
  await page.keyboard.press('Control+Enter');
  await expect(view.getByRole('status')).toHaveText('Đã xác nhận đơn vị hoàn thành.');
  await expect(view.getByTestId('directive-units')).toContainText('Hoàn thành đúng hạn');
  await expect(view.getByTestId('directive-units')).toContainText(`${shortVietnameseDate(today)} (Phạm Thu Hà)`);
  await expect(view.getByRole('button', { name: 'Báo cáo tiến độ' })).toHaveCount(0);
  await shot(page, 'directives-3-done');
  await page.keyboard.press('Escape');

  // The list: one done on time, the earlier one overdue; the counts per unit and per leader say the same.
  await expect(fresh).toHaveAttribute('data-status', 'doneOnTime');
  await expect(fresh).toContainText('Hoàn thành đúng hạn');
  const late = list.getByTestId('directive-row').filter({ hasText: 'Báo cáo tình hình sử dụng đất công ích' });
  await expect(late).toHaveAttribute('data-status', 'overdue');
  await expect(late).toContainText('Quá hạn');
  await expect(page.getByTestId('directive-by-unit').getByRole('row', { name: /Địa chính - Xây dựng/ })).toHaveText(/Địa chính - Xây dựng\s*1\s*1\s*0\s*0\s*0/);
  await expect(page.getByTestId('directive-by-unit').getByRole('row', { name: /Văn phòng/ })).toHaveText(/Văn phòng\s*1\s*0\s*0\s*0\s*1/);
  await expect(page.getByTestId('directive-by-leader').getByRole('row', { name: /Trần Văn Hùng/ })).toHaveText(/Trần Văn Hùng\s*2\s*1\s*0\s*0\s*1/);
  await shot(page, 'directives-4-list');

  // The overdue filter keeps the late one only.
  await page.getByRole('tab', { name: 'Quá hạn', exact: true }).click();
  await expect(list.getByTestId('directive-row')).toHaveCount(1);
  await expect(list.getByTestId('directive-row')).toContainText('Báo cáo tình hình sử dụng đất công ích');
  await expect(page.getByTestId('directives-total')).toHaveText('1 ý kiến chỉ đạo');
  await shot(page, 'directives-5-overdue');

  // On a document: the chairman opens the incoming document and gives a directive on it, from its view.
  await actAs(page, CHAIRMAN);
  await page.getByRole('button', { name: /^Văn bản đến/ }).click();
  await page.keyboard.press('Alt+2');
  await page.getByRole('row').filter({ hasText: '88/SXD-QLXD' }).dblclick();
  const onDocument = page.getByTestId('document-directives').filter({ visible: true });
  await expect(onDocument).toContainText('Chưa có ý kiến chỉ đạo trên văn bản này.');
  await onDocument.getByRole('button', { name: 'Ghi ý kiến chỉ đạo' }).click();
  const given = page.getByRole('dialog', { name: 'Ghi ý kiến chỉ đạo' });
  await expect(given).toContainText('Chỉ đạo trên văn bản: 1 · V/v xử lý công trình xây dựng sai phép');
  await given.getByLabel(/Nội dung chỉ đạo/).fill('Kiểm tra, lập biên bản công trình sai phép.');
  await given.getByRole('checkbox', { name: 'Địa chính - Xây dựng' }).check();
  await given.getByRole('checkbox', { name: 'Văn phòng' }).check();
  await given.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Địa chính - Xây dựng' });
  await page.keyboard.press('Control+Enter');
  await expect(given).toBeHidden();
  // Left empty, the deadline is the organisation's working days from today.
  await expect(view).toContainText('Văn bản đến số 1: 88/SXD-QLXD – V/v xử lý công trình xây dựng sai phép');
  await expect(view.getByTestId('directive-units')).toContainText('Địa chính - Xây dựng (chủ trì)');
  await shot(page, 'directives-6-on-document');
  await page.keyboard.press('Escape');
  await expect(onDocument).toContainText('Kiểm tra, lập biên bản công trình sai phép.');
  await expect(onDocument).toContainText('Đang thực hiện');
  await page.getByRole('button', { name: /^Chỉ đạo/ }).click();
  await page.getByRole('tab', { name: 'Tất cả' }).click();
  await expect(list.getByTestId('directive-row').filter({ hasText: 'Kiểm tra, lập biên bản' })).toContainText('Văn bản đến');

  // The tracking report of the last 30 days as a PDF: the three directives in the order given, then the counts.
  await page.getByRole('button', { name: 'In báo cáo' }).click();
  const report = page.getByRole('dialog', { name: 'In báo cáo theo dõi thực hiện ý kiến chỉ đạo' });
  await expect(report.getByLabel('Từ ngày')).toBeFocused();
  await report.getByLabel('Từ ngày').fill(shortVietnameseDate(addDays(today, -30)));
  await shot(page, 'directives-7-report');
  const { saved, name } = await savedDownload(page, () => report.getByRole('button', { name: 'Xuất báo cáo' }).click(), testInfo.outputPath());
  expect(name).toBe(`bao-cao-y-kien-chi-dao_${addDays(today, -30)}_${today}.pdf`);
  await expect(report.getByRole('status')).toContainText(name);
  expect(execFileSync('pdfinfo', [saved], { encoding: 'utf8' })).toMatch(/Page size:\s+842 x 595 pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
  expect(text).toContain('BÁO CÁO THEO DÕI THỰC HIỆN Ý KIẾN CHỈ ĐẠO');
  expect(text).toContain('TỔNG HỢP KẾT QUẢ THỰC HIỆN Ý KIẾN CHỈ ĐẠO');
  // Each directive's first line, as the table's cells wrap: found, and in the order given.
  const order = ['Báo cáo tình hình sử dụng', 'Rà soát hồ sơ cấp phép', 'Kiểm tra, lập biên bản'].map((c) => text.indexOf(c));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(text).toContain(`Hoàn thành ngày ${shortVietnameseDate(today)}`);
  // The chairman gave all three: one done on time, one in progress, one overdue — as the list's table counts them.
  expect(text).toMatch(/Trần Văn Hùng\s+3\s+1\s+0\s+1\s+1/);
  expect(text).toMatch(/Tổng số ý kiến chỉ đạo\s+3\s+1\s+0\s+1\s+1/);
  await expect(page.getByTestId('directive-by-leader').getByRole('row', { name: /Trần Văn Hùng/ })).toHaveText(/Trần Văn Hùng\s*3\s*1\s*0\s*1\s*1/);
  await page.keyboard.press('Escape');

  expect(pageErrors).toEqual([]);
});
