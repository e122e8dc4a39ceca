/**
 * Handling across the office's PCs through the server: the leader's instruction, the unit head's assignment and the
 * officer's closing each travel as changes of the document; two leaders instructing the same document offline meet on
 * the server, one applied, the other refused and shown, both kept in the history.
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import type { Core } from '../../electron/core/app';
import { call, fields } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, PASSWORD, seedHandlingOffice, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

let codeNumber = 700;
async function register(core: Core, subject: string, restricted = false) {
  const result = await call(core, 'incoming.register', { fields: fields({ subject, codeNumber: String(codeNumber++), restricted }), attachments: [] });
  if (result.kind !== 'registered') throw new Error('not registered');
  return result.document.id;
}

describe('handling through the server', () => {
  it('carries instruction, assignment and closing between PCs, and refuses the second of two offline instructions', async () => {
    const { url, pool } = await servers.start();
    const organId = '000.00.00.H71';
    const { officer: duc } = await seedHandlingOffice(pool, organId);
    const [clerk, leader, deputy, head, officer] = await Promise.all(['admin', 'hung', 'phong', 'mai', 'duc'].map((u) => loggedInCore(url, u)));
    try {
      const tc = (await call(clerk!.core, 'org.get', {}))!.units.find((u) => u.abbrev === 'TC')!.id;
      const id = await register(clerk!.core, 'V/v kiện toàn tổ công tác');
      const contested = await register(clerk!.core, 'V/v cử cán bộ dự tập huấn');
      await call(clerk!.core, 'sync.now', {});
      for (const pc of [leader!, deputy!, head!, officer!]) await call(pc.core, 'sync.now', {});

      await call(leader!.core, 'handling.instruct', { id, lead: { kind: 'unit', id: tc }, dueDate: '2026-12-04' });
      await call(leader!.core, 'sync.now', {});
      await call(head!.core, 'sync.now', {});
      expect((await call(head!.core, 'handling.tasks', { view: 'mine' })).rows.map((r) => r.id)).toEqual([id]);
      await call(head!.core, 'handling.assign', { id, assigneeId: duc.id });
      await call(head!.core, 'sync.now', {});
      await call(officer!.core, 'sync.now', {});
      expect((await call(officer!.core, 'handling.tasks', { view: 'mine' })).rows.map((r) => [r.id, r.due])).toEqual([[id, '2026-12-04']]);
      await call(officer!.core, 'handling.close', { id, note: 'Đã trình quyết định kiện toàn' });
      expect(await call(officer!.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      await call(leader!.core, 'sync.now', {});
      const seen = await call(leader!.core, 'incoming.get', { id });
      expect(seen.handling).toMatchObject({ state: 'closed', assigneeId: duc.id, closeNote: 'Đã trình quyết định kiện toàn' });
      expect(seen.events.map((e) => [e.kind, e.actor])).toEqual([
        ['incoming.registered', 'Quản trị'],
        ['handling.instructed', 'Trần Văn Hùng'],
        ['handling.assigned', 'Võ Thị Mai'],
        ['handling.closed', 'Lê Minh Đức'],
      ]);

      // Both leaders instruct the other document before either has synced: the first to reach the server wins.
      await call(leader!.core, 'handling.instruct', { id: contested, lead: { kind: 'unit', id: tc }, dueDate: '2026-12-08' });
      await call(deputy!.core, 'handling.instruct', { id: contested, lead: { kind: 'staff', id: duc.id }, dueDate: '2026-12-10' });
      expect(await call(leader!.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      const refused = await call(deputy!.core, 'sync.now', {});
      expect(refused.rejected).toHaveLength(1);
      expect(refused.rejected[0]!.message).toMatch(/người khác xử lý trước/);
      const shown = await call(deputy!.core, 'incoming.get', { id: contested });
      expect(shown.handling).toMatchObject({ state: 'assigned', leadUnitId: tc, due: '2026-12-08' });
      expect(shown.events.filter((e) => e.kind === 'handling.instructed').map((e) => e.actor).sort()).toEqual(['Ngô Văn Phong', 'Trần Văn Hùng']);
    } finally {
      for (const pc of [clerk, leader, deputy, head, officer]) pc?.dispose();
    }
  });

  it('lets a restricted document reach the unit and the officer its handling names, with its history', async () => {
    const { url, pool } = await servers.start();
    const organId = '000.00.00.H72';
    await seedOrg(pool, organId);
    await addUser(pool, { organId, username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    await addUser(pool, { organId, username: 'duc', fullName: 'Lê Minh Đức', role: 'chuyen_vien', position: 'Chuyên viên', unitAbbrev: 'TC', password: PASSWORD });
    const [clerk, leader, officer] = await Promise.all(['admin', 'hung', 'duc'].map((u) => loggedInCore(url, u)));
    try {
      const tc = (await call(clerk!.core, 'org.get', {}))!.units.find((u) => u.abbrev === 'TC')!.id;
      const id = await register(clerk!.core, 'V/v nhân sự dự kiến bổ nhiệm', true);
      await call(clerk!.core, 'sync.now', {});
      await call(officer!.core, 'sync.now', {});
      expect((await call(officer!.core, 'incoming.list', { filter: {}, limit: 10 })).rows).toEqual([]);

      await call(leader!.core, 'sync.now', {});
      await call(leader!.core, 'handling.instruct', { id, lead: { kind: 'unit', id: tc } });
      await call(leader!.core, 'sync.now', {});
      await call(officer!.core, 'sync.now', {});
      const seen = await call(officer!.core, 'incoming.get', { id });
      expect(seen.document.restricted).toBe(true);
      expect(seen.events.map((e) => e.kind)).toEqual(['incoming.registered', 'handling.instructed']);
    } finally {
      for (const pc of [clerk, leader, officer]) pc?.dispose();
    }
  });
});
