/**
 * A first sync into an empty cache drops the indexes that serve only reading and builds them once at its end
 * (electron/core/db/deferredIndexes.ts): the indexes come back exactly as sqlite_master held them, one added by a
 * later migration included; lists and task views answer the same while they are missing; a client killed with the
 * indexes dropped opens with them built, answers its lists, and its next round takes the rest.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { openDatabase } from '../../electron/core/db/database';
import { buildDeferredIndexes, deferIndexes } from '../../electron/core/db/deferredIndexes';
import type { Input } from '../../shared/contract';
import { makeIncomingGenerator } from '../bench/realisticIncoming';
import { call, FIXED_NOW, tempDir } from '../support/coreFixture';
import { useOffices } from '../support/handlingOffice';
import { runHandlingMonth } from '../support/handlingFlow';
import { plainReader, syncClient } from '../support/syncSimulation';
import { useTestPostgres } from '../support/testPostgres';
import { PASSWORD, seedHandlingOffice, useTestServer } from '../support/testServer';

const root = path.resolve(__dirname, '../..');
const postgres = useTestPostgres();
const servers = useTestServer(postgres);
const office = useOffices();
vi.setConfig({ testTimeout: 240_000 });

const BULK_TABLES = ['incoming_documents', 'outgoing_documents', 'directives', 'events'];
/** More than two pages of the pull (2,000 documents each): the kill lands between pages. */
const DOCUMENTS = 4_500;

/** Every index of the database with the statement that made it (autoindexes by name). */
function indexes(file: string): Record<string, string | null> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all() as { name: string; sql: string | null }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.sql]));
  } finally {
    db.close();
  }
}

/** What the views of an office answer: lists in each sort, filtered lists, a search, the task views and unit loads. */
async function views(core: Core) {
  const lists: Input<'incoming.list'>[] = [
    {},
    ...(['arrivalNumber', 'arrivalDate', 'issuedDate', 'organName', 'dueDate'] as const).flatMap((by) => (['asc', 'desc'] as const).map((dir) => ({ sort: { by, dir } }))),
    { filter: { year: 2026, typeName: 'Công văn' } },
    { filter: { from: '2026-11-01', to: '2026-11-30' }, sort: { by: 'issuedDate', dir: 'asc' } },
    { filter: { organName: 'Sở Tài nguyên' } },
    { filter: { query: 'giao ban' } },
  ];
  const answers: unknown[] = [];
  for (const input of lists) answers.push(await call(core, 'incoming.list', input as Input<'incoming.list'>));
  for (const view of ['mine', 'unit', 'overdue', 'dueSoon', 'open'] as const) answers.push(await call(core, 'handling.tasks', { view }));
  return answers;
}

async function registerMany(core: Core, count: number) {
  const next = makeIncomingGenerator();
  for (let done = 0; done < count; ) {
    const items = Array.from({ length: Math.min(1_500, count - done) }, () => ({ fields: next(), attachments: [] }));
    done += (await core.incoming.registerMany(items, 'nhập hàng loạt')).length;
  }
}

/** A clerk's PC that has pushed DOCUMENTS registrations: the server's log a new PC takes. */
async function serverWithDocuments(organId: string) {
  const { url, pool } = await servers.start();
  await seedHandlingOffice(pool, organId);
  const clerk = await syncClient(url, 'admin');
  await registerMany(clerk.core, DOCUMENTS);
  expect((await call(clerk.core, 'sync.now', {})).pushed).toBe(DOCUMENTS);
  return { url, clerk };
}

describe('indexes of a first sync', () => {
  it('lists, counts and task views answer the same with the indexes deferred, and say that they are', async () => {
    const o = await office();
    await runHandlingMonth(o);
    await o.actAs('Võ Thị Mai');
    const file = path.join(o.dir, 'vanthu.db');
    const before = indexes(file);
    const expected = await views(o.core);
    expect((await call(o.core, 'sync.status', {})).indexesDeferred).toBe(false);

    // Dropped by another connection, as the sync's own transaction does it: the core's statements must not be refused.
    const other = openDatabase(file);
    try {
      const dropped = other.transaction(() => deferIndexes(other, BULK_TABLES)).immediate();
      expect(dropped).toBeGreaterThan(20);
      const deferred = Object.keys(before).filter((name) => !(name in indexes(file)));
      expect(deferred).toHaveLength(dropped);
      expect(deferred).toEqual(expect.arrayContaining(['incoming_by_number', 'incoming_tasks_by_due', 'outgoing_by_status', 'events_by_entity']));
      // The unique ones stay: the writes of a pull look documents up by them.
      expect(deferred.some((name) => name.startsWith('sqlite_autoindex'))).toBe(false);

      expect(await views(o.core)).toEqual(expected);
      expect((await call(o.core, 'sync.status', {})).indexesDeferred).toBe(true);

      expect(other.transaction(() => buildDeferredIndexes(other)).immediate()).toBe(dropped);
    } finally {
      other.close();
    }
    expect(indexes(file)).toEqual(before);
    expect(await views(o.core)).toEqual(expected);
    expect((await call(o.core, 'sync.status', {})).indexesDeferred).toBe(false);
  });

  it('a first sync writes its pages without the list indexes and builds them at its end as they were, a new one too', async () => {
    const { url } = await serverWithDocuments('000.00.00.H71');
    const folder = tempDir('vanthu-first-sync-');
    const core = await createCore({ dataDir: folder.dir, now: FIXED_NOW, analyzeFile: plainReader });
    try {
      const file = path.join(folder.dir, 'vanthu.db');
      // An index another migration adds: taken from sqlite_master, it is deferred and built like the others.
      const raw = new Database(file);
      raw.exec(`CREATE INDEX incoming_by_signer ON incoming_documents (signer_name) WHERE signer_name <> ''`);
      raw.close();
      const before = indexes(file);
      await call(core, 'sync.login', { serverUrl: url, username: 'hung', password: PASSWORD });

      const reader = new Database(file, { readonly: true });
      const during: { missing: string[]; recorded: Record<string, string>; documents: number }[] = [];
      try {
        const report = await core.sync.syncNow((p) => {
          if (p.phase !== 'pull' || p.done >= p.total) return;
          const now = indexes(file);
          during.push({
            missing: Object.keys(before).filter((name) => !(name in now)),
            recorded: Object.fromEntries((reader.prepare('SELECT name, sql FROM deferred_indexes').all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql])),
            documents: reader.prepare('SELECT count(*) FROM incoming_documents').pluck().get() as number,
          });
        });
        expect(report.pulledDocuments).toBe(DOCUMENTS);
      } finally {
        reader.close();
      }
      expect(during.length).toBeGreaterThanOrEqual(2);
      for (const page of during) {
        expect(page.documents).toBeGreaterThan(0);
        expect(page.missing).toContain('incoming_by_signer');
        expect(page.missing).toContain('incoming_by_arrival_date');
        // Each missing index is recorded with the very statement that made it.
        expect(page.recorded).toEqual(Object.fromEntries(page.missing.map((name) => [name, before[name]])));
      }
      expect(indexes(file)).toEqual(before);
      expect((await call(core, 'sync.status', {})).indexesDeferred).toBe(false);
      const listed = await call(core, 'incoming.list', {});
      expect(listed.total).toBe(DOCUMENTS);
      expect(listed.rows).toHaveLength(100);
    } finally {
      core.close();
      folder.remove();
    }
  });

  it('a client killed while its first sync has the indexes dropped opens with them built, and its next round takes the rest', async () => {
    const { url, clerk } = await serverWithDocuments('000.00.00.H72');
    const folder = tempDir('vanthu-first-sync-kill-');
    const file = path.join(folder.dir, 'vanthu.db');
    const vanthu = (...args: string[]) => {
      const child = spawn(process.execPath, [path.join(root, 'bin/vanthu.mjs'), '--data', folder.dir, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VANTHU_PASSWORD: PASSWORD } });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      return { child, exited, output: () => output };
    };
    try {
      const login = vanthu('login', '--server', url, '--user', 'hung', '--password-env', 'VANTHU_PASSWORD');
      expect((await login.exited).code, login.output()).toBe(0);
      const before = indexes(file);

      const sync = vanthu('sync');
      const reader = new Database(file, { readonly: true });
      let pulled = -1;
      try {
        // Killed once a page is written with the indexes still dropped: the state a crash mid-sync leaves.
        const deferred = reader.prepare('SELECT count(*) FROM deferred_indexes').pluck();
        const documents = reader.prepare('SELECT count(*) FROM incoming_documents').pluck();
        for (let tries = 0; tries < 6_000 && pulled < 0; tries++) {
          const n = documents.get() as number;
          if ((deferred.get() as number) > 0 && n > 0) {
            sync.child.kill('SIGKILL');
            pulled = n;
          } else await sleep(5);
        }
      } finally {
        reader.close();
      }
      const end = await sync.exited;
      expect(end.signal, sync.output()).toBe('SIGKILL');
      expect(pulled).toBeGreaterThan(0);

      // As the kill left it: the indexes missing, their record kept.
      const left = new Database(file, { readonly: true });
      try {
        expect(left.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBeGreaterThan(0);
        expect(indexes(file)).not.toHaveProperty('incoming_by_number');
        expect(left.prepare('SELECT count(*) FROM incoming_documents').pluck().get()).toBeLessThan(DOCUMENTS);
      } finally {
        left.close();
      }

      const core = await createCore({ dataDir: folder.dir, now: FIXED_NOW, analyzeFile: plainReader });
      try {
        expect(indexes(file)).toEqual(before);
        const check = new Database(file, { readonly: true });
        const local = () => check.prepare('SELECT count(*) FROM incoming_documents').pluck().get() as number;
        try {
          expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(check.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(0);
          const held = local();
          expect(held).toBeGreaterThanOrEqual(pulled);
          const listed = await call(core, 'incoming.list', { sort: { by: 'arrivalNumber', dir: 'asc' }, limit: 500 });
          expect(listed.total).toBe(held);
          expect((await call(core, 'sync.status', {})).indexesDeferred).toBe(false);

          // The cache is no longer empty: the rest is written with the indexes in place.
          const deferredDuring: number[] = [];
          const report = await core.sync.syncNow((p) => void (p.phase === 'pull' && deferredDuring.push(check.prepare('SELECT count(*) FROM deferred_indexes').pluck().get() as number)));
          expect(report.pulledDocuments).toBe(DOCUMENTS - held);
          expect(deferredDuring.length).toBeGreaterThan(0);
          expect(deferredDuring.every((n) => n === 0)).toBe(true);
          expect(local()).toBe(DOCUMENTS);
        } finally {
          check.close();
        }
        // Nothing lost, nothing twice: every document the clerk registered, each event once.
        const ids = async (c: Core) => {
          const all: string[] = [];
          for (let offset = 0; ; offset += 500) {
            const page = await call(c, 'incoming.list', { sort: { by: 'arrivalNumber', dir: 'asc' }, offset, limit: 500 });
            all.push(...page.rows.map((r) => r.id));
            if (page.rows.length < 500) return all;
          }
        };
        expect(await ids(core)).toEqual(await ids(clerk.core));
        expect(indexes(file)).toEqual(before);
      } finally {
        core.close();
      }
    } finally {
      folder.remove();
    }
  });
});
