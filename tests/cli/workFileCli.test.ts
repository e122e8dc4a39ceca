/** `vanthu file …` and `vanthu report kpi` in real processes, over a data folder where a document was handled online. */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openOffice } from '../support/handlingOffice';
import { vanthuIn } from '../support/vanthuProcess';
import { handledOnline } from '../support/workFileOffice';

// Real processes on a shared, busy machine.
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let doc: Awaited<ReturnType<typeof handledOnline>>;
const vanthu = (...args: string[]) => vanthuIn(dir, args);
// The command line runs on the real clock: its files open and close today.
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  const office = await openOffice();
  doc = await handledOnline(office, 'V/v kiểm tra hiện trạng sử dụng đất');
  dir = office.dir;
  office.core.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vanthu file and vanthu report kpi', () => {
  it('plans, opens, files, closes and exports a work file, then reports the share online as PDF and XLSX', async () => {
    const officer = ['--as', 'Lê Minh Đức'];
    expect((await vanthu(...officer, 'file', 'plan', '--notation', '01.ĐC', '--title', 'Hồ sơ kiểm tra đất', '--retention', '10 năm')).code).toBe(1);
    const planned = await vanthu('--as', 'Nguyễn Thị Lan', 'file', 'plan', '--notation', '01.ĐC', '--title', 'Hồ sơ kiểm tra đất', '--retention', '10 năm', '--unit', 'đcxd', '--year', String(year));
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain(`Đã ghi 01.ĐC — Hồ sơ kiểm tra đất vào danh mục hồ sơ năm ${year}.`);

    const opened = await vanthu(...officer, 'file', 'open', '--plan', '01.ĐC', '--year', String(year), '--json');
    expect(opened.code, opened.stderr).toBe(0);
    const file = JSON.parse(opened.stdout) as { id: string; fileCode: string };
    expect(file.fileCode).toBe(`000.12.34.H41.${year}.01.ĐC`);
    const added = await vanthu(...officer, 'file', 'add', file.id, doc.id);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('1. ');
    expect(added.stdout).toContain('V/v kiểm tra hiện trạng sử dụng đất');

    const refused = await vanthu('--as', 'Đặng Văn Nam', 'file', 'close', file.id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Chỉ người lập hồ sơ hoặc lãnh đạo đơn vị mới được đóng hồ sơ.');
    const closed = await vanthu(...officer, 'file', 'close', file.id);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain('Xử lý hoàn toàn trên môi trường mạng: Có.');

    const pdf = path.join(dir, 'ho-so.pdf');
    expect((await vanthu('file', 'export', file.id, '-o', pdf)).code).toBe(0);
    execFileSync('qpdf', ['--check', pdf]);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('HANDLED ONLINE - trang 2');
    const xml = path.join(dir, 'ho-so.xml');
    expect((await vanthu('file', 'export', file.id, '-o', xml)).code).toBe(0);
    execFileSync('xmllint', ['--noout', '--schema', path.join(import.meta.dirname, '../../resources/xml/work-file.xsd'), xml], { stdio: 'pipe' });
    expect(readFileSync(xml, 'utf8')).toContain(`<FileHash>${doc.hash}</FileHash>`);

    const listed = await vanthu('file', 'list', '--year', String(year), '--closed');
    expect(listed.stdout).toContain(`000.12.34.H41.${year}.01.ĐC  Hồ sơ kiểm tra đất  [đã đóng, Địa chính - Xây dựng]`);

    const report = path.join(dir, 'kpi.pdf');
    const r = await vanthu('report', 'kpi', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '-o', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 hồ sơ đóng, 1 xử lý hoàn toàn trên môi trường mạng (100,0 %)');
    execFileSync('qpdf', ['--check', report]);
    expect(execFileSync('pdftotext', ['-layout', report, '-'], { encoding: 'utf8' })).toMatch(/Địa chính - Xây dựng\s+1\s+1\s+1\s+100,0 %/);
    const xlsx = path.join(dir, 'kpi.xlsx');
    expect((await vanthu('report', 'kpi', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--unit', 'ĐCXD', '-o', xlsx)).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad input with exit 2 and a Vietnamese message', async () => {
    const bad = await vanthu('report', 'kpi', '--from', '2026-12-31', '--to', '2026-01-01', '-o', path.join(dir, 'x.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
    expect((await vanthu('report', 'kpi', '--from', '2026-01-01', '--to', '2026-12-31', '-o', path.join(dir, 'x.doc'))).code).toBe(2);
    expect((await vanthu('file', 'frobnicate')).code).toBe(2);
  });
});
