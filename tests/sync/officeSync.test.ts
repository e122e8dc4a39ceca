/**
 * One organisation, several PCs, one real server on embedded PostgreSQL: what one person does reaches the others,
 * work done offline is kept and converges when the link returns, a refusal is kept and shown, and another
 * organisation on the same server sees nothing of it.
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import { call, fields } from '../support/coreFixture';
import { startFaultProxy } from '../support/faultProxy';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, loggedInCore, PASSWORD, seedOrg, useTestServer } from '../support/testServer';
import type { Core } from '../../electron/core/app';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

let codeNumber = 100;
async function register(core: Core, subject: string, bytes = `%PDF-1.7\n% ${subject}\n`) {
  const ref = await core.stage(Buffer.from(bytes), 'van-ban.pdf');
  const result = await call(core, 'incoming.register', { fields: fields({ subject, codeNumber: String(codeNumber++), issuedDate: '2026-11-19' }), attachments: [{ hash: ref.hash, name: ref.name }] });
  if (result.kind !== 'registered') throw new Error('not registered');
  return result.document;
}

async function numbersOf(core: Core) {
  const list = await call(core, 'incoming.list', { filter: {}, limit: 100 });
  return list.rows.map((r) => [r.arrivalNumber, r.subject]).sort((a, b) => Number(a[0]) - Number(b[0]));
}

describe('an office syncing through the central server', () => {
  it('takes the organisation from the server, and what the clerk registers and presents reaches the leader with its file', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const leaderId = (await addUser(pool, { organId: '000.00.00.H41', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD })).id;
    const clerk = await loggedInCore(url, 'admin', { text: 'Nội dung về quy hoạch đất đai' });
    const leader = await loggedInCore(url, 'hung', { text: 'Nội dung về quy hoạch đất đai' });
    try {
      const profile = await call(leader.core, 'org.get', {});
      expect(profile?.organId).toBe('000.00.00.H41');
      expect(profile?.currentStaffId).toBe(leaderId);
      expect(profile?.staff.map((s) => s.fullName).sort()).toEqual(['Nguyễn Thị Lan', 'Quản trị', 'Trần Văn Hùng']);

      const doc = await register(clerk.core, 'V/v rà soát quy hoạch sử dụng đất');
      await call(clerk.core, 'incoming.handOver', { id: doc.id, action: 'present', date: '2026-11-21', recipient: { kind: 'staff', id: leaderId }, note: 'Kính trình' });
      const pushed = await call(clerk.core, 'sync.now', {});
      expect(pushed).toMatchObject({ pushed: 2, rejected: [], filesUploaded: 1 });

      const pulled = await call(leader.core, 'sync.now', {});
      expect(pulled).toMatchObject({ pushed: 0, pulledDocuments: 1, filesDownloaded: 1 });
      const seen = await call(leader.core, 'incoming.get', { id: doc.id });
      expect(seen.document).toEqual((await call(clerk.core, 'incoming.get', { id: doc.id })).document);
      expect(seen.document).toMatchObject({ arrivalNumber: 1, subject: 'V/v rà soát quy hoạch sử dụng đất' });
      expect(seen.events.map((e) => e.kind)).toEqual(['incoming.registered', 'incoming.handedOver']);
      expect(await leader.core.content.has(seen.document.attachments[0]!.hash)).toBe(true);
      const found = await call(leader.core, 'incoming.list', { filter: { query: 'quy hoach su dung dat' }, limit: 10 });
      expect(found.rows.map((r) => r.id)).toEqual([doc.id]);
      expect((await call(leader.core, 'sync.status', {})).pending).toBe(0);
    } finally {
      clerk.dispose();
      leader.dispose();
    }
  });

  it('keeps the clerk working offline, and both PCs converge when the link comes back', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H42');
    await addUser(pool, { organId: '000.00.00.H42', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    const link = await startFaultProxy({ targetPort: Number(new URL(url).port), seed: 1 });
    const clerk = await loggedInCore(link.url, 'admin', { text: 'Nội dung về quy hoạch đất đai' });
    const leader = await loggedInCore(url, 'hung', { text: 'Nội dung về quy hoạch đất đai' });
    try {
      await register(clerk.core, 'Giấy mời họp giao ban');
      await call(clerk.core, 'sync.now', {});
      link.setOffline(true);
      for (const subject of ['Công văn số một', 'Công văn số hai', 'Công văn số ba']) await register(clerk.core, subject);
      const offline = await clerk.core.dispatch('sync.now', {});
      expect(offline).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
      const waiting = await call(clerk.core, 'sync.status', {});
      expect(waiting).toMatchObject({ pending: 3, online: false });
      expect(waiting.lastError).toMatch(/Không kết nối được máy chủ/);
      expect(await numbersOf(clerk.core)).toHaveLength(4);

      link.setOffline(false);
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 3, rejected: [] });
      await call(leader.core, 'sync.now', {});
      expect(await numbersOf(leader.core)).toEqual(await numbersOf(clerk.core));
      expect((await numbersOf(leader.core)).map(([n]) => n)).toEqual([1, 2, 3, 4]);
    } finally {
      await link.close();
      clerk.dispose();
      leader.dispose();
    }
  });

  it('numbers a register on one PC at a time: the lease moves only online, and a number from a stale holder is refused, kept, and numbered again by the holder', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H43');
    await addUser(pool, { organId: '000.00.00.H43', username: 'thu', fullName: 'Lê Thị Thu', role: 'van_thu', position: 'Văn thư', unitAbbrev: 'VP', password: PASSWORD });
    const first = await loggedInCore(url, 'admin', { text: 'Nội dung về quy hoạch đất đai' });
    const second = await loggedInCore(url, 'thu', { text: 'Nội dung về quy hoạch đất đai' });
    try {
      // The first clerk to log in numbers the year's incoming register.
      expect((await call(first.core, 'sync.status', {})).leases).toEqual([{ register: 'incoming', year: 2026, holder: 'Quản trị', mine: true, lastNumber: 0 }]);

      await register(first.core, 'Quyết định thứ nhất');
      const released = await call(first.core, 'sync.releaseLease', { register: 'incoming', year: 2026 });
      expect(released.leases[0]).toMatchObject({ holder: null, mine: false, lastNumber: 1 });
      const taken = await call(second.core, 'sync.takeLease', { register: 'incoming', year: 2026 });
      expect(taken.leases[0]).toMatchObject({ holder: 'Lê Thị Thu', mine: true, lastNumber: 1 });
      // The new holder goes on from the server's last number before it has pulled the document that carries it.
      expect((await register(second.core, 'Quyết định thứ hai')).arrivalNumber).toBe(2);
      await call(second.core, 'sync.now', {});

      // The first PC still believes the register free (it has not synced since): its number is refused, and kept.
      expect((await register(first.core, 'Quyết định thứ ba')).arrivalNumber).toBe(2);
      const refused = await call(first.core, 'sync.now', {});
      expect(refused.rejected).toHaveLength(1);
      expect(refused.rejected[0]!.message).toMatch(/không do máy đang giữ quyền cấp số/);
      expect((await call(first.core, 'sync.status', {})).rejected.map((r) => r.message)).toEqual([refused.rejected[0]!.message]);
      expect(await numbersOf(first.core)).toEqual([
        [1, 'Quyết định thứ nhất'],
        [2, 'Quyết định thứ hai'],
      ]);

      // Sent again, the registration gives up its refused number and waits as a provisional entry (this PC now knows
      // the lease is elsewhere); the holder numbers it on its next round, and the number comes back here.
      const reapplied = await call(first.core, 'sync.reapply', { id: refused.rejected[0]!.id });
      expect(reapplied).toMatchObject({ rejected: [], pending: 1 });
      expect(await numbersOf(first.core)).toEqual([
        [null, 'Quyết định thứ ba'],
        [1, 'Quyết định thứ nhất'],
        [2, 'Quyết định thứ hai'],
      ]);
      expect(await call(first.core, 'sync.now', {})).toMatchObject({ pushed: 1, rejected: [], numbered: 0 });
      expect(await call(second.core, 'sync.now', {})).toMatchObject({ numbered: 1, rejected: [] });
      await call(first.core, 'sync.now', {});
      expect(await numbersOf(first.core)).toEqual([
        [1, 'Quyết định thứ nhất'],
        [2, 'Quyết định thứ hai'],
        [3, 'Quyết định thứ ba'],
      ]);
      expect(await first.core.dispatch('sync.withdraw', { id: refused.rejected[0]!.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      first.dispose();
      second.dispose();
    }
  });

  it('never shows one organisation what another keeps on the same server', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H44');
    await seedOrg(pool, '000.00.00.H45', 'b');
    const a = await loggedInCore(url, 'admin', { text: 'Nội dung về quy hoạch đất đai' });
    const b = await loggedInCore(url, 'badmin', { text: 'Nội dung về quy hoạch đất đai' });
    try {
      const doc = await register(a.core, 'Tài liệu riêng của cơ quan A');
      await call(a.core, 'sync.now', {});
      expect(await call(b.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 0, pulledEvents: 0 });
      expect(await numbersOf(b.core)).toEqual([]);
      expect((await call(b.core, 'org.get', {}))?.organId).toBe('000.00.00.H45');
      // B cannot fetch A's file even knowing the document and the hash.
      const hash = doc.attachments[0]!.hash;
      const { accessToken } = await logIn(url, 'badmin');
      const res = await fetch(`${url}/v1/documents/incoming/${doc.id}/blobs/${hash}`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(res.status).toBe(404);
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});
