/**
 * Sync nobody asks for, against the real server: after login a change reaches the other PC through the debounce and
 * the server's poke, status changes are announced, and a PC whose link drops catches up by itself when it returns.
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import type { Core } from '../../electron/core/app';
import type { SyncStatus } from '../../shared/contract/syncSchemas';
import { call, fields } from '../support/coreFixture';
import { startFaultProxy } from '../support/faultProxy';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, PASSWORD, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);
// The timer alone would take a minute: anything converging within seconds came from a change, a poke or a retry.
const TIMING = { intervalMs: 60_000, debounceMs: 200, retryMs: 200 };

let codeNumber = 1;
async function register(core: Core, subject: string) {
  const ref = await core.stage(Buffer.from(`%PDF-1.7\n% ${subject}\n`), 'van-ban.pdf');
  await call(core, 'incoming.register', { fields: fields({ subject, codeNumber: String(codeNumber++), issuedDate: '2026-11-19' }), attachments: [{ hash: ref.hash, name: ref.name }] });
}

async function subjectsOf(core: Core) {
  return (await call(core, 'incoming.list', { filter: {}, limit: 100 })).rows.map((r) => r.subject).sort();
}

describe('background sync', () => {
  it('carries a change to the other PC without anyone asking, and announces status and pulled documents', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H51');
    await addUser(pool, { organId: '000.00.00.H51', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    const clerk = await loggedInCore(url, 'admin', { backgroundSync: TIMING });
    const leader = await loggedInCore(url, 'hung', { backgroundSync: TIMING });
    const statuses: SyncStatus[] = [];
    const changed: string[] = [];
    leader.core.events.subscribe((event, payload) => {
      if (event === 'sync.statusChanged') statuses.push(payload as SyncStatus);
      if (event === 'incoming.changed') changed.push((payload as { id: string }).id);
    });
    try {
      await register(clerk.core, 'Giấy mời họp');
      await expect.poll(() => subjectsOf(leader.core), { timeout: 10_000 }).toEqual(['Giấy mời họp']);
      expect(changed).toHaveLength(1);
      await expect.poll(() => statuses.at(-1), { timeout: 5_000 }).toMatchObject({ syncing: false, online: true, pending: 0, files: null });
      expect(statuses.some((s) => s.syncing)).toBe(true);
      expect((await call(clerk.core, 'sync.status', {})).pending).toBe(0);
    } finally {
      clerk.dispose();
      leader.dispose();
    }
  });

  it('retries after the link drops and converges when it returns', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H52');
    await addUser(pool, { organId: '000.00.00.H52', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    const link = await startFaultProxy({ targetPort: Number(new URL(url).port), seed: 3 });
    const clerk = await loggedInCore(link.url, 'admin', { backgroundSync: TIMING });
    const leader = await loggedInCore(url, 'hung', { backgroundSync: TIMING });
    try {
      link.setOffline(true);
      for (const subject of ['Công văn một', 'Công văn hai']) await register(clerk.core, subject);
      await expect.poll(async () => (await call(clerk.core, 'sync.status', {})).online, { timeout: 5_000 }).toBe(false);
      expect((await call(clerk.core, 'sync.status', {})).pending).toBe(2);
      link.setOffline(false);
      await expect.poll(() => subjectsOf(leader.core), { timeout: 15_000 }).toEqual(['Công văn hai', 'Công văn một']);
      // The leader may see the documents before the clerk's round (still pulling) has finished.
      await expect.poll(async () => (await call(clerk.core, 'sync.status', {})).online, { timeout: 15_000 }).toBe(true);
      expect((await call(clerk.core, 'sync.status', {})).pending).toBe(0);
    } finally {
      clerk.dispose();
      leader.dispose();
      await link.close();
    }
  });
});
