/**
 * The data folder is its owner's alone: the database with its -wal and -shm files, the content store (documents
 * uploaded, registered, downloaded or written by the signing thread), the staging marks and every folder, each created
 * owner-only under the usual umask (022), and a folder an earlier version left wider is narrowed when the core opens.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { call, FIXED_NOW, fields, ORG_SETUP, tempDir } from '../support/coreFixture';

const work = tempDir('vanthu-modes-');
afterAll(() => work.remove());

/** Every path under `dir` with its permission bits, folders marked with a trailing slash. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const file = path.join(at, entry.name);
      out[path.relative(dir, file) + (entry.isDirectory() ? '/' : '')] = (statSync(file).mode & 0o777).toString(8);
      if (entry.isDirectory()) walk(file);
    }
  };
  out['./'] = (statSync(dir).mode & 0o777).toString(8);
  walk(dir);
  return out;
}

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('creates every folder 700 and every file 600, whoever writes the file into the store', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = path.join(work.dir, 'new', 'du-lieu');
      const core = await createCore({ dataDir, now: FIXED_NOW, analyzeFile: async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text: '' }) });
      try {
        await call(core, 'org.setup', ORG_SETUP);
        const staged = await core.stage(Buffer.from('%PDF-1.4 công văn'), 'cong-van.pdf');
        await call(core, 'incoming.register', { fields: fields(), attachments: [{ hash: staged.hash, name: 'cong-van.pdf' }] });
        // A download or the signing thread writes its own temporary file, with the process's usual mode.
        const tmp = await core.content.tempPath();
        writeFileSync(tmp, 'bản tải về');
        await core.content.adopt(tmp, createHash('sha256').update('bản tải về').digest('hex'));
        const found = modes(dataDir);
        expect(Object.keys(found)).toEqual(expect.arrayContaining(['vanthu.db', 'vanthu.db-wal', 'vanthu.db-shm', 'content/', 'content/staged/', 'content/tmp/']));
        expect(Object.keys(found).filter((p) => /^content\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p))).toHaveLength(2);
        for (const [file, mode] of Object.entries(found)) expect(mode, file).toBe(file.endsWith('/') ? '700' : '600');
      } finally {
        core.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('narrows a data folder an earlier version left readable by others', async () => {
    const dataDir = path.join(work.dir, 'old');
    mkdirSync(path.join(dataDir, 'content'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, 'vanthu.db'), '', { mode: 0o644 });
    chmodSync(path.join(dataDir, 'vanthu.db'), 0o644);
    const core = await createCore({ dataDir });
    core.close();
    const found = modes(dataDir);
    expect([found['./'], found['content/'], found['vanthu.db']]).toEqual(['700', '700', '600']);
  });
});
