/**
 * The handling tracking register (sổ theo dõi giải quyết văn bản đến) printed from a month of handling through the
 * core, read back with poppler (pdftotext, pdfinfo) and ExcelJS: the seven columns, only instructed and numbered
 * documents of the period, one lead unit's part, and a long book with its header on every page.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Input } from '../../shared/contract';
import { call } from '../support/coreFixture';
import { runHandlingMonth, SUBJECTS } from '../support/handlingFlow';
import { openOffice } from '../support/handlingOffice';
import { pdfWords, run } from './pdfWords';
import { readRegister, TRACKING_HEADERS, TRACKING_LAYOUT, wholeRows } from './readRegister';

vi.setConfig({ testTimeout: 60_000 });

const OUT = join('tests', '.artifacts', 'tracking-book');
const squash = (s: string) => s.replace(/\s+/g, '');
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

let office: Awaited<ReturnType<typeof openOffice>>;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  office = await openOffice();
  await runHandlingMonth(office);
});
afterAll(() => office.dispose());

/** Exports through the contract, keeps a copy under tests/.artifacts for a person to look at, returns its path. */
async function exportBook(name: string, input: Omit<Input<'registerBook.export'>, 'kind'>): Promise<{ path: string; bytes: Uint8Array }> {
  const ref = await call(office.core, 'registerBook.export', { ...input, kind: 'tracking' });
  const bytes = await office.core.content.read(ref.hash);
  const path = join(OUT, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

function pdfInfo(path: string): { pages: number; size: string } {
  const info = run('pdfinfo', [path]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), size: /^Page size:\s+(.+)$/m.exec(info)?.[1] ?? '' };
}

/** One page as a small PNG, for a person to look at the layout (tests/.artifacts/tracking-book/<name>-1.png). */
function renderFirstPage(path: string, name: string): void {
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', path, join(OUT, name)]);
}

describe('the tracking register of a month', () => {
  it('prints, on A4 landscape, the seven columns of the instructed documents that arrived in the period', async () => {
    const { path } = await exportBook('november.pdf', { ...NOVEMBER, format: 'pdf' });
    renderFirstPage(path, 'november');
    expect(pdfInfo(path)).toEqual({ pages: 1, size: '842 x 595 pts (A4)' });

    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ TÂN LẬP');
    expect(text).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    // Not instructed, arrived in October, or not numbered yet: not in this book.
    for (const absent of [SUBJECTS.notInstructed, SUBJECTS.october, SUBJECTS.provisional]) expect(squash(text)).not.toContain(squash(absent));

    const read = readRegister(pdfWords(path), TRACKING_LAYOUT);
    expect(read.overflowing).toEqual([]);
    expect(read.headers).toEqual([TRACKING_HEADERS]);
    expect(read.numberRows).toEqual([TRACKING_HEADERS.map((_, i) => `(${i + 1})`)]);
    expect(read.pageLabels).toEqual(['Trang 1/1']);
    const cells = wholeRows(read.rows).map((r) => r.cells.map(squash));
    expect(cells).toEqual(
      [
        [
          '1',
          `Công văn số 125/STNMT-ĐĐBĐ ngày 18/11/2026 của Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh ${SUBJECTS.closed}`,
          'Chủ trì: Địa chính - Xây dựng (Lê Minh Đức) Phối hợp: Văn phòng',
          '27/11/2026',
          'Đã giải quyết ngày 25/11/2026 Đã báo cáo kết quả rà soát',
          '',
          '',
        ],
        // A person named to lead has it at once; the deadline is the organisation's rule for a giấy mời.
        ['2', `Giấy mời số 88/GM-UBND ngày 18/11/2026 của Ủy ban nhân dân huyện Cẩm Xuyên ${SUBJECTS.byPerson}`, 'Chủ trì: Lê Minh Đức', '24/11/2026', 'Đã chuẩn bị báo cáo giao ban', '', ''],
        ['4', `Kế hoạch Không số ngày 17/11/2026 của Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh ${SUBJECTS.unitOnly}`, 'Chủ trì: Văn phòng', '15/12/2026', '', '', ''],
        ['7', `Công văn số 340/STNMT-VP ngày 18/11/2026 của Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh ${SUBJECTS.replied}`, 'Chủ trì: Địa chính - Xây dựng', '30/11/2026', 'Đã giải quyết ngày 26/11/2026', '01/UBND-ĐCXD', ''],
      ].map((row) => row.map(squash)),
    );
  });

  it('writes the same rows in the XLSX, dates as dates and numbers as numbers', async () => {
    const { bytes } = await exportBook('november.xlsx', { ...NOVEMBER, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Sổ theo dõi giải quyết');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect([1, 2, 3, 4].map((r) => sheet.getCell(r, 1).value)).toEqual([null, 'ỦY BAN NHÂN DÂN XÃ TÂN LẬP', 'SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN', 'Từ ngày 01/11/2026 đến ngày 30/11/2026']);
    expect(TRACKING_HEADERS.map((_, i) => sheet.getCell(6, i + 1).value)).toEqual(TRACKING_HEADERS);
    const row = (n: number) => TRACKING_HEADERS.map((_, i) => sheet.getCell(8 + n, i + 1).value);
    expect(row(0)).toEqual([
      1,
      `Công văn số 125/STNMT-ĐĐBĐ ngày 18/11/2026 của Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh\n${SUBJECTS.closed}`,
      'Chủ trì: Địa chính - Xây dựng (Lê Minh Đức)\nPhối hợp: Văn phòng',
      new Date('2026-11-27T00:00:00Z'),
      'Đã giải quyết ngày 25/11/2026\nĐã báo cáo kết quả rà soát',
      null,
      null,
    ]);
    expect(row(3)).toEqual([7, expect.stringContaining('340/STNMT-VP'), 'Chủ trì: Địa chính - Xây dựng', new Date('2026-11-30T00:00:00Z'), 'Đã giải quyết ngày 26/11/2026', '01/UBND-ĐCXD', null]);
    expect(row(4)).toEqual(TRACKING_HEADERS.map(() => null));
  });

  it('prints one lead unit’s part, named under the period, with the documents of a person of that unit', async () => {
    const { path } = await exportBook('november-dcxd.pdf', { ...NOVEMBER, format: 'pdf', unitId: office.unit('ĐCXD') });
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('Đơn vị chủ trì: Địa chính - Xây dựng');
    expect(wholeRows(readRegister(pdfWords(path), TRACKING_LAYOUT).rows).map((r) => r.cells[0])).toEqual(['1', '2', '7']);

    const { bytes } = await exportBook('november-vp.xlsx', { ...NOVEMBER, format: 'xlsx', unitId: office.unit('VP') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(5, 1).value).toBe('Đơn vị chủ trì: Văn phòng');
    expect([8, 9].map((r) => sheet.getCell(r, 1).value)).toEqual([4, null]);
  });

  it('refuses a unit with another register, and an unknown unit, in Vietnamese', async () => {
    const other = await office.core.dispatch('registerBook.export', { ...NOVEMBER, format: 'pdf', kind: 'incoming', unitId: office.unit('VP') });
    expect(other).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: { unitId: 'Chỉ sổ theo dõi giải quyết văn bản đến mới in riêng theo đơn vị chủ trì.' } } });
    const unknown = await office.core.dispatch('registerBook.export', { ...NOVEMBER, format: 'pdf', kind: 'tracking', unitId: '00000000-0000-4000-8000-00000000ffff' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Không có đơn vị này trong cơ quan.' } });
  });
});

describe('a long tracking register', () => {
  let long: Awaited<ReturnType<typeof openOffice>>;
  beforeAll(async () => {
    long = await openOffice();
    const ids: string[] = [];
    for (let i = 1; i <= 60; i++) ids.push(await long.register(`V/v thực hiện nhiệm vụ số ${i} về quản lý đất đai, trật tự xây dựng và bảo vệ môi trường trên địa bàn xã`));
    await long.actAs('Trần Văn Hùng');
    for (const [i, id] of ids.entries()) {
      const lead = i % 2 === 0 ? long.unit('ĐCXD') : long.unit('VP');
      await call(long.core, 'handling.instruct', { id, lead: { kind: 'unit', id: lead }, cooperating: [i % 2 === 0 ? long.unit('VP') : long.unit('ĐCXD')] });
    }
  });
  afterAll(() => long.dispose());

  it('repeats the headers and column numbers on every page, numbers its pages and keeps every entry once, in order', async () => {
    const ref = await call(long.core, 'registerBook.export', { ...NOVEMBER, format: 'pdf', kind: 'tracking' });
    const path = join(OUT, 'long.pdf');
    writeFileSync(path, await long.core.content.read(ref.hash));
    renderFirstPage(path, 'long');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '2', '-l', '2', path, join(OUT, 'long')]);
    const { pages, size } = pdfInfo(path);
    expect(size).toBe('842 x 595 pts (A4)');
    expect(pages).toBeGreaterThan(1);
    const read = readRegister(pdfWords(path), TRACKING_LAYOUT);
    expect(read.headers).toEqual(Array.from({ length: pages }, () => TRACKING_HEADERS));
    expect(read.numberRows).toHaveLength(pages);
    expect(read.pageLabels).toEqual(Array.from({ length: pages }, (_, i) => `Trang ${i + 1}/${pages}`));
    expect(read.overflowing).toEqual([]);
    expect(wholeRows(read.rows).map((r) => Number(r.cells[0]))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });
});
