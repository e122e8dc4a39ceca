/**
 * Số đến is never skipped and never repeated: under several processes registering at once, and when a registering
 * process is killed with SIGKILL at any moment.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { ORG_SETUP, tempDir } from '../support/coreFixture';

const loop = path.resolve(__dirname, '../support/registerLoop.ts');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function startLoop(dataDir: string, count: number, tag: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', loop, dataDir, String(count), tag], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, ready, stderr: () => stderr };
}

async function setUpDataDir() {
  const tmp = tempDir();
  cleanup = tmp.remove;
  const core = await createCore({ dataDir: tmp.dir });
  await core.dispatch('org.setup', ORG_SETUP);
  core.close();
  return tmp.dir;
}

/** Checks the database and the content store the way an auditor would, after whatever happened to them. */
function audit(dataDir: string) {
  const db = new Database(path.join(dataDir, 'vanthu.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const numbers = db.prepare('SELECT arrival_number AS n FROM incoming_documents WHERE year = 2026 ORDER BY n').all() as { n: number }[];
    expect(numbers.map((r) => r.n)).toEqual(numbers.map((_, i) => i + 1));
    const counter = db.prepare("SELECT last_number AS n FROM register_counters WHERE register_id = 'incoming' AND year = 2026").get() as
      | { n: number }
      | undefined;
    expect(counter?.n ?? 0).toBe(numbers.length);
    // Every document has its history row and its outbox row; every attachment row points at a complete file.
    const orphans = db
      .prepare(
        `SELECT count(*) AS n FROM incoming_documents d
         WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity_id = d.id AND e.kind = 'incoming.registered')
            OR NOT EXISTS (SELECT 1 FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.entity_id = d.id)`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    const ftsRows = db.prepare('SELECT count(*) AS n FROM incoming_fts').get() as { n: number };
    expect(ftsRows.n).toBe(numbers.length);
    for (const { hash } of db.prepare('SELECT hash FROM incoming_attachments').all() as { hash: string }[]) {
      const file = path.join(dataDir, 'content', hash.slice(0, 2), hash);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(hash);
    }
    return numbers.length;
  } finally {
    db.close();
  }
}

/** No file under a real name in the content store is ever a partial write. */
function auditContentStore(dataDir: string) {
  const root = path.join(dataDir, 'content');
  if (!existsSync(root)) return;
  for (const shard of readdirSync(root)) {
    // Temporary files and staging marks (empty, named by the hash they mark) are not content.
    if (shard === 'tmp' || shard === 'staged') continue;
    for (const name of readdirSync(path.join(root, shard))) {
      const file = path.join(root, shard, name);
      if (statSync(file).isFile()) expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(name);
    }
  }
}

describe('Số đến under stress', () => {
  it('gives 1..N exactly once to four processes registering at the same time', async () => {
    const dataDir = await setUpDataDir();
    const runs = ['a', 'b', 'c', 'd'].map((tag) => startLoop(dataDir, 25, tag));
    const results = await Promise.all(runs.map((r) => r.exited));
    expect(results.map((r) => r.code), runs.map((r) => r.stderr()).join('\n')).toEqual([0, 0, 0, 0]);
    expect(audit(dataDir)).toBe(100);
  });

  it('never skips, repeats or half-writes when the registering process is killed with SIGKILL', async () => {
    const dataDir = await setUpDataDir();
    let registered = 0;
    for (let round = 0; round < 8; round++) {
      const run = startLoop(dataDir, 1_000_000, `k${round}`);
      // Kill at a different moment each round, while documents and files are being written.
      await run.ready;
      await new Promise((r) => setTimeout(r, 40 + ((round * 137) % 400)));
      run.child.kill('SIGKILL');
      const { signal } = await run.exited;
      expect(signal).toBe('SIGKILL');
      const now = audit(dataDir);
      expect(now).toBeGreaterThanOrEqual(registered);
      registered = now;
      auditContentStore(dataDir);
    }
    // The loops did register documents between the kills: the test exercised something.
    expect(registered).toBeGreaterThan(8);
  });
});
