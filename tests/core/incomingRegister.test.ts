import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { openDatabase } from '../../electron/core/db/database';
import { createIncomingRepo } from '../../electron/core/db/incomingRepo';
import type { AnalyzeFile } from '../../electron/core/incoming/incomingService';
import { call, FIXED_NOW, fields, openTestCore } from '../support/coreFixture';

// Registration rules need no real PDF: a reader that reports a two-page PDF with known text.
const fakeReader: AnalyzeFile = async () => ({ pageCount: 2, problem: null, message: null, proposal: {}, text: 'Nội dung về đất đai' });

let core: Core;
let dir: string;
let dispose: () => void;
beforeEach(async () => {
  ({ core, dir, dispose } = await openTestCore({ now: FIXED_NOW, analyzeFile: fakeReader }));
});
afterEach(() => {
  vi.restoreAllMocks();
  dispose();
});

/** A second connection on the core's database, as an auditor reads it. */
function withDb<T>(use: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, 'vanthu.db'));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** Every file under the content store (bytes, staging marks, temporary files). */
function storeFiles(): string[] {
  const root = path.join(dir, 'content');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.relative(root, path.join(d, e.name))]));
  try {
    return walk(root).sort();
  } catch {
    return [];
  }
}

/** What a refused call must leave untouched: every table a registration or a hand-over writes, and the store. */
function stored() {
  const tables = withDb((db) =>
    Object.fromEntries(
      ['incoming_documents', 'incoming_attachments', 'handovers', 'events', 'outbox', 'content_text', 'register_counters', 'incoming_fts'].map((t) => [
        t,
        db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
      ]),
    ),
  );
  return { ...tables, files: storeFiles() };
}

/** The events of one document with their outbox rows, as sync will read them. */
function eventsWithOutbox(documentId: string) {
  return withDb((db) =>
    db
      .prepare(
        `SELECT e.id, e.kind, e.actor, e.at, e.data, o.payload, o.created_at FROM events e LEFT JOIN outbox o ON o.event_id = e.id
         WHERE e.entity_id = ? ORDER BY e.rowid`,
      )
      .all(documentId) as { id: string; kind: string; actor: string; at: string; data: string; payload: string | null; created_at: string | null }[],
  );
}

/** Makes every outbox insert fail, as a full disk or a bug would halfway through a change. */
function breakOutbox(broken: boolean) {
  withDb((db) =>
    db.exec(broken ? `CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END` : 'DROP TRIGGER outbox_down'),
  );
}

async function register(overrides: Parameters<typeof fields>[0] = {}, extra: { force?: boolean; reason?: string } = {}) {
  return call(core, 'incoming.register', { fields: fields(overrides), attachments: [], ...extra });
}

describe('Số đến', () => {
  it('starts at 1 and runs consecutively within the year, restarting on 1 January', async () => {
    const numbers: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await register({ codeNumber: String(100 + i) });
      if (r.kind !== 'registered') throw new Error('expected a registration');
      numbers.push(r.document.arrivalNumber);
    }
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    const lastYear = await register({ codeNumber: '7', arrivalDate: '2025-12-31', issuedDate: '2025-12-30' });
    const thisYear = await register({ codeNumber: '8' });
    expect(lastYear.kind === 'registered' && [lastYear.document.year, lastYear.document.arrivalNumber]).toEqual([2025, 1]);
    expect(thisYear.kind === 'registered' && thisYear.document.arrivalNumber).toBe(6);
  });

  it('records an event and an outbox row with every registration', async () => {
    const r = await register();
    if (r.kind !== 'registered') throw new Error('expected a registration');
    const detail = await call(core, 'incoming.get', { id: r.document.id });
    expect(detail.events.map((e) => [e.kind, e.actor])).toEqual([['incoming.registered', 'Nguyễn Thị Lan']]);
    expect(detail.events[0]!.data).toMatchObject({ arrivalNumber: 1, subject: fields().subject });
    const [row, ...more] = eventsWithOutbox(r.document.id);
    expect(more).toEqual([]);
    expect(row!.at).toBe(FIXED_NOW().toISOString());
    expect(row!.created_at).toBe(row!.at);
    // The outbox carries a create mutation: the whole document as fields, its event, the number it took.
    const mutation = JSON.parse(row!.payload!);
    expect(mutation).toMatchObject({
      entity: 'incoming',
      entityId: r.document.id,
      create: true,
      expect: {},
      event: { id: row!.id, entity: 'incoming', entityId: r.document.id, kind: 'incoming.registered', at: row!.at, data: JSON.parse(row!.data) },
      blobs: [],
      numbers: [{ register: 'incoming', year: 2026, number: 1 }],
    });
    expect(mutation.set).toMatchObject({ id: r.document.id, arrivalNumber: 1, subject: fields().subject, status: 'registered' });
    expect(typeof mutation.set.search).toBe('string');
  });

  it('writes the document, its number, its event and its outbox row in one transaction', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    breakOutbox(true);
    const before = stored();
    const failed = await core.dispatch('incoming.register', { fields: fields(), attachments: [] });
    expect(!failed.ok && failed.error.code).toBe('INTERNAL');
    expect(stored()).toEqual(before);
    breakOutbox(false);
    const next = await register();
    expect(next.kind === 'registered' && next.document.arrivalNumber).toBe(1);
  });
});

describe('duplicates', () => {
  it('warns on the same number, notation and issuing body, whatever the zeros, case and normal form', async () => {
    await register({ codeNumber: '05', codeNotation: 'STNMT-ĐĐBĐ' });
    const again = await register({
      codeNumber: '5',
      codeNotation: 'stnmt-đđbđ'.normalize('NFD'),
      organName: 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH HÀ TĨNH',
    });
    expect(again.kind).toBe('duplicate');
    if (again.kind === 'duplicate') expect(again.matches.map((m) => m.arrivalNumber)).toEqual([1]);
  });

  it('warns on the same DocumentId even with other fields', async () => {
    const documentId = '000.00.00.G22,2026/11/18,125/STNMT-ĐĐBĐ';
    await register({ documentId });
    const again = await register({ documentId, codeNumber: '999' });
    expect(again.kind).toBe('duplicate');
  });

  it('does not treat the same number of another year or another body as a duplicate', async () => {
    await register();
    expect((await register({ issuedDate: '2025-11-18' })).kind).toBe('registered');
    expect((await register({ organName: 'Sở Tư pháp tỉnh Hà Tĩnh' })).kind).toBe('registered');
  });

  it('registers a duplicate only with a recorded reason', async () => {
    await register();
    const refused = await core.dispatch('incoming.register', { fields: fields(), attachments: [], force: true, reason: '' });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('DUPLICATE_REASON_REQUIRED');
    const forced = await register({}, { force: true, reason: 'Bản gửi lại có bổ sung phụ lục' });
    expect(forced.kind === 'registered' && [forced.document.arrivalNumber, forced.document.duplicateReason]).toEqual([
      2,
      'Bản gửi lại có bổ sung phụ lục',
    ]);
  });
});

describe('refusals store nothing', () => {
  it.each(['Mật', 'Tối mật', 'Tuyệt mật'] as const)('refuses a %s document from the normal register, its file and text included', async (secrecy) => {
    const before = stored();
    const ref = await core.stage(Buffer.from(`%PDF-1.7\n% ${secrecy}\n`), 'mat.pdf');
    await call(core, 'incoming.analyze', { hash: ref.hash, name: ref.name });
    expect(withDb((db) => db.prepare('SELECT text FROM content_text WHERE hash = ?').pluck().get(ref.hash))).toBe('Nội dung về đất đai');
    const result = await core.dispatch('incoming.register', { fields: fields({ secrecy }), attachments: [{ hash: ref.hash, name: ref.name }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('SECRET_REFUSED');
      expect(result.error.message).toContain('bí mật nhà nước');
      expect(result.error.message).toContain(secrecy);
    }
    expect(stored()).toEqual(before);
    // The number was not consumed either.
    const next = await register();
    expect(next.kind === 'registered' && next.document.arrivalNumber).toBe(1);
  });

  it('keeps the bytes of a refused secret document that a registered document also uses', async () => {
    const ref = await core.stage(Buffer.from('%PDF-1.7\n% shared\n'), 'a.pdf');
    const attachments = [{ hash: ref.hash, name: ref.name }];
    await call(core, 'incoming.register', { fields: fields(), attachments });
    const result = await core.dispatch('incoming.register', { fields: fields({ secrecy: 'Mật', codeNumber: '7' }), attachments });
    expect(!result.ok && result.error.code).toBe('SECRET_REFUSED');
    expect((await core.content.read(ref.hash)).toString()).toContain('shared');
    expect(withDb((db) => db.prepare('SELECT count(*) FROM content_text WHERE hash = ?').pluck().get(ref.hash))).toBe(1);
  });

  it.each([
    ['a missing subject', { subject: '  ' }, 'fields.subject'],
    ['an impossible date', { issuedDate: '2026-02-30' }, 'fields.issuedDate'],
    ['an unknown type', { typeName: 'Văn bản lạ' }, 'fields.typeName'],
    ['a document dated after its arrival', { issuedDate: '2026-11-20', arrivalDate: '2026-11-19' }, 'fields.issuedDate'],
    ['an arrival in the future', { arrivalDate: '2026-12-01' }, 'fields.arrivalDate'],
  ])('refuses %s with a message on the field, keeping the file for the corrected try', async (_, overrides, field) => {
    const ref = await core.stage(Buffer.from('%PDF-1.7\n% bad input\n'), 'cv.pdf');
    await call(core, 'incoming.analyze', { hash: ref.hash, name: ref.name });
    const before = stored();
    const attachments = [{ hash: ref.hash, name: ref.name }];
    const result = await core.dispatch('incoming.register', { fields: fields(overrides), attachments });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BAD_INPUT');
      expect(Object.keys(result.error.fields ?? {})).toContain(field);
    }
    expect(stored()).toEqual(before);
    expect((await call(core, 'incoming.register', { fields: fields(), attachments })).kind).toBe('registered');
  });

  it('refuses an attachment that is not in the content store', async () => {
    const result = await core.dispatch('incoming.register', { fields: fields(), attachments: [{ hash: 'a'.repeat(64), name: 'x.pdf' }] });
    expect(!result.ok && result.error.code).toBe('BAD_INPUT');
  });

  it('asks for the organisation first', async () => {
    const { core: bare, dispose: disposeBare } = await openTestCore({ now: FIXED_NOW, analyzeFile: fakeReader }, false);
    const result = await bare.dispatch('incoming.register', { fields: fields(), attachments: [] });
    expect(!result.ok && result.error.code).toBe('NOT_SET_UP');
    disposeBare();
  });
});

describe('attachments and hand-over', () => {
  it('stores attachments by hash and takes the page count from the PDF', async () => {
    const ref = await core.stage(Buffer.from('%PDF-1.7\n% test bytes\n'), 'cong-van.pdf');
    const r = await call(core, 'incoming.register', { fields: fields(), attachments: [{ hash: ref.hash, name: ref.name }] });
    if (r.kind !== 'registered') throw new Error('expected a registration');
    expect(r.document.pageAmount).toBe(2);
    expect(r.document.attachments).toEqual([{ hash: ref.hash, name: 'cong-van.pdf', size: ref.size, mime: 'application/pdf', pageCount: 2 }]);
    expect((await core.content.read(ref.hash)).toString()).toContain('test bytes');
  });

  it('records Ngày chuyển, the recipient and an event when a document is presented or forwarded', async () => {
    const r = await register();
    if (r.kind !== 'registered') throw new Error('expected a registration');
    const org = (await call(core, 'org.get', {}))!;
    const leader = org.staff.find((s) => s.role === 'lanh_dao')!;
    const unit = org.units.find((u) => u.abbrev === 'ĐCXD')!;
    const presented = await call(core, 'incoming.handOver', {
      id: r.document.id,
      action: 'present',
      recipient: { kind: 'staff', id: leader.id },
      note: 'Kính trình Chủ tịch',
      date: '2026-11-20',
    });
    expect([presented.status, presented.handedOverAt, presented.toPlaces]).toEqual(['presented', '2026-11-20', 'Trần Văn Hùng']);
    const forwarded = await call(core, 'incoming.handOver', { id: r.document.id, action: 'forward', recipient: { kind: 'unit', id: unit.id }, note: '' });
    expect([forwarded.status, forwarded.handedOverAt, forwarded.toPlaces]).toEqual(['forwarded', '2026-11-20', 'Trần Văn Hùng; Địa chính - Xây dựng']);
    const history = await call(core, 'incoming.get', { id: r.document.id });
    expect(history.events.map((e) => e.kind)).toEqual(['incoming.registered', 'incoming.handedOver', 'incoming.handedOver']);
    const rows = eventsWithOutbox(r.document.id);
    expect(rows.map((e) => e.kind)).toEqual(['incoming.registered', 'incoming.handedOver', 'incoming.handedOver']);
    const [, present, forward] = rows.map((e) => ({ payload: JSON.parse(e.payload!), id: e.id, at: e.at }));
    expect(present!.payload.event).toEqual({
      id: present!.id,
      entity: 'incoming',
      entityId: r.document.id,
      at: present!.at,
      actorId: expect.any(String),
      actor: 'Nguyễn Thị Lan',
      kind: 'incoming.handedOver',
      data: { action: 'present', date: '2026-11-20', recipient: { kind: 'staff', id: leader.id, name: 'Trần Văn Hùng' }, note: 'Kính trình Chủ tịch' },
    });
    // The mutation sets what the hand-over changed and expects what those fields held before it.
    const handoverKey = Object.keys(present!.payload.set).find((k) => k.startsWith('handover:'))!;
    expect(present!.payload).toMatchObject({
      create: false,
      expect: { status: 'registered', toPlaces: '', handedOverAt: null, [handoverKey]: null },
      set: { status: 'presented', toPlaces: 'Trần Văn Hùng', handedOverAt: '2026-11-20', [handoverKey]: { recipientId: leader.id, action: 'present' } },
      numbers: [],
    });
    expect(Object.keys(present!.payload.set).sort()).toEqual([handoverKey, 'handedOverAt', 'status', 'toPlaces'].sort());
    // Without a date the hand-over is today in Vietnam: 10:00 on 21 November there.
    expect(forward!.payload.event.data).toEqual({ action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: unit.id, name: 'Địa chính - Xây dựng' }, note: '' });
  });

  it('writes a hand-over, its event and its outbox row in one transaction', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await register();
    if (r.kind !== 'registered') throw new Error('expected a registration');
    const leader = (await call(core, 'org.get', {}))!.staff.find((s) => s.role === 'lanh_dao')!;
    breakOutbox(true);
    const before = stored();
    const failed = await core.dispatch('incoming.handOver', { id: r.document.id, action: 'present', recipient: { kind: 'staff', id: leader.id }, note: '' });
    expect(!failed.ok && failed.error.code).toBe('INTERNAL');
    expect(stored()).toEqual(before);
    const doc = (await call(core, 'incoming.get', { id: r.document.id })).document;
    expect([doc.status, doc.handedOverAt, doc.toPlaces]).toEqual(['registered', null, '']);
  });

  it.each([
    ['before the arrival', { date: '2026-11-19' }, 'date', 'Ngày chuyển không thể trước ngày đến của văn bản (20/11/2026).'],
    ['in the future (Vietnam time)', { date: '2026-11-22' }, 'date', 'Ngày chuyển không thể sau hôm nay (21/11/2026).'],
    ['presented to someone who is not a leader', { to: 'Lê Minh Đức' }, 'recipient', 'Chỉ trình văn bản cho cán bộ có vai trò lãnh đạo'],
    ['presented to a unit', { to: 'Văn phòng' }, 'recipient', 'Chỉ trình văn bản cho cán bộ có vai trò lãnh đạo'],
  ])('refuses a hand-over %s, saying why, and stores nothing', async (_, { date, to }: { date?: string; to?: string }, field, message) => {
    const r = await register();
    if (r.kind !== 'registered') throw new Error('expected a registration');
    const org = (await call(core, 'org.get', {}))!;
    const staff = org.staff.find((s) => s.fullName === (to ?? 'Trần Văn Hùng'));
    const recipient = staff ? { kind: 'staff' as const, id: staff.id } : { kind: 'unit' as const, id: org.units.find((u) => u.name === to)!.id };
    const before = stored();
    const result = await core.dispatch('incoming.handOver', { id: r.document.id, action: 'present', recipient, note: '', ...(date ? { date } : {}) });
    expect(!result.ok && [result.error.code, result.error.fields?.[field]?.startsWith(message)]).toEqual(['BAD_INPUT', true]);
    expect(stored()).toEqual(before);
  });

  it('accepts a hand-over dated today, the day the document arrived', async () => {
    const r = await register({ arrivalDate: '2026-11-21' });
    if (r.kind !== 'registered') throw new Error('expected a registration');
    const unit = (await call(core, 'org.get', {}))!.units[0]!;
    const forwarded = await call(core, 'incoming.handOver', { id: r.document.id, action: 'forward', recipient: { kind: 'unit', id: unit.id }, note: '', date: '2026-11-21' });
    expect(forwarded.handedOverAt).toBe('2026-11-21');
  });
});

describe('abandoned uploads', () => {
  it('are swept at the next start once a day old, unless a document uses them', async () => {
    const put = (text: string) => core.stage(Buffer.from(`%PDF-1.7\n% ${text}\n`), `${text}.pdf`);
    const abandoned = await put('abandoned');
    await call(core, 'incoming.analyze', { hash: abandoned.hash, name: abandoned.name });
    const fresh = await put('fresh');
    const used = await put('used');
    await call(core, 'incoming.register', { fields: fields(), attachments: [{ hash: used.hash, name: used.name }] });
    // The clerk drops the registered file again and cancels: its new mark must not cost the document its file.
    await put('used');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    for (const ref of [abandoned, used]) utimesSync(path.join(dir, 'content', 'staged', ref.hash), twoDaysAgo, twoDaysAgo);
    const leftover = path.join(dir, 'content', 'tmp', 'crashed.part');
    writeFileSync(leftover, 'half');
    utimesSync(leftover, twoDaysAgo, twoDaysAgo);
    core.close();

    (await createCore({ dataDir: dir, now: FIXED_NOW, analyzeFile: fakeReader })).close();
    expect(storeFiles()).toEqual(
      [`${fresh.hash.slice(0, 2)}/${fresh.hash}`, `${used.hash.slice(0, 2)}/${used.hash}`, `staged/${fresh.hash}`].sort(),
    );
    expect(withDb((db) => db.prepare('SELECT hash FROM content_text').pluck().all())).toEqual([used.hash]);
  });

  it('refuses, under the write lock, a registration whose file was swept after it was checked', async () => {
    const db = openDatabase(path.join(dir, 'vanthu.db'));
    try {
      // A sweep in another process removed the bytes between the service's check and the transaction.
      const repo = createIncomingRepo(db, { contentPresent: () => false });
      const before = stored();
      const registering = repo.register({
        fields: fields(),
        year: 2026,
        duplicateKey: 'k',
        attachments: [{ hash: 'b'.repeat(64), name: 'cv.pdf', size: 10, mime: 'application/pdf', pageCount: 1 }],
        searchText: '',
        actor: { id: null, name: 'Nguyễn Thị Lan' },
        at: FIXED_NOW().toISOString(),
        duplicateReason: null,
      });
      await expect(registering).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'Tệp đính kèm chưa được tải lên hoặc đã bị xóa.' });
      expect(stored()).toEqual(before);
    } finally {
      db.close();
    }
  });
});
