/**
 * A long scan's later pages, read in the background on the clerk's PC, reach the other PCs' search through the server:
 * the event that adds them to the index carries the new index text in its mutation.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import type { Core } from '../../electron/core/app';
import { call, fields, tempDir } from '../support/coreFixture';
import { cleanupFixtures, makeLongDocumentPdf } from '../support/documentFixtures';
import { makeScanPdf } from '../support/scanFixtures';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, PASSWORD, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);
const work = tempDir('vanthu-scan-sync-');
afterAll(() => {
  cleanupFixtures();
  work.remove();
});

const found = async (core: Core, query: string) => (await call(core, 'incoming.list', { filter: { query }, limit: 10 })).rows.map((r) => r.id);

describe('a long scan read on in the background', () => {
  it("reaches the leader's search with its last pages once the clerk's PC has read them", async () => {
    const scan = path.join(work.dir, 'long.pdf');
    await makeScanPdf(await makeLongDocumentPdf(14, 13, 'bảo vệ rừng ngập mặn ven biển'), scan, { seed: 14 });
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    await addUser(pool, { organId: '000.00.00.H41', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    // The clerk's PC reads its scans with Tesseract; the leader's never reads this one.
    const clerk = await loggedInCore(url, 'admin', { analyzeFile: undefined });
    const leader = await loggedInCore(url, 'hung');
    try {
      const ref = await clerk.core.stage(await readFile(scan), 'cong-van-14-trang.pdf');
      const saved = await call(clerk.core, 'incoming.register', { fields: fields({ codeNumber: '1482', issuedDate: '2026-11-19' }), attachments: [{ hash: ref.hash, name: ref.name }] });
      if (saved.kind !== 'registered') throw new Error('not registered');
      const id = saved.document.id;
      await call(clerk.core, 'sync.now', {});
      await call(leader.core, 'sync.now', {});
      // Page 1's words arrived with the registration; page 13's not yet (unless the background was that quick).
      expect(await found(leader.core, 'kinh gui phong giao duc')).toEqual([id]);
      const early = await found(leader.core, 'rung ngap man');

      await clerk.core.laterPages.idle();
      expect(await found(clerk.core, 'rung ngap man')).toEqual([id]);
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      await call(leader.core, 'sync.now', {});
      expect(await found(leader.core, 'rung ngap man')).toEqual([id]);
      const { events } = await call(leader.core, 'incoming.get', { id });
      expect(events.map((e) => e.kind)).toContain('incoming.textRecognised');
      console.log(`leader's search before the background was done: ${early.length ? 'found already' : 'not found'}`);
    } finally {
      clerk.dispose();
      leader.dispose();
    }
  }, 600_000);
});
