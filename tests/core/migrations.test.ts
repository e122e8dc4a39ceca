import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../electron/core/db/database';
import { createIncomingRepo } from '../../electron/core/db/incomingRepo';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { tempDir } from '../support/coreFixture';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function dbFile() {
  const tmp = tempDir('vanthu-migrations-');
  dirs.push(tmp);
  return path.join(tmp.dir, 'vanthu.db');
}

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;
const schema = (db: Db) => db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

/** A document as version 1 stored it, with an attached file whose text was read. */
function insertVersion1Document(db: Db, seq: number, year: number, typeName: string, subject: string, fileText: string) {
  const id = `00000000-0000-4000-8000-00000000000${seq}`;
  db.prepare(
    `INSERT INTO incoming_documents (seq, id, register_id, year, arrival_number, arrival_date, organ_name, duplicate_key, code_number,
       code_notation, issued_date, type_name, subject, signer_name, signer_position, place, priority, secrecy, to_places, note,
       document_id, channel, status, created_at)
     VALUES (?, ?, 'incoming', ?, ?, ?, 'Sở Tài chính tỉnh Hà Tĩnh', ?, ?, 'STC', ?, ?, ?, 'Lê Văn Tâm', 'Giám đốc', 'Hà Tĩnh', 0,
       'none', '', '', '', 'paper', 'registered', '2026-11-20T00:00:00.000Z')`,
  ).run(seq, id, year, seq, `${year}-03-0${seq}`, `key${seq}`, String(seq), `${year}-03-0${seq}`, typeName, subject);
  const hash = String(seq).repeat(64).slice(0, 64);
  db.prepare("INSERT INTO content_text (hash, page_count, problem, text) VALUES (?, 1, NULL, ?)").run(hash, fileText);
  db.prepare("INSERT INTO incoming_attachments (document_id, position, hash, name, size, mime, page_count) VALUES (?, 0, ?, 'a.pdf', 9, 'application/pdf', 1)")
    .run(id, hash);
  db.prepare('INSERT INTO incoming_fts (rowid, body) VALUES (?, ?)').run(seq, 'stale text of version 1');
}

describe('numbered migrations', () => {
  it('bring an empty database to the latest version, and re-opening changes nothing', () => {
    const file = dbFile();
    const first = openDatabase(file);
    expect(first.pragma('user_version', { simple: true })).toBe(LATEST);
    const before = schema(first);
    first.close();

    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(schema(again)).toEqual(before);
    migrate(again);
    expect(schema(again)).toEqual(before);
    again.close();
  });

  it('look attachments and signed versions up by hash through an index, not by reading them all', () => {
    const db = openDatabase(dbFile());
    try {
      const plan = (table: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN SELECT hash FROM ${table} WHERE hash IN (SELECT value FROM json_each(?))`).all('[]') as { detail: string }[])
          .map((row) => row.detail)
          .join('\n');
      expect(plan('incoming_attachments')).toMatch(/USING COVERING INDEX incoming_attachments_by_hash/);
      expect(plan('attachment_versions')).toMatch(/USING COVERING INDEX attachment_versions_by_hash/);
    } finally {
      db.close();
    }
  });

  it('upgrade a version 1 register: the search index is rebuilt with the year and type facets', async () => {
    const file = dbFile();
    const v1 = new Database(file);
    v1.transaction(() => {
      MIGRATIONS[0]!.up(v1);
      v1.pragma('user_version = 1');
    })();
    insertVersion1Document(v1, 1, 2025, 'Quyết định', 'Quyết định phê duyệt quy hoạch sử dụng đất', 'Điều 1. Giao đo đạc địa chính');
    insertVersion1Document(v1, 2, 2026, 'Công văn', 'V/v quy hoạch mạng lưới trường học', 'Kính gửi các phòng ban');
    v1.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      expect((db.prepare('SELECT count(*) AS n FROM incoming_fts').get() as { n: number }).n).toBe(2);
      const repo = createIncomingRepo(db);
      const codes = async (filter: Record<string, unknown>) =>
        (await repo.list({ filter, offset: 0, limit: 100 })).rows.map((r) => r.codeNumber).sort();
      expect(await codes({ query: 'quy hoach' })).toEqual(['1', '2']);
      expect(await codes({ query: 'dia chinh' })).toEqual(['1']); // the attachment's cached text
      expect(await codes({ query: 'stale' })).toEqual([]); // version 1's rows are gone
      expect(await codes({ query: 'quy hoach', year: 2026 })).toEqual(['2']);
      expect(await codes({ query: 'quy hoach', typeName: 'Quyết định' })).toEqual(['1']);
      expect(await codes({ query: 'quy hoach', year: 2026, typeName: 'Quyết định' })).toEqual([]);
    } finally {
      db.close();
    }
  });
});
