/**
 * The client half of sync in the database: changes on one PC become mutations; a stand-in server merges their `set`
 * into documents; a second PC pulls them and shows the same documents through the repositories' own reads.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListInput, OutgoingListInput } from '../../shared/contract';
import type { Fields, Mutation, PullResponse } from '../../shared/contract/syncWire';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { createIncomingRepo, type NewIncoming } from '../../electron/core/db/incomingRepo';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { createOrgRepo } from '../../electron/core/db/orgRepo';
import { createOutgoingRepo } from '../../electron/core/db/outgoingRepo';
import { createRegisterCounters } from '../../electron/core/db/registerCounters';
import { incomingSearchText, outgoingSearchText } from '../../electron/core/db/searchText';
import { createSigningRepo } from '../../electron/core/db/signingRepo';
import { documentFields, SEARCH_KEY } from '../../electron/core/db/sync/documentFields';
import { createSyncRepo } from '../../electron/core/db/sync/syncRepo';
import { fields, tempDir } from '../support/coreFixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function dbFile(name: string) {
  const tmp = tempDir('vanthu-sync-');
  cleanups.push(tmp.remove);
  return path.join(tmp.dir, name);
}
function openDb(name: string): Db {
  const db = openDatabase(dbFile(name));
  cleanups.push(() => db.close());
  return db;
}

const AT = '2026-11-21T03:00:00.000Z';
const clerk = { id: null, name: 'Nguyễn Thị Lan' };
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

function newIncoming(subject = 'Quyết định về việc giao đất cho hộ gia đình'): NewIncoming {
  const f = fields({ typeName: 'Quyết định', subject });
  return {
    fields: f,
    year: 2026,
    duplicateKey: subject,
    attachments: [{ hash: HASH_A, name: 'qd.pdf', size: 10, mime: 'application/pdf', pageCount: 1 }],
    searchText: incomingSearchText(f, ['Nội dung về đất đai']),
    actor: clerk,
    at: AT,
    duplicateReason: null,
  };
}

async function register(db: Db, subject?: string): Promise<string> {
  const outcome = await createIncomingRepo(db).register(newIncoming(subject));
  if (outcome.kind !== 'registered') throw new Error('expected a registration');
  return outcome.id;
}

/** The stand-in server: each mutation's `set` merged into its document (null removes a field), every event kept. */
function serve(mutations: Mutation[], cursor = '100'): PullResponse {
  const docs = new Map<string, { entity: Mutation['entity']; fields: Fields }>();
  for (const m of mutations) {
    const doc = docs.get(m.entityId) ?? { entity: m.entity, fields: {} };
    for (const [key, value] of Object.entries(m.set)) {
      if (value === null) delete doc.fields[key];
      else doc.fields[key] = value;
    }
    docs.set(m.entityId, doc);
  }
  return {
    documents: [...docs].map(([id, d], i) => ({ version: String(i + 1), entity: d.entity, id, fields: d.fields })),
    events: mutations.map((m, i) => ({ ...m.event, version: String(i + 1), rejected: null })),
    cursor,
    more: false,
    head: cursor,
  };
}

const list = (query: string) => ({ filter: { query }, offset: 0, limit: 50 }) as ListInput;
const seqs = (db: Db) => db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all() as number[];

describe('sync in the local database', () => {
  it('a second PC pulling the first one’s mutations shows the same incoming and outgoing documents', async () => {
    const a = openDb('a.db');
    const b = openDb('b.db');
    const org = await createOrgRepo(a).save({
      name: 'UBND xã Thạch Hà', organId: 'X', abbrev: 'UBND',
      units: [{ name: 'Văn phòng', abbrev: 'VP' }],
      staff: [{ fullName: 'Trần Văn Hùng', position: 'Chủ tịch', unitAbbrev: 'VP', role: 'lanh_dao' }],
    });
    const leader = org.staff[0]!;

    // Incoming: registered, presented, its attachment signed.
    const incomingId = await register(a);
    await createIncomingRepo(a).handOver({
      documentId: incomingId, action: 'present', date: '2026-11-21', recipient: { kind: 'staff', id: leader.id, name: leader.fullName },
      note: 'Kính trình', actor: clerk, at: AT,
    });
    const version = await createSigningRepo(a).addVersion({
      documentId: incomingId, position: 0, basedOn: HASH_A, hash: HASH_B, name: 'qd-signed.pdf', size: 12, actor: clerk, at: AT, event: { purpose: 'receipt' },
    });
    expect(version).toBe(2);

    // Outgoing: created, approved, issued with number 1 of its sequence.
    const outgoing = createOutgoingRepo(a);
    const outgoingId = '0190a000-0000-7000-8000-000000000001';
    const of = {
      typeName: 'Quyết định', subject: 'Quyết định thành lập tổ công tác', copyKind: 'none' as const, legalNormative: false, draftingUnitId: leader.unitId,
      signerId: leader.id, signerName: leader.fullName, signerPosition: 'Chủ tịch', signerAuthority: '', priority: 0, issuedAmount: 2, dueDate: null, note: '',
    };
    const search = outgoingSearchText({ ...of, toPlaces: 'Văn phòng' }, '', '');
    await outgoing.create({
      id: outgoingId, fields: of, recipients: [{ kind: 'unit', id: leader.unitId, organId: null, name: 'Văn phòng' }],
      files: [{ role: 'main', position: 0, hash: HASH_C, name: 'du-thao.pdf', size: 5, mime: 'application/pdf', origin: 'uploaded' }],
      searchText: search, actor: { id: leader.id, name: leader.fullName }, at: AT,
    });
    expect(await outgoing.transition({ id: outgoingId, from: ['draft'], set: { status: 'approved' }, event: { kind: 'outgoing.approved', data: {} }, actor: clerk, at: AT })).toBe(true);
    expect(
      await outgoing.issue({
        id: outgoingId, registerId: 'out-shared', registerName: 'Sổ văn bản đi', year: 2026, number: 1, codeNumber: '1', codeNotation: 'QĐ-UBND',
        issuedDate: '2026-11-21', documentId: '', files: [], searchText: outgoingSearchText({ ...of, toPlaces: 'Văn phòng' }, '1/QĐ-UBND', ''),
        event: { number: 1 }, actor: clerk, at: AT,
      }),
    ).toBe('issued');

    const mutations = await createSyncRepo(a).pendingBatch(100);
    expect(mutations.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mutations.map((m) => [m.event.kind, m.create])).toEqual([
      ['incoming.registered', true], ['incoming.handedOver', false], ['signing.signed', false],
      ['outgoing.created', true], ['outgoing.approved', false], ['outgoing.issued', false],
    ]);
    expect(mutations[0]!.numbers).toEqual([{ register: 'incoming', year: 2026, number: 1 }]);
    expect(mutations[0]!.blobs).toEqual([HASH_A]);
    expect(mutations[2]!.blobs).toEqual([HASH_B]);
    expect(mutations[2]!.expect).toEqual({ 'attachmentVersion:0:2': null });
    expect(mutations[4]).toMatchObject({ expect: { status: 'draft' }, set: { status: 'approved' } });
    expect(mutations[5]!.numbers).toEqual([{ register: 'out-shared', year: 2026, number: 1 }]);
    expect(mutations[5]!.set).toMatchObject({ status: 'issued', number: 1, codeNotation: 'QĐ-UBND' });
    expect(mutations[5]!.expect).toMatchObject({ status: 'approved', number: null });

    const result = await createSyncRepo(b).applyPull(serve(mutations));
    expect(result).toEqual({ written: 2, skipped: [] });
    expect(await createSyncRepo(b).cursor()).toBe('100');
    expect(await createSyncRepo(b).pendingBatch(10)).toEqual([]);

    const inA = await createIncomingRepo(a).get(incomingId);
    const inB = await createIncomingRepo(b).get(incomingId);
    expect(inB).toEqual(inA);
    expect(await createSigningRepo(b).versions(incomingId)).toEqual(await createSigningRepo(a).versions(incomingId));
    for (const query of ['quyet dinh giao dat', 'dat dai']) {
      expect((await createIncomingRepo(b).list(list(query))).rows.map((r) => r.id)).toEqual([incomingId]);
    }
    expect(await createIncomingRepo(b).list({ filter: {}, offset: 0, limit: 10 } as ListInput)).toEqual(await createIncomingRepo(a).list({ filter: {}, offset: 0, limit: 10 } as ListInput));
    expect(await createIncomingRepo(b).years()).toEqual([2026]);
    expect(await createIncomingRepo(b).organNames('Sở', 5)).toEqual(['Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh']);

    const outA = await createOutgoingRepo(a).get(outgoingId);
    const outB = await createOutgoingRepo(b).get(outgoingId);
    expect({ ...outB!, row: { ...outB!.row, seq: 0 } }).toEqual({ ...outA!, row: { ...outA!.row, seq: 0 } });
    const outgoingQuery = { filter: { query: 'quyet dinh thanh lap', year: 2026 }, offset: 0, limit: 10 } as OutgoingListInput;
    expect((await createOutgoingRepo(b).list(outgoingQuery, null)).rows.map((r) => r.id)).toEqual([outgoingId]);
    // The old draft text is gone from the index: the issue's text replaced it.
    expect((await createOutgoingRepo(b).list({ filter: { query: '1/QĐ-UBND' }, offset: 0, limit: 10 } as OutgoingListInput, null)).total).toBe(1);

    // Numbers the pulled documents carry are never given again here.
    expect(createRegisterCounters(b).last('incoming', 2026)).toBe(1);
    expect(createRegisterCounters(b).last('out-shared', 2026)).toBe(1);
    const next = await createIncomingRepo(b).register(newIncoming('Công văn khác'));
    expect(next.kind === 'registered' && (await createIncomingRepo(b).get(next.id))!.document.arrivalNumber).toBe(2);

    // Pulling the same page again changes nothing and adds no event or outbox row.
    const before = { events: b.prepare('SELECT count(*) FROM events').pluck().get(), outbox: seqs(b).length };
    await createSyncRepo(b).applyPull(serve(mutations));
    expect({ events: b.prepare('SELECT count(*) FROM events').pluck().get(), outbox: seqs(b).length }).toEqual(before);
    expect(await createIncomingRepo(b).get(incomingId)).toEqual(inA);
  });

  it('a pulled document with a pending local change is left as it is', async () => {
    const a = openDb('a.db');
    const b = openDb('b.db');
    const id = await register(a);
    const created = await createSyncRepo(a).pendingBatch(10);
    await createSyncRepo(b).applyPull(serve(created, '1'));
    await createIncomingRepo(b).handOver({
      documentId: id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: 'u1', name: 'Văn phòng' }, note: '', actor: clerk, at: AT,
    });
    const changed = serve(created, '2');
    changed.documents[0]!.fields.subject = 'Tiêu đề đã sửa';
    expect(await createSyncRepo(b).applyPull(changed)).toEqual({ written: 0, skipped: [id] });
    const doc = (await createIncomingRepo(b).get(id))!.document;
    expect([doc.subject, doc.status]).toEqual([newIncoming().fields.subject, 'forwarded']);
    expect(await createSyncRepo(b).cursor()).toBe('2');
  });

  it('a refused change is kept with its reason, the server’s document shown, and can be applied again or withdrawn', async () => {
    const a = openDb('a.db');
    const id = await register(a);
    const sync = createSyncRepo(a);
    const [create] = await sync.pendingBatch(10);
    const serverFields = serve([create!]).documents[0]!.fields;
    await sync.markApplied([create!.id]);
    await createIncomingRepo(a).handOver({
      documentId: id, action: 'present', date: '2026-11-21', recipient: { kind: 'staff', id: 's1', name: 'Trần Văn Hùng' }, note: '', actor: clerk, at: AT,
    });
    const [handOver] = await sync.pendingBatch(10);
    // Someone else forwarded it first: the server's document says so.
    const current = { ...serverFields, status: 'forwarded', toPlaces: 'Văn phòng' };
    const reason = { code: 'CONFLICT' as const, message: 'changed meanwhile', fields: ['status', 'toPlaces'] };
    await sync.applyRejection(handOver!.id, reason, current);

    expect(await sync.pendingBatch(10)).toEqual([]);
    const [entry] = await sync.outbox();
    expect(entry).toMatchObject({ state: 'rejected', reason, current, mutation: { id: handOver!.id, seq: handOver!.seq } });
    const shown = await createIncomingRepo(a).get(id);
    expect([shown!.document.status, shown!.document.toPlaces]).toEqual(['forwarded', 'Văn phòng']);
    expect(a.prepare('SELECT rejected FROM events WHERE id = ?').pluck().get(handOver!.event.id)).toBe(JSON.stringify(reason));

    // "Apply mine anyway": the same fields again, expecting what the server holds now.
    const newId = await sync.reapply(handOver!.id, clerk, AT);
    const [again] = await sync.pendingBatch(10);
    expect(again!.id).toBe(newId);
    expect(again!.seq).toBe(handOver!.seq + 1);
    expect(again!.set).toEqual(handOver!.set);
    expect(again!.expect).toMatchObject({ status: 'forwarded', toPlaces: 'Văn phòng' });
    expect((await createIncomingRepo(a).get(id))!.document.status).toBe('presented');

    await sync.applyRejection(again!.id, reason, current);
    expect(await sync.withdraw(again!.id)).toBe(true);
    expect(await sync.outbox()).toEqual([]);
    expect((await sync.outbox(['withdrawn']))[0]!.mutation.id).toBe(again!.id);
  });

  it('a refused creation the server does not hold removes the local document but keeps the refusal to show', async () => {
    const a = openDb('a.db');
    const id = await register(a);
    const sync = createSyncRepo(a);
    const [create] = await sync.pendingBatch(10);
    await sync.applyRejection(create!.id, { code: 'NUMBER_TAKEN', message: 'taken' }, null);
    expect(await createIncomingRepo(a).get(id)).toBeNull();
    expect((await createIncomingRepo(a).list(list('quyet dinh'))).total).toBe(0);
    expect((await createIncomingRepo(a).list({ filter: {}, offset: 0, limit: 10 } as ListInput)).total).toBe(0);
    expect((await sync.outbox())[0]).toMatchObject({ state: 'rejected', current: null, mutation: { create: true, set: { id } } });
  });

  it('a registration sends the fields reading the new document gives, taken from the rows it inserted', async () => {
    const a = openDb('a.db');
    // A duplicate registered with its reason, with every nullable field of the register given but the hand-over's.
    const duplicate = { ...newIncoming(), fields: fields({ typeName: 'Quyết định', pageAmount: 3, dueDate: '2026-12-01' }), duplicateReason: 'bản sao gửi lại' };
    await register(a);
    const id = (await createIncomingRepo(a).registerMany([duplicate]))[0]!;
    if (id.kind !== 'registered') throw new Error('expected a registration');
    const [, create] = await createSyncRepo(a).pendingBatch(10);
    const read = documentFields(a).read('incoming', id.id)!;
    const { [SEARCH_KEY]: search, ...set } = create!.set;
    expect(search).toBe(duplicate.searchText);
    // Nulls are absent on the server, so a creation leaves them out.
    expect(set).toEqual(Object.fromEntries(Object.entries(read).filter(([, v]) => v !== null)));
    expect(read).toMatchObject({ pageAmount: 3, dueDate: '2026-12-01', duplicateReason: 'bản sao gửi lại', handedOverAt: null, 'attachment:0': { hash: HASH_A } });
  });

  it('a restricted registration carries its flag to the server, and a PC pulling it keeps it', async () => {
    const a = openDb('a.db');
    const outcome = await createIncomingRepo(a).register({ ...newIncoming(), fields: fields({ typeName: 'Quyết định', restricted: true }) });
    if (outcome.kind !== 'registered') throw new Error('expected a registration');
    const mutations = await createSyncRepo(a).pendingBatch(10);
    expect(mutations[0]!.set.restricted).toBe(1);
    expect(documentFields(a).read('incoming', outcome.id)!.restricted).toBe(1);
    await createIncomingRepo(a).handOver({
      documentId: outcome.id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: 'unit-1', name: 'Văn phòng' }, note: '', actor: clerk, at: AT,
    });

    const b = openDb('b.db');
    await createSyncRepo(b).applyPull(serve(await createSyncRepo(a).pendingBatch(10)));
    expect((await createIncomingRepo(b).get(outcome.id))!.document.restricted).toBe(true);
    expect(documentFields(b).read('incoming', outcome.id)).toEqual(documentFields(a).read('incoming', outcome.id));
  });

  it('a document pulled from a computer that lacked a required column takes the column’s default', async () => {
    const a = openDb('a.db');
    const outcome = await createIncomingRepo(a).register({ ...newIncoming(), fields: fields({ typeName: 'Quyết định' }) });
    if (outcome.kind !== 'registered') throw new Error('expected a registration');
    const [created] = await createSyncRepo(a).pendingBatch(10);
    const { restricted: _absentThere, ...olderFields } = created!.set;
    const b = openDb('b.db');
    await createSyncRepo(b).applyPull(serve([{ ...created!, set: olderFields }]));
    expect((await createIncomingRepo(b).get(outcome.id))!.document.restricted).toBe(false);
  });

  it('keeps the outbox sequence without gaps when a change fails', async () => {
    const a = openDb('a.db');
    const id = await register(a);
    a.exec(`CREATE TEMP TRIGGER fail_outbox AFTER INSERT ON outbox WHEN new.payload LIKE '%"note":"fail"%' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const handOver = (note: string) =>
      createIncomingRepo(a).handOver({
        documentId: id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: 'u1', name: 'Văn phòng' }, note, actor: clerk, at: AT,
      });
    await expect(handOver('fail')).rejects.toThrow('boom');
    await handOver('ok');
    expect(seqs(a)).toEqual([1, 2]);
  });

  it('migration 7 drops the old outbox over a version 6 database, and uploadAll sends every document with its history from seq 1', async () => {
    // A version 6 database with one event and two outbox rows in the old shape (the bare event).
    const fresh = dbFile('v6.db');
    const db6 = new Database(fresh);
    for (const m of MIGRATIONS.filter((m) => m.version <= 6)) {
      db6.transaction(() => {
        m.up(db6);
        db6.pragma(`user_version = ${m.version}`);
      })();
    }
    db6.exec(`INSERT INTO events (id, entity, entity_id, at, actor, kind, data) VALUES ('e1', 'incoming', 'd1', '${AT}', 'Lan', 'incoming.registered', '{}');
      INSERT INTO outbox (id, event_id, payload, created_at) VALUES ('o1', 'e1', '{"eventId":"e1"}', '${AT}');
      INSERT INTO outbox (id, event_id, payload, created_at) VALUES ('o2', 'e1', '{"eventId":"e1"}', '${AT}');`);
    db6.close();

    const db = openDatabase(fresh);
    cleanups.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(seqs(db)).toEqual([]);
    const id = await register(db);
    await createIncomingRepo(db).handOver({
      documentId: id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: 'u1', name: 'Văn phòng' }, note: '', actor: clerk, at: AT,
    });
    expect(seqs(db)).toEqual([1, 2]);

    const sync = createSyncRepo(db);
    expect(await sync.uploadAll(AT)).toBe(1);
    const batch = await sync.pendingBatch(10);
    expect(batch.map((m) => [m.seq, m.create, m.event.kind])).toEqual([[1, true, 'incoming.registered'], [2, false, 'incoming.handedOver']]);
    expect(batch[0]!.set).toMatchObject({ id, status: 'forwarded', 'attachment:0': { hash: HASH_A } });
    expect(typeof batch[0]!.set.search).toBe('string');
    expect(batch[1]).toMatchObject({ expect: {}, set: {} });
    expect(await sync.state('uploadedAll')).toBe(AT);
    const client = await sync.clientId();
    expect(await sync.clientId()).toBe(client);
  });

  it('plans a catch-up for what its cursor passed: new kinds, and restricted documents after a change of user, role or unit', async () => {
    const sync = createSyncRepo(openDb('plan.db'));
    const page = (cursor: string, more: boolean): PullResponse => ({ documents: [], events: [], cursor, more, head: '90' });
    const as = (unitId: string) => ({ userId: 'u1', role: 'chuyen_vien' as const, unitId });
    // Before its first pull a PC has nothing to catch up on, whatever it syncs.
    await sync.planCatchUps(['incoming'], as('A'));
    expect(await sync.catchUp()).toBeNull();
    await sync.applyPull(page('40', false));

    // Upgraded: the kinds it did not sync, up to where its cursor stands; then moved to another unit, restricted
    // documents of every kind it syncs but those its old unit let it see, queued behind.
    await sync.planCatchUps(['incoming', 'directive', 'workFile'], as('A'));
    expect(await sync.catchUp()).toEqual({ kinds: ['directive', 'workFile'], restrictedOnly: false, after: '0', until: '40' });
    await sync.applyCatchUpPage(page('25', true));
    await sync.applyPull(page('60', false));
    await sync.planCatchUps(['incoming', 'directive', 'workFile'], as('B'));
    expect(await sync.catchUp()).toEqual({ kinds: ['directive', 'workFile'], restrictedOnly: false, after: '25', until: '40' });
    await sync.applyCatchUpPage(page('40', false));
    expect(await sync.catchUp()).toEqual({ kinds: ['incoming', 'directive', 'workFile'], restrictedOnly: true, after: '0', until: '60', seenAs: { role: 'chuyen_vien', unitId: 'A' } });

    // Moved again before it ended: one catch-up as the user is now, to where the cursor stands now, leaving nothing out
    // (the PC may lack some of what unit B let it see). Put back to a version without work files, it asks only for
    // the kinds that version syncs.
    await sync.applyCatchUpPage(page('30', true));
    await sync.applyPull(page('80', false));
    await sync.planCatchUps(['incoming', 'directive', 'workFile'], as('C'));
    expect(await sync.catchUp()).toEqual({ kinds: ['incoming', 'directive', 'workFile'], restrictedOnly: true, after: '0', until: '80' });
    await sync.planCatchUps(['incoming', 'directive'], as('C'));
    expect(await sync.catchUp()).toEqual({ kinds: ['incoming', 'directive'], restrictedOnly: true, after: '0', until: '80' });
    await sync.applyCatchUpPage(page('80', false));
    expect(await sync.catchUp()).toBeNull();
    await sync.planCatchUps(['incoming', 'directive'], as('C'));
    expect(await sync.catchUp()).toBeNull();
    // Made leader once that ended: what unit C let it see is here.
    await sync.planCatchUps(['incoming', 'directive'], { ...as('C'), role: 'lanh_dao' });
    expect(await sync.catchUp()).toEqual({ kinds: ['incoming', 'directive'], restrictedOnly: true, after: '0', until: '80', seenAs: { role: 'chuyen_vien', unitId: 'C' } });
  });

  it('a PC that pulled before keeping its cursor’s coverage covers the kinds of before, its user unknown', async () => {
    const sync = createSyncRepo(openDb('upgraded.db'));
    await sync.applyPull({ documents: [], events: [], cursor: '40', more: false, head: '40' });
    await sync.planCatchUps(['incoming', 'outgoing', 'directive', 'filePlanEntry', 'workFile'], { userId: 'u1', role: 'chuyen_vien', unitId: 'A' });
    expect(await sync.catchUp()).toEqual({ kinds: ['incoming', 'outgoing', 'directive', 'filePlanEntry', 'workFile'], restrictedOnly: true, after: '0', until: '40' });
  });
});
