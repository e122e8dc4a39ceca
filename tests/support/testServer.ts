/** The server's HTTP side in the test process over a fresh database, with an organisation set up through the real code. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { SYNC_PATHS, Session, type SyncEntity } from '../../shared/contract/syncWire';
import { addUser, initOrg } from '../../server/accounts/setup';
import { createApp } from '../../server/app';
import { openPool, type Pool } from '../../server/db/pool';
import { listen, type RunningServer } from '../../server/http/server';
import type { CoreOptions } from '../../electron/core/app';
import { call, FIXED_NOW, openTestCore } from './coreFixture';
import type { TestPostgres } from './testPostgres';

export const PASSWORD = 'mat-khau-thu-nghiem';

export interface ServeOptions {
  /** `Connection: close` on every answer, for clients that go through the fault proxy (see faultProxy.ts). */
  closeConnections?: boolean;
  /** Serves HTTPS with this certificate and key. */
  tls?: { cert: Buffer; key: Buffer };
  /** The kinds the server syncs: fewer than this version's stand in for an older server. */
  kinds?: readonly SyncEntity[];
  /** Listens on this port (a server restarted in place), a free one by default. */
  port?: number;
  /** The server's DNS names (`--host-name`). */
  hostNames?: string[];
}

export function useTestServer(postgres: TestPostgres) {
  const servers: RunningServer[] = [];
  const pools: Pool[] = [];
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(pools.map((pool) => pool.end()));
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  /** The running server; closing it twice (the test, then afterAll) closes it once. */
  async function serve(pool: Pool, dataDir: string, { kinds, port = 0, ...options }: ServeOptions): Promise<RunningServer> {
    const app = await createApp(pool, { dataDir, ...(kinds ? { kinds } : {}) });
    const server = await listen(app.router, { host: '127.0.0.1', port, ...options });
    let closing: Promise<void> | null = null;
    const running = { url: server.url, close: () => (closing ??= server.close().then(() => app.close())) };
    servers.push(running);
    return running;
  }

  return {
    /** A running server over a new migrated database and a new blob folder. */
    async start(options: ServeOptions = {}): Promise<{ url: string; pool: Pool; dbUrl: string; dataDir: string; close(): Promise<void> }> {
      const { url: dbUrl, pool } = await postgres.freshDatabase();
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-server-'));
      folders.push(dataDir);
      const { url, close } = await serve(pool, dataDir, options);
      return { url, close, pool, dbUrl, dataDir };
    },
    /** Another server process, as a second instance behind a load balancer: its own pool on the same database and folder. */
    async startOn(dbUrl: string, dataDir: string, options: ServeOptions = {}): Promise<{ url: string; pool: Pool }> {
      const pool = openPool(dbUrl);
      pools.push(pool);
      return { url: (await serve(pool, dataDir, options)).url, pool };
    },
  };
}

/** An organisation with units VP and TC, its administrator `<prefix>admin` and a specialist `<prefix>lan` in VP. */
export async function seedOrg(pool: Pool, organId: string, prefix = ''): Promise<void> {
  await initOrg(pool, {
    organId,
    name: `Cơ quan ${organId}`,
    abbrev: 'CQ',
    units: [
      { name: 'Văn phòng', abbrev: 'VP' },
      { name: 'Phòng Tổ chức', abbrev: 'TC' },
    ],
    admin: { username: `${prefix}admin`, fullName: 'Quản trị', password: PASSWORD },
  });
  await addUser(pool, { organId, username: `${prefix}lan`, fullName: 'Nguyễn Thị Lan', role: 'chuyen_vien', position: 'Chuyên viên', unitAbbrev: 'VP', password: PASSWORD });
}

/**
 * seedOrg, then the people handling and directives pass between: the chairman and his deputy (VP), the head of Tổ chức
 * and her officer (TC). The officer's account is returned for the steps that name him.
 */
export async function seedHandlingOffice(pool: Pool, organId: string) {
  await seedOrg(pool, organId);
  const person = (username: string, fullName: string, role: 'lanh_dao' | 'chuyen_vien', position: string, unitAbbrev: string) =>
    addUser(pool, { organId, username, fullName, role, position, unitAbbrev, password: PASSWORD });
  await person('hung', 'Trần Văn Hùng', 'lanh_dao', 'Chủ tịch', 'VP');
  await person('phong', 'Ngô Văn Phong', 'lanh_dao', 'Phó Chủ tịch', 'VP');
  await person('mai', 'Võ Thị Mai', 'chuyen_vien', 'Trưởng phòng Tổ chức', 'TC');
  return { officer: await person('duc', 'Lê Minh Đức', 'chuyen_vien', 'Chuyên viên', 'TC') };
}

export async function postJson(base: string, path: string, body: unknown): Promise<Response> {
  return fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export async function logIn(base: string, username: string, password = PASSWORD): Promise<Session> {
  const res = await postJson(base, SYNC_PATHS.login, { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return Session.parse(await res.json());
}

/** A PC's core on a fresh data folder, logged in to the server as the user (its files read as one page of `text`). */
export async function loggedInCore(serverUrl: string, username: string, options: Partial<CoreOptions> & { text?: string } = {}) {
  const { text = '', ...coreOptions } = options;
  const opened = await openTestCore({ now: FIXED_NOW, analyzeFile: async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text }), ...coreOptions }, false);
  await call(opened.core, 'sync.login', { serverUrl, username, password: PASSWORD });
  return opened;
}

/** Opens the poke stream; `poked` resolves once an `event: poke` arrives, `opened` once the server holds the stream. */
export async function pokeStream(url: string, username: string) {
  const { accessToken } = await logIn(url, username);
  const abort = new AbortController();
  const res = await fetch(url + SYNC_PATHS.poke, { headers: { authorization: `Bearer ${accessToken}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const until = async (marker: string) => {
    while (!text.includes(marker)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${marker}`);
      text += decoder.decode(value, { stream: true });
    }
  };
  await until(': vanthu');
  return { poked: () => until('event: poke'), close: () => abort.abort() };
}
