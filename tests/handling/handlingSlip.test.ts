/**
 * The handling slip (phiếu giải quyết văn bản đến) of documents handled through the core, read back with poppler:
 * one A4 portrait page with the document and the three parts written from the handling steps.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call } from '../support/coreFixture';
import { runHandlingMonth, SUBJECTS } from '../support/handlingFlow';
import { openOffice } from '../support/handlingOffice';

vi.setConfig({ testTimeout: 60_000 });

const OUT = join('tests', '.artifacts', 'handling-slip');
/** Words joined by single spaces: pdftotext -layout spreads a line's parts with runs of spaces. */
const spaced = (s: string) => s.replace(/\s+/g, ' ');

let office: Awaited<ReturnType<typeof openOffice>>;
let ids: Awaited<ReturnType<typeof runHandlingMonth>>;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  office = await openOffice();
  ids = await runHandlingMonth(office);
});
afterAll(() => office.dispose());

/** The slip through the contract, kept under tests/.artifacts, with its text and page facts as poppler reads them. */
async function slip(name: string, id: string) {
  const ref = await call(office.core, 'handling.slip', { id });
  const path = join(OUT, `${name}.pdf`);
  writeFileSync(path, await office.core.content.read(ref.hash));
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return { ref, path, text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), size: /^Page size:\s+(.+)$/m.exec(info)?.[1] };
}

/** The text between one part's heading and the next (or the end). */
function partOf(text: string, n: 1 | 2 | 3): string {
  const starts = ['1. Ý kiến của lãnh đạo cơ quan, tổ chức:', '2. Ý kiến của lãnh đạo đơn vị:', '3. Ý kiến đề xuất của người giải quyết:'];
  const from = text.indexOf(starts[n - 1]!);
  expect(from, `part ${n}`).toBeGreaterThanOrEqual(0);
  const to = n < 3 ? text.indexOf(starts[n]!) : text.length;
  return spaced(text.slice(from + starts[n - 1]!.length, to)).trim();
}

describe('the handling slip', () => {
  it('prints the document and the three parts of a closed document on one A4 portrait page', async () => {
    const { ref, path, text, pages, size } = await slip('closed', ids.closed);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', path, join(OUT, 'closed')]);
    expect(ref).toMatchObject({ name: 'phieu-giai-quyet_2026-1.pdf', mime: 'application/pdf' });
    expect({ pages, size }).toEqual({ pages: 1, size: '595 x 842 pts (A4)' });
    const all = spaced(text);
    expect(all).toContain('ỦY BAN NHÂN DÂN XÃ TÂN LẬP');
    expect(all).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(all).toContain('Số đến: 1 Ngày đến: 20/11/2026 Số, ký hiệu: 125/STNMT-ĐĐBĐ Ngày văn bản: 18/11/2026');
    expect(all).toContain('Cơ quan ban hành: Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh');
    expect(all).toContain(`Tên loại và trích yếu: Công văn ${SUBJECTS.closed}`);
    expect(partOf(text, 1)).toBe(
      'Giao Địa chính - Xây dựng chủ trì giải quyết. Phối hợp: Văn phòng. Thời hạn giải quyết: 01/12/2026. ' +
        'Ý kiến: Khẩn trương, báo cáo trước ngày 30/11 Ngày 20/11/2026 Trần Văn Hùng',
    );
    expect(partOf(text, 2)).toBe('Giao đồng chí Lê Minh Đức giải quyết. Thời hạn giải quyết: 27/11/2026. Ý kiến: Đồng chí Đức kiểm tra thực địa Ngày 20/11/2026 Võ Thị Mai');
    expect(partOf(text, 3)).toBe(
      'Ngày 24/11/2026: Đã kiểm tra thực địa, đang lập biên bản (Lê Minh Đức) Ngày 25/11/2026: Đã giải quyết. Đã báo cáo kết quả rà soát (Lê Minh Đức)',
    );
  });

  it('names a person who leads, and the reply a document was closed with', async () => {
    const byPerson = await slip('by-person', ids.byPerson);
    expect(partOf(byPerson.text, 1)).toBe('Giao đồng chí Lê Minh Đức chủ trì giải quyết. Thời hạn giải quyết: 24/11/2026. Ngày 20/11/2026 Trần Văn Hùng');
    expect(partOf(byPerson.text, 3)).toBe('Ngày 24/11/2026: Đã chuẩn bị báo cáo giao ban (Lê Minh Đức)');
    const replied = await slip('replied', ids.replied);
    expect(partOf(replied.text, 3)).toBe('Ngày 26/11/2026: Đã giải quyết. Văn bản trả lời số 01/UBND-ĐCXD. (Võ Thị Mai)');
  });

  it('leaves dotted lines to write on where nobody has given an opinion yet, and says a provisional entry has no number', async () => {
    const waiting = await slip('waiting', ids.notInstructed);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', waiting.path, join(OUT, 'waiting')]);
    for (const n of [1, 2, 3] as const) expect(partOf(waiting.text, n)).toMatch(/^\.{40,} \.{40,}$/);
    expect(spaced((await slip('provisional', ids.provisional)).text)).toContain('Số đến: chưa cấp Ngày đến: 20/11/2026');
  });

  it('goes on onto further pages, numbered, when the reports are too long for one', async () => {
    const id = await office.register('V/v theo dõi công trình xây dựng kéo dài');
    await office.actAs('Trần Văn Hùng');
    await call(office.core, 'handling.instruct', { id, lead: { kind: 'staff', id: office.staff('Lê Minh Đức') } });
    await office.actAs('Lê Minh Đức');
    const note = (i: number) => `Báo cáo lần ${i}: đã kiểm tra hiện trạng công trình, lập biên bản, đề nghị chủ đầu tư bổ sung hồ sơ và hoàn thiện thủ tục cấp phép xây dựng theo quy định.`;
    for (let i = 1; i <= 30; i++) await call(office.core, 'handling.report', { id, note: note(i) });
    const long = await slip('long', id);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '2', '-l', '2', long.path, join(OUT, 'long')]);
    expect(long.pages).toBeGreaterThan(1);
    const text = spaced(long.text);
    for (let page = 1; page <= long.pages; page++) expect(text).toContain(`Trang ${page}/${long.pages}`);
    for (let i = 1; i <= 30; i++) expect(text).toContain(spaced(note(i)));
  });

  it('refuses a document that does not exist', async () => {
    const result = await office.core.dispatch('handling.slip', { id: '00000000-0000-4000-8000-00000000ffff' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
