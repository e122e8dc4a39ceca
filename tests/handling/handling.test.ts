/**
 * Handling an incoming document in the core: the leader instructs, the lead unit's head assigns an officer, the officer
 * reports and closes; each role may take only its own steps, each step is an event, and the task lists follow the
 * working-day deadlines.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../support/coreFixture';
import { refusal, useOffices } from '../support/handlingOffice';

/** The office of tests/support/handlingOffice.ts, closed after each test. */
const office = useOffices();

describe('handling an incoming document', () => {
  it('goes leader → unit head → officer → closed, each step by its own role and kept in the history', async () => {
    const o = await office();
    const id = await o.register('V/v rà soát hồ sơ đất đai');
    const detail = await call(o.core, 'incoming.get', { id });
    expect(detail.handling).toMatchObject({ state: null, due: null });
    expect(detail.handlingActions).toEqual([]);

    // The clerk may not instruct; the leader may, and the organisation's rules propose the deadline: a công văn gets
    // 7 working days after its arrival on Friday 20 November, which is Tuesday 1 December.
    expect(await refusal(o.core, 'handling.instruct', { id, lead: { kind: 'unit', id: o.unit('ĐCXD') } })).toMatchObject({ code: 'FORBIDDEN' });
    await o.actAs('Trần Văn Hùng');
    expect((await call(o.core, 'incoming.get', { id })).handlingActions).toEqual(['instruct']);
    const instructed = await call(o.core, 'handling.instruct', { id, lead: { kind: 'unit', id: o.unit('ĐCXD') }, cooperating: [o.unit('VP')], note: 'Khẩn trương' });
    expect(instructed.handling).toMatchObject({ state: 'assigned', leadUnitId: o.unit('ĐCXD'), cooperating: [o.unit('VP')], due: '2026-12-01', assigneeId: null });
    expect(instructed.document.dueDate).toBe('2026-12-01');

    // An officer of the unit may neither assign nor report yet; the unit's head sees it among her tasks, to assign.
    await o.actAs('Lê Minh Đức');
    expect(await refusal(o.core, 'handling.assign', { id, assigneeId: o.staff('Lê Minh Đức') })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(o.core, 'handling.report', { id, note: 'Đã xem' })).toMatchObject({ code: 'FORBIDDEN' });
    await o.actAs('Võ Thị Mai');
    expect((await call(o.core, 'handling.tasks', { view: 'mine' })).rows.map((r) => r.id)).toEqual([id]);
    expect(await refusal(o.core, 'handling.assign', { id, assigneeId: o.staff('Nguyễn Thị Lan') })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await refusal(o.core, 'handling.assign', { id, assigneeId: o.staff('Lê Minh Đức'), dueDate: '2026-11-19' })).toMatchObject({ code: 'BAD_INPUT' });
    const assigned = await call(o.core, 'handling.assign', { id, assigneeId: o.staff('Lê Minh Đức'), dueDate: '2026-11-27', note: 'Đồng chí Đức xử lý' });
    expect(assigned.handling).toMatchObject({ state: 'handling', assigneeId: o.staff('Lê Minh Đức'), assigneeDue: '2026-11-27', due: '2026-11-27' });
    expect((await call(o.core, 'handling.tasks', { view: 'mine' })).rows).toEqual([]);

    await o.actAs('Lê Minh Đức');
    const mine = await call(o.core, 'handling.tasks', { view: 'mine' });
    expect(mine.rows.map((r) => [r.id, r.handlingState, r.due, r.workingDaysLate])).toEqual([[id, 'handling', '2026-11-27', null]]);
    await call(o.core, 'handling.report', { id, note: 'Đã kiểm tra thực địa' });
    expect(await refusal(o.core, 'handling.close', { id, note: '' })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await refusal(o.core, 'handling.close', { id, note: 'x', replyOutgoingId: '00000000-0000-4000-8000-000000000001' })).toMatchObject({ code: 'BAD_INPUT' });
    const closed = await call(o.core, 'handling.close', { id, note: 'Đã báo cáo kết quả rà soát' });
    expect(closed.handling).toMatchObject({ state: 'closed', progress: 'Đã kiểm tra thực địa', closeNote: 'Đã báo cáo kết quả rà soát' });
    expect(closed.handlingActions).toEqual([]);
    expect(await refusal(o.core, 'handling.report', { id, note: 'Thêm' })).toMatchObject({ code: 'WRONG_STATE' });
    expect(closed.events.map((e) => [e.kind, e.actor])).toEqual([
      ['incoming.registered', 'Nguyễn Thị Lan'],
      ['handling.instructed', 'Trần Văn Hùng'],
      ['handling.assigned', 'Võ Thị Mai'],
      ['handling.reported', 'Lê Minh Đức'],
      ['handling.closed', 'Lê Minh Đức'],
    ]);
    expect(closed.events[1]!.data).toMatchObject({ lead: { kind: 'unit', name: 'Địa chính - Xây dựng' }, cooperating: [{ name: 'Văn phòng' }], dueDate: '2026-12-01', note: 'Khẩn trương' });
  });

  it('counts lateness in working days, across weekends, and lists what is overdue and due soon per unit', async () => {
    const o = await office();
    const late = await o.register('Báo cáo quý', { typeName: 'Công văn' });
    const urgent = await o.register('Giấy mời họp', { typeName: 'Giấy mời' });
    const calm = await o.register('Thông báo lịch tiếp dân', { typeName: 'Thông báo' });
    await o.actAs('Trần Văn Hùng');
    await call(o.core, 'handling.instruct', { id: late, lead: { kind: 'staff', id: o.staff('Lê Minh Đức') }, dueDate: '2026-11-24' });
    // Giấy mời: 2 working days after Friday 20 November is Tuesday 24 November.
    expect((await call(o.core, 'handling.instruct', { id: urgent, lead: { kind: 'unit', id: o.unit('ĐCXD') } })).handling.due).toBe('2026-11-24');
    await call(o.core, 'handling.instruct', { id: calm, lead: { kind: 'unit', id: o.unit('VP') }, dueDate: '2026-12-15' });

    // Monday 30 November: 24 November was four working days ago (25, 26, 27, 30).
    o.setClock('2026-11-30T03:00:00Z');
    const overdue = await call(o.core, 'handling.tasks', { view: 'overdue' });
    expect(overdue.rows.map((r) => [r.subject, r.workingDaysLate])).toEqual([
      ['Báo cáo quý', 4],
      ['Giấy mời họp', 4],
    ]);
    expect(overdue.byUnit).toEqual([
      { unitId: o.unit('VP'), open: 1, overdue: 0, dueSoon: 0 },
      { unitId: o.unit('ĐCXD'), open: 2, overdue: 2, dueSoon: 0 },
    ].sort((a, b) => (a.unitId! < b.unitId! ? -1 : 1)));
    expect((await call(o.core, 'handling.tasks', { view: 'unit', unitId: o.unit('ĐCXD') })).rows.map((r) => r.subject)).toEqual(['Báo cáo quý', 'Giấy mời họp']);
    // Friday 11 December: 15 December (Tuesday) is two working days away.
    o.setClock('2026-12-11T03:00:00Z');
    expect((await call(o.core, 'handling.tasks', { view: 'dueSoon' })).rows.map((r) => r.subject)).toEqual(['Thông báo lịch tiếp dân']);
    await o.actAs('Lê Minh Đức');
    expect((await call(o.core, 'handling.tasks', { view: 'mine' })).rows.map((r) => [r.subject, r.workingDaysLate])).toEqual([['Báo cáo quý', 13]]);
  });

  it('proposes deadlines from the organisation’s saved rules and announced days off, which only leaders and clerks change', async () => {
    const o = await office();
    const id = await o.register('V/v góp ý dự thảo quy chế');
    const defaults = await call(o.core, 'handling.settings', {});
    expect(defaults.dueDates).toMatchObject({ fallback: 7, byType: { 'Giấy mời': 2 } });
    const rules = { ...defaults, dueDates: { ...defaults.dueDates, byType: { ...defaults.dueDates.byType, 'Công văn': 3 } }, calendar: { ...defaults.calendar, extraDaysOff: ['2026-11-24'] } };
    await o.actAs('Lê Minh Đức');
    expect(await o.core.dispatch('handling.saveSettings', rules)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await o.actAs('Trần Văn Hùng');
    expect(await call(o.core, 'handling.saveSettings', rules)).toEqual(rules);
    // Three working days after Friday 20 November, Tuesday 24 being a day off: 23, 25, 26.
    expect((await call(o.core, 'handling.instruct', { id, lead: { kind: 'unit', id: o.unit('ĐCXD') } })).handling.due).toBe('2026-11-26');
  });

  it('closes a document sent for information when its lead reads it, and keeps each reading once', async () => {
    const o = await office();
    const id = await o.register('Thông báo kết luận giao ban');
    await o.actAs('Trần Văn Hùng');
    await call(o.core, 'handling.instruct', { id, lead: { kind: 'unit', id: o.unit('ĐCXD') }, forInfo: true, dueDate: null });
    await o.actAs('Nguyễn Thị Lan');
    expect((await call(o.core, 'handling.read', { id })).handling.state).toBe('assigned');
    await o.actAs('Đặng Văn Nam');
    const read = await call(o.core, 'handling.read', { id });
    expect(read.handling).toMatchObject({ state: 'closed', closeNote: 'Đã đọc (văn bản để biết)' });
    await call(o.core, 'handling.read', { id });
    expect(read.events.filter((e) => e.kind === 'handling.read').map((e) => e.actor)).toEqual(['Nguyễn Thị Lan', 'Đặng Văn Nam']);
    expect((await call(o.core, 'incoming.get', { id })).events.filter((e) => e.kind === 'handling.read')).toHaveLength(2);
  });
});
