/**
 * `vanthu directive …` and `vanthu directives` as a script drives them, in real processes on the real clock: a leader
 * gives a directive from a meeting, the unit's officer reports, the head marks it done, the list shows it done on time;
 * one given at an earlier meeting and left open is listed as overdue; refusals keep their exit codes.
 */
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
});
