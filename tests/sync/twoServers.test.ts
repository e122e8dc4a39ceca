/**
 * Two server processes behind one address (a load balancer, a rolling restart): each its own pool on the SAME database
 * and the SAME blob folder. Clients on either converge, a file uploaded through one downloads through the other, and a
 * push through one pokes a stream held open on the other (LISTEN/NOTIFY across pools).
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import type { Core } from '../../electron/core/app';
import { call, fields } from '../support/coreFixture';
import { syncClient } from '../support/syncSimulation';
import { useTestPostgres } from '../support/testPostgres';
import { PASSWORD, pokeStream, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

let codeNumber = 500;
async function register(core: Core, subject: string) {
  const ref = await core.stage(Buffer.from(`%PDF-1.7\n% ${subject}\n`), 'van-ban.pdf');
  const result = await call(core, 'incoming.register', { fields: fields({ subject, codeNumber: String(codeNumber++), issuedDate: '2026-11-19' }), attachments: [{ hash: ref.hash, name: ref.name }] });
  if (result.kind !== 'registered') throw new Error('not registered');
  return result.document;
}

/** Every document with its history, as each PC shows it (what its user may do with them aside: that differs by person). */
async function everything(core: Core) {
  const { rows } = await call(core, 'incoming.list', { filter: {}, limit: 100 });
  return Promise.all(rows.map(async (r) => {
    const { handlingActions: _theirs, ...shown } = await call(core, 'incoming.get', { id: r.id });
    return shown;
  }));
}

describe('two server instances on one database', () => {
  it('serve one office together: clients on either converge, files cross, and a push through one pokes the other', async () => {
    const first = await servers.start();
    const second = await servers.startOn(first.dbUrl, first.dataDir);
    await seedOrg(first.pool, '000.00.00.H51');
    const leaderId = (await addUser(first.pool, { organId: '000.00.00.H51', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD })).id;
    const clerk = await syncClient(first.url, 'admin');
    const leader = await syncClient(second.url, 'hung');
    const stream = await pokeStream(second.url, 'hung');
    try {
      const doc = await register(clerk.core, 'Công văn qua máy chủ thứ nhất');
      await call(clerk.core, 'incoming.handOver', { id: doc.id, action: 'present', date: '2026-11-21', recipient: { kind: 'staff', id: leaderId }, note: 'Kính trình' });
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 2, rejected: [], filesUploaded: 1 });
      await stream.poked();

      expect(await call(leader.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, filesDownloaded: 1 });
      expect(await leader.core.content.has(doc.attachments[0]!.hash)).toBe(true);

      // Both push at once, each through its own instance: one version counter, one number sequence, no lost change.
      const profile = (await call(leader.core, 'org.get', {}))!;
      const unit = profile.units[0]!;
      for (const subject of ['Thứ hai', 'Thứ ba', 'Thứ tư']) await register(clerk.core, subject);
      await call(leader.core, 'incoming.handOver', { id: doc.id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: unit.id }, note: 'Giao xử lý' });
      const [a, b] = await Promise.all([call(clerk.core, 'sync.now', {}), call(leader.core, 'sync.now', {})]);
      expect(a.rejected).toEqual([]);
      expect(b.rejected).toEqual([]);
      await call(clerk.core, 'sync.now', {});
      await call(leader.core, 'sync.now', {});

      const seen = await everything(leader.core);
      expect(seen).toEqual(await everything(clerk.core));
      expect(seen.map((d) => d.document.arrivalNumber).sort()).toEqual([1, 2, 3, 4]);
      expect(seen.find((d) => d.document.id === doc.id)!.events.map((e) => e.kind)).toEqual(['incoming.registered', 'incoming.handedOver', 'incoming.handedOver']);
      const versions = await first.pool.query<{ version: string }>('SELECT version FROM document_events');
      expect(new Set(versions.rows.map((r) => r.version)).size).toBe(versions.rows.length);
    } finally {
      stream.close();
      clerk.dispose();
      leader.dispose();
    }
  });
});
