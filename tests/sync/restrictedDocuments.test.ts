/**
 * Restricted documents ("Hạn chế phạm vi xem"): the server decides from a document's fields who pulls it, who may
 * download its files and who may change it; a hand-over that lets someone in sends them the document with its whole
 * history, although its earlier events are older than their cursor; so does a move to another unit, through a catch-up.
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import type { Core } from '../../electron/core/app';
import { ADMIN_PATHS } from '../../shared/contract/adminWire';
import { PullResponse, PushResponse, SYNC_PATHS, type Fields, type Mutation } from '../../shared/contract/syncWire';
import { call, fields } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, loggedInCore, PASSWORD, pokeStream, seedHandlingOffice, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

let codeNumber = 700;
async function register(core: Core, subject: string, restricted: boolean) {
  const ref = await core.stage(Buffer.from(`%PDF-1.7\n% ${subject}\n`), 'van-ban.pdf');
  const result = await call(core, 'incoming.register', {
    fields: fields({ subject, restricted, codeNumber: String(codeNumber++), issuedDate: '2026-11-19' }),
    attachments: [{ hash: ref.hash, name: ref.name }],
  });
  if (result.kind !== 'registered') throw new Error('not registered');
  return result.document;
}

const subjects = async (core: Core) => (await call(core, 'incoming.list', { filter: {}, limit: 100 })).rows.map((r) => r.subject).sort();

/** The server as a user's own requests see it, past any client. */
async function asUser(url: string, username: string) {
  const { accessToken, user } = await logIn(url, username);
  const headers = { authorization: `Bearer ${accessToken}` };
  return {
    user,
    download: (id: string, hash: string) => fetch(`${url}${SYNC_PATHS.documentBlob}incoming/${id}/blobs/${hash}`, { headers }),
    async push(clientId: string, mutations: Mutation[]) {
      const res = await fetch(url + SYNC_PATHS.push, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ clientId, mutations }) });
      expect(res.status).toBe(200);
      return PushResponse.parse(await res.json()).results;
    },
    async pull(after: string, limit: number) {
      const res = await fetch(`${url}${SYNC_PATHS.pull}?after=${after}&limit=${limit}`, { headers });
      expect(res.status).toBe(200);
      return PullResponse.parse(await res.json());
    },
    /** Every page from the start: the pages, and what they carried. */
    async pullAll(limit: number) {
      const pages: PullResponse[] = [];
      for (let after = '0'; ; ) {
        const page = await this.pull(after, limit);
        pages.push(page);
        after = page.cursor;
        if (!page.more) break;
      }
      return { pages, documents: pages.flatMap((p) => p.documents), events: pages.flatMap((p) => p.events) };
    },
  };
}

let mutationCount = 0;
function change(entityId: string, seq: number, m: { create?: boolean; set: Fields; actorId?: string | null; kind?: string }): Mutation {
  const n = ++mutationCount;
  return {
    id: `restricted-m${n}`,
    seq,
    entity: 'incoming',
    entityId,
    create: m.create ?? false,
    expect: {},
    set: m.set,
    event: { id: `restricted-e${n}`, entity: 'incoming', entityId, at: '2026-11-21T03:00:00.000Z', actorId: m.actorId ?? null, actor: 'Thử', kind: m.kind ?? 'incoming.noted', data: {} },
    blobs: [],
    numbers: [],
  };
}

describe('restricted documents', () => {
  it('reach only their audience, and a hand-over brings one to a unit with its whole history and its file', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H71');
    await seedOrg(pool, '000.00.00.H72', 'b');
    await addUser(pool, { organId: '000.00.00.H71', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    await addUser(pool, { organId: '000.00.00.H71', username: 'minh', fullName: 'Đỗ Văn Minh', role: 'chuyen_vien', position: 'Chuyên viên', unitAbbrev: 'TC', password: PASSWORD });
    const clerk = await loggedInCore(url, 'admin');
    const leader = await loggedInCore(url, 'hung');
    const specialist = await loggedInCore(url, 'minh');
    const other = await loggedInCore(url, 'badmin');
    try {
      const hidden = await register(clerk.core, 'Báo cáo nhân sự hạn chế', true);
      const open = await register(clerk.core, 'Giấy mời họp giao ban', false);
      expect(hidden.restricted).toBe(true);
      expect(open.restricted).toBe(false);
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 2, rejected: [] });

      // The registrant is known to the server by the id it knows the user by: the staff id a login gives the PC.
      const clerkId = (await logIn(url, 'admin')).user.id;
      const stored = await pool.query(`SELECT fields ->> 'createdBy' AS created_by, restricted FROM documents WHERE id = $1`, [hidden.id]);
      expect(stored.rows).toEqual([{ created_by: clerkId, restricted: true }]);
      const registered = await pool.query(`SELECT actor_id FROM document_events WHERE entity_id = $1 AND kind = 'incoming.registered'`, [hidden.id]);
      expect(registered.rows).toEqual([{ actor_id: clerkId }]);

      // A specialist of another unit pulls the ordinary document only, and cannot fetch the other's file.
      expect(await call(specialist.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, pulledEvents: 1, filesDownloaded: 1 });
      expect(await subjects(specialist.core)).toEqual(['Giấy mời họp giao ban']);
      const minh = await asUser(url, 'minh');
      expect((await minh.download(hidden.id, hidden.attachments[0]!.hash)).status).toBe(404);
      expect((await minh.download(open.id, open.attachments[0]!.hash)).status).toBe(200);

      // A crafted change is answered as for a document that does not exist, shows nothing of it, and its event stays
      // out of the specialist's pull.
      const crafted = await minh.push('minh-crafted', [
        change(hidden.id, 1, { set: { note: 'đã xem' } }),
        change(hidden.id, 2, { create: true, set: { subject: 'Ghi đè', restricted: 0 } }),
      ]);
      expect(crafted).toEqual([
        expect.objectContaining({ outcome: 'rejected', reason: expect.objectContaining({ code: 'NOT_FOUND' }), current: null }),
        expect.objectContaining({ outcome: 'rejected', reason: expect.objectContaining({ code: 'NOT_FOUND' }), current: null }),
      ]);
      const seenByMinh = await minh.pullAll(100);
      expect(seenByMinh.documents.map((d) => d.id)).toEqual([open.id]);
      expect(seenByMinh.events.map((e) => e.entityId)).toEqual([open.id]);

      // The leader sees both, with the refused attempt in the restricted one's history.
      await call(leader.core, 'sync.now', {});
      expect(await subjects(leader.core)).toEqual(['Báo cáo nhân sự hạn chế', 'Giấy mời họp giao ban']);
      const atLeader = await call(leader.core, 'incoming.get', { id: hidden.id });
      expect(atLeader.document.restricted).toBe(true);
      expect(atLeader.events.map((e) => e.kind)).toEqual(['incoming.registered', 'incoming.noted', 'incoming.noted']);
      expect(await leader.core.content.has(hidden.attachments[0]!.hash)).toBe(true);

      // Handed to the specialist's unit, the document reaches them with everything before the hand-over.
      const unitTc = (await call(clerk.core, 'org.get', {}))!.units.find((u) => u.abbrev === 'TC')!;
      await call(clerk.core, 'incoming.handOver', { id: hidden.id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: unitTc.id }, note: 'Chuyển phòng Tổ chức' });
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 1, rejected: [] });
      expect(await call(specialist.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, filesDownloaded: 1 });
      expect(await subjects(specialist.core)).toEqual(['Báo cáo nhân sự hạn chế', 'Giấy mời họp giao ban']);
      const atSpecialist = await call(specialist.core, 'incoming.get', { id: hidden.id });
      expect(atSpecialist.document).toEqual((await call(clerk.core, 'incoming.get', { id: hidden.id })).document);
      expect(atSpecialist.events.map((e) => e.kind)).toEqual(['incoming.registered', 'incoming.noted', 'incoming.noted', 'incoming.handedOver']);
      expect(await specialist.core.content.has(hidden.attachments[0]!.hash)).toBe(true);
      expect((await minh.download(hidden.id, hidden.attachments[0]!.hash)).status).toBe(200);
      // The leader, who had the history already, takes it again harmlessly.
      await call(leader.core, 'sync.now', {});
      expect((await call(leader.core, 'incoming.get', { id: hidden.id })).events).toEqual(atSpecialist.events);

      // Another organisation sees nothing, not even through a clerk of its own.
      expect(await call(other.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 0, pulledEvents: 0 });
      expect((await (await asUser(url, 'badmin')).download(hidden.id, hidden.attachments[0]!.hash)).status).toBe(404);
    } finally {
      for (const pc of [clerk, leader, specialist, other]) pc.dispose();
    }
  });

  it('lets a staff recipient in, and pages a pull right when most versions of a range are hidden from the reader', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H73');
    await addUser(pool, { organId: '000.00.00.H73', username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    const clerk = await asUser(url, 'admin');
    const lan = await asUser(url, 'lan');
    const leader = await asUser(url, 'hung');
    const doc = (i: number, restricted: boolean) => change(`doc-${i}`, i, { create: true, set: { subject: `Văn bản ${i}`, restricted: restricted ? 1 : 0, createdBy: clerk.user.id }, actorId: clerk.user.id, kind: 'incoming.registered' });
    // Versions 1–5 and 36–40 open, 6–35 restricted.
    const batch = Array.from({ length: 40 }, (_, i) => doc(i + 1, i >= 5 && i < 35));
    expect((await clerk.push('clerk-pages', batch)).every((r) => r.outcome === 'applied')).toBe(true);
    const open = ['doc-1', 'doc-2', 'doc-3', 'doc-4', 'doc-5', 'doc-36', 'doc-37', 'doc-38', 'doc-39', 'doc-40'];

    for (const [limit, cursors] of [
      [10, ['40']],
      [3, ['3', '36', '39', '40']],
      [4, ['4', '38', '40']],
    ] as const) {
      const seen = await lan.pullAll(limit);
      expect(seen.pages.map((p) => [p.cursor, p.more, p.head])).toEqual(cursors.map((c, i) => [c, i < cursors.length - 1, '40']));
      expect(seen.documents.map((d) => d.id)).toEqual(open);
      expect(seen.events.map((e) => e.entityId)).toEqual(open);
    }
    const all = await leader.pullAll(10);
    expect(all.pages.map((p) => p.cursor)).toEqual(['10', '20', '30', '40']);
    expect(all.documents).toHaveLength(40);

    // Handed to her by name, a restricted document reaches her with its registration, now above her cursor.
    const handover = { action: 'forward', date: '2026-11-21', recipientKind: 'staff', recipientId: lan.user.id, recipientName: 'Nguyễn Thị Lan', note: '', at: '', actor: '' };
    expect(await clerk.push('clerk-pages', [change('doc-20', 41, { set: { 'handover:h1': handover }, kind: 'incoming.handedOver' })])).toEqual([
      expect.objectContaining({ outcome: 'applied', version: '41' }),
    ]);
    const after = await lan.pull('40', 100);
    expect(after.documents.map((d) => d.id)).toEqual(['doc-20']);
    expect(after.events.map((e) => [e.version, e.entityId, e.kind])).toEqual([
      ['42', 'doc-20', 'incoming.registered'],
      ['43', 'doc-20', 'incoming.handedOver'],
    ]);
    expect(after).toMatchObject({ cursor: '43', head: '43', more: false });
  });

  it('brings an officer moved to another unit that unit’s older restricted documents, and keeps what he held; a new role likewise', async () => {
    const { url, pool } = await servers.start();
    const organId = '000.00.00.H74';
    const { officer: duc } = await seedHandlingOffice(pool, organId);
    const clerk = await loggedInCore(url, 'admin');
    const [officer, head] = await Promise.all([loggedInCore(url, 'duc'), loggedInCore(url, 'mai')]);
    try {
      const units = (await call(clerk.core, 'org.get', {}))!.units;
      const unit = (abbrev: string) => units.find((u) => u.abbrev === abbrev)!.id;
      const handTo = async (id: string, abbrev: string) =>
        call(clerk.core, 'incoming.handOver', { id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: unit(abbrev) }, note: '' });
      const forVp = await register(clerk.core, 'Hồ sơ thi đua Văn phòng', true);
      await handTo(forVp.id, 'VP');
      const forTc = await register(clerk.core, 'Hồ sơ nhân sự Phòng Tổ chức', true);
      await handTo(forTc.id, 'TC');
      await register(clerk.core, 'Giấy mời họp giao ban', false);
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 5, rejected: [] });

      for (const pc of [officer, head]) {
        await call(pc.core, 'sync.now', {});
        expect(await subjects(pc.core)).toEqual(['Giấy mời họp giao ban', 'Hồ sơ nhân sự Phòng Tổ chức']);
      }

      // Moved from Tổ chức to Văn phòng: the next round brings Văn phòng's document with its history, nothing else
      // again, and the Tổ chức document he held stays on his PC. The administrator moves him through the admin
      // page's route, which pokes the organisation's PCs.
      const admin = await logIn(url, 'admin');
      const stream = await pokeStream(url, 'duc');
      const placed = await fetch(url + ADMIN_PATHS.userPlace, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: duc.id, role: 'chuyen_vien', unitAbbrev: 'VP', isAdmin: false }),
      });
      expect(placed.status).toBe(200);
      await stream.poked();
      stream.close();
      expect(await call(officer.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, pulledEvents: 2 });
      expect(await subjects(officer.core)).toEqual(['Giấy mời họp giao ban', 'Hồ sơ nhân sự Phòng Tổ chức', 'Hồ sơ thi đua Văn phòng']);
      const moved = await call(officer.core, 'incoming.get', { id: forVp.id });
      expect(moved.document).toEqual((await call(clerk.core, 'incoming.get', { id: forVp.id })).document);
      expect(moved.events.map((e) => e.kind)).toEqual(['incoming.registered', 'incoming.handedOver']);
      expect(await officer.core.content.has(forVp.attachments[0]!.hash)).toBe(true);
      expect(await call(officer.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 0, pulledEvents: 0 });

      // The head of Tổ chức never sees it, not even by asking for the catch-up herself.
      await call(head.core, 'sync.now', {});
      expect(await subjects(head.core)).toEqual(['Giấy mời họp giao ban', 'Hồ sơ nhân sự Phòng Tổ chức']);
      const mai = await logIn(url, 'mai');
      const catchUp = async (seenAs: string) => {
        const res = await fetch(`${url}${SYNC_PATHS.pull}?after=0&limit=100&kinds=incoming&restricted=only&until=100${seenAs}`, { headers: { authorization: `Bearer ${mai.accessToken}` } });
        return PullResponse.parse(await res.json()).documents.map((d) => d.id);
      };
      expect(await catchUp('')).toEqual([forTc.id]);
      // Naming a role or unit she had before only leaves out what it let her see.
      expect(await catchUp(`&seenAsRole=chuyen_vien&seenAsUnit=${unit('VP')}`)).toEqual([forTc.id]);
      expect(await catchUp(`&seenAsRole=chuyen_vien&seenAsUnit=${unit('TC')}`)).toEqual([]);
      expect(await catchUp('&seenAsRole=chuyen_vien')).toEqual([forTc.id]);
      expect(await catchUp('&seenAsRole=lanh_dao')).toEqual([]);

      // A role that sees every document (an officer made leader) brings the restricted ones of every unit.
      const deputy = await loggedInCore(url, 'lan');
      try {
        await call(deputy.core, 'sync.now', {});
        expect(await subjects(deputy.core)).toEqual(['Giấy mời họp giao ban', 'Hồ sơ thi đua Văn phòng']);
        await pool.query(`UPDATE users SET role = 'lanh_dao' WHERE username = 'lan'`);
        expect(await call(deputy.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, pulledEvents: 2 });
        expect(await subjects(deputy.core)).toEqual(['Giấy mời họp giao ban', 'Hồ sơ nhân sự Phòng Tổ chức', 'Hồ sơ thi đua Văn phòng']);
      } finally {
        deputy.dispose();
      }
    } finally {
      for (const pc of [clerk, officer, head]) pc.dispose();
    }
  });

});
