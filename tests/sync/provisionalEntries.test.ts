/**
 * A commune office where the clerk's PC holds the incoming register and a second PC registers while both are offline:
 * the second PC's documents are provisional entries (no số đến), usable at once; when both have synced, the holder
 * numbers them after its own, in order of arrival, and every PC and the server agree on 1..N with no gap.
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import type { Core } from '../../electron/core/app';
import { call, fields } from '../support/coreFixture';
import { startFaultProxy } from '../support/faultProxy';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, PASSWORD, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

let codeNumber = 500;
async function register(core: Core, subject: string, arrivalDate: string) {
  const result = await call(core, 'incoming.register', { fields: fields({ subject, arrivalDate, codeNumber: String(codeNumber++), issuedDate: '2026-11-16' }), attachments: [] });
  if (result.kind !== 'registered') throw new Error('not registered');
  return result.document;
}

const listed = async (core: Core, dir: 'asc' | 'desc') =>
  (await call(core, 'incoming.list', { filter: {}, sort: { by: 'arrivalNumber', dir }, limit: 100 })).rows.map((r) => [r.arrivalNumber, r.subject]);

describe('provisional entries', () => {
  it('are registered offline without the lease, stay usable, and get the next numbers from the holder in order of arrival', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H61');
    await addUser(pool, { organId: '000.00.00.H61', username: 'thu', fullName: 'Lê Thị Thu', role: 'van_thu', position: 'Văn thư', unitAbbrev: 'VP', password: PASSWORD });
    const link = await startFaultProxy({ targetPort: Number(new URL(url).port), seed: 7 });
    const holder = await loggedInCore(url, 'admin');
    const second = await loggedInCore(link.url, 'thu');
    try {
      expect((await call(second.core, 'sync.status', {})).leases).toEqual([{ register: 'incoming', year: 2026, holder: 'Quản trị', mine: false, lastNumber: 0 }]);
      link.setOffline(true);

      await register(holder.core, 'Công văn thứ nhất ở văn thư', '2026-11-19');
      await register(holder.core, 'Công văn thứ hai ở văn thư', '2026-11-21');
      const later = await register(second.core, 'Giấy mời đến sau', '2026-11-21');
      const earlier = await register(second.core, 'Tờ trình đến trước', '2026-11-20');
      expect([later.arrivalNumber, earlier.arrivalNumber]).toEqual([null, null]);
      // Usable at once: handed to a unit while still offline.
      const unit = (await call(second.core, 'org.get', {}))!.units.find((u) => u.abbrev === 'VP')!;
      await call(second.core, 'incoming.handOver', { id: earlier.id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: unit.id }, note: '' });
      // Waiting for their numbers, they stand after the numbered ones: on top of the newest-first list.
      expect(await listed(second.core, 'desc')).toEqual([
        [null, 'Tờ trình đến trước'],
        [null, 'Giấy mời đến sau'],
      ]);
      expect(await listed(second.core, 'asc')).toEqual([
        [null, 'Giấy mời đến sau'],
        [null, 'Tờ trình đến trước'],
      ]);
      const offline = await second.core.dispatch('sync.now', {});
      expect(offline).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });

      link.setOffline(false);
      // The second PC sends its entries; it does not number them, as it does not hold the register.
      expect(await call(second.core, 'sync.now', {})).toMatchObject({ pushed: 3, rejected: [], numbered: 0 });
      // The holder sends its own numbers, takes the entries, and numbers them after its own, the earlier arrival first.
      expect(await call(holder.core, 'sync.now', {})).toMatchObject({ pushed: 4, rejected: [], numbered: 2 });
      await call(second.core, 'sync.now', {});

      const expected = [
        [1, 'Công văn thứ nhất ở văn thư'],
        [2, 'Công văn thứ hai ở văn thư'],
        [3, 'Tờ trình đến trước'],
        [4, 'Giấy mời đến sau'],
      ];
      expect(await listed(holder.core, 'asc')).toEqual(expected);
      expect(await listed(second.core, 'asc')).toEqual(expected);
      const taken = await pool.query<{ number: number }>(`SELECT number FROM taken_numbers WHERE register = 'incoming' ORDER BY number`);
      expect(taken.rows.map((r) => r.number)).toEqual([1, 2, 3, 4]);

      // The hand-over made offline is kept, and the history says who numbered it.
      const detail = await call(second.core, 'incoming.get', { id: earlier.id });
      expect(detail.document).toMatchObject({ arrivalNumber: 3, status: 'forwarded' });
      expect(detail.events.map((e) => [e.kind, e.actor])).toEqual([
        ['incoming.registered', 'Lê Thị Thu'],
        ['incoming.handedOver', 'Lê Thị Thu'],
        ['incoming.numbered', 'Quản trị'],
      ]);
      expect((await call(second.core, 'sync.status', {})).pending).toBe(0);
    } finally {
      await link.close();
      holder.dispose();
      second.dispose();
    }
  });
});
