/**
 * Leaders' directives in the core: the leader gives one (from a meeting or on an incoming document) to units with a
 * deadline; the unit's staff report, its head marks the part done; each role may take only its own steps, each step is
 * an event and an outbox mutation; the list counts done on time, done late, in progress and overdue per unit and leader.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { call } from '../support/coreFixture';
import { refusal, useOffices } from '../support/handlingOffice';

const office = useOffices();

describe('directives', () => {
  it('goes leader → unit staff report → unit head completes, each by its own role, on time, kept in history and outbox', async () => {
    const o = await office();
    const meeting = { kind: 'meeting' as const, name: 'Họp giao ban tháng 11', date: '2026-11-20' };
    const input = { content: 'Rà soát hồ sơ cấp phép xây dựng tồn đọng', source: meeting, unitIds: [o.unit('ĐCXD'), o.unit('VP')] };

    // Only a leader records a directive; the clerk and the unit head may not.
    await o.actAs('Nguyễn Thị Lan');
    expect(await refusal(o.core, 'directive.create', input)).toMatchObject({ code: 'FORBIDDEN' });
    await o.actAs('Võ Thị Mai');
    expect(await refusal(o.core, 'directive.create', input)).toMatchObject({ code: 'FORBIDDEN' });
    await o.actAs('Trần Văn Hùng');
    expect(await refusal(o.core, 'directive.create', { ...input, leadUnitId: '00000000-0000-4000-8000-000000000009' })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await refusal(o.core, 'directive.create', { ...input, source: { ...meeting, date: '2026-11-21' } })).toMatchObject({ code: 'BAD_INPUT' });
    // Without a deadline: the organisation's 7 working days from the meeting on Friday 20 November, Tuesday 1 December.
    const created = await call(o.core, 'directive.create', input);
    expect(created).toMatchObject({ dueDate: '2026-12-01', givenDate: '2026-11-20', leaderName: 'Trần Văn Hùng', status: 'inProgress', meeting: { name: 'Họp giao ban tháng 11' } });
    expect(created.units.map((u) => [u.unitName, u.lead, u.status])).toEqual([
      ['Địa chính - Xây dựng', true, 'inProgress'],
      ['Văn phòng', false, 'inProgress'],
    ]);
    expect(created.actions).toEqual(['changeDue', 'cancel', 'chase']);
    const id = created.id;

    // An officer of ĐCXD reports for ĐCXD but may not mark it done; the head may; a unit outside may do neither.
    await o.actAs('Đặng Văn Nam');
    expect((await call(o.core, 'directive.get', { id })).actions).toEqual(['report']);
    expect(await refusal(o.core, 'directive.complete', { id })).toMatchObject({ code: 'FORBIDDEN' });
    await call(o.core, 'directive.report', { id, note: 'Đã rà soát 12/20 hồ sơ' });
    await o.actAs('Võ Thị Mai');
    expect(await refusal(o.core, 'directive.cancel', { id, note: 'x' })).toMatchObject({ code: 'FORBIDDEN' });
    o.setClock('2026-11-27T03:00:00Z');
    const tcDone = await call(o.core, 'directive.complete', { id, note: 'Đã xử lý xong' });
    expect(tcDone.units[0]).toMatchObject({ doneDate: '2026-11-27', doneBy: 'Võ Thị Mai', status: 'doneOnTime', lastReport: 'Đã rà soát 12/20 hồ sơ' });
    expect(tcDone.status).toBe('inProgress');
    expect(await refusal(o.core, 'directive.report', { id, note: 'Thêm' })).toMatchObject({ code: 'WRONG_STATE' });

    // The clerk of VP reports for VP and chases; VP has no head here, so the leader cannot complete it for them either.
    await o.actAs('Nguyễn Thị Lan');
    expect((await call(o.core, 'directive.get', { id })).actions).toEqual(['chase', 'report']);
    await call(o.core, 'directive.chase', { id, note: 'Đề nghị Văn phòng báo cáo trước 01/12' });
    await o.actAs('Trần Văn Hùng');
    expect(await refusal(o.core, 'directive.complete', { id })).toMatchObject({ code: 'FORBIDDEN' });

    const events = (await call(o.core, 'directive.get', { id })).events.map((e) => [e.kind, e.actor]);
    expect(events).toEqual([
      ['directive.created', 'Trần Văn Hùng'],
      ['directive.reported', 'Đặng Văn Nam'],
      ['directive.completed', 'Võ Thị Mai'],
      ['directive.chased', 'Nguyễn Thị Lan'],
    ]);
    // Every change is also a mutation of entity 'directive' waiting in the outbox, in the same order.
    const db = openDatabase(path.join(o.dir, 'vanthu.db'));
    try {
      const queued = db.prepare(`SELECT payload FROM outbox ORDER BY seq`).all() as { payload: string }[];
      const mine = queued.map((r) => JSON.parse(r.payload) as { entity: string; event: { kind: string }; create: boolean }).filter((m) => m.entity === 'directive');
      expect(mine.map((m) => [m.event.kind, m.create])).toEqual([
        ['directive.created', true],
        ['directive.reported', false],
        ['directive.completed', false],
        ['directive.chased', false],
      ]);
    } finally {
      db.close();
    }
  });

  it('counts on time, late, in progress and overdue per unit and per leader, by the date in Vietnam', async () => {
    const o = await office();
    await o.actAs('Trần Văn Hùng');
    const dc = o.unit('ĐCXD');
    const vp = o.unit('VP');
    const onDoc = await o.register('V/v kiểm tra công trình vi phạm');
    await o.actAs('Trần Văn Hùng');
    const onTime = await call(o.core, 'directive.create', { content: 'Kiểm tra công trình', source: { kind: 'document', incomingId: onDoc }, unitIds: [dc], dueDate: '2026-11-25' });
    expect(onTime.incoming).toMatchObject({ id: onDoc, subject: 'V/v kiểm tra công trình vi phạm' });
    const late = await call(o.core, 'directive.create', { content: 'Báo cáo đất công', source: { kind: 'meeting', name: 'Họp UBND', date: '2026-11-19' }, unitIds: [dc], dueDate: '2026-11-23' });
    const open = await call(o.core, 'directive.create', { content: 'Tổng hợp kiến nghị cử tri', source: { kind: 'meeting', name: 'Họp UBND', date: '2026-11-19' }, unitIds: [vp, dc], dueDate: '2026-11-30' });
    const cancelled = await call(o.core, 'directive.create', { content: 'Việc bỏ', source: { kind: 'meeting', name: 'Họp UBND', date: '2026-11-19' }, unitIds: [vp], dueDate: '2026-11-24' });
    await call(o.core, 'directive.cancel', { id: cancelled.id, note: 'Không còn cần thiết' });
    expect(await refusal(o.core, 'directive.setDue', { id: open.id, dueDate: '2026-11-18' })).toMatchObject({ code: 'BAD_INPUT' });

    await o.actAs('Võ Thị Mai');
    o.setClock('2026-11-25T09:00:00Z');
    await call(o.core, 'directive.complete', { id: onTime.id });
    await call(o.core, 'directive.complete', { id: late.id });
    await call(o.core, 'directive.complete', { id: open.id });

    // 30 November at 17:30 UTC is already 1 December in Vietnam: the open one (VP's part) is overdue.
    o.setClock('2026-11-30T17:30:00Z');
    const list = await call(o.core, 'directive.list', {});
    expect(list.today).toBe('2026-12-01');
    // Newest given first; of one day, the last recorded first.
    expect(list.rows.map((r) => [r.content, r.status])).toEqual([
      ['Kiểm tra công trình', 'doneOnTime'],
      ['Tổng hợp kiến nghị cử tri', 'overdue'],
      ['Báo cáo đất công', 'doneLate'],
    ]);
    expect(list.byLeader).toEqual([{ leaderId: o.staff('Trần Văn Hùng'), leaderName: 'Trần Văn Hùng', total: 3, doneOnTime: 1, doneLate: 1, inProgress: 0, overdue: 1 }]);
    expect(list.byUnit.map((u) => [u.unitName, u.total, u.doneOnTime, u.doneLate, u.inProgress, u.overdue])).toEqual([
      ['Địa chính - Xây dựng', 3, 2, 1, 0, 0],
      ['Văn phòng', 1, 0, 0, 0, 1],
    ]);
    expect((await call(o.core, 'directive.list', { status: 'overdue' })).rows.map((r) => r.content)).toEqual(['Tổng hợp kiến nghị cử tri']);
    // A unit's view takes its own part's status: for ĐCXD the open one was done on time.
    expect((await call(o.core, 'directive.list', { unitId: dc, status: 'doneOnTime' })).rows.map((r) => r.content)).toEqual(['Kiểm tra công trình', 'Tổng hợp kiến nghị cử tri']);
    expect((await call(o.core, 'directive.list', { incomingId: onDoc })).rows.map((r) => r.id)).toEqual([onTime.id]);
    expect((await call(o.core, 'directive.list', { from: '2026-11-20' })).rows.map((r) => r.id)).toEqual([onTime.id]);
    expect((await call(o.core, 'directive.list', { includeCancelled: true })).rows.map((r) => r.status)).toContain(null);

    // The leader moves the open one's deadline: it is in progress again.
    await o.actAs('Trần Văn Hùng');
    expect((await call(o.core, 'directive.setDue', { id: open.id, dueDate: '2026-12-04' })).status).toBe('inProgress');
    expect(await refusal(o.core, 'directive.report', { id: cancelled.id, note: 'x' })).toMatchObject({ code: 'WRONG_STATE' });
  });
});
