/**
 * A long scan: the clerk waits for its first pages only, the rest are recognised in the background once it is
 * registered, and then every page is searchable. A 14-page công văn (generated, rendered at 200 dpi with noise) whose
 * page 13 alone speaks of "rừng ngập mặn": not found right after registering, found once the background is done, with
 * one event on the document carrying the new index text to the server; a restart in the middle resumes the reading.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import { createCore, type Core } from '../../electron/core/app';
import { OCR_DEFAULTS } from '../../electron/core/ocr/recogniseScan';
import { call, FIXED_NOW, fields, ORG_SETUP, tempDir } from '../support/coreFixture';
import { cleanupFixtures, makeLongDocumentPdf } from '../support/documentFixtures';
import { makeScanPdf } from '../support/scanFixtures';

const run = promisify(execFile);
const PAGES = 14;
const WORD_PAGE = 13;
const QUERY = 'rung ngap man';

const work = tempDir('vanthu-ocr-later-');
let scan: Buffer;

beforeAll(async () => {
  const pdf = await makeLongDocumentPdf(PAGES, WORD_PAGE, 'bảo vệ rừng ngập mặn ven biển');
  // The printed document is what the scan is made of: 14 pages, the phrase on page 13 only.
  const { stdout: info } = await run('pdfinfo', [pdf]);
  expect(info).toMatch(new RegExp(`Pages:\\s+${PAGES}\\b`));
  const { stdout: page13 } = await run('pdftotext', ['-f', String(WORD_PAGE), '-l', String(WORD_PAGE), pdf, '-']);
  expect(page13).toContain('rừng ngập mặn');
  const file = path.join(work.dir, 'long.pdf');
  await makeScanPdf(pdf, file, { seed: 14 });
  scan = await readFile(file);
}, 300_000);
afterAll(() => {
  cleanupFixtures();
  work.remove();
});

async function openCore(dataDir: string): Promise<Core> {
  return createCore({ dataDir, now: FIXED_NOW });
}

/** Stages, reads (as the form does) and registers the scan; returns the document's id. */
async function registerScan(core: Core): Promise<string> {
  const ref = await core.stage(scan, 'cong-van-14-trang.pdf');
  const analysis = await call(core, 'incoming.analyze', { hash: ref.hash, name: ref.name, jobId: randomUUID() });
  expect(analysis).toMatchObject({ scanned: true, problem: null, pageCount: PAGES });
  const saved = await call(core, 'incoming.register', { fields: fields({ codeNumber: '1482', subject: 'Báo cáo số liệu' }), attachments: [{ hash: ref.hash, name: ref.name }] });
  if (saved.kind !== 'registered') throw new Error('not registered');
  return saved.document.id;
}

function progressOf(core: Core): EventPayload<'incoming.scanProgress'>[] {
  const seen: EventPayload<'incoming.scanProgress'>[] = [];
  core.events.subscribe((event, payload) => event === 'incoming.scanProgress' && seen.push(payload as EventPayload<'incoming.scanProgress'>));
  return seen;
}

const found = async (core: Core) => (await call(core, 'incoming.list', { filter: { query: QUERY } })).rows.map((r) => r.id);

describe('the later pages of a long scan', () => {
  it('are read in the background after registering, and page 13 is then found by search, through one event', async () => {
    const dir = path.join(work.dir, 'one');
    const core = await openCore(dir);
    try {
      await call(core, 'org.setup', ORG_SETUP);
      const progress = progressOf(core);
      const id = await registerScan(core);
      // The clerk's reading stopped at the page limit: page 13 is not in the index yet.
      expect(OCR_DEFAULTS.maxPages).toBeLessThan(WORD_PAGE);
      const soon = await found(core);
      await core.laterPages.idle();
      expect(soon).not.toContain(id);
      expect(await found(core)).toEqual([id]);

      // Pages 10 to 13 (1 and 14 were read first), one at a time.
      const total = PAGES - OCR_DEFAULTS.maxPages;
      expect(progress.map((p) => p.done)).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
      expect(new Set(progress.map((p) => `${p.jobId} ${p.total}`)).size).toBe(1);

      const { events } = await call(core, 'incoming.get', { id });
      expect(events.filter((e) => e.kind === 'incoming.textRecognised')).toEqual([expect.objectContaining({ data: { hash: expect.any(String), pageCount: PAGES } })]);
    } finally {
      core.close();
    }
    const db = new Database(path.join(dir, 'vanthu.db'), { readonly: true });
    try {
      const mutation = db
        .prepare("SELECT o.payload FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.kind = 'incoming.textRecognised'")
        .all() as { payload: string }[];
      expect(mutation).toHaveLength(1);
      const payload = JSON.parse(mutation[0]!.payload) as { set: Record<string, unknown> };
      expect(payload.set.search).toEqual(expect.stringContaining(QUERY));
      expect(db.prepare('SELECT count(*) FROM content_text WHERE unread_pages IS NOT NULL').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 600_000);

  it('resume after the app is closed in the middle, from the page where they stopped', async () => {
    const dir = path.join(work.dir, 'restart');
    const first = await openCore(dir);
    let id: string;
    const stoppedAfter = new Promise<void>((resolve) =>
      first.events.subscribe((event, payload) => event === 'incoming.scanProgress' && (payload as EventPayload<'incoming.scanProgress'>).done === 1 && resolve()),
    );
    try {
      await call(first, 'org.setup', ORG_SETUP);
      id = await registerScan(first);
      await stoppedAfter;
    } finally {
      first.close();
    }
    await first.laterPages.idle();

    const again = await openCore(dir);
    try {
      const progress = progressOf(again);
      await again.laterPages.idle();
      expect(await found(again)).toEqual([id]);
      const { events } = await call(again, 'incoming.get', { id });
      expect(events.filter((e) => e.kind === 'incoming.textRecognised')).toHaveLength(1);
      // Only what the first run left was read (its start may have been reported before anyone listened).
      expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)?.total });
      expect(progress.at(-1)!.total).toBeLessThan(PAGES - OCR_DEFAULTS.maxPages);
    } finally {
      again.close();
    }
  }, 600_000);
});
