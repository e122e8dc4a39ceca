/**
 * `vanthu assign`, `tasks` and `close` as a script drives them, in real processes on the real clock: the leader instructs
 * a unit, the unit head names the officer, the officer sees the task and closes it; a document whose deadline passed is
 * listed as overdue in working days; refusals keep their exit codes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addWorkingDays, workingDaysBetween } from '../../shared/domain/calendar';
import { addDays, todayInVietnam } from '../../shared/domain/dates';
import { tempDir } from '../support/coreFixture';
import { OFFICE_INIT_ARGS } from '../support/handlingOffice';
import { vanthuIn } from '../support/vanthuProcess';

const data = tempDir('vanthu-handling-cli-');
const vanthu = (...args: string[]) => vanthuIn(data.dir, args);

vi.setConfig({ testTimeout: 120_000 });

async function register(subject: string, arrivalDate: string): Promise<string> {
  const r = await vanthu(
    '--as', 'Nguyễn Thị Lan', 'register', '--json',
    '--set', `ArrivalDate=${arrivalDate}`, '--set', 'OrganName=Sở Xây dựng tỉnh Hà Tĩnh', '--set', `IssuedDate=${arrivalDate}`,
    '--set', 'TypeName=Công văn', '--set', `Subject=${subject}`, '--set', `CodeNumber=${subject.length}`, '--set', 'CodeNotation=SXD-QLN',
    '--set', 'SignerInfo.FullName=Phan Văn Bình', '--set', 'SignerInfo.Position=Giám đốc', '--set', 'Place=Hà Tĩnh',
  );
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).id as string;
}

beforeAll(async () => {
  const init = await vanthu(...OFFICE_INIT_ARGS);
  expect(init.code, init.stderr).toBe(0);
}, 60_000);

afterAll(() => data.remove());

describe('vanthu assign, tasks and close', () => {
  it('carry a document from the leader to the officer and closed, and list what is overdue in working days', async () => {
    const today = todayInVietnam();
    const id = await register('V/v kiểm tra công trình xây dựng', today);

    // Not the clerk's to instruct: refused, exit 1, the reason in Vietnamese.
    const refused = await vanthu('--as', 'Nguyễn Thị Lan', 'assign', id, '--lead', 'ĐCXD');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Chỉ lãnh đạo');
    expect((await vanthu('assign', id)).code).toBe(2);

    const due = addWorkingDays(today, 5);
    const instructed = await vanthu('--as', 'Trần Văn Hùng', 'assign', id, '--lead', 'ĐCXD', '--cooperate', 'VP', '--due', due, '--json');
    expect(instructed.code, instructed.stderr).toBe(0);
    expect(JSON.parse(instructed.stdout)).toMatchObject({ id, state: 'assigned', due, cooperating: [expect.any(String)] });

    const toAssign = await vanthu('--as', 'Võ Thị Mai', 'tasks');
    expect(toAssign.stdout).toContain('V/v kiểm tra công trình xây dựng');
    const assigned = await vanthu('--as', 'Võ Thị Mai', 'assign', id, '--lead', 'Lê Minh Đức', '--note', 'Đồng chí Đức kiểm tra');
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain('Đang giải quyết — chủ trì: Địa chính - Xây dựng; người giải quyết: Lê Minh Đức');

    const mine = await vanthu('--as', 'Lê Minh Đức', 'tasks', '--json');
    expect(JSON.parse(mine.stdout).rows.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await vanthu('--as', 'Lê Minh Đức', 'close', id)).code).toBe(2);
    const closed = await vanthu('--as', 'Lê Minh Đức', 'close', id, '--note', 'Đã kiểm tra, lập biên bản', '--json');
    expect(closed.code, closed.stderr).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({ state: 'closed', closeNote: 'Đã kiểm tra, lập biên bản' });
    expect((await vanthu('--as', 'Lê Minh Đức', 'tasks')).stdout).toContain('Không có văn bản nào cần giải quyết');

    // A document that arrived three weeks ago with a one-working-day deadline is late by the working days since.
    const arrived = addDays(today, -21);
    const late = await register('V/v báo cáo số liệu cấp phép', arrived);
    const deadline = addWorkingDays(arrived, 1);
    expect((await vanthu('--as', 'Trần Văn Hùng', 'assign', late, '--lead', 'Lê Minh Đức', '--due', deadline)).code).toBe(0);
    const overdue = await vanthu('--as', 'Trần Văn Hùng', 'tasks', '--overdue');
    expect(overdue.code, overdue.stderr).toBe(0);
    expect(overdue.stdout).toContain(`hạn ${deadline} (quá hạn ${workingDaysBetween(deadline, today)} ngày làm việc)`);
    expect(overdue.stdout).toContain('Địa chính - Xây dựng: 1 đang giải quyết, 1 quá hạn, 0 sắp đến hạn');
  });
});
