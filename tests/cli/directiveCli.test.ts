/**
 * `vanthu directive …` and `vanthu directives` as a script drives them, in real processes on the real clock: a leader
 * gives a directive from a meeting, the unit's officer reports, the head marks it done, the list shows it done on time;
 * one given at an earlier meeting and left open is listed as overdue; refusals keep their exit codes. `vanthu report
 * directives` then prints those directives' tracking report as PDF and XLSX.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, todayInVietnam } from '../../shared/domain/dates';
import { tempDir } from '../support/coreFixture';
import { OFFICE_INIT_ARGS } from '../support/handlingOffice';
import { vanthuIn } from '../support/vanthuProcess';

const data = tempDir('vanthu-directive-cli-');
const vanthu = (...args: string[]) => vanthuIn(data.dir, args);

vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  const init = await vanthu(...OFFICE_INIT_ARGS);
  expect(init.code, init.stderr).toBe(0);
}, 60_000);

afterAll(() => data.remove());

describe('vanthu directive and directives', () => {
  it('carry a directive from the leader to done on time, and list a late one as overdue with the counts', async () => {
    const today = todayInVietnam();
    // Not the clerk's to give: refused, exit 1, the reason in Vietnamese; a missing unit is bad input, exit 2.
    const refused = await vanthu('--as', 'Nguyễn Thị Lan', 'directive', 'add', '--content', 'Rà soát', '--unit', 'ĐCXD', '--meeting', 'Họp giao ban');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Chỉ lãnh đạo');
    expect((await vanthu('directive', 'add', '--content', 'Rà soát', '--meeting', 'Họp giao ban')).code).toBe(2);

    const due = addDays(today, 10);
    const added = await vanthu('--as', 'Trần Văn Hùng', 'directive', 'add', '--content', 'Rà soát hồ sơ cấp phép tồn đọng', '--unit', 'ĐCXD', '--due', due, '--meeting', 'Họp giao ban', '--json');
    expect(added.code, added.stderr).toBe(0);
    const made = JSON.parse(added.stdout) as { id: string; dueDate: string; meeting: { date: string } };
    expect(made).toMatchObject({ dueDate: due, meeting: { date: today } });

    // A meeting of 20 days ago with a deadline 10 days ago, left open: overdue.
    const late = await vanthu('directive', 'add', '--content', 'Báo cáo đất công', '--unit', 'VP', '--meeting', 'Họp UBND', '--date', addDays(today, -20), '--due', addDays(today, -10), '--json');
    expect(late.code, late.stderr).toBe(0);
    const lateId = (JSON.parse(late.stdout) as { id: string }).id;

    const officerDone = await vanthu('--as', 'Lê Minh Đức', 'directive', 'done', made.id);
    expect(officerDone.code).toBe(1);
    expect(officerDone.stderr).toContain('trưởng (phó) đơn vị');
    const reported = await vanthu('directive', 'report', made.id, '--note', 'Đã rà soát 12/20 hồ sơ');
    expect(reported.code, reported.stderr).toBe(0);
    expect(reported.stdout).toContain('Đã rà soát 12/20 hồ sơ');
    const done = await vanthu('--as', 'Võ Thị Mai', 'directive', 'done', made.id, '--json');
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ status: 'doneOnTime', units: [{ doneDate: today, doneBy: 'Võ Thị Mai' }] });

    const overdue = await vanthu('directives', '--overdue', '--json');
    expect(overdue.code, overdue.stderr).toBe(0);
    expect((JSON.parse(overdue.stdout) as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([lateId]);
    const all = await vanthu('directives');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('[Hoàn thành đúng hạn]');
    expect(all.stdout).toContain('[Quá hạn]');
    expect(all.stdout).toContain('Địa chính - Xây dựng: 1 ý kiến chỉ đạo — 1 hoàn thành đúng hạn, 0 hoàn thành quá hạn, 0 đang thực hiện, 0 quá hạn');
    expect(all.stdout).toContain('Trần Văn Hùng: 2 ý kiến chỉ đạo — 1 hoàn thành đúng hạn, 0 hoàn thành quá hạn, 0 đang thực hiện, 1 quá hạn');
  });

  it('prints the tracking report of the period as PDF and XLSX, of the organisation, one unit or one leader', async () => {
    const today = todayInVietnam();
    const period = ['--from', addDays(today, -30), '--to', today];
    const list = JSON.parse((await vanthu('directives', '--from', addDays(today, -30), '--to', today, '--json')).stdout) as { rows: { content: string; status: string }[] };
    expect(list.rows.length).toBeGreaterThanOrEqual(2);

    const pdf = path.join(data.dir, 'bao-cao.pdf');
    const printed = await vanthu('report', 'directives', ...period, '-o', pdf);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(`Đã ghi báo cáo theo dõi thực hiện ý kiến chỉ đạo vào ${pdf}.`);
    execFileSync('qpdf', ['--check', pdf]);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+842 x 595 pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('BÁO CÁO THEO DÕI THỰC HIỆN Ý KIẾN CHỈ ĐẠO');
    for (const d of list.rows) expect(text.replace(/\s+/g, ' ')).toContain(d.content);
    // The leader's line in the summary counts what the list shows: all of them, one overdue, one done on time.
    const overdue = list.rows.filter((d) => d.status === 'overdue').length;
    const onTime = list.rows.filter((d) => d.status === 'doneOnTime').length;
    expect(text).toMatch(new RegExp(`Trần Văn Hùng\\s+${list.rows.length}\\s+${onTime}\\s+0\\s+\\d+\\s+${overdue}`));

    const xlsx = path.join(data.dir, 'bao-cao-vp.xlsx');
    const ofUnit = await vanthu('report', 'directives', ...period, '--unit', 'VP', '--leader', 'Trần Văn Hùng', '-o', xlsx);
    expect(ofUnit.code, ofUnit.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Ý kiến chỉ đạo', 'Tổng hợp']);
    expect([5, 6].map((r) => workbook.worksheets[0]!.getCell(r, 1).value)).toEqual(['Đơn vị: Văn phòng', 'Lãnh đạo chỉ đạo: Trần Văn Hùng']);
    // Two lines name the unit and the leader, one the scope: the header is on row 8, its numbers on 9, the rows from 10.
    expect(workbook.worksheets[0]!.getCell(10, 4).value).toEqual(expect.stringContaining('Báo cáo đất công'));

    // Refusals: an unknown leader or unit and a wrong file type are bad input (2), with one Vietnamese line.
    const noLeader = await vanthu('report', 'directives', ...period, '--leader', 'Không Có Ai', '-o', pdf);
    expect(noLeader.code).toBe(2);
    expect(noLeader.stderr).toContain('Không Có Ai');
    expect((await vanthu('report', 'directives', ...period, '--unit', 'XX', '-o', pdf)).code).toBe(2);
    expect((await vanthu('report', 'directives', ...period, '-o', path.join(data.dir, 'x.doc'))).code).toBe(2);
    expect((await vanthu('report', 'kpi', ...period, '--leader', 'Trần Văn Hùng', '-o', pdf)).code).toBe(2);
  });
});
