/**
 * A seeded simulation of one office syncing through a bad link: the real server, 2–4 real client cores (each on its
 * own SQLite folder, each behind its own seeded fault proxy), and a random schedule of registrations, hand-overs,
 * sync rounds and outages drawn from the seed. After the schedule the link heals, every client syncs until nothing is
 * pending, and the outcome is audited against the server's database and blob folder. The same seed replays the same
 * schedule and the same faults (the server's interleaving of concurrent rounds aside).
 *
 * Both clerks register. The first to log in holds the incoming register's numbering lease; the other clerk's computer
 * keeps provisional entries, which the holder numbers once they reach it. After quiescence arrival numbers must come
 * out consecutive, every document numbered.
 *
 * Some registrations are restricted: the specialist sees them only once they are handed to her or to her unit, and then
 * with their whole history. The audit compares each computer with what its user may see, by the rule as the product
 * states it (`mayRead` below), not by the server's own audience columns.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { hashPassword } from '../../server/accounts/password';
import { insertOrg, insertUnit, insertUser } from '../../server/db/accountsRepo';
import { inTransaction, type Pool } from '../../server/db/pool';
import type { Core } from '../../electron/core/app';
import type { AnalyzeFile } from '../../electron/core/incoming/incomingService';
import { call, FIXED_NOW, fields, openTestCore } from './coreFixture';
import { startFaultProxy, type FaultProxy, type FaultRates, type FaultStats } from './faultProxy';
import { mulberry32 } from './prng';
import { PASSWORD } from './testServer';

/** The registration rules need a reading of the file; the simulation's files are not real PDFs. */
export const plainReader: AnalyzeFile = async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text: 'Nội dung văn bản đến' });

/** A client core on a fresh folder, logged in to `serverUrl`. */
export async function syncClient(serverUrl: string, username: string, now = FIXED_NOW) {
  const opened = await openTestCore({ now, analyzeFile: plainReader }, false);
  await call(opened.core, 'sync.login', { serverUrl, username, password: PASSWORD });
  return opened;
}

export interface SimulationServer {
  /** Where the server answers, with `Connection: close` (the proxies need one request per connection). */
  url: string;
  pool: Pool;
  /** The server's data folder: blobs are under `orgs/<org uuid>/blobs`. */
  dataDir: string;
}

export interface SimulationOptions {
  seed: number;
  /** 2–4; drawn from the seed when not given. */
  clients?: number;
  steps?: number;
  rates?: Partial<FaultRates>;
}

export interface SimulationResult {
  seed: number;
  clients: number;
  /** Operations run, by kind, and those that failed as a bad link makes them fail (offline). */
  ops: Record<string, number>;
  /** Changes the server refused (each one checked to be listed on its client). */
  rejected: number;
  faults: FaultStats;
  /** Broken promises: empty when the seed passed. */
  failures: string[];
  ms: number;
}

export const DEFAULT_RATES: FaultRates = { delay: 0.2, drop: 0.05, cutRequest: 0.05, cutResponse: 0.05, duplicate: 0.05 };
const NO_FAULTS: FaultRates = { delay: 0, drop: 0, cutRequest: 0, cutResponse: 0, duplicate: 0 };
const USERS = ['admin', 'hung', 'lan', 'thu'];
const QUIESCENCE_ROUNDS = 3;

/** A valid OrganId of its own for each seed, so that many seeds share one server. */
export function organIdOf(seed: number): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(Math.floor(seed / 10_000) % 1000, 3)}.${pad(Math.floor(seed / 100) % 100, 2)}.${pad(seed % 100, 2)}.H41`;
}

/** One cheap password hash for every account of every seed: the real cost (half a second a hash) would be most of a seed. */
let cheapHash: Promise<string> | undefined;

/** The organisation of one seed, written through the server's own account queries: a clerk, a leader, a specialist, a second clerk. */
async function seedOffice(pool: Pool, organId: string, prefix: string) {
  cheapHash ??= hashPassword(PASSWORD, 4);
  const passwordHash = await cheapHash;
  await inTransaction(pool, async (client) => {
    const orgId = (await insertOrg(client, { organId, name: `Cơ quan ${organId}`, abbrev: 'CQ' }))!;
    const office = await insertUnit(client, { orgId, name: 'Văn phòng', abbrev: 'VP' });
    await insertUnit(client, { orgId, name: 'Phòng Tổ chức', abbrev: 'TC' });
    const people = [
      { name: 'admin', fullName: 'Quản trị', position: '', role: 'van_thu', isAdmin: true },
      { name: 'hung', fullName: 'Trần Văn Hùng', position: 'Chủ tịch', role: 'lanh_dao', isAdmin: false },
      { name: 'lan', fullName: 'Nguyễn Thị Lan', position: 'Chuyên viên', role: 'chuyen_vien', isAdmin: false },
      { name: 'thu', fullName: 'Lê Thị Thu', position: 'Văn thư', role: 'van_thu', isAdmin: false },
    ] as const;
    for (const p of people) {
      await insertUser(client, { orgId, unitId: p.isAdmin ? null : office, username: prefix + p.name, fullName: p.fullName, position: p.position, role: p.role, isAdmin: p.isAdmin, passwordHash });
    }
  });
}

interface SimClient {
  name: string;
  core: Core;
  dir: string;
  proxy: FaultProxy;
  dispose(): void;
}

export async function simulate(server: SimulationServer, options: SimulationOptions): Promise<SimulationResult> {
  const started = performance.now();
  const { seed } = options;
  const random = mulberry32(seed);
  const below = (n: number) => Math.floor(random() * n);
  const count = options.clients ?? 2 + below(3);
  const steps = options.steps ?? 15 + below(20);
  const failures: string[] = [];
  const ops: Record<string, number> = {};
  const counted = (kind: string) => (ops[kind] = (ops[kind] ?? 0) + 1);

  const organId = organIdOf(seed);
  const prefix = `s${seed}-`;
  await seedOffice(server.pool, organId, prefix);

 
  // One clock for the whole office, a second per reading: every change has its own time, as on real computers.
  let time = FIXED_NOW().getTime();
  const now = () => new Date((time += 1000));
  const clients: SimClient[] = [];
  const fresh: { dispose(): void }[] = [];
  try {
    const proxySeeds = USERS.slice(0, count).map(() => Math.floor(random() * 2 ** 32));
    const logIn = async (user: string, i: number) => {
        const proxy = await startFaultProxy({
          targetPort: Number(new URL(server.url).port),
          seed: proxySeeds[i]!,
          delayMs: [1, 20],
          requestCutBytes: [1, 600],
          responseCutBytes: [1, 1500],
        });
        // Logging in is set-up, not the subject: the faults start once every client is in.
        const opened = await syncClient(proxy.url, prefix + user, now).catch(async (error: unknown) => {
          await proxy.close();
          throw error;
        });
        clients[i] = { name: user, ...opened, proxy };
    };
    // The clerk logs in first and so takes the incoming register's numbering lease; the others follow together.
    await logIn(USERS[0]!, 0);
    await Promise.all(USERS.slice(1, count).map((user, i) => logIn(user, i + 1)));
    for (const c of clients) c.proxy.setRates({ ...DEFAULT_RATES, ...options.rates });
    const [clerk] = clients as [SimClient, ...SimClient[]];
    const otherClerk = clients[USERS.indexOf('thu')];

    /** A sync round that a bad link may break: offline is expected, anything else is a failure. */
    async function syncRound(c: SimClient, step: number) {
      counted('sync');
      const result = await c.core.dispatch('sync.now', {});
      if (result.ok) return;
      if (result.error.code === 'OFFLINE') counted('syncOffline');
      else failures.push(`step ${step}: ${c.name} sync.now: ${result.error.code} ${result.error.message}`);
    }

    let subjects = 0;
    for (let step = 0; step < steps; step++) {
      const roll = random();
      const c = clients[below(clients.length)]!;
      if (roll < 0.25) {
        counted('register');
        const n = subjects++;
        const registrar = otherClerk && random() < 0.4 ? otherClerk : clerk;
        const ref = await registrar.core.stage(Buffer.from(`%PDF-1.7\n% seed ${seed} văn bản ${n} ${random()}\n`), `van-ban-${n}.pdf`);
        const restricted = random() < 0.5;
        if (restricted) counted('restricted');
        const registered = await call(registrar.core, 'incoming.register', {
          fields: fields({ subject: `Công văn số ${n} của lượt ${seed}`, codeNumber: String(100 + n), issuedDate: '2026-11-19', restricted }),
          attachments: [{ hash: ref.hash, name: ref.name }],
        });
        if (registered.kind === 'registered' && registered.document.arrivalNumber === null) counted('provisional');
      } else if (roll < 0.5) {
        const { rows } = await call(c.core, 'incoming.list', { filter: {}, limit: 100 });
        if (rows.length === 0) continue;
        counted('handOver');
        const profile = (await call(c.core, 'org.get', {}))!;
        const leader = profile.staff.find((s) => s.role === 'lanh_dao')!;
        const specialist = profile.staff.find((s) => s.role === 'chuyen_vien')!;
        const choice = below(3);
        await call(c.core, 'incoming.handOver', {
          id: rows[below(rows.length)]!.id,
          action: choice === 0 ? 'present' : 'forward',
          date: '2026-11-21',
          recipient: choice === 0 ? { kind: 'staff', id: leader.id } : choice === 1 ? { kind: 'staff', id: specialist.id } : { kind: 'unit', id: profile.units[below(profile.units.length)]!.id },
          note: `Bước ${step}`,
        });
      } else if (roll < 0.8) {
        await syncRound(c, step);
      } else if (roll < 0.9) {
        // Several offices at once: the server sees concurrent pushes and pulls of one organisation.
        await Promise.all(clients.map((other) => syncRound(other, step)));
      } else {
        counted('toggleLink');
        c.proxy.setOffline(random() < 0.6);
      }
    }

    // Quiescence: the link heals and everyone syncs until nothing waits, then once more to pull the last changes.
    for (const c of clients) {
      c.proxy.setOffline(false);
      c.proxy.setRates(NO_FAULTS);
    }
    for (let round = 0; round < QUIESCENCE_ROUNDS; round++) {
      for (const c of clients) {
        const result = await c.core.dispatch('sync.now', {});
        if (!result.ok) failures.push(`quiescence round ${round}: ${c.name} sync.now: ${result.error.code} ${result.error.message}`);
      }
    }
    // Two computers logging in afterwards: a leader's sees everything, the specialist's only what she may see.
    const late: Audited[] = [];
    for (const user of ['hung', 'lan']) {
      const opened = await syncClient(server.url, prefix + user, now);
      fresh.push(opened);
      await call(opened.core, 'sync.now', {});
      late.push({ name: `fresh ${user}`, user, ...opened });
    }
    await audit(server, organId, prefix, clients.map((c) => ({ ...c, user: c.name })), late as [Audited, Audited], failures);
    const rejected = Number(
      (await server.pool.query(`SELECT count(*) FROM document_events e JOIN orgs o ON o.id = e.org_id WHERE o.organ_id = $1 AND e.rejected IS NOT NULL`, [organId])).rows[0].count,
    );
    const faults = clients.map((c) => c.proxy.stats()).reduce((sum, s) => {
      for (const key of Object.keys(sum) as (keyof FaultStats)[]) sum[key] += s[key];
      return sum;
    });
    return { seed, clients: count, ops, rejected, faults, failures, ms: Math.round(performance.now() - started) };
  } finally {
    // A failed log-in leaves a hole in `clients`.
    for (const c of clients.filter(Boolean)) {
      await c.proxy.close();
      c.dispose();
    }
    for (const f of fresh) f.dispose();
  }
}

/** A computer under audit and the user logged in on it. */
interface Audited {
  name: string;
  user: string;
  core: Core;
  dir: string;
}

interface Reader {
  id: string;
  unitId: string | null;
  role: string;
}

/**
 * Whether the reader may see a document with these fields: clerks and leaders see all; a restricted document is seen
 * by its registrant and by the people and units it was handed to.
 */
function mayRead(reader: Reader, f: Record<string, unknown>): boolean {
  if (reader.role !== 'chuyen_vien' || !f.restricted || f.createdBy === reader.id) return true;
  return Object.entries(f).some(([key, h]) => {
    const recipient = key.startsWith('handover:') ? (h as { recipientId?: unknown }).recipientId : undefined;
    return recipient === reader.id || (recipient !== undefined && recipient === reader.unitId);
  });
}

/** Everything the simulation promises, checked against the server's own tables and files; broken ones go to `failures`. */
async function audit(
  server: SimulationServer,
  organId: string,
  prefix: string,
  clients: Audited[],
  [reference, lateSpecialist]: [Audited, Audited],
  failures: string[],
) {
  const fail = (line: string) => failures.push(line);
  const orgId = (await server.pool.query<{ id: string }>('SELECT id FROM orgs WHERE organ_id = $1', [organId])).rows[0]!.id;
  const users = await server.pool.query<Reader & { username: string }>('SELECT username, id, unit_id AS "unitId", role FROM users WHERE org_id = $1', [orgId]);
  const readerOf = (c: Audited) => users.rows.find((u) => u.username === prefix + c.user)!;
  const everyone = [...clients, reference, lateSpecialist];
  const serverDocuments = new Map(
    (await server.pool.query<{ id: string; fields: Record<string, unknown> }>(`SELECT id, fields FROM documents WHERE org_id = $1 AND entity = 'incoming'`, [orgId])).rows.map(
      (d) => [d.id, d.fields],
    ),
  );

  // Exactly once: one event per mutation, each client's sequence 1..n with nothing missing or doubled.
  const events = (
    await server.pool.query<{ id: string; entity_id: string; actor_id: string | null; data: Record<string, unknown>; rejected: boolean }>(
      'SELECT id, entity_id, actor_id, data, rejected IS NOT NULL AS rejected FROM document_events WHERE org_id = $1',
      [orgId],
    )
  ).rows;
  const mutations = (
    await server.pool.query<{ id: string; client_id: string; seq: number; outcome: string }>(
      'SELECT m.id, m.client_id, m.seq, m.outcome FROM sync_mutations m JOIN sync_clients c ON c.id = m.client_id WHERE c.org_id = $1 ORDER BY m.client_id, m.seq',
      [orgId],
    )
  ).rows;
  if (events.length !== mutations.length) fail(`server: ${events.length} events for ${mutations.length} mutations`);
  // A refused registration has no document on the server: its event is seen as the registration says.
  const documentOf = (e: (typeof events)[number]) => serverDocuments.get(e.entity_id) ?? { restricted: e.data.restricted, createdBy: e.actor_id };

  for (const c of everyone) {
    const reader = readerOf(c);
    const serverEvents = events
      .filter((e) => mayRead(reader, documentOf(e)))
      .map((e) => `${e.id}${e.rejected ? ' (rejected)' : ''}`)
      .sort();
    const db = new Database(path.join(c.dir, 'vanthu.db'), { readonly: true });
    try {
      const local = (db.prepare('SELECT id, rejected IS NOT NULL AS rejected FROM events').all() as { id: string; rejected: number }[])
        .map((e) => `${e.id}${e.rejected ? ' (rejected)' : ''}`)
        .sort();
      if (!sameList(local, serverEvents)) fail(`${c.name}: events differ from the server's: ${diff(local, serverEvents)}`);
      const clientId = db.prepare(`SELECT value FROM sync_state WHERE key = 'clientId'`).pluck().get() as string | undefined;
      const made = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).pluck().get() as number | undefined) ?? 0;
      const mine = mutations.filter((m) => m.client_id === clientId);
      const seqs = mine.map((m) => Number(m.seq));
      if (!sameList(seqs, Array.from({ length: made }, (_, i) => i + 1))) fail(`${c.name}: server holds sequences [${seqs.join(',')}] of ${made} made`);
      const status = await call(c.core, 'sync.status', {});
      if (status.pending !== 0) fail(`${c.name}: ${status.pending} changes still pending after quiescence`);
      const refused = mine.filter((m) => m.outcome === 'rejected').map((m) => m.id).sort();
      const shown = status.rejected.map((r) => r.id).sort();
      if (!sameList(refused, shown)) fail(`${c.name}: refused on the server [${refused.join(',')}], listed as refused [${shown.join(',')}]`);
    } finally {
      db.close();
    }
  }

  // Every client sees what the server holds and its user may see, as a leader who logs in afterwards sees it.
  const documents = [...serverDocuments.keys()].sort();
  const full = await viewOf(reference.core);
  if (!sameList(Object.keys(full).sort(), documents)) fail(`${reference.name}: documents [${Object.keys(full).join(',')}], server [${documents.join(',')}]`);
  for (const c of [...clients, lateSpecialist]) {
    const reader = readerOf(c);
    const view = await viewOf(c.core);
    const expected = documents.filter((id) => mayRead(reader, serverDocuments.get(id)!));
    if (!sameList(Object.keys(view).sort(), expected)) fail(`${c.name}: documents ${diff(Object.keys(view).sort(), expected)}`);
    for (const id of expected) {
      // Key order is not compared: the server keeps JSON as jsonb, which orders keys its own way.
      if (!isDeepStrictEqual(view[id], full[id])) fail(`${c.name}: document ${id} differs: ${differences(view[id], full[id]).join('; ')}`);
    }
  }

  // Arrival numbers of the year: each once, 1..N with no gap.
  const numbers = (await server.pool.query<{ year: number; number: number }>(`SELECT year, number FROM taken_numbers WHERE org_id = $1 ORDER BY year, number`, [orgId])).rows;
  for (const year of new Set(numbers.map((n) => n.year))) {
    const taken = numbers.filter((n) => n.year === year).map((n) => n.number);
    if (!sameList(taken, taken.map((_, i) => i + 1))) fail(`numbers of ${year}: [${taken.join(',')}]`);
  }
  if (numbers.length !== documents.length) fail(`${numbers.length} numbers taken for ${documents.length} documents`);

  // Every file on the server is what its name says, and every file a document references is there and on every client.
  const blobs = path.join(server.dataDir, 'orgs', orgId, 'blobs');
  const held = new Set<string>();
  for (const shard of safeList(blobs)) {
    for (const name of readdirSync(path.join(blobs, shard))) {
      held.add(name);
      const actual = createHash('sha256').update(readFileSync(path.join(blobs, shard, name))).digest('hex');
      if (actual !== name) fail(`server blob ${name} holds ${actual}`);
    }
  }
  for (const [id, detail] of Object.entries(full)) {
    for (const a of (detail as { document: { attachments: { hash: string }[] } }).document.attachments) {
      if (!held.has(a.hash)) fail(`server lacks file ${a.hash} of ${id}`);
      for (const c of everyone) {
        if (mayRead(readerOf(c), serverDocuments.get(id)!) && !(await c.core.content.has(a.hash))) fail(`${c.name} lacks file ${a.hash} of ${id}`);
      }
    }
  }
}

/** Each incoming document as the client shows it, with its history (not what its user may do with it: that is theirs). */
async function viewOf(core: Core): Promise<Record<string, unknown>> {
  const { rows } = await call(core, 'incoming.list', { filter: {}, limit: 500 });
  const view: Record<string, unknown> = {};
  for (const r of rows) {
    const { handlingActions: _mine, ...shown } = await call(core, 'incoming.get', { id: r.id });
    view[r.id] = shown;
  }
  return view;
}

/** Where two values differ, as `path: mine ≠ reference` lines. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return [`${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function sameList<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function diff(a: string[], b: string[]): string {
  const [inA, inB] = [new Set(a), new Set(b)];
  return `only here [${a.filter((x) => !inB.has(x)).join(',')}], only on the server [${b.filter((x) => !inA.has(x)).join(',')}]`;
}
