/**
 * What the e2e scenarios share: screenshots under tests/.artifacts/screenshots, dropping a file the way a file manager
 * does, and calls to the browser host's contract for the set-up that is not the scenario's subject (the organisation,
 * documents registered beforehand).
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { AttachmentRef, IncomingDocument, IncomingFields, OrgProfile, OrgSetupInput } from '../../shared/contract/types';
import { msg } from '../../shared/messages';
import { expect } from './webHostFixture';

export const SHOTS = path.resolve(import.meta.dirname, '../.artifacts/screenshots');

export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), ...options });
}

/** Drops a file on the zone the way a file manager does: a DataTransfer carrying a File. */
export async function dropFile(page: Page, file: string, name: string, mimeType = 'application/pdf') {
  const base64 = (await readFile(file)).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, mimeType }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: mimeType }));
      return dt;
    },
    { base64, name, mimeType },
  );
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** One contract call through the browser host, as the renderer makes it; a refusal fails the test with its message. */
export async function rpc<T = unknown>(page: Page, hostUrl: string, method: string, input: unknown): Promise<T> {
  const response = await page.request.post(new URL(`/rpc/${method}`, hostUrl).href, { headers: { 'X-Vanthu': '1' }, data: input });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return body.value;
}

/** A commune office with one clerk: enough for every scenario whose subject is not the first-run setup. */
export const COMMUNE: OrgSetupInput = {
  name: 'Ủy ban nhân dân xã Tân Lập',
  organId: '000.01.02.H30',
  abbrev: 'UBND',
  units: [],
  staff: [{ fullName: 'Phạm Thị Hằng', position: 'Văn thư', unitAbbrev: null, role: 'van_thu' }],
};

/** The first-run setup is another scenario's subject: here the organisation is made through the contract. */
export function setUpOrganisation(page: Page, hostUrl: string, org: OrgSetupInput = COMMUNE): Promise<OrgProfile> {
  return rpc<OrgProfile>(page, hostUrl, 'org.setup', org);
}

/** Stores a file in the content store as the drop zone does, without reading it for proposals. */
export async function uploadFile(page: Page, hostUrl: string, file: string, name: string): Promise<AttachmentRef> {
  const url = new URL('/content', hostUrl);
  url.searchParams.set('name', name);
  const response = await page.request.put(url.href, { headers: { 'X-Vanthu': '1' }, data: await readFile(file) });
  const body = (await response.json()) as { ok: boolean; value: AttachmentRef; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return { hash: body.value.hash, name: body.value.name };
}

/** Registers a document as if typed; fields not given are empty or the usual defaults. */
export async function registerByContract(
  page: Page,
  hostUrl: string,
  fields: Partial<IncomingFields>,
  attachments: AttachmentRef[] = [],
): Promise<IncomingDocument> {
  const out = await rpc<{ kind: string; document: IncomingDocument }>(page, hostUrl, 'incoming.register', {
    fields: {
      arrivalDate: '2026-10-01', organName: 'Bộ Nội vụ', codeNumber: '', codeNotation: '', issuedDate: '2026-10-01', typeName: 'Công văn',
      subject: 'Văn bản thử', signerName: '', signerPosition: '', place: '', priority: 0, secrecy: 'none', pageAmount: null, dueDate: null,
      toPlaces: '', note: '', documentId: '', channel: 'paper', ...fields,
    },
    attachments,
  });
  expect(out.kind).toBe('registered');
  return out.document;
}

/** Waits until pdf.js has drawn the page: the canvas element is reused across files, so its attributes may be stale. */
export async function pageDrawn(page: Page) {
  const canvas = page.getByTestId('pdf-canvas');
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((el: HTMLCanvasElement) => {
        const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) dark++;
        return dark;
      }),
    )
    .toBeGreaterThan(1000);
}

/** Clicks what starts a download and saves the file under `dir`; returns its path and suggested name. */
export async function savedDownload(page: Page, click: () => Promise<void>, dir: string): Promise<{ saved: string; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const name = download.suggestedFilename();
  const saved = path.join(dir, name);
  await download.saveAs(saved);
  return { saved, name };
}

/** Switches "Người dùng" to `name` as shown there ("Trần Văn Hùng (Lãnh đạo)"), as people sharing one PC do. */
export async function actAs(page: Page, name: string) {
  const select = page.getByLabel(msg('outgoingUi.user.label'));
  await select.selectOption({ label: name });
  await expect(select.locator('option:checked')).toHaveText(name);
}
