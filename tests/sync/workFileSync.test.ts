/**
 * Work files across the office's PCs through a real server: the clerk's plan entry reaches the officer, the file he
 * opens, fills and closes reaches the clerk with its documents, its online verdict and its exports, whose files come
 * down by hash like attachments.
 */
import { describe, expect, it } from 'vitest';
import { call, fields } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

describe('work files through the server', () => {
  it('carry the plan, the opened file, its documents, its closing and its exports from one PC to another', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H72');
    const [clerk, officer] = await Promise.all([loggedInCore(url, 'admin'), loggedInCore(url, 'lan')]);
    try {
      const vp = (await call(clerk.core, 'org.get', {}))!.units.find((u) => u.abbrev === 'VP')!.id;
      const entry = await call(clerk.core, 'workFile.planSave', { year: 2026, notation: '03.VP', title: 'Hồ sơ hội nghị cán bộ', unitId: vp, retention: '10 năm' });
      const registered = await call(clerk.core, 'incoming.register', { fields: fields({ subject: 'Giấy mời dự hội nghị', codeNumber: '901' }), attachments: [] });
      if (registered.kind !== 'registered') throw new Error('not registered');
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ rejected: [] });

      await call(officer.core, 'sync.now', {});
      expect(await call(officer.core, 'workFile.planList', { year: 2026 })).toEqual([entry]);
      const opened = await call(officer.core, 'workFile.open', { year: 2026, planEntryId: entry.id });
      await call(officer.core, 'workFile.file', { id: opened.id, doc: { kind: 'incoming', id: registered.document.id } });
      const closed = await call(officer.core, 'workFile.close', { id: opened.id });
      expect(await call(officer.core, 'sync.now', {})).toMatchObject({ rejected: [] });

      await call(clerk.core, 'sync.now', {});
      const seen = await call(clerk.core, 'workFile.get', { id: opened.id });
      expect(seen).toMatchObject({
        fileCode: '000.00.00.H72.2026.03.VP',
        title: 'Hồ sơ hội nghị cán bộ',
        ownerName: 'Nguyễn Thị Lan',
        state: 'closed',
        processedOnline: false,
        documents: [{ ordinal: 1, id: registered.document.id, subject: 'Giấy mời dự hội nghị', present: true }],
      });
      expect(seen.exports.map((e) => e.hash)).toEqual(closed.exports.map((e) => e.hash));
      for (const e of seen.exports) expect(await clerk.core.content.has(e.hash)).toBe(true);
      expect((await call(clerk.core, 'workFile.kpi', { from: '2026-01-01', to: '2026-12-31' })).total).toMatchObject({ opened: 1, closed: 1, closedOnline: 0 });
    } finally {
      clerk.dispose();
      officer.dispose();
    }
  });
});
