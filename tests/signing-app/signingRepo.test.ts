/** The signing tables: a version 2 database upgraded through migration 3 and on, and a new version only on top of the newest one. */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { createSigningRepo } from '../../electron/core/db/signingRepo';
import { call, fields, FIXED_NOW, openTestCore, tempDir } from '../support/coreFixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('signing tables', () => {
  it('a version 2 database is upgraded to the latest version through migration 3 and keeps its rows', () => {
    const tmp = tempDir('vanthu-signing-migration-');
    cleanups.push(tmp.remove);
    const file = path.join(tmp.dir, 'vanthu.db');
    const v2 = new Database(file);
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) {
      v2.transaction(() => {
        m.up(v2);
        v2.pragma(`user_version = ${m.version}`);
      })();
    }
    v2.close();
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
      expect(count(db, 'registers')).toBe(1);
      for (const table of ['trusted_certificates', 'settings', 'attachment_versions']) expect(count(db, table)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('adds a version only on top of the newest one, with one event and one outbox row each', async () => {
    const env = await openTestCore({ now: FIXED_NOW, analyzeFile: async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text: '' }) });
    cleanups.push(env.dispose);
    const original = await env.core.stage(Buffer.from('%PDF-1.7 bản gốc'), 'a.pdf');
    const out = await call(env.core, 'incoming.register', { fields: fields(), attachments: [{ hash: original.hash, name: original.name }] });
    if (out.kind !== 'registered') throw new Error('not registered');
    const db = new Database(path.join(env.dir, 'vanthu.db'));
    cleanups.unshift(() => db.close());
    const repo = createSigningRepo(db);
    const actor = { id: null, name: 'Nguyễn Thị Lan' };
    const version = (basedOn: string, hash: string) =>
      repo.addVersion({ documentId: out.document.id, position: 0, basedOn, hash, name: 'a.pdf', size: 10, actor, at: '2026-11-21T03:00:00.000Z', event: {} });
    const before = { events: count(db, 'events'), outbox: count(db, 'outbox') };

    expect(await version(original.hash, 'b'.repeat(64))).toBe(2);
    // A second signing that started from the original lost the race: nothing is written.
    expect(await version(original.hash, 'c'.repeat(64))).toBeNull();
    expect(await version('b'.repeat(64), 'd'.repeat(64))).toBe(3);
    expect({ events: count(db, 'events'), outbox: count(db, 'outbox') }).toEqual({ events: before.events + 2, outbox: before.outbox + 2 });
    expect((await repo.versions(out.document.id)).map((v) => [v.version, v.hash[0]])).toEqual([[2, 'b'], [3, 'd']]);
  });
});
