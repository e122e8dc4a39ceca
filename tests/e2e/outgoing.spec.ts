/**
 * An outgoing document through the real UI over the real core, on one PC shared by three people who switch "Người
 * dùng": the specialist drafts it with a PDF and recipients and submits it to the chairman, who comments and signs it
 * with a .p12 and his signature image; the clerk finds it waiting for her, issues it with the seal (the number and
 * date are written in), dispatches it, exports the outgoing register book and sees two signatures in the viewer's
 * panel; finally she recalls it, and the internal copy in the incoming register shows "Đã thu hồi". pdfsig checks the
 * issued file. Screenshots of each step go to tests/.artifacts/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { DRAFT_DECISION, TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { sealPng, signaturePng } from '../signing/fixtures';
import { pdfsig, pdfWords } from '../signing/pdfTools';
import { actAs, pageDrawn, rpc, savedDownload, setUpOrganisation, shot, uploadFile } from './pageHelpers';
import { expect, test } from './webHostFixture';

let pki: TestPki;

test.beforeAll(() => {
  pki = createTestPki();
});
test.afterAll(() => {
  pki?.cleanup();
  cleanupFixtures();
});

test('a specialist drafts, the chairman signs, the clerk issues with the seal, dispatches, prints the book and recalls', async ({ page, host }) => {
  const pdf = await makeDocumentPdf('quyetDinh', DRAFT_DECISION);

  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(host.url);
  await setUpOrganisation(page, host.url, TAN_LAP);

  // Trusting the test root is the signing scenario's subject: here through the contract.
  const root = await uploadFile(page, host.url, pki.rootPemPath, 'root.pem');
  await rpc(page, host.url, 'signing.trustAdd', { hash: root.hash });
  await page.reload();

  // The specialist drafts.
  await actAs(page, 'Lê Minh Đức (Chuyên viên)');
  await page.getByRole('button', { name: msg('outgoingUi.nav.outgoing') }).click();
  await expect(page.getByRole('heading', { name: msg('outgoingUi.list.title'), exact: true })).toBeVisible();
  await expect(page.getByRole('tab', { name: msg('outgoingUi.list.mine') })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+1');
  const form = page.getByRole('region', { name: msg('outgoingUi.nav.draft') });
  await expect(form.getByRole('heading', { name: msg('outgoingUi.form.title') })).toBeVisible();
  await form.getByLabel('Tên loại').selectOption('Quyết định');
  await form.getByLabel('Trích yếu nội dung').fill('Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình');
  await form.getByLabel('Người ký', { exact: true }).selectOption({ label: 'Trần Văn Hùng — Chủ tịch' });
  await form.getByLabel('Thẩm quyền ký').selectOption('TM.');
  await form.getByLabel('Chức vụ ghi trên văn bản').fill('CHỦ TỊCH');
  await form.getByLabel(msg('outgoingUi.recipients.addInternal')).selectOption({ label: 'Văn phòng' });
  await form.getByLabel(msg('outgoingUi.recipients.organId')).fill('000.00.00.H41');
  await form.getByLabel(msg('outgoingUi.recipients.organName')).fill('Ủy ban nhân dân tỉnh Hà Tĩnh');
  await form.getByRole('button', { name: msg('outgoingUi.recipients.addExternal') }).click();
  await expect(form.getByTestId('recipients')).toContainText('Ủy ban nhân dân tỉnh Hà Tĩnh (000.00.00.H41)');
  await form.getByLabel('Số lượng bản').fill('4');
  await form.getByTestId('outgoing-file-input').setInputFiles(pdf);
  await expect(form.getByText(msg('ui.attach.stored'))).toBeVisible();
  await expect(form.getByText(msg('outgoingUi.file.main'), { exact: true })).toBeVisible();
  await shot(page, 'outgoing-1-draft');
  await page.keyboard.press('Control+Enter');
  const banner = form.getByTestId('outgoing-banner');
  await expect(banner).toContainText('Đã lưu dự thảo Quyết định');
  await banner.getByRole('button', { name: msg('ui.register.open') }).click();

  // ... and submits it to the signer.
  const actions = page.getByTestId('outgoing-actions');
  await expect(page.getByRole('heading', { name: /Dự thảo Quyết định/ })).toBeVisible();
  await expect(actions.getByRole('button')).toHaveText([msg('outgoingUi.action.edit'), msg('outgoingUi.action.submit'), msg('outgoingUi.action.comment')]);
  await pageDrawn(page);
  await actions.getByRole('button', { name: msg('outgoingUi.action.submit'), exact: true }).click();
  const step = page.getByRole('dialog', { name: msg('outgoingUi.action.submit') });
  await expect(step.getByLabel(msg('outgoingUi.step.to'))).toHaveValue(/.+/);
  await step.getByLabel(msg('outgoingUi.step.comment')).fill('Kính trình Chủ tịch xem xét, ký ban hành');
  await shot(page, 'outgoing-2-submit');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('outgoing-notice')).toHaveText('Đã trình dự thảo cho Trần Văn Hùng.');
  await expect(actions.getByRole('button')).toHaveText([msg('outgoingUi.action.comment')]);

  // The chairman comments, then signs with his .p12 and signature image; the place is found at his signer's block.
  await actAs(page, 'Trần Văn Hùng (Lãnh đạo)');
  await expect(actions.getByRole('button')).toHaveText([msg('outgoingUi.action.return'), msg('outgoingUi.action.sign'), msg('outgoingUi.action.comment')]);
  await actions.getByRole('button', { name: msg('outgoingUi.action.comment') }).click();
  const comment = page.getByRole('dialog', { name: msg('outgoingUi.action.comment') });
  await comment.getByRole('button', { name: msg('outgoingUi.action.comment') }).click();
  await expect(comment.getByText(msg('error.required'))).toBeVisible();
  await comment.getByLabel(/Ý kiến/).fill('Nội dung phù hợp quy hoạch sử dụng đất');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('history')).toContainText('Nội dung phù hợp quy hoạch sử dụng đất');

  await actions.getByRole('button', { name: msg('outgoingUi.action.sign') }).click();
  const panel = page.getByTestId('outgoing-sign-panel');
  await panel.getByTestId('p12-input').setInputFiles(pki.leaf.p12Path!);
  await panel.getByTestId('sign-secret').fill(pki.password);
  await panel.getByRole('button', { name: 'Xem chứng thư trong tệp' }).click();
  await expect(panel.getByRole('radio', { name: /Nguyễn Văn An/ })).toBeChecked();
  await expect(panel.getByTestId('placement-status')).toHaveText(msg('outgoingUi.sign.placeAuto'));
  await panel.getByTestId('image-input').setInputFiles({ name: 'chu-ky.png', mimeType: 'image/png', buffer: signaturePng() });
  await expect(panel.getByText('chu-ky.png', { exact: true })).toBeVisible();
  await shot(page, 'outgoing-3-sign');
  await panel.getByRole('button', { name: msg('outgoingUi.action.sign') }).click();
  await expect(page.getByTestId('outgoing-notice')).toHaveText(msg('outgoingUi.done.sign'), { timeout: 60_000 });
  await expect(page.getByTestId('signature-item')).toHaveCount(1);
  await expect(actions.getByRole('button')).toHaveText([msg('outgoingUi.action.comment')]);

  // The clerk finds it waiting for her and issues it with the seal.
  await actAs(page, 'Nguyễn Thị Lan (Văn thư)');
  await page.keyboard.press('Escape');
  const list = page.getByRole('region', { name: msg('outgoingUi.nav.list') });
  const row = list.getByRole('row').filter({ hasText: 'giao đất ở' });
  await expect(row).toContainText(msg('outgoing.status.approved'));
  await expect(row).toContainText('Trần Văn Hùng');
  await expect(row).toContainText('Văn phòng; Ủy ban nhân dân tỉnh Hà Tĩnh');
  await shot(page, 'outgoing-4-waiting-for-clerk');
  await row.dblclick();
  await actions.getByRole('button', { name: msg('outgoingUi.action.issue') }).click();
  await panel.getByTestId('p12-input').setInputFiles(pki.orgLeaf.p12Path!);
  await panel.getByTestId('sign-secret').fill(pki.password);
  await panel.getByRole('button', { name: 'Xem chứng thư trong tệp' }).click();
  await expect(panel.getByRole('radio', { name: /Ủy ban nhân dân tỉnh Thử Nghiệm/ })).toBeChecked();
  await panel.getByTestId('seal-input').setInputFiles({ name: 'con-dau.png', mimeType: 'image/png', buffer: sealPng() });
  await expect(panel.getByText('con-dau.png', { exact: true })).toBeVisible();
  await expect(panel.getByTestId('issue-unsigned')).toHaveCount(0);
  // The number this issue will take, shown where it goes; the clerk moves it 20 points down from the keyboard.
  await expect(panel.getByTestId('issue-next-number')).toContainText('01/QĐ-UBND');
  await expect(page.getByTestId('issue-preview-number')).toHaveText('01');
  await panel.getByRole('radio', { name: msg('issuePlaces.target.number') }).check();
  const yOf = async () => Number(/y (\d+)/.exec((await panel.getByTestId('issue-at-number').textContent()) ?? '')![1]);
  const y0 = await yOf();
  await page.getByTestId('issue-placement').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(yOf).toBe(y0 - 20);
  await shot(page, 'outgoing-5-issue');
  await panel.getByRole('button', { name: msg('outgoingUi.action.issue') }).click();
  await expect(page.getByTestId('outgoing-notice')).toHaveText('Đã cấp số 01/QĐ-UBND và phát hành.', { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: /Văn bản đi số 01\/QĐ-UBND/ })).toBeVisible();

  // The issued PDF in the viewer: the approval and the seal, both intact (trusted, or at worst untrusted).
  const items = page.getByTestId('signature-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Nguyễn Văn An');
  await expect(items.nth(1)).toContainText('Ủy ban nhân dân tỉnh Thử Nghiệm');
  await expect(page.getByTestId('signature-badge')).toHaveText(/Đã ký hợp lệ|chưa được tin cậy/);
  await expect(page.getByTestId('history')).toContainText(`Cấp số 01/QĐ-UBND, ngày`);
  await pageDrawn(page);
  await shot(page, 'outgoing-6-issued');
  const issued = (await rpc<{ rows: { id: string }[] }>(page, host.url, 'outgoing.list', { filter: { status: 'issued' } })).rows[0]!;
  const detail = await rpc<{ document: { files: { role: string; hash: string }[]; issuedDate: string } }>(page, host.url, 'outgoing.get', { id: issued.id });
  expect(detail.document.issuedDate).toBe(todayInVietnam());
  const mainHash = detail.document.files.find((f) => f.role === 'main')!.hash;
  const issuedFile = path.join(host.dataDir, 'content', mainHash.slice(0, 2), mainHash);
  const sigs = pdfsig(issuedFile);
  expect(sigs.map((s) => s.valid)).toEqual([true, true]);
  // Where the clerk put it: 20 points under the line of "Số:".
  const words = pdfWords(issuedFile);
  const [so, number] = ['Số:', '01'].map((t) => words.find((w) => w.text === t)!);
  expect(so!.y0 - number!.y0).toBeGreaterThan(17);
  expect(so!.y0 - number!.y0).toBeLessThan(23);

  // Dispatch.
  await actions.getByRole('button', { name: msg('outgoingUi.action.dispatch') }).click();
  const send = page.getByRole('dialog', { name: msg('outgoingUi.action.dispatch') });
  await expect(send).toContainText('Văn phòng; Ủy ban nhân dân tỉnh Hà Tĩnh');
  await send.getByRole('button', { name: msg('outgoingUi.action.dispatch') }).click();
  await expect(page.getByTestId('outgoing-notice')).toHaveText(msg('outgoingUi.done.dispatch'));
  await expect(page.getByRole('heading', { name: /Văn bản đi số/ })).toContainText(msg('outgoing.status.dispatched'));
  // The province has an OrganId: the dispatch queued its package, which waits here until the PC syncs with a server.
  await expect(page.getByTestId('exchange-package')).toHaveText(msg('outgoingUi.exchangePackage.waiting'));

  // The edXML package for the province, as the clerk downloads it: valid under the standard's schema.
  const { saved: pkg, name: pkgName } = await savedDownload(page, () => actions.getByRole('button', { name: msg('outgoingUi.edxml.export') }).click(), path.join(host.dataDir, '..'));
  expect(pkgName).toBe('01-QĐ-UBND.edxml');
  execFileSync('xmllint', ['--noout', '--schema', path.join(import.meta.dirname, '../../resources/xml/edxml.xsd'), pkg], { stdio: 'pipe' });
  await expect(page.getByTestId('outgoing-notice')).toHaveText(msg('outgoingUi.edxml.done', { name: pkgName, to: 'Ủy ban nhân dân tỉnh Hà Tĩnh' }));

  // The province's status messages, written by hand as another vendor's system sends them.
  const day = todayInVietnam().replaceAll('-', '/');
  const provinceStatus = async (code: string, description: string, time: string) => {
    const statusXml = `<?xml version="1.0" encoding="utf-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><Status>
<ResponseFor><OrganId>000.12.34.H41</OrganId><Code>01/QĐ-UBND</Code><PromulgationDate>${day}</PromulgationDate><DocumentId>000.12.34.H41,${day},01/QĐ-UBND</DocumentId></ResponseFor>
<From><OrganId>000.00.00.H41</OrganId><OrganName>Ủy ban nhân dân tỉnh Hà Tĩnh</OrganName></From>
<StatusCode>${code}</StatusCode><Description>${description}</Description><Timestamp>${day.split('/').reverse().join('/')} ${time}</Timestamp>
<StaffInfo><Department>Văn phòng</Department><Staff>Võ Thị Hoa</Staff></StaffInfo></Status></edXMLHeader><edXMLBody /></edXMLEnvelope></edXML>`;
    const statusFile = path.join(host.dataDir, '..', `trang-thai-${code}.edxml`);
    writeFileSync(statusFile, statusXml);
    const statusRef = await uploadFile(page, host.url, statusFile, `trang-thai-${code}.edxml`);
    expect(await rpc(page, host.url, 'exchange.import', { hash: statusRef.hash })).toMatchObject({ kind: 'status', code });
  };
  // The document arrived.
  await provinceStatus('01', 'Đã nhận văn bản', '09:15:00');
  await expect(page.getByTestId('history')).toContainText('Ủy ban nhân dân tỉnh Hà Tĩnh báo: Đã đến (01). Đã nhận văn bản');
  const fields = page.locator('.fields-list');
  await expect(fields).toContainText('Ủy ban nhân dân tỉnh Hà Tĩnh: Đã đến (01)');
  await fields.getByText(msg('outgoingUi.field.exchangeStatus')).scrollIntoViewIfNeeded();
  await shot(page, 'outgoing-6b-exchange-status');

  // The outgoing register book from the outgoing area.
  await page.keyboard.press('Alt+3');
  const book = page.getByRole('dialog', { name: msg('outgoingUi.book.title') });
  await expect(book.getByRole('radio', { name: msg('outgoing.registerName') })).toBeChecked();
  // The register of one number sequence: those with documents in the period are offered.
  await book.getByLabel(msg('ui.book.sequence')).selectOption({ label: msg('outgoing.sequence.shared') });
  await shot(page, 'outgoing-7-book');
  const exported = page.waitForRequest((r) => r.url().includes('/rpc/registerBook.export'));
  const bookFile = await savedDownload(page, () => book.getByRole('button', { name: msg('ui.book.export') }).click(), host.dataDir);
  expect((await exported).postDataJSON()).toMatchObject({ kind: 'outgoing', sequence: 'outgoing' });
  expect(bookFile.name).toMatch(/\.pdf$/);
  const bookText = execFileSync('pdftotext', ['-layout', bookFile.saved, '-'], { encoding: 'utf8' });
  expect(bookText).toContain(`Dãy số: ${msg('outgoing.sequence.shared')}`);
  expect(bookText).toMatch(/^\s*01\/QĐ-UBND/m);
  await page.keyboard.press('Escape');
  await expect(book).toBeHidden();

  // Recall: the internal copy in the incoming register is marked.
  await actions.getByRole('button', { name: msg('outgoingUi.action.recall') }).click();
  const recall = page.getByRole('dialog', { name: msg('outgoingUi.action.recall') });
  await recall.getByLabel(/Lý do/).fill('Sai tên hộ gia đình được giao đất');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('outgoing-notice')).toHaveText(msg('outgoingUi.done.recall'));
  await expect(page.getByText('Văn bản đã bị thu hồi. Lý do: Sai tên hộ gia đình được giao đất')).toBeVisible();
  // The revocation package for the province, and the province agreeing (15) under "Trạng thái liên thông".
  const { saved: revocation, name: revocationName } = await savedDownload(
    page,
    () => actions.getByRole('button', { name: msg('outgoingUi.edxml.exportRevocation') }).click(),
    path.join(host.dataDir, '..'),
  );
  expect(revocationName).toBe('thu-hoi-01-QĐ-UBND.edxml');
  execFileSync('xmllint', ['--noout', '--schema', path.join(import.meta.dirname, '../../resources/xml/edxml.xsd'), revocation], { stdio: 'pipe' });
  expect(readFileSync(revocation, 'utf8')).toContain('<edXML:BussinessDocType>1</edXML:BussinessDocType><edXML:BussinessDocReason>Sai tên hộ gia đình được giao đất</edXML:BussinessDocReason>');
  await provinceStatus('15', 'Đồng ý thu hồi văn bản: Sai tên hộ gia đình được giao đất', '10:30:00');
  await expect(fields).toContainText('Ủy ban nhân dân tỉnh Hà Tĩnh: Đồng ý (15)');
  await expect(fields).toContainText('Đồng ý thu hồi văn bản: Sai tên hộ gia đình được giao đất');
  await fields.getByText(msg('outgoingUi.field.exchangeStatus')).scrollIntoViewIfNeeded();
  await shot(page, 'outgoing-7b-recall-agreed');
  await page.keyboard.press('Escape');
  await list.getByRole('tab', { name: msg('outgoingUi.list.all') }).click();
  await expect(list.getByRole('row').filter({ hasText: 'giao đất ở' })).toHaveClass(/recalled/);
  await shot(page, 'outgoing-8-recalled-list');
  await page.getByRole('button', { name: msg('outgoingUi.nav.incoming') }).click();
  await page.keyboard.press('Alt+2');
  const incoming = page.getByRole('region', { name: msg('ui.nav.list') });
  const copy = incoming.getByRole('row').filter({ hasText: 'giao đất ở' });
  await expect(copy.getByTestId('recalled-tag')).toHaveText(msg('outgoing.status.recalled'));
  await copy.dblclick();
  await expect(page.getByTestId('recalled-banner')).toContainText('Sai tên hộ gia đình được giao đất');
  await pageDrawn(page);
  await shot(page, 'outgoing-9-recalled-copy');

  expect(pageErrors).toEqual([]);
});
