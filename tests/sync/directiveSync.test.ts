/**
 * Directives across the office's PCs through a real server: the leader's directive made on one PC reaches the units'
 * PCs; progress reported by two units before either synced both arrive (each report is a child row of its own, so
 * they never meet as a conflict); the head's completion reaches the leader, who sees it done on time. Two leaders moving
 * one deadline offline meet on the server: the first applied, the second refused and shown, both in the history.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, seedHandlingOffice, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

describe('directives through the server', () => {
  it('carries a directive to the units, both units’ offline reports back, and the completion to the leader', async () => {
    const { url, pool } = await servers.start();
    const organId = '000.00.00.H73';
    await seedHandlingOffice(pool, organId);
    const [leader, head, officer, vpOfficer, deputy] = await Promise.all(['hung', 'mai', 'duc', 'lan', 'phong'].map((u) => loggedInCore(url, u)));
    try {
      const units = (await call(leader!.core, 'org.get', {}))!.units;
      const unit = (abbrev: string) => units.find((u) => u.abbrev === abbrev)!.id;
      const made = await call(leader!.core, 'directive.create', {
        content: 'Kiện toàn tổ công tác chuyển đổi số',
        source: { kind: 'meeting', name: 'Họp giao ban tuần 47', date: '2026-11-20' },
        unitIds: [unit('TC'), unit('VP')],
        dueDate: '2026-11-27',
      });
      expect(await call(leader!.core, 'sync.now', {})).toMatchObject({ rejected: [] });

      // Both units' staff pull it, then report before either pushes.
      for (const pc of [head!, officer!, vpOfficer!]) await call(pc.core, 'sync.now', {});
      const atOfficer = await call(officer!.core, 'directive.get', { id: made.id });
      expect(atOfficer).toMatchObject({ content: 'Kiện toàn tổ công tác chuyển đổi số', leaderName: 'Trần Văn Hùng', dueDate: '2026-11-27' });
      expect(atOfficer.actions).toEqual(['report']);
      await call(officer!.core, 'directive.report', { id: made.id, note: 'Đã dự thảo quyết định' });
      await call(vpOfficer!.core, 'directive.report', { id: made.id, note: 'Đã cử người tham gia' });
      expect(await call(officer!.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      expect(await call(vpOfficer!.core, 'sync.now', {})).toMatchObject({ rejected: [] });

      await call(head!.core, 'sync.now', {});
      expect((await call(head!.core, 'directive.get', { id: made.id })).units.find((u) => u.unitId === unit('TC'))!.lastReport).toBe('Đã dự thảo quyết định');
      await call(head!.core, 'directive.complete', { id: made.id, note: 'Quyết định đã trình ký' });
      expect(await call(head!.core, 'sync.now', {})).toMatchObject({ rejected: [] });

      await call(leader!.core, 'sync.now', {});
      const seen = await call(leader!.core, 'directive.get', { id: made.id });
      expect(seen.reports.map((r) => [r.actor, r.note]).sort()).toEqual([
        ['Lê Minh Đức', 'Đã dự thảo quyết định'],
        ['Nguyễn Thị Lan', 'Đã cử người tham gia'],
      ]);
      expect(seen.units.map((u) => [u.unitName, u.status, u.doneBy])).toEqual([
        ['Phòng Tổ chức', 'doneOnTime', 'Võ Thị Mai'],
        ['Văn phòng', 'inProgress', null],
      ]);
      expect(seen.events.map((e) => e.kind).sort()).toEqual(['directive.completed', 'directive.created', 'directive.reported', 'directive.reported']);
      const list = await call(leader!.core, 'directive.list', {});
      expect(list.byUnit.map((u) => [u.unitName, u.doneOnTime, u.inProgress])).toEqual([
        ['Phòng Tổ chức', 1, 0],
        ['Văn phòng', 0, 1],
      ]);

      // Both leaders move the deadline before either has synced: the first to reach the server wins.
      await call(deputy!.core, 'sync.now', {});
      await call(leader!.core, 'directive.setDue', { id: made.id, dueDate: '2026-12-04' });
      await call(deputy!.core, 'directive.setDue', { id: made.id, dueDate: '2026-12-11' });
      expect(await call(leader!.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      const refused = await call(deputy!.core, 'sync.now', {});
      expect(refused.rejected).toHaveLength(1);
      const shown = await call(deputy!.core, 'directive.get', { id: made.id });
      expect(shown.dueDate).toBe('2026-12-04');
      expect(shown.events.filter((e) => e.kind === 'directive.dueChanged').map((e) => e.actor).sort()).toEqual(['Ngô Văn Phong', 'Trần Văn Hùng']);
    } finally {
      for (const pc of [leader, head, officer, vpOfficer, deputy]) pc?.dispose();
    }
  });
});
