/**
 * Handling an incoming document through the real UI over the real core, on one PC shared by the commune's clerk, its
 * chairman, the head of Địa chính - Xây dựng and her officer, who switch "Người dùng": the clerk registers a document,
 * the chairman instructs the unit to lead it (the deadline left to the organisation's rules), the unit head assigns the
 * officer, who finds it among his tasks, reports progress and closes it. A document that arrived two weeks ago with a
 * deadline already past shows in the overdue view, in working days, in the per-unit counts and on the officer's
 * reminder badge. Screenshots go to tests/.artifacts/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { IncomingDocument, OrgProfile } from '../../shared/contract';
import { defaultDueDate } from '../../shared/domain/calendar';
import { addDays, shortVietnameseDate, todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { TAN_LAP } from '../support/outgoingOffice';
import { actAs, registerByContract, rpc, savedDownload, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

const CLERK = 'Nguyễn Thị Lan (Văn thư)';
const CHAIRMAN = 'Trần Văn Hùng (Lãnh đạo)';
const UNIT_HEAD = 'Phạm Thu Hà (Chuyên viên)';
const OFFICER = 'Lê Minh Đức (Chuyên viên)';

/** Set-up through the contract, as each person in turn: a document two weeks old whose deadline passed last week. */
async function registerLateDocument(page: Page, hostUrl: string, org: OrgProfile): Promise<IncomingDocument> {
  const person = (name: string) => org.staff.find((s) => s.fullName === name)!.id;
  const unit = org.units.find((u) => u.abbrev === 'ĐCXD')!.id;
  const arrived = addDays(todayInVietnam(), -14);
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Nguyễn Thị Lan') });
  const doc = await registerByContract(page, hostUrl, {
    arrivalDate: arrived,
    issuedDate: arrived,
    organName: 'Ủy ban nhân dân huyện Tiên Du',
    codeNumber: '215',
    codeNotation: 'UBND-TNMT',
    subject: 'V/v báo cáo kết quả cấp giấy chứng nhận quyền sử dụng đất',
  });
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Trần Văn Hùng') });
  await rpc(page, hostUrl, 'handling.instruct', { id: doc.id, lead: { kind: 'unit', id: unit }, dueDate: addDays(arrived, 3) });
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Phạm Thu Hà') });
  await rpc(page, hostUrl, 'handling.assign', { id: doc.id, assigneeId: person('Lê Minh Đức') });
  await rpc(page, hostUrl, 'org.actAs', { staffId: person('Nguyễn Thị Lan') });
  return doc;
}

test('the chairman instructs, the unit head assigns, the officer reports and closes; late work shows in working days', async ({ page, host }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const today = todayInVietnam();

  await page.goto(host.url);
  const org = await setUpOrganisation(page, host.url, TAN_LAP);
  await registerLateDocument(page, host.url, org);
  await page.reload();

  // The clerk registers today's document from the keyboard and opens it from the register.
  await actAs(page, CLERK);
  await expect(page.getByRole('heading', { name: 'Đăng ký văn bản đến' })).toBeVisible();
  await page.locator('#reg-organName').fill('Sở Tài nguyên và Môi trường tỉnh Bắc Ninh');
  await page.locator('#reg-code').fill('1482/STNMT-QLĐĐ');
  await page.locator('#reg-issuedDate').fill(shortVietnameseDate(today));
  await page.locator('#reg-typeName').selectOption('Công văn');
  await page.locator('#reg-subject').fill('V/v rà soát hồ sơ đất đai trên địa bàn xã');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 2');
  await page.keyboard.press('Alt+2');
  await page.getByRole('row').filter({ hasText: '1482/STNMT-QLĐĐ' }).dblclick();
  // The incoming area and the tasks area each keep their own document view: only the one shown counts.
  const slip = page.getByTestId('handling-slip').filter({ visible: true });
  const history = page.getByTestId('history').filter({ visible: true });
  await expect(slip).toContainText('Chờ chỉ đạo');
  // The clerk has no handling step to take: printing the slip is all she can do there.
  await expect(slip.getByRole('button')).toHaveText([msg('handlingUi.action.printSlip')]);

  // The chairman gives the instruction; the deadline left empty comes from the organisation's rules.
  await actAs(page, CHAIRMAN);
  await expect(slip.getByRole('button', { name: /Cho ý kiến chỉ đạo/ })).toBeVisible();
  await page.keyboard.press('Alt+g');
  const instruct = page.getByRole('dialog', { name: 'Cho ý kiến chỉ đạo' });
  await instruct.getByLabel(/Đơn vị, cá nhân chủ trì/).selectOption({ label: 'Địa chính - Xây dựng (ĐCXD)' });
  await instruct.getByRole('checkbox', { name: 'Văn phòng' }).check();
  await expect(instruct.getByLabel('Hạn giải quyết')).toHaveValue('');
  await instruct.getByLabel('Ý kiến chỉ đạo').fill('Giao phòng Địa chính - Xây dựng rà soát, báo cáo trước hạn.');
  await shot(page, 'handling-1-instruct-dialog');
  await page.keyboard.press('Control+Enter');
  await expect(instruct).toBeHidden();
  const proposed = shortVietnameseDate(defaultDueDate(today, { typeName: 'Công văn', priority: 0 }));
  await expect(page.getByText(`Đã cho ý kiến chỉ đạo. Hạn giải quyết theo quy chế: ${proposed}.`)).toBeVisible();
  await expect(slip).toContainText('Đã giao đơn vị');
  await expect(slip).toContainText('Địa chính - Xây dựng');
  await expect(slip).toContainText('Văn phòng');
  await expect(slip).toContainText(proposed);
  await expect(slip).toContainText('Trần Văn Hùng');
  await expect(history).toContainText(`Chỉ đạo: Địa chính - Xây dựng chủ trì, Văn phòng phối hợp, hạn ${proposed}`);
  await shot(page, 'handling-2-instructed');

  // The officer may not take it before his head gives it to him.
  await actAs(page, OFFICER);
  await expect(slip.getByRole('button')).toHaveText([msg('handlingUi.action.printSlip')]);

  // The unit head gives it to the officer, keeping the chairman's deadline.
  await actAs(page, UNIT_HEAD);
  await slip.getByRole('button', { name: /Phân công/ }).click();
  const assign = page.getByRole('dialog', { name: 'Phân công' });
  await expect(assign.getByLabel('Hạn giải quyết')).toHaveValue(proposed);
  await assign.getByLabel(/Cán bộ giải quyết/).selectOption({ label: 'Lê Minh Đức — Công chức địa chính' });
  await assign.getByLabel('Ý kiến').fill('Đồng chí Đức kiểm tra thực địa.');
  await shot(page, 'handling-3-assign-dialog');
  await assign.getByRole('button', { name: /^Phân công/ }).click();
  await expect(assign).toBeHidden();
  await expect(slip).toContainText('Đang giải quyết');
  await expect(history).toContainText(`Giao Lê Minh Đức giải quyết, hạn ${proposed}`);

  // The officer finds it among his tasks, with the late one the badge reminds him of.
  await actAs(page, OFFICER);
  const tasksButton = page.getByRole('button', { name: /^Giải quyết/ });
  await expect(page.getByTestId('overdue-badge')).toHaveText('1');
  await tasksButton.click();
  await expect(page.getByRole('tab', { name: 'Của tôi' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tasks-total')).toHaveText('2 văn bản');
  const lateRow = page.getByRole('row').filter({ hasText: '215/UBND-TNMT' });
  await expect(lateRow).toContainText(/Quá hạn \d+ ngày làm việc/);
  await page.getByRole('row').filter({ hasText: '1482/STNMT-QLĐĐ' }).dblclick();
  await expect(slip).toContainText('Đang giải quyết');

  // Progress, then the closing.
  await slip.getByRole('button', { name: /Báo cáo tiến độ/ }).click();
  const report = page.getByRole('dialog', { name: 'Báo cáo tiến độ' });
  await report.getByLabel(/Nội dung tiến độ/).fill('Đã kiểm tra thực địa 12 thửa đất.');
  await page.keyboard.press('Control+Enter');
  await expect(report).toBeHidden();
  await expect(slip).toContainText('Đã kiểm tra thực địa 12 thửa đất.');
  await slip.getByRole('button', { name: /Kết thúc giải quyết/ }).click();
  const close = page.getByRole('dialog', { name: 'Kết thúc giải quyết' });
  // Neither a result nor a reply: the dialog says what is missing.
  await page.keyboard.press('Control+Enter');
  await expect(close.getByText('Hãy ghi nội dung.')).toBeVisible();
  await close.getByLabel('Kết quả giải quyết').fill('Đã báo cáo Sở kết quả rà soát.');
  await shot(page, 'handling-4-close-dialog');
  await page.keyboard.press('Control+Enter');
  await expect(close).toBeHidden();
  await expect(slip).toContainText('Đã giải quyết');
  await expect(slip).toContainText('Đã báo cáo Sở kết quả rà soát.');
  await expect(slip.getByRole('button')).toHaveText([msg('handlingUi.action.printSlip')]);
  await expect(history).toContainText('Báo cáo tiến độ: Đã kiểm tra thực địa 12 thửa đất.');
  await expect(history).toContainText('Kết thúc giải quyết: Đã báo cáo Sở kết quả rà soát.');
  await expect(history).toContainText('Đã đọc');
  await shot(page, 'handling-5-closed');

  // The chairman's overdue view: the late document, in working days, and the counts per lead unit.
  await page.keyboard.press('Escape');
  await actAs(page, CHAIRMAN);
  await page.getByRole('tab', { name: 'Quá hạn' }).click();
  await expect(page.getByTestId('tasks-total')).toHaveText('1 văn bản');
  await expect(page.getByRole('row').nth(1)).toContainText('215/UBND-TNMT');
  await expect(page.getByRole('row').nth(1)).toContainText(/Quá hạn \d+ ngày làm việc/);
  const loads = page.getByTestId('unit-load');
  await expect(loads.getByRole('row', { name: /Địa chính - Xây dựng/ })).toHaveText(/Địa chính - Xây dựng\s*1\s*1\s*0/);
  await shot(page, 'handling-6-overdue');
  // A unit's name opens its list.
  await loads.getByRole('button', { name: 'Địa chính - Xây dựng' }).click();
  await expect(page.getByRole('tab', { name: 'Theo đơn vị' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tasks-total')).toHaveText('1 văn bản');

  // The tasks area prints the tracking register, for one lead unit here: a PDF whose text lists the closed document.
  await page.keyboard.press('Alt+3');
  const book = page.getByRole('dialog', { name: 'Sổ theo dõi giải quyết văn bản đến' });
  await book.getByLabel('Từ ngày').fill(shortVietnameseDate(addDays(today, -30)));
  await book.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Địa chính - Xây dựng' });
  await shot(page, 'handling-7-tracking-book');
  const { saved } = await savedDownload(page, () => book.getByRole('button', { name: 'Xuất sổ' }).click(), testInfo.outputPath());
  const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
  expect(text).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
  expect(text).toContain('Đơn vị chủ trì: Địa chính - Xây dựng');
  expect(text).toContain('1482/STNMT-QLĐĐ');

  expect(pageErrors).toEqual([]);
});

test.afterAll(cleanupFixtures);

test('the officer drafts the reply from the document, finds it on the slip, and prints the slip', async ({ page, host }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const pdf = await makeDocumentPdf('congVan');
  await page.goto(host.url);
  const org = await setUpOrganisation(page, host.url, TAN_LAP);
  const doc = await registerLateDocument(page, host.url, org);
  await page.reload();

  await actAs(page, OFFICER);
  await page.getByRole('button', { name: /^Giải quyết/ }).click();
  await page.getByRole('row').filter({ hasText: '215/UBND-TNMT' }).dblclick();
  const slip = page.getByTestId('handling-slip').filter({ visible: true });
  await slip.getByRole('button', { name: msg('handlingUi.action.reply') }).click();

  // The outgoing form opens answering it: a công văn on the same matter, which the officer completes and saves.
  const form = page.getByRole('region', { name: msg('outgoingUi.nav.draft') });
  await expect(form.getByTestId('reply-note')).toContainText('215/UBND-TNMT');
  await expect(form.getByTestId('reply-note')).toContainText('Ủy ban nhân dân huyện Tiên Du');
  await expect(form.getByLabel('Tên loại')).toHaveValue('Công văn');
  await expect(form.getByLabel('Trích yếu nội dung')).toHaveValue(doc.subject);
  await form.getByLabel('Trích yếu nội dung').fill('V/v báo cáo kết quả cấp giấy chứng nhận quyền sử dụng đất năm 2026');
  await form.getByLabel('Người ký', { exact: true }).selectOption({ label: 'Trần Văn Hùng — Chủ tịch' });
  await form.getByTestId('outgoing-file-input').setInputFiles(pdf);
  await expect(form.getByText(msg('ui.attach.stored'))).toBeVisible();
  await shot(page, 'handling-8-reply-draft');
  await page.keyboard.press('Control+Enter');
  await expect(form.getByTestId('outgoing-banner')).toContainText('Đã lưu dự thảo Công văn');
  await expect(form.getByTestId('reply-note')).toBeHidden();
  const drafts = await rpc<{ id: string; replyTo: string | null }[]>(page, host.url, 'handling.replies', { id: doc.id });
  expect(drafts).toHaveLength(1);

  // Back on the document, the slip lists the draft; its name opens it in the outgoing area.
  await page.getByRole('button', { name: /^Giải quyết/ }).click();
  const replies = slip.getByTestId('handling-replies');
  await expect(replies).toContainText('năm 2026');
  await shot(page, 'handling-9-slip-with-reply');

  // The slip prints as a PDF with the leader's and the unit head's parts filled in.
  const { saved } = await savedDownload(page, () => slip.getByRole('button', { name: msg('handlingUi.action.printSlip') }).click(), testInfo.outputPath());
  const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
  expect(text).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
  expect(text).toContain('Lê Minh Đức');
  expect(text).toContain('215/UBND-TNMT');

  await replies.getByRole('button').click();
  const view = page.getByRole('region', { name: msg('outgoingUi.doc.fields') });
  await expect(view).toContainText('năm 2026');
  const outgoing = await rpc<{ document: { replyTo: string | null } }>(page, host.url, 'outgoing.get', { id: drafts[0]!.id });
  expect(outgoing.document.replyTo).toBe(doc.id);

  // The saved draft takes an appendix: a new file beside the draft, sealed with it at issue.
  await view.getByTestId('outgoing-actions').getByRole('button', { name: /Cập nhật dự thảo/ }).click();
  const step = page.getByRole('dialog', { name: 'Cập nhật dự thảo' });
  await step.getByLabel('Cập nhật tệp').selectOption({ label: msg('outgoingUi.step.targetNewAppendix') });
  await step.getByTestId('version-input').setInputFiles({ name: 'phu-luc.pdf', mimeType: 'application/pdf', buffer: readFileSync(pdf) });
  // The file is stored as soon as it is chosen; the step waits for it.
  await expect(async () => {
    await step.getByRole('button', { name: /^Cập nhật dự thảo/ }).click();
    await expect(step).toBeHidden({ timeout: 1000 });
  }).toPass();
  await expect(view.getByTestId('outgoing-versions')).toContainText(`${msg('outgoingUi.file.appendix')} · `);
  const files = (await rpc<{ document: { files: { role: string; name: string }[] } }>(page, host.url, 'outgoing.get', { id: drafts[0]!.id })).document.files;
  expect(files.map((f) => [f.role, f.name]).sort()).toEqual([
    ['attachment', 'phu-luc.pdf'],
    ['main', expect.stringMatching(/\.pdf$/)],
  ]);
  await shot(page, 'handling-10-appendix-added');
  expect(pageErrors).toEqual([]);
});
