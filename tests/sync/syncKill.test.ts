/**
 * kill -9 in the middle of sync. (a) A client's `vanthu sync` is killed at random moments while it pushes, pulls and
 * uploads; a clean sync afterwards loses nothing and doubles nothing, and the local database is intact. (b) The server
 * process is killed during pushes and during the upload of a larger file, restarted on the same database and folder,
 * and the client completes: no change applied twice, the file on the server is what its name says.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import type { Pool } from '../../server/db/pool';
import { call, FIXED_NOW, fields, tempDir } from '../support/coreFixture';
import { mulberry32 } from '../support/prng';
import { plainReader, syncClient } from '../support/syncSimulation';
import { useTestPostgres } from '../support/testPostgres';
import { PASSWORD, seedOrg, useTestServer } from '../support/testServer';

const root = path.resolve(__dirname, '../..');
const postgres = useTestPostgres();
const servers = useTestServer(postgres);
vi.setConfig({ testTimeout: 120_000 });

let codeNumber = 700;
async function register(core: Core, subject: string, bytes: Buffer) {
  const ref = await core.stage(bytes, 'van-ban.pdf');
  const result = await call(core, 'incoming.register', { fields: fields({ subject, codeNumber: String(codeNumber++), issuedDate: '2026-11-19' }), attachments: [{ hash: ref.hash, name: ref.name }] });
  if (result.kind !== 'registered') throw new Error('not registered');
  return result.document;
}

function exited(child: ChildProcess) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

function vanthu(dataDir: string, ...args: string[]) {
  const child = spawn(process.execPath, [path.join(root, 'bin/vanthu.mjs'), '--data', dataDir, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VANTHU_PASSWORD: PASSWORD } });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, exited: exited(child), output: () => output };
}

/** What the server and the client's database say after the last sync: every promise of exactly-once and completeness. */
async function audit(pool: Pool, dataDir: string) {
  const db = new Database(path.join(dataDir, 'vanthu.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const clientId = db.prepare(`SELECT value FROM sync_state WHERE key = 'clientId'`).pluck().get() as string;
    const made = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).pluck().get() as number;
    expect(db.prepare(`SELECT count(*) FROM outbox WHERE state = 'pending'`).pluck().get()).toBe(0);
    const seqs = (await pool.query<{ seq: number }>('SELECT seq FROM sync_mutations WHERE client_id = $1 ORDER BY seq', [clientId])).rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: made }, (_, i) => i + 1));
    const events = (await pool.query<{ id: string }>('SELECT id FROM document_events ORDER BY id')).rows.map((r) => r.id);
    expect(events).toHaveLength((await pool.query('SELECT id FROM sync_mutations')).rowCount!);
    expect(events).toEqual((db.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[]));
    const local = db.prepare('SELECT id FROM incoming_documents ORDER BY id').pluck().all() as string[];
    const remote = (await pool.query<{ id: string }>('SELECT id FROM documents ORDER BY id')).rows.map((r) => r.id);
    expect(remote).toEqual(local);
    const numbers = (await pool.query<{ number: number }>('SELECT number FROM taken_numbers ORDER BY number')).rows.map((r) => r.number);
    expect(numbers).toEqual(local.map((_, i) => i + 1));
  } finally {
    db.close();
  }
}

function blobOnServer(dataDir: string, orgId: string, hash: string): string {
  return createHash('sha256').update(readFileSync(path.join(dataDir, 'orgs', orgId, 'blobs', hash.slice(0, 2), hash))).digest('hex');
}

describe('kill -9 during sync', () => {
  it('a client killed at random moments of its sync rounds loses nothing and doubles nothing', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H61');
    const folder = tempDir('vanthu-kill-client-');
    try {
      const login = vanthu(folder.dir, 'login', '--server', url, '--user', 'admin', '--password-env', 'VANTHU_PASSWORD');
      expect((await login.exited).code, login.output()).toBe(0);
      const random = mulberry32(Number(process.env.SYNC_SEED ?? 7));
      let killed = 0;
      // The first round runs whole and is timed (start-up included): the kills of the others land in the same span,
      // from a third of it to a little past its end, on a fast machine as on a slow one (narrowed to any round that
      // finished before its kill).
      let roundMs = 0;
      for (let round = 0; round < 9; round++) {
        // Work for the next round: registrations with files (a few hundred KB each, so uploads take a moment) and a hand-over.
        const core = await createCore({ dataDir: folder.dir, now: FIXED_NOW, analyzeFile: plainReader });
        try {
          const profile = (await call(core, 'org.get', {}))!;
          for (let i = 0; i < 3; i++) {
            const doc = await register(core, `Lượt ${round} văn bản ${i}`, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000)]));
            if (i === 0) await call(core, 'incoming.handOver', { id: doc.id, action: 'forward', date: '2026-11-21', recipient: { kind: 'unit', id: profile.units[0]!.id }, note: '' });
          }
        } finally {
          core.close();
        }
        const sync = vanthu(folder.dir, 'sync');
        if (round === 0) {
          const started = Date.now();
          expect((await sync.exited).code, sync.output()).toBe(0);
          roundMs = Date.now() - started;
          continue;
        }
        const started = Date.now();
        await Promise.race([sleep(roundMs * (0.3 + random() * 0.8)), sync.exited]);
        if (sync.child.kill('SIGKILL')) killed++;
        const end = await sync.exited;
        if (end.signal !== 'SIGKILL') {
          expect(end.code, sync.output()).toBe(0);
          // A round that finished before its kill was shorter than the span: the next kills aim within this one, so a
          // machine that got faster after the first round still sees its rounds cut.
          roundMs = Math.min(roundMs, Date.now() - started);
        }
      }
      expect(killed).toBeGreaterThan(4);
      const last = vanthu(folder.dir, 'sync');
      expect((await last.exited).code, last.output()).toBe(0);
      await audit(pool, folder.dir);
    } finally {
      folder.remove();
    }
  });

  it('the server killed during pushes and during an upload, restarted on the same database and folder: the client completes', async () => {
    const { url: dbUrl, pool } = await postgres.freshDatabase();
    await seedOrg(pool, '000.00.00.H62');
    const data = tempDir('vanthu-kill-server-');
    const port = await freePort();
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), '--database-url', dbUrl, '--data', data.dir, '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const ready = new Promise<void>((resolve) => child.stdout!.on('data', (d) => ((out += d), out.includes('URL: ') && resolve())));
      return { child, ready, exited: exited(child) };
    };
    let server = start();
    await server.ready;
    const client = await syncClient(`http://127.0.0.1:${port}`, 'admin');
    try {
      const random = mulberry32(Number(process.env.SYNC_SEED ?? 11));
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(6 * 1024 * 1024)]);
      const bigDoc = await register(client.core, 'Hồ sơ lớn', big);
      let kills = 0;
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 10; i++) await register(client.core, `Lượt ${round} văn bản ${i}`, Buffer.from(`%PDF-1.7\n% ${round}-${i}\n`));
        const sync = client.core.dispatch('sync.now', {});
        await sleep(random() * 300);
        server.child.kill('SIGKILL');
        await server.exited;
        kills++;
        server = start();
        await server.ready;
        // The round either finished before the kill, failed as offline, or resumed its upload once the server was back.
        const result = await sync;
        if (!result.ok) expect(result.error.code).toBe('OFFLINE');
      }
      expect(kills).toBe(3);
      expect(await call(client.core, 'sync.now', {})).toMatchObject({ rejected: [] });
      expect((await call(client.core, 'sync.status', {})).pending).toBe(0);
      await audit(pool, client.dir);
      const orgId = (await pool.query<{ id: string }>('SELECT id FROM orgs')).rows[0]!.id;
      const hash = bigDoc.attachments[0]!.hash;
      expect(blobOnServer(data.dir, orgId, hash)).toBe(hash);
    } finally {
      client.dispose();
      server.child.kill('SIGKILL');
      await server.exited;
      data.remove();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
