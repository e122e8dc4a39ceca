/**
 * Signatures in the real UI over the real core: a received PDF signed by an unknown authority is flagged in the
 * register form; a registered document shows its verdict badge; the clerk trusts a root, signs the open PDF with a
 * .p12 by dragging a box on the page, and sees the new version verified. pdfsig and qpdf check the file afterwards,
 * including that the box landed where it was dragged.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import { msg } from '../../shared/messages';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { filesHolding } from '../support/secretScan';
import { createTestPki, type TestPki } from '../support/testPki';
import { sealPng, signaturePng } from '../signing/fixtures';
import { pdfsig } from '../signing/pdfTools';
import { COMMUNE, pageDrawn, rpc, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

let pki: TestPki;

test.beforeAll(() => {
  pki = createTestPki();
});
test.afterAll(() => {
  pki?.cleanup();
  cleanupFixtures();
});

/** The signature widget's /Rect in the file, read by qpdf (a parser we did not write). */
function widgetRect(file: string): number[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  const widget = Object.values(json.qpdf[1])
    .map((o) => o.value)
    .find((v) => v?.['/Subtype'] === '/Widget' && v['/FT'] === '/Sig');
  return widget!['/Rect'] as number[];
}

test('a flagged received PDF, the verdict badge, and signing the open PDF with a .p12 by dragging a box', async ({ page, host }) => {
  const pdf = await makeDocumentPdf('congVan');
  const untrustedSigned = path.join(host.dataDir, 'nhan-tu-noi-khac.pdf');
  await signPdf({ input: pdf, output: untrustedSigned, signer: openP12Signer(readFileSync(pki.untrustedLeaf.p12Path!), pki.password), appearance: { kind: 'attachment', numberNotation: '77/UBND' } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Đăng ký văn bản đến' })).toBeVisible();

  // A received PDF whose signer chains to no trusted root is flagged before it is registered.
  await page.getByTestId('file-input').setInputFiles({ name: 'nhan-tu-noi-khac.pdf', mimeType: 'application/pdf', buffer: readFileSync(untrustedSigned) });
  const warning = page.getByTestId('signature-warnings');
  await expect(warning).toContainText('chữ ký số chưa được tin cậy', { timeout: 60_000 });
  await expect(warning).toContainText('Phạm Văn Lạ');
  await shot(page, 'signing-1-register-warning');
  await page.getByRole('button', { name: 'Xóa nhan-tu-noi-khac.pdf' }).click();
  await expect(warning).toBeHidden();

  // An unsigned PDF registered the usual way, then opened from the register.
  await page.getByTestId('file-input').setInputFiles({ name: 'cong-van.pdf', mimeType: 'application/pdf', buffer: readFileSync(pdf) });
  await expect(page.getByText(/Đã đọc, \d+ trang/)).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 1');
  await page.keyboard.press('Alt+2');
  await page.getByRole('row').nth(1).dblclick();
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1');
  const badge = page.getByTestId('signature-badge');
  await expect(badge).toHaveText(/Không có chữ ký/);

  // Trust the test root through the UI (a PEM upload).
  await page.getByRole('button', { name: 'Chứng thư tin cậy và USB ký số…' }).click();
  const trust = page.getByRole('dialog', { name: 'Chứng thư tin cậy và USB ký số' });
  await trust.getByTestId('trust-input').setInputFiles(pki.rootPemPath);
  await expect(trust.getByText('Đã thêm chứng thư tin cậy.')).toBeVisible();
  await expect(trust).toContainText('Chứng thư gốc');
  // The token library: a vendor's path for this system fills the field, which stays editable.
  const preset = trust.getByTestId('pkcs11-preset');
  const modulePath = trust.getByLabel(msg('signingUi.trust.module'));
  await preset.selectOption({ label: 'Viettel-CA — /usr/lib/libviettel-ca_v2.so' });
  await expect(modulePath).toHaveValue('/usr/lib/libviettel-ca_v2.so');
  await modulePath.fill('/opt/token/libkhac.so');
  await expect(preset).toHaveValue('');
  await preset.selectOption({ label: 'VGCA — Ban Cơ yếu Chính phủ — /usr/lib/libbit4xpki.so' });
  await expect(modulePath).toHaveValue('/usr/lib/libbit4xpki.so');
  await shot(page, 'signing-2-trusted-roots');
  await page.keyboard.press('Escape');
  await expect(trust).toBeHidden();

  // Sign: the .p12 and its password, the certificate shown, the box dragged on the page.
  await page.getByRole('button', { name: 'Ký số', exact: true }).click();
  const panel = page.getByTestId('sign-panel');
  await panel.getByTestId('p12-input').setInputFiles(pki.leaf.p12Path!);
  await panel.getByTestId('sign-secret').fill(pki.password);
  await panel.getByRole('button', { name: 'Xem chứng thư trong tệp' }).click();
  await expect(panel.getByRole('radio', { name: /Nguyễn Văn An/ })).toBeChecked();
  await expect(panel).toContainText('Mục đích: ký số, chống chối bỏ');
  // Files are chosen with a Vietnamese button: a native file input would show "Choose File" in an English browser.
  await expect(panel.getByRole('button', { name: msg('ui.file.choose') }).first()).toBeVisible();
  await expect(panel.locator('input[type=file]:visible')).toHaveCount(0);
  await panel.getByTestId('sign-kind').selectOption('receipt');
  // Long-term validation is offered, off by default (it needs the CA's OCSP/CRL service), with its hint beside it.
  const ltv = panel.getByRole('checkbox', { name: msg('signingUi.sign.ltv') });
  await expect(ltv).not.toBeChecked();
  await expect(ltv).toHaveAccessibleDescription(msg('signingUi.sign.ltvHint'));

  const surface = page.getByTestId('signature-placement');
  const area = (await surface.boundingBox())!;
  const from = { x: area.x + 40, y: area.y + 30 };
  const to = { x: area.x + 40 + 210, y: area.y + 30 + 140 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 70, from.y + 50, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('signature-box')).toBeVisible();
  await expect(panel.getByTestId('placement-status')).toContainText('Vị trí: trang 1');
  await shot(page, 'signing-3-placed');

  await panel.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(page.getByText(/Đã ký số\. Bản đã ký được lưu thành phiên bản 2/)).toBeVisible({ timeout: 30_000 });
  await expect(badge).toHaveText(/Đã ký hợp lệ/);
  const item = page.getByTestId('signature-item');
  await expect(item).toContainText('Chữ ký 1: Nguyễn Văn An');
  await expect(item).toContainText('Nội dung được ký còn nguyên vẹn');
  await expect(item).toContainText('Toàn bộ tệp');
  await expect(item).toContainText('Tin cậy (gốc:');
  await expect(page.getByTestId('history')).toContainText('lưu thành phiên bản 2');
  await pageDrawn(page);
  await shot(page, 'signing-4-signed');

  // The new version, checked by tools we did not write; the box is where it was dragged on the page.
  const documentId = (await rpc<{ rows: { id: string }[] }>(page, host.url, 'incoming.list', {})).rows[0]!.id;
  const [version] = await rpc<{ hash: string }[]>(page, host.url, 'signing.versions', { documentId });
  const file = path.join(host.dataDir, 'content', version!.hash.slice(0, 2), version!.hash);
  expect(pdfsig(file)).toMatchObject([{ valid: true, totalDocumentSigned: true, commonName: 'Nguyễn Văn An' }]);
  // The drag's pixels relative to the page as it was shown then (the overlay covers exactly the canvas).
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))!.map(Number);
  const scale = area.width / width!;
  const expected = [(from.x - area.x) / scale, height! - (to.y - area.y) / scale, (to.x - area.x) / scale, height! - (from.y - area.y) / scale];
  const rect = widgetRect(file);
  rect.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1.5));

  // An approval with a handwritten-signature image on top: version 3, two valid signatures, the first with allowed changes.
  await page.getByRole('button', { name: 'Ký số', exact: true }).click();
  await panel.getByTestId('p12-input').setInputFiles(pki.leaf.p12Path!);
  await panel.getByTestId('sign-secret').fill(pki.password);
  await panel.getByRole('button', { name: 'Xem chứng thư trong tệp' }).click();
  await expect(panel.getByRole('radio', { name: /Nguyễn Văn An/ })).toBeChecked();
  await panel.getByTestId('sign-kind').selectOption('approval');
  await expect(panel.getByTestId('placement-status')).toHaveText('Kéo chuột trên trang văn bản bên phải để đặt vị trí chữ ký.');
  await panel.getByLabel('Ảnh chữ ký (PNG nền trong suốt)').setInputFiles({ name: 'chu-ky.png', mimeType: 'image/png', buffer: signaturePng() });
  // From the keyboard: Enter puts a box in the middle of the page, an arrow moves it 5 points.
  const status = panel.getByTestId('placement-status');
  await page.getByTestId('signature-placement').focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('170×70 pt');
  const xOf = async () => Number(/x (\d+)/.exec((await status.textContent()) ?? '')![1]);
  const x0 = await xOf();
  await page.keyboard.press('ArrowRight');
  await expect.poll(xOf).toBe(x0 + 5);
  // Then the mouse: a dragged box replaces it.
  const again = (await page.getByTestId('signature-placement').boundingBox())!;
  await page.mouse.move(again.x + again.width * 0.55, again.y + again.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(again.x + again.width * 0.85, again.y + again.height * 0.36, { steps: 6 });
  await page.mouse.up();
  await panel.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(page.getByText(/Đã ký số\. Bản đã ký được lưu thành phiên bản 3/)).toBeVisible({ timeout: 30_000 });
  await expect(badge).toHaveText(/Đã ký hợp lệ\s*\(2 chữ ký\)/);
  await expect(page.getByTestId('signature-item')).toHaveCount(2);
  await expect(page.getByTestId('signature-item').first()).toContainText('Có, được phép');
  await pageDrawn(page);
  await shot(page, 'signing-5-approval');
  const third = (await rpc<{ hash: string; version: number }[]>(page, host.url, 'signing.versions', { documentId })).at(-1)!;
  expect(third.version).toBe(3);
  expect(pdfsig(path.join(host.dataDir, 'content', third.hash.slice(0, 2), third.hash)).map((x) => x.valid)).toEqual([true, true]);
  // The .p12 was chosen twice and signed with twice, yet no file in the data folder holds any piece of it.
  expect(filesHolding(host.dataDir, readFileSync(pki.leaf.p12Path!))).toEqual([]);

  // Issuing next: the seal's box starts where the approval is drawn, so the seal covers its left third (Decree 30).
  await page.getByRole('button', { name: 'Ký số', exact: true }).click();
  await panel.getByTestId('sign-kind').selectOption('issue');
  type Drawn = { page: number; x: number; y: number; width: number; height: number };
  const { signatures } = await rpc<{ signatures: { placement: Drawn | null }[] }>(page, host.url, 'signing.verify', { hash: third.hash });
  const approvalBox = signatures.at(-1)!.placement!;
  const round = (n: number) => Math.round(n);
  await expect(panel.getByTestId('placement-status')).toHaveText(
    msg('signingUi.sign.placed', { page: approvalBox.page, x: round(approvalBox.x), y: round(approvalBox.y), w: round(approvalBox.width), h: round(approvalBox.height) }),
  );
  await expect(panel.getByTestId('issue-unsigned')).toHaveCount(0);
  await panel.getByRole('button', { name: msg('ui.action.cancel') }).click();

  expect(pageErrors).toEqual([]);
});

/** Page 1's words with their boxes (y from the top), by poppler: annotation appearances included, as it draws them. */
function wordBoxes(file: string): { text: string; x0: number; x1: number; y0: number; y1: number }[] {
  const html = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!,
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
  }));
}

test('issuing: number and date proposed in the template blanks, nudged from the keyboard, written there, remembered for the template', async ({ page, host }) => {
  const NBSP = '\u00a0';
  const pdf = await makeDocumentPdf('quyetDinh', { codeNumber: NBSP.repeat(10), dateText: `ngày${NBSP.repeat(8)}tháng${NBSP.repeat(8)}năm 2026` });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await setUpOrganisation(page, host.url, { ...COMMUNE, name: 'Ủy ban nhân dân tỉnh Quảng Ninh', organId: '000.00.00.H41' });
  await page.reload();
  await page.getByTestId('file-input').setInputFiles({ name: 'du-thao-quyet-dinh.pdf', mimeType: 'application/pdf', buffer: readFileSync(pdf) });
  await expect(page.getByText(/Đã đọc, \d+ trang/)).toBeVisible({ timeout: 60_000 });
  // A draft has no date yet: the clerk types the one it will be issued with.
  await page.getByLabel('Ngày tháng văn bản').fill('15/11/2026');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-banner')).toContainText('Đã đăng ký văn bản đến số 1');
  await page.keyboard.press('Alt+2');
  await page.getByRole('row').nth(1).dblclick();
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1');

  const openIssue = async () => {
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    const panel = page.getByTestId('sign-panel');
    await panel.getByTestId('sign-kind').selectOption('issue');
    return panel;
  };
  const panel = await openIssue();
  await expect(panel.getByTestId('issue-source')).toContainText('Đã tìm thấy chỗ trống');
  // An unsigned draft: the panel says the competent person has not signed yet (the clerk may still go on).
  await expect(panel.getByTestId('issue-unsigned')).toHaveText(msg('signingUi.sign.issueUnsigned'));
  await panel.getByTestId('p12-input').setInputFiles(pki.orgLeaf.p12Path!);
  await panel.getByTestId('sign-secret').fill(pki.password);
  await panel.getByRole('button', { name: 'Xem chứng thư trong tệp' }).click();
  await expect(panel.getByRole('radio', { name: /Ủy ban nhân dân tỉnh Thử Nghiệm/ })).toBeChecked();
  await panel.getByLabel('Ảnh con dấu (PNG nền trong suốt)').setInputFiles({ name: 'con-dau.png', mimeType: 'image/png', buffer: sealPng() });
  await panel.getByLabel('Số, ký hiệu văn bản').fill('125/QĐ-UBND');
  await panel.getByLabel('Ngày văn bản').fill('15/11/2026');
  await panel.getByLabel('Ngày văn bản').blur();
  // The preview shows only what goes into the blanks.
  await expect(page.getByTestId('issue-preview-number')).toHaveText('125');
  await expect(page.getByTestId('issue-preview-date')).toHaveText(['15', '11']);

  // The seal box from the keyboard (Enter: middle of the page), then the number nudged 2 points right with the arrows.
  await page.getByTestId('signature-placement').focus();
  await page.keyboard.press('Enter');
  await panel.getByRole('radio', { name: 'Số, ký hiệu' }).check();
  const numberLine = panel.getByTestId('issue-at-number');
  const xOf = async () => Number(/x (\d+)/.exec((await numberLine.textContent()) ?? '')![1]);
  const x0 = await xOf();
  await page.getByTestId('issue-placement').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(xOf).toBe(x0 + 2);
  await shot(page, 'signing-6-issue-places');

  await panel.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(page.getByText(/Đã ký số\. Bản đã ký được lưu thành phiên bản 2/)).toBeVisible({ timeout: 30_000 });
  await pageDrawn(page);
  // Next to its version chip the file keeps its whole name.
  const fileName = page.locator('.attachment-name', { hasText: 'du-thao-quyet-dinh.pdf' });
  await expect(page.locator('.attachment', { has: fileName }).getByText(msg('signingUi.version', { version: 2 }))).toBeVisible();
  expect(await fileName.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await shot(page, 'signing-7-issued');

  // In the file, by poppler: the number between "Số:" and "/QĐ-UBND", day and month between the date's words, all on
  // the header's lines and over none of its words.
  const documentId = (await rpc<{ rows: { id: string }[] }>(page, host.url, 'incoming.list', {})).rows[0]!.id;
  const [version] = await rpc<{ hash: string }[]>(page, host.url, 'signing.versions', { documentId });
  const file = path.join(host.dataDir, 'content', version!.hash.slice(0, 2), version!.hash);
  expect(pdfsig(file)).toMatchObject([{ valid: true, totalDocumentSigned: true }]);
  const before = wordBoxes(pdf);
  const after = wordBoxes(file);
  const top = (list: typeof after, text: string) => list.filter((w) => w.text === text).sort((a, b) => a.y0 - b.y0)[0]!;
  const [so, notation, ngay, thang, nam] = ['Số:', '/QĐ-UBND', 'ngày', 'tháng', 'năm'].map((t) => top(before, t));
  const [number, day, month] = ['125', '15', '11'].map((t) => top(after, t));
  expect(number!.x0).toBeGreaterThan(so!.x1);
  expect(number!.x1).toBeLessThan(notation!.x0);
  expect(Math.abs(number!.y1 - so!.y1)).toBeLessThan(3);
  expect(day!.x0).toBeGreaterThan(ngay!.x1);
  expect(day!.x1).toBeLessThan(thang!.x0);
  expect(month!.x0).toBeGreaterThan(thang!.x1);
  expect(month!.x1).toBeLessThan(nam!.x0);
  for (const w of [number!, day!, month!]) for (const b of before) expect(w.x0 < b.x1 && b.x0 < w.x1 && w.y0 < b.y1 && b.y0 < w.y1, `“${w.text}” over “${b.text}”`).toBe(false);

  // Signing the same template again: the places the clerk confirmed come back, nudge included.
  await openIssue();
  await expect(page.getByTestId('issue-source')).toContainText('Vị trí đã nhớ');
  await expect.poll(xOf).toBe(x0 + 2);
  expect(pageErrors).toEqual([]);
});
