/**
 * `npm run bench -- sync [--docs N] [--changes N] [--runs N] [--trips N]`: the central server on a durable embedded
 * PostgreSQL (fsync on, as `npm run server` runs it) and real clients (cores) over loopback HTTP.
 *
 * - push: the clerk's PC registers `changes` documents (default 10,000) without syncing, then pushes them; the push
 *   phase of `sync.now` is timed (up to the last answered batch), once per run.
 * - first sync: the clerk's PC then fills the server up to `docs` documents (default 100,000) the same way, and a
 *   fresh, empty client takes them all: `sync.login` + `sync.now`, once per run, each run a new PC.
 * - catch-up: a PC of an older version (one that syncs outgoing documents only) takes its first sync, passing every
 *   incoming document; opened by a version that syncs them, its next `sync.now` catches them all up. Then its user's
 *   unit changes and the next `sync.now` asks for the restricted documents up to its cursor (there are none): the cost
 *   of reading the whole log for them. Once.
 * - round trip: one registration then `sync.now` on one PC (push, and its pull), then `sync.now` on another PC that
 *   receives it; `trips` times (default 20).
 * Documents carry no files (the file channel has its own bench, `blobs`): nothing is downloaded. One JSON line per
 * measure, medians over the runs.
 */
import { spawn } from 'node:child_process';
import { chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../../electron/core/app';
import type { SyncProgress } from '../../electron/core/sync/syncEngine';
import type { SyncEntity } from '../../shared/contract/syncWire';
import { addUser, initOrg } from '../../server/accounts/setup';
import { AppError } from '../../shared/errors';
import { startEmbeddedPostgres } from '../../server/db/embeddedPostgres';
import { migrate } from '../../server/db/migrate';
import { openPool } from '../../server/db/pool';
import { tempDir } from '../support/coreFixture';
import { makeIncomingGenerator } from './realisticIncoming';
import { cpuSeconds, emit, percentile } from './report';

const PASSWORD = 'mat-khau-do-hieu-nang';
const ORGAN_ID = '000.00.00.H41';
const BATCH = 5_000;

export async function runSyncBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { docs: { type: 'string' }, changes: { type: 'string' }, runs: { type: 'string' }, trips: { type: 'string' } },
    allowPositionals: true,
  });
  const docs = Number(values.docs ?? 100_000);
  const changes = Number(values.changes ?? 10_000);
  const runs = Number(values.runs ?? 3);
  const trips = Number(values.trips ?? 20);

  const tmp = tempDir('vanthu-bench-sync-');
  // PostgreSQL runs as its own user when the bench runs as root: it must be able to reach its folder inside ours.
  chmodSync(tmp.dir, 0o755);
  const cluster = await startEmbeddedPostgres(path.join(tmp.dir, 'server'), { durable: true });
  const pool = openPool(cluster.url);
  const cores: Core[] = [];
  let server: ReturnType<typeof startServer> | undefined;
  try {
    await migrate(pool);
    await initOrg(pool, { organId: ORGAN_ID, name: 'Ủy ban nhân dân xã Tân Lập', abbrev: 'UBND', units: [{ name: 'Văn phòng', abbrev: 'VP' }], admin: { username: 'admin', fullName: 'Nguyễn Thị Lan', password: PASSWORD } });
    await addUser(pool, { organId: ORGAN_ID, username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    // The server in a process of its own, as `npm run server` runs it: the clients here block their event loop while
    // they register in bulk, which must not stall the server's.
    server = startServer(path.join(tmp.dir, 'server'), cluster.url);
    const serverUrl = await server.url;
    const next = makeIncomingGenerator();
    let clients = 0;

    async function open(dataDir: string, syncKinds?: SyncEntity[]): Promise<Core> {
      const core = await createCore({ dataDir, syncKinds, analyzeFile: async () => ({ pageCount: null, problem: null, message: null, proposal: {}, text: '' }) });
      cores.push(core);
      return core;
    }
    async function client(username: string, syncKinds?: SyncEntity[]): Promise<Core> {
      const core = await open(path.join(tmp.dir, `client-${++clients}`), syncKinds);
      await core.sync.login({ serverUrl, username, password: PASSWORD });
      return core;
    }
    async function registerOffline(core: Core, count: number) {
      for (let done = 0; done < count; ) {
        const items = Array.from({ length: Math.min(BATCH, count - done) }, () => ({ fields: next(), attachments: [] }));
        done += (await core.incoming.registerMany(items, 'nhập hàng loạt')).length;
      }
    }
    let retries = 0;
    /**
     * One `sync.now`; `pushSeconds` ends at the last answered push batch. After registering in bulk, which holds the
     * event loop for seconds past the server's keep-alive, the first request can go out on a connection the server has
     * closed ("other side closed") and the round ends as offline at once: it is run again, and counted.
     */
    async function timedSync(core: Core) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      let pushEnd = started;
      const onProgress = (p: SyncProgress) => void (p.phase === 'push' && (pushEnd = performance.now()));
      const report = await core.sync.syncNow(onProgress).catch((error: unknown) => {
        if (!(error instanceof AppError) || error.code !== 'OFFLINE') throw error;
        retries++;
        return core.sync.syncNow(onProgress);
      });
      return { report, seconds: (performance.now() - started) / 1000, pushSeconds: (pushEnd - started) / 1000, clientCpuSeconds: cpuSeconds(cpu) };
    }

    const fsync = { fsync: true };
    // The clerk's PC: it registers while not syncing, then pushes. One PC throughout, because a register's numbers
    // continue from what that PC last knew: two PCs registering offline in the same register are refused numbers.
    const clerk = await client('admin');
    const pushRates: number[] = [];
    for (let run = 0; run < runs; run++) {
      const core = clerk;
      await registerOffline(core, changes);
      const load = round(os.loadavg()[0]!);
      const { report, pushSeconds, clientCpuSeconds } = await timedSync(core);
      if (report.pushed !== changes || report.rejected.length) throw new Error(`push: ${JSON.stringify(report)}`);
      pushRates.push(changes / pushSeconds);
      // The client's CPU covers the whole sync.now (its pull too): on a shared machine the wall clock measures the neighbours.
      emit({ scenario: 'sync', metric: 'push_run', value: Math.round(changes / pushSeconds), unit: 'mutations/s', changes, run: run + 1, load, clientCpuSeconds: round(clientCpuSeconds), ...fsync });
    }
    emit({ scenario: 'sync', metric: 'push_offline_changes', value: Math.round(percentile(pushRates, 50)), unit: 'mutations/s', changes, runs, target: 2000, ...fsync });

    // Fill the server up to `docs` documents the way they get there: a client pushes its registrations.
    const missing = docs - runs * changes;
    if (missing > 0) {
      await registerOffline(clerk, missing);
      const { report, pushSeconds } = await timedSync(clerk);
      if (report.pushed !== missing || report.rejected.length) throw new Error(`push: ${JSON.stringify(report)}`);
      emit({ scenario: 'sync', metric: 'push_seed', value: Math.round(missing / pushSeconds), unit: 'mutations/s', changes: missing, ...fsync });
    }

    const pullRates: number[] = [];
    const pulled: Core[] = [];
    for (let run = 0; run < runs; run++) {
      const load = round(os.loadavg()[0]!);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const core = await client('hung');
      const report = await core.sync.syncNow();
      const seconds = (performance.now() - started) / 1000;
      const clientCpuSeconds = round(cpuSeconds(cpu));
      const total = Math.max(docs, runs * changes);
      if (report.pulledDocuments !== total) throw new Error(`first sync pulled ${report.pulledDocuments} of ${total}`);
      pullRates.push(total / seconds);
      pulled.push(core);
      emit({ scenario: 'sync', metric: 'first_sync_run', value: Math.round(total / seconds), unit: 'docs/s', docs: total, seconds: round(seconds), run: run + 1, load, clientCpuSeconds });
    }
    emit({ scenario: 'sync', metric: 'first_sync', value: Math.round(percentile(pullRates, 50)), unit: 'docs/s', docs: Math.max(docs, runs * changes), runs, target: 5000 });

    {
      const total = Math.max(docs, runs * changes);
      const older = await client('hung', ['outgoing']);
      const passed = await timedSync(older);
      if (passed.report.pulledDocuments !== 0) throw new Error(`the older version pulled ${passed.report.pulledDocuments}`);
      older.close();
      cores.splice(cores.indexOf(older), 1);
      const upgraded = await open(path.join(tmp.dir, `client-${clients}`));
      const load = round(os.loadavg()[0]!);
      const caught = await timedSync(upgraded);
      if (caught.report.pulledDocuments !== total) throw new Error(`catch-up pulled ${caught.report.pulledDocuments} of ${total}`);
      const seconds = round(caught.seconds);
      emit({ scenario: 'sync', metric: 'catch_up_new_kind', value: Math.round(total / caught.seconds), unit: 'docs/s', docs: total, seconds, load, clientCpuSeconds: round(caught.clientCpuSeconds) });
      await pool.query(`UPDATE users SET unit_id = NULL WHERE username = 'hung'`);
      const scanned = await timedSync(upgraded);
      if (scanned.report.pulledDocuments !== 0) throw new Error(`restricted catch-up pulled ${scanned.report.pulledDocuments}`);
      emit({ scenario: 'sync', metric: 'catch_up_restricted_none', value: Math.round(scanned.seconds * 1000), unit: 'ms', docs: total, load: round(os.loadavg()[0]!) });
    }

    // Two PCs already in step with the server: the clerk's and one that has just taken everything.
    const [from, to] = [clerk, pulled[pulled.length - 1]!];
    await from.sync.syncNow();
    const sends: number[] = [];
    const receives: number[] = [];
    const totals: number[] = [];
    for (let trip = 0; trip < trips; trip++) {
      const started = performance.now();
      await from.incoming.registerMany([{ fields: next(), attachments: [] }], 'nhập hàng loạt');
      const sent = await timedSync(from);
      const sentAt = performance.now();
      const received = await timedSync(to);
      if (sent.report.pushed !== 1 || received.report.pulledDocuments !== 1) throw new Error(`round trip: ${JSON.stringify([sent.report, received.report])}`);
      sends.push(sentAt - started);
      receives.push(performance.now() - sentAt);
      totals.push(performance.now() - started);
    }
    const median = (metric: string, times: number[]) =>
      emit({ scenario: 'sync', metric, value: round(percentile(times, 50)), unit: 'ms', p95: round(percentile(times, 95)), trips, target: 50, ...fsync });
    // Registration and the sync.now that pushes it (and pulls it back); the other PC's sync.now; both in a row.
    median('round_trip_register_and_push', sends);
    median('round_trip_other_pc_pull', receives);
    median('round_trip_total', totals);
    emit({ scenario: 'sync', metric: 'rounds_run_again_after_a_dead_connection', value: retries, unit: 'rounds' });
  } finally {
    for (const core of cores) core.close();
    await server?.stop();
    await pool.end();
    await cluster.stop();
    tmp.remove();
  }
}

/** `npm run server` on the given database until it prints its URL; `stop` sends SIGTERM and waits for the exit. */
function startServer(dataDir: string, databaseUrl: string) {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), '--data', dataDir, '--database-url', databaseUrl, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let stdout = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = /^URL: (\S+)$/m.exec(stdout);
      if (line) resolve(line[1]!);
    });
    void exited.then(() => reject(new Error('the server exited before it answered')));
  });
  return { url, stop: async () => (child.kill('SIGTERM'), await exited) };
}

const round = (value: number) => Math.round(value * 100) / 100;
