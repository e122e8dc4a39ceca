/**
 * Số đi is never skipped and never repeated: under several clerks' processes issuing at once (they meet on the same
 * documents and the same next number), and when an issuing process is killed with SIGKILL at any moment (before,
 * during or after sealing). Audited as an auditor would: integrity_check, consecutive numbers, every issued document
 * with its sealed file, history and outbox row, every approved one still without a number.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../electron/core/app';
import { storeContents } from '../support/contentStoreFiles';
import { call, tempDir } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { createTestPki, type TestPki } from '../support/testPki';
import { sealPng } from '../signing/fixtures';

const loop = path.resolve(__dirname, '../support/issueLoop.ts');
let pki: TestPki;
let pdf: Buffer;
let cleanup: (() => void) | undefined;
vi.setConfig({ testTimeout: 300_000 });

beforeAll(async () => {
  pki = createTestPki();
  pdf = readFileSync(await makeDocumentPdf('congVan'));
}, 120_000);
afterAll(() => {
  pki?.cleanup();
  cleanupFixtures();
});
afterEach(() => cleanup?.());

/** A data folder with `count` công văn approved by the chairman, and the clerk acting. */
async function approvedDrafts(count: number) {
  const tmp = tempDir();
  cleanup = tmp.remove;
  const core = await createCore({ dataDir: tmp.dir });
  const profile = await call(core, 'org.setup', {
    name: 'Ủy ban nhân dân xã Tân Lập',
    organId: '000.12.34.H41',
    abbrev: 'UBND',
    units: [{ name: 'Văn phòng', abbrev: 'VP' }],
    staff: [
      { fullName: 'Nguyễn Thị Lan', position: 'Văn thư', unitAbbrev: 'VP', role: 'van_thu' },
      { fullName: 'Trần Văn Hùng', position: 'Chủ tịch', unitAbbrev: 'VP', role: 'lanh_dao' },
    ],
  });
  const [clerk, chairman] = profile.staff;
  await call(core, 'org.actAs', { staffId: chairman!.id });
  for (let i = 0; i < count; i++) {
    const main = await core.stage(pdf, `cv-${i}.pdf`);
    const doc = await call(core, 'outgoing.create', { fields: { typeName: 'Công văn', subject: `V/v thử số ${i}`, signerId: chairman!.id }, main: { hash: main.hash, name: main.name } });
    const key = await core.keyFiles.put(readFileSync(pki.leaf.p12Path!), 'leaf.p12');
    await call(core, 'outgoing.sign', { id: doc.id, source: { kind: 'p12', handle: key.handle }, secret: pki.password, jobId: randomUUID() });
  }
  await call(core, 'org.actAs', { staffId: clerk!.id });
  core.close();
  const seal = path.join(tmp.dir, 'seal.png');
  writeFileSync(seal, sealPng());
  return { dataDir: tmp.dir, seal };
}

function startLoop(dataDir: string, seal: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', loop, dataDir, pki.orgLeaf.p12Path!, seal], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KEY_PASSWORD: pki.password },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  /** Resolves once the loop has printed `word` (ready, issuing, done). */
  const printed = (word: string) =>
    new Promise<void>((resolve) => {
      const check = () => (out.includes(`${word}\n`) ? resolve() : setTimeout(check, 10));
      check();
    });
  const ready = printed('ready');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, ready, printed, exited, stderr: () => stderr };
}

function audit(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'vanthu.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const issued = db.prepare("SELECT id, number, code_number, register_id, year FROM outgoing_documents WHERE number IS NOT NULL ORDER BY number").all() as {
      id: string; number: number; code_number: string; register_id: string; year: number;
    }[];
    expect(issued.map((r) => r.number)).toEqual(issued.map((_, i) => i + 1));
    expect(new Set(issued.map((r) => r.register_id)).size).toBeLessThanOrEqual(1);
    const counter = db.prepare("SELECT coalesce(max(last_number), 0) FROM register_counters WHERE register_id = 'outgoing'").pluck().get();
    expect(counter).toBe(issued.length);
    for (const r of issued) {
      expect(r.code_number).toBe(String(r.number).padStart(2, '0'));
      const sealed = db.prepare("SELECT hash FROM outgoing_files WHERE document_id = ? AND role = 'main' AND origin = 'issue'").pluck().all(r.id) as string[];
      expect(sealed).toHaveLength(1);
      const file = path.join(dataDir, 'content', sealed[0]!.slice(0, 2), sealed[0]!);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sealed[0]);
      // The number written into the sealed file is the one recorded.
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(`${r.code_number}/UBND-VP`);
      const history = db.prepare("SELECT count(*) FROM events e JOIN outbox o ON o.event_id = e.id WHERE e.entity_id = ? AND e.kind = 'outgoing.issued'").pluck().get(r.id);
      expect(history).toBe(1);
    }
    const waiting = db.prepare("SELECT count(*) FROM outgoing_documents WHERE status = 'approved' AND number IS NULL").pluck().get() as number;
    const all = db.prepare('SELECT count(*) FROM outgoing_documents').pluck().get() as number;
    expect(waiting + issued.length).toBe(all);
    return issued.length;
  } finally {
    db.close();
  }
}

function referencedHashes(dataDir: string): Set<string> {
  const db = new Database(path.join(dataDir, 'vanthu.db'), { readonly: true });
  try {
    return new Set(db.prepare('SELECT hash FROM outgoing_files UNION SELECT hash FROM incoming_attachments UNION SELECT hash FROM attachment_versions').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

/**
 * What killed and outrun issues sealed without recording waits with a staging mark, and the start of the next day
 * sweeps it away: afterwards the store holds exactly the files documents reference. One more such file is made here for
 * certain, as a process killed between sealing and recording leaves it.
 */
async function expectOrphansSweptADayLater(dataDir: string) {
  const core = await createCore({ dataDir });
  try {
    const main = [...referencedHashes(dataDir)][0]!;
    const key = await core.keyFiles.put(readFileSync(pki.orgLeaf.p12Path!), 'org.p12');
    const job = { hash: main, source: { kind: 'p12' as const, handle: key.handle }, secret: pki.password, jobId: randomUUID() };
    await core.signing.signStored({ ...job, appearance: { kind: 'attachment', numberNotation: '99/UBND-VP' } }, () => {});
  } finally {
    core.close();
  }
  const referenced = referencedHashes(dataDir);
  const before = storeContents(dataDir);
  for (const hash of before.files) if (!referenced.has(hash)) expect(before.staged, `unreferenced ${hash} without a staging mark`).toContain(hash);
  const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
  for (const hash of before.staged) utimesSync(path.join(dataDir, 'content', 'staged', hash), twoDaysAgo, twoDaysAgo);
  (await createCore({ dataDir })).close();
  const after = storeContents(dataDir);
  expect(after.files).toEqual([...referenced].sort());
  expect(after.staged).toEqual([]);
  expect(before.files.length).toBeGreaterThan(after.files.length);
}

describe('Số đi under stress', () => {
  it('gives 1..N exactly once to three clerks issuing at the same time', async () => {
    const { dataDir, seal } = await approvedDrafts(12);
    const runs = [0, 1, 2].map(() => startLoop(dataDir, seal));
    const results = await Promise.all(runs.map((r) => r.exited));
    expect(results.map((r) => r.code), runs.map((r) => r.stderr()).join('\n')).toEqual([0, 0, 0]);
    expect(audit(dataDir)).toBe(12);
    await expectOrphansSweptADayLater(dataDir);
    expect(audit(dataDir)).toBe(12);
  });

  it('never skips, repeats or half-writes when the issuing process is killed with SIGKILL', async () => {
    const { dataDir, seal } = await approvedDrafts(14);
    let issued = 0;
    for (let round = 0; round < 8; round++) {
      const run = startLoop(dataDir, seal);
      // Every other round lets one issue finish first, so the kills land after completed issues too; the others kill
      // at a different moment inside an issue (reading, sealing, storing, committing), whatever the machine's speed.
      // A loop that finds nothing left to issue exits by itself.
      await Promise.race([run.printed(round % 2 === 0 ? 'done' : 'issuing'), run.exited]);
      await new Promise((r) => setTimeout(r, (round * 331) % 900));
      run.child.kill('SIGKILL');
      await run.exited;
      const now = audit(dataDir);
      expect(now).toBeGreaterThanOrEqual(issued);
      issued = now;
    }
    // The killed clerks did issue between the kills: the test exercised the numbering, not only start-ups.
    expect(issued).toBeGreaterThan(0);
    // Then a clerk finishes the rest: the numbers go on from where the kills left them.
    const last = startLoop(dataDir, seal);
    expect((await last.exited).code, last.stderr()).toBe(0);
    expect(audit(dataDir)).toBe(14);
    await expectOrphansSweptADayLater(dataDir);
    expect(audit(dataDir)).toBe(14);
  });
});
