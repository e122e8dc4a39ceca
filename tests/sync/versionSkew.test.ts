/**
 * PCs of different versions against one server. A PC of an older version (standing in: an engine given fewer kinds)
 * names the kinds it knows on every pull and keeps pulling documents while others write directives and work files;
 * upgraded, it catches those kinds up from the start of the log to its cursor, each record once, and a kill in the
 * middle of that catch-up resumes where its last page ended. A newer PC against a server of an older version (standing
 * in: a server given fewer kinds) pushes what that server syncs; the server defers the rest, each change on its own, and
 * the PC keeps those and sends them once the server, upgraded, names their kind: each arrives once, in its order.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import type { SyncProgress } from '../../electron/core/sync/syncEngine';
import type { Pool } from '../../server/db/pool';
import { PullResponse, PushResponse, SYNC_PATHS, SyncEntity } from '../../shared/contract/syncWire';
import { call, FIXED_NOW, fields } from '../support/coreFixture';
import { plainReader } from '../support/syncSimulation';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, loggedInCore, PASSWORD, seedHandlingOffice, useTestServer } from '../support/testServer';

const root = path.resolve(__dirname, '../..');
const postgres = useTestPostgres();
const servers = useTestServer(postgres);
vi.setConfig({ testTimeout: 180_000 });

/** The kinds of a version before directives and work files. */
const OLD_KINDS: SyncEntity[] = ['incoming', 'outgoing'];
const NEW_KINDS = ['directive', 'filePlanEntry', 'workFile'];

/** What the server holds of the kinds an older PC did not sync. */
async function onServer(pool: Pool) {
  const count = async (table: string) => Number((await pool.query(`SELECT count(*) AS n FROM ${table} WHERE entity = ANY($1)`, [NEW_KINDS])).rows[0].n);
  return { documents: await count('documents'), events: await count('document_events') };
}

/** One value read from a PC's database, as another process reads it. */
function local<T = number>(dir: string, sql: string): T {
  const db = new Database(path.join(dir, 'vanthu.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
}

async function makeDirective(leader: Core, content: string) {
  const units = (await call(leader, 'org.get', {}))!.units;
  return call(leader, 'directive.create', {
    content,
    source: { kind: 'meeting', name: 'Họp giao ban', date: '2026-11-20' },
    unitIds: units.filter((u) => u.abbrev === 'VP').map((u) => u.id),
    dueDate: '2026-11-27',
  });
}

let codeNumber = 300;
async function register(core: Core, subject: string) {
  const result = await call(core, 'incoming.register', { fields: fields({ subject, codeNumber: String(codeNumber++) }), attachments: [] });
  if (result.kind !== 'registered') throw new Error('not registered');
  return result.document;
}

const subjects = async (core: Core) => (await call(core, 'incoming.list', { filter: {}, limit: 100 })).rows.map((r) => r.subject).sort();

describe('PCs of different versions', () => {
  it('an older PC keeps pulling documents while others write directives and work files; upgraded, it catches them up once', async () => {
    const { url, pool } = await servers.start();
    await seedHandlingOffice(pool, '000.00.00.H81');
    const [leader, clerk, officer] = await Promise.all([loggedInCore(url, 'hung'), loggedInCore(url, 'admin'), loggedInCore(url, 'duc')]);
    const old = await loggedInCore(url, 'lan', { syncKinds: OLD_KINDS });
    let upgraded: Core | null = null;
    try {
      const tc = (await call(clerk.core, 'org.get', {}))!.units.find((u) => u.abbrev === 'TC')!.id;
      const first = await makeDirective(leader.core, 'Rà soát hồ sơ đất đai tồn đọng');
      const entry = await call(clerk.core, 'workFile.planSave', { year: 2026, notation: '01.TC', title: 'Hồ sơ tiếp công dân', unitId: tc, retention: '10 năm' });
      await register(clerk.core, 'Giấy mời họp tháng 11');
      for (const pc of [leader, clerk]) expect(await call(pc.core, 'sync.now', {})).toMatchObject({ rejected: [] });

      // The old PC takes the documents and steps over the rest: no refusal of a page, the cursor goes to the head.
      expect(await call(old.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, pulledEvents: 1 });
      expect(await subjects(old.core)).toEqual(['Giấy mời họp tháng 11']);

      // More of everything, and the old PC still pulls the documents and nothing else.
      const second = await makeDirective(leader.core, 'Báo cáo tiến độ chuyển đổi số');
      await call(leader.core, 'directive.setDue', { id: first.id, dueDate: '2026-12-04' });
      await call(officer.core, 'sync.now', {});
      const opened = await call(officer.core, 'workFile.open', { year: 2026, planEntryId: entry.id });
      await register(clerk.core, 'Công văn về lịch tiếp dân');
      for (const pc of [leader, clerk, officer]) expect(await call(pc.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      expect(await call(old.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, pulledEvents: 1, rejected: [] });
      expect(await subjects(old.core)).toEqual(['Công văn về lịch tiếp dân', 'Giấy mời họp tháng 11']);
      expect(local(old.dir, 'SELECT count(*) FROM directives') + local(old.dir, 'SELECT count(*) FROM file_plan')).toBe(0);
      const cursor = local(old.dir, `SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'cursor'`);
      const head = Number((await pool.query('SELECT version FROM orgs WHERE organ_id = $1', ['000.00.00.H81'])).rows[0].version);
      expect(cursor).toBe(head);

      // Upgraded: the same data folder opened by a version that syncs every kind.
      old.core.close();
      upgraded = await createCore({ dataDir: old.dir, now: FIXED_NOW, analyzeFile: plainReader });
      const missing = await onServer(pool);
      expect(missing.documents).toBe(4);
      const progress: SyncProgress[] = [];
      expect(await upgraded.sync.syncNow((p) => progress.push(p))).toMatchObject({ pulledDocuments: missing.documents, pulledEvents: missing.events, rejected: [] });
      expect(progress.filter((p) => p.phase === 'catchUp')).toEqual([{ phase: 'catchUp', done: cursor, total: cursor }]);
      expect(await call(upgraded, 'sync.status', {})).toMatchObject({ catchUp: null, lastError: null });

      for (const id of [first.id, second.id]) {
        const [mine, theirs] = await Promise.all([call(upgraded, 'directive.get', { id }), call(leader.core, 'directive.get', { id })]);
        expect({ ...mine, actions: [] }).toEqual({ ...theirs, actions: [] });
      }
      expect((await call(upgraded, 'directive.get', { id: first.id })).dueDate).toBe('2026-12-04');
      expect(await call(upgraded, 'workFile.planList', { year: 2026 })).toEqual(await call(clerk.core, 'workFile.planList', { year: 2026 }));
      expect(await call(upgraded, 'workFile.get', { id: opened.id })).toMatchObject({ title: 'Hồ sơ tiếp công dân', state: 'open' });
      expect(await subjects(upgraded)).toEqual(['Công văn về lịch tiếp dân', 'Giấy mời họp tháng 11']);

      // Caught up: from now on one pull of every kind, and nothing comes twice.
      const third = await makeDirective(leader.core, 'Kiểm tra công tác văn thư');
      expect(await call(leader.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      expect(await call(upgraded, 'sync.now', {})).toMatchObject({ pulledDocuments: 1, pulledEvents: 1 });
      expect((await call(upgraded, 'directive.get', { id: third.id })).content).toBe('Kiểm tra công tác văn thư');
      expect(await call(upgraded, 'sync.now', {})).toMatchObject({ pulledDocuments: 0, pulledEvents: 0 });
      expect(local(old.dir, 'SELECT count(*) FROM directives')).toBe(3);
      expect(local(old.dir, `SELECT count(*) FROM sync_state WHERE key = 'catchUps'`)).toBe(0);
    } finally {
      upgraded?.close();
      for (const pc of [leader, clerk, officer]) pc.dispose();
      rmSync(old.dir, { recursive: true, force: true });
    }
  });

  it('a catch-up killed in the middle resumes where its last page ended', async () => {
    const { url, pool } = await servers.start();
    await seedHandlingOffice(pool, '000.00.00.H82');
    const leader = await loggedInCore(url, 'hung');
    const old = await loggedInCore(url, 'lan', { syncKinds: OLD_KINDS });
    try {
      // Three pages of 2,000 directives at most.
      const total = 4100;
      for (let i = 0; i < total; i++) await makeDirective(leader.core, `Chỉ đạo số ${i + 1}`);
      expect(await call(leader.core, 'sync.now', {})).toMatchObject({ pushed: total, rejected: [] });
      expect(await call(old.core, 'sync.now', {})).toMatchObject({ pulledDocuments: 0 });
      old.core.close();

      // The upgraded version's command line, killed once the catch-up's first page is written.
      const sync = () => {
        const child = spawn(process.execPath, [path.join(root, 'bin/vanthu.mjs'), '--data', old.dir, 'sync', '--json'], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, VANTHU_PASSWORD: PASSWORD },
        });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        return { child, exited, output: () => output };
      };
      const position = () => {
        const text = local<string>(old.dir, `SELECT coalesce((SELECT value FROM sync_state WHERE key = 'catchUps'), '[]')`);
        return (JSON.parse(text) as { after: string }[])[0]?.after ?? null;
      };
      const killed = sync();
      let stoppedAt: string | null = null;
      for (let ended = false; !ended; ) {
        stoppedAt = position();
        if (stoppedAt !== null && stoppedAt !== '0') break;
        ended = await Promise.race([killed.exited.then(() => true), sleep(5).then(() => false)]);
      }
      expect(killed.child.kill('SIGKILL'), killed.output()).toBe(true);
      await killed.exited;

      const db = new Database(path.join(old.dir, 'vanthu.db'), { readonly: true });
      const held = db.prepare('SELECT count(*) FROM directives').pluck().get() as number;
      const heldEvents = db.prepare(`SELECT count(*) FROM events WHERE entity = 'directive'`).pluck().get() as number;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      // Cut between two pages: what it holds is whole pages, and where it stopped is saved with them.
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(total);
      expect(Number(position())).toBeGreaterThanOrEqual(Number(stoppedAt));

      const resumed = sync();
      expect(await resumed.exited, resumed.output()).toBe(0);
      const report = JSON.parse(resumed.output()) as { pulledDocuments: number; pulledEvents: number };
      expect(report).toMatchObject({ pulledDocuments: total - held, pulledEvents: total - heldEvents });
      expect(local(old.dir, 'SELECT count(*) FROM directives')).toBe(total);
      expect(local(old.dir, `SELECT count(*) FROM events WHERE entity = 'directive'`)).toBe((await onServer(pool)).events);
      expect(position()).toBeNull();
    } finally {
      leader.dispose();
      rmSync(old.dir, { recursive: true, force: true });
    }
  });

  it('the server checks the kinds a pull names, leaves out those it does not know, and defers a pushed change of one', async () => {
    const { url, pool } = await servers.start();
    await seedHandlingOffice(pool, '000.00.00.H83');
    const [leader, clerk] = await Promise.all([loggedInCore(url, 'hung'), loggedInCore(url, 'admin')]);
    try {
      await register(clerk.core, 'Giấy mời họp tháng 11');
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 1, rejected: [] });
      await makeDirective(leader.core, 'Rà soát hồ sơ đất đai tồn đọng');
      expect(await call(leader.core, 'sync.now', {})).toMatchObject({ pushed: 1, rejected: [] });
      const { accessToken } = await logIn(url, 'lan');
      const headers = { authorization: `Bearer ${accessToken}` };
      const pull = (query: string) => fetch(`${url}${SYNC_PATHS.pull}?${query}`, { headers });
      const kindsOf = async (query: string) => {
        const res = await pull(query);
        expect(res.status).toBe(200);
        const page = PullResponse.parse(await res.json());
        return { documents: page.documents.map((d) => d.entity), events: page.events.map((e) => e.entity), cursor: page.cursor };
      };

      // Named kinds only; a kind this server does not know is one it holds nothing of; none named: every kind of before.
      expect(await kindsOf('after=0&limit=10&kinds=directive')).toEqual({ documents: ['directive'], events: ['directive'], cursor: '2' });
      expect(await kindsOf('after=0&limit=10&kinds=incoming,meeting')).toEqual({ documents: ['incoming'], events: ['incoming'], cursor: '2' });
      expect(await kindsOf('after=0&limit=10&kinds=meeting')).toEqual({ documents: [], events: [], cursor: '2' });
      expect(await kindsOf('after=0&limit=10')).toEqual({ documents: ['incoming', 'directive'], events: ['incoming', 'directive'], cursor: '2' });
      expect(await kindsOf('after=0&limit=10&kinds=incoming,directive&until=1')).toEqual({ documents: ['incoming'], events: ['incoming'], cursor: '1' });
      const malformed = ['kinds=', 'kinds=incoming;drop', `kinds=${'x,'.repeat(60)}x`, 'until=abc', 'until=1&after=2', 'restricted=yes', 'limit=0', 'seenAsUnit=u1', 'seenAsRole=admin'];
      for (const bad of malformed) {
        const res = await pull(`limit=10&${bad}`);
        expect(res.status, bad).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message, bad).toMatch(/^Dữ liệu gửi lên chưa hợp lệ/);
      }

      // A pushed change of a kind the server does not know is deferred on its own: nothing of it is applied, and the
      // sequence goes on past it. Sent again, it is deferred again, never taken for a duplicate.
      const before = await onServer(pool);
      const meeting = (seq: number, entity = 'meeting') => {
        const event = { id: `meeting-e${seq}`, entity, entityId: 'm1', at: '2026-11-21T03:00:00.000Z', actorId: null, actor: 'Thử', kind: 'meeting.created', data: {} };
        return { id: `meeting-m${seq}`, seq, entity, entityId: 'm1', create: seq === 1, expect: {}, set: { title: 'Họp' }, event, blobs: [], numbers: [] };
      };
      const push = (mutations: object[]) =>
        fetch(url + SYNC_PATHS.push, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ clientId: 'newer-pc', mutations }) });
      for (const mutations of [[meeting(1), meeting(2)], [meeting(1), meeting(2)]]) {
        const res = await push(mutations);
        expect(res.status).toBe(200);
        expect(PushResponse.parse(await res.json()).results).toEqual([
          { id: 'meeting-m1', seq: 1, outcome: 'deferred' },
          { id: 'meeting-m2', seq: 2, outcome: 'deferred' },
        ]);
      }
      expect(await onServer(pool)).toEqual(before);
      const recorded = await pool.query(`SELECT id, seq, outcome, version FROM sync_mutations WHERE client_id = 'newer-pc' ORDER BY seq`);
      expect(recorded.rows).toEqual([
        { id: 'meeting-m1', seq: '1', outcome: 'deferred', version: null },
        { id: 'meeting-m2', seq: '2', outcome: 'deferred', version: null },
      ]);
      // A kind's name is still checked: one that is no name fails the push whole, as any malformed field does.
      const res = await push([meeting(3, 'meeting;drop')]);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Dữ liệu gửi lên chưa hợp lệ (trường: mutations.0.entity, mutations.0.event.entity).');
    } finally {
      leader.dispose();
      clerk.dispose();
    }
  });

  it('a newer PC pushes to an older server what it syncs; the rest waits on the PC and, once the server is upgraded, arrives once', async () => {
    const older = await servers.start({ kinds: OLD_KINDS });
    const { pool } = older;
    await seedHandlingOffice(pool, '000.00.00.H84');
    const [clerk, leader, officer] = await Promise.all([loggedInCore(older.url, 'admin'), loggedInCore(older.url, 'hung'), loggedInCore(older.url, 'duc')]);
    let newcomer: Awaited<ReturnType<typeof loggedInCore>> | null = null;
    try {
      const outcomes = async () =>
        (await pool.query<{ outcome: string; n: string }>('SELECT outcome, count(*) AS n FROM sync_mutations GROUP BY outcome ORDER BY outcome')).rows.map((r) => [r.outcome, Number(r.n)]);
      const tc = (await call(clerk.core, 'org.get', {}))!.units.find((u) => u.abbrev === 'TC')!.id;
      // The clerk's changes alternate: documents the older server syncs, and a file plan entry it does not, made and
      // then changed (the change depends on the entry, and must follow it).
      await register(clerk.core, 'Công văn thứ nhất');
      const entry = await call(clerk.core, 'workFile.planSave', { year: 2026, notation: '01.TC', title: 'Hồ sơ tiếp công dân', unitId: tc, retention: '10 năm' });
      await register(clerk.core, 'Công văn thứ hai');
      await call(clerk.core, 'workFile.planSave', { id: entry.id, year: 2026, notation: '01.TC', title: 'Hồ sơ tiếp công dân năm 2026', unitId: tc, retention: '10 năm' });
      await register(clerk.core, 'Công văn thứ ba');
      await makeDirective(leader.core, 'Rà soát hồ sơ đất đai tồn đọng');

      // The documents go; the entry and its change, and the directive, are deferred, not refused, and wait on their PCs.
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 3, deferred: 2, rejected: [] });
      expect(await call(leader.core, 'sync.now', {})).toMatchObject({ pushed: 0, deferred: 1, rejected: [] });
      expect(await call(clerk.core, 'sync.status', {})).toMatchObject({ pending: 2, deferred: 2, rejected: [] });
      expect(await onServer(pool)).toEqual({ documents: 0, events: 0 });
      expect(await outcomes()).toEqual([['applied', 3], ['deferred', 3]]);
      // They do not block what comes after them, and are not sent again while the server still does not sync them.
      await register(clerk.core, 'Công văn thứ tư');
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 1, deferred: 0, rejected: [] });
      expect(await outcomes()).toEqual([['applied', 4], ['deferred', 3]]);
      await call(officer.core, 'sync.now', {});
      expect(await subjects(officer.core)).toEqual(['Công văn thứ ba', 'Công văn thứ hai', 'Công văn thứ nhất', 'Công văn thứ tư']);

      // The server is upgraded in place: same database, same address, every kind. Each PC's next round finds the kinds
      // in the profile and sends what it kept, in its order: the entry is made, then changed.
      await older.close();
      const upgraded = await servers.startOn(older.dbUrl, older.dataDir, { port: Number(new URL(older.url).port) });
      expect(upgraded.url).toBe(older.url);
      expect(await call(clerk.core, 'sync.now', {})).toMatchObject({ pushed: 2, deferred: 0, rejected: [] });
      expect(await call(leader.core, 'sync.now', {})).toMatchObject({ pushed: 1, deferred: 0, rejected: [] });
      for (const pc of [clerk, leader]) {
        expect(await call(pc.core, 'sync.status', {})).toMatchObject({ pending: 0, deferred: 0, rejected: [] });
        expect(await call(pc.core, 'sync.now', {})).toMatchObject({ pushed: 0, duplicates: 0, deferred: 0 });
      }
      expect(await outcomes()).toEqual([['applied', 7]]);
      expect(await onServer(pool)).toEqual({ documents: 2, events: 3 });
      const entryEvents = await pool.query<{ kind: string }>(`SELECT kind FROM document_events WHERE entity = 'filePlanEntry' ORDER BY version`);
      expect(entryEvents.rows.map((r) => r.kind)).toEqual(['filePlan.added', 'filePlan.changed']);
      const stored = await pool.query<{ title: string }>(`SELECT fields ->> 'title' AS title FROM documents WHERE entity = 'filePlanEntry'`);
      expect(stored.rows).toEqual([{ title: 'Hồ sơ tiếp công dân năm 2026' }]);

      // A PC set up afterwards takes everything, each once.
      newcomer = await loggedInCore(older.url, 'lan');
      await call(newcomer.core, 'sync.now', {});
      expect(await subjects(newcomer.core)).toEqual(await subjects(officer.core));
      expect((await call(newcomer.core, 'workFile.planList', { year: 2026 })).map((e) => e.title)).toEqual(['Hồ sơ tiếp công dân năm 2026']);
      expect(await call(newcomer.core, 'directive.list', {})).toMatchObject({ rows: [{ content: 'Rà soát hồ sơ đất đai tồn đọng' }] });
    } finally {
      for (const pc of [clerk, leader, officer, newcomer]) pc?.dispose();
    }
  });
});
