/** `vanthu tracking-book` and `vanthu slip` in real processes, over a data folder where a month was handled. */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runHandlingMonth, SUBJECTS } from '../support/handlingFlow';
import { openOffice } from '../support/handlingOffice';
import { vanthuIn } from '../support/vanthuProcess';

// Real processes on a shared, busy machine.
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let ids: Awaited<ReturnType<typeof runHandlingMonth>>;
const vanthu = (...args: string[]) => vanthuIn(dir, args);
const layoutText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfText = (file: string) => layoutText(file).replace(/\s+/g, ' ');
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

beforeAll(async () => {
  const office = await openOffice();
  ids = await runHandlingMonth(office);
  dir = office.dir;
  office.core.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vanthu tracking-book', () => {
  it('prints the tracking register of a period as PDF and XLSX', async () => {
    const pdf = path.join(dir, 'theo-doi.pdf');
    const r = await vanthu('tracking-book', '--from', '2026-11-01', '--to', '2026-11-30', '-o', pdf);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Đã ghi sổ theo dõi giải quyết văn bản đến vào ${pdf}.`);
    const text = layoutText(pdf);
    expect(text).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    // The first line of each entry, column after column.
    expect(text).toMatch(/^\s*1\s+Công văn số 125\/STNMT-ĐĐBĐ ngày 18\/11\/2026\s+Chủ trì: Địa chính - Xây\s+27\/11\/2026\s+Đã giải quyết ngày 25\/11\/2026$/m);
    expect(text).toMatch(/^\s*7\s+Công văn số 340\/STNMT-VP ngày 18\/11\/2026 của\s+Chủ trì: Địa chính - Xây\s+30\/11\/2026\s+Đã giải quyết ngày 26\/11\/2026\s+01\/UBND-ĐCXD$/m);
    expect(pdfText(pdf)).not.toContain(SUBJECTS.notInstructed);
    const xlsx = path.join(dir, 'theo-doi.xlsx');
    expect((await vanthu('tracking-book', '--from', '2026-11-01', '--to', '2026-11-30', '-o', xlsx)).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('prints one lead unit by its abbreviation, also as register-book --kind tracking', async () => {
    const pdf = path.join(dir, 'theo-doi-vp.pdf');
    const r = await vanthu('register-book', '--kind', 'tracking', '--unit', 'vp', '--from', '2026-11-01', '--to', '2026-11-30', '-o', pdf);
    expect(r.code, r.stderr).toBe(0);
    const text = pdfText(pdf);
    expect(text).toContain('Đơn vị chủ trì: Văn phòng');
    expect(text).toContain(SUBJECTS.unitOnly);
    expect(text).not.toContain('Lê Minh Đức');
  });

  it('refuses bad input with exit 2 and a Vietnamese message, without a stack trace', async () => {
    const pdf = path.join(dir, 'x.pdf');
    for (const [args, says] of [
      [['tracking-book', '--from', '2026-11-01', '--to', '2026-11-30', '--unit', 'KT', '-o', pdf], 'Không có đơn vị viết tắt “KT” trong cơ quan. Các đơn vị: VP, ĐCXD.'],
      [['tracking-book', '--from', '2026-11-30', '--to', '2026-11-01', '-o', pdf], '--to'],
      [['tracking-book', '--from', '2026-11-01', '--to', '2026-11-30', '-o', 'so.docx'], 'Tệp ra phải có đuôi .pdf hoặc .xlsx.'],
      [['register-book', '--unit', 'VP', '--from', '2026-11-01', '--to', '2026-11-30', '-o', pdf], '– --unit: Chỉ sổ theo dõi giải quyết văn bản đến mới in riêng theo đơn vị chủ trì.'],
    ] as const) {
      const r = await vanthu(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(says);
      noStackTrace(r.stderr);
    }
  });
});

describe('vanthu slip', () => {
  it('prints the handling slip of a document', async () => {
    const pdf = path.join(dir, 'phieu.pdf');
    const r = await vanthu('slip', ids.closed, '-o', pdf);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Đã ghi phiếu giải quyết văn bản đến vào ${pdf}.`);
    const text = pdfText(pdf);
    for (const part of ['1. Ý kiến của lãnh đạo cơ quan, tổ chức:', '2. Ý kiến của lãnh đạo đơn vị:', '3. Ý kiến đề xuất của người giải quyết:']) expect(text).toContain(part);
    expect(text).toContain('Ngày 25/11/2026: Đã giải quyết. Đã báo cáo kết quả rà soát (Lê Minh Đức)');
  });

  it('refuses a wrong or unknown id and a file that is not a PDF with exit 2', async () => {
    const pdf = path.join(dir, 'phieu-x.pdf');
    for (const [args, says] of [
      [['slip', 'abc', '-o', pdf], '– <mã văn bản>: '],
      [['slip', '00000000-0000-4000-8000-00000000ffff', '-o', pdf], 'Không tìm thấy'],
      [['slip', ids.closed, '-o', 'phieu.docx'], 'Tệp ra phải có đuôi .pdf.'],
    ] as const) {
      const r = await vanthu(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(says);
      noStackTrace(r.stderr);
    }
  });
});
