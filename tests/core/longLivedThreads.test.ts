/**
 * The signing thread and the PDF-text thread each keep 40 to 90 MB while they wait for work. A job on a large file
 * (a scanned annex in an edXML package) runs with the other one stopped if it is idle, so that receiving a 20 MB
 * package holds one of them at a time; an ordinary document's jobs leave both alive, as restarting them for every
 * document would cost the clerk more than reading it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLongLivedThread } from '../../electron/core/coreWorker';
import { readPdf } from '../../electron/core/pdf/pdfText';
import { createSigningWorker } from '../../electron/core/signing/signers/signingWorker';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';

let work: string;
let letter: string;
let large: string;
const VERIFY = { trustedRoots: [], extraCertificates: [], revocation: { online: false } };

/** Worker threads this process runs now, as Node's diagnostic report lists them. */
const liveThreads = () => (process.report.getReport() as unknown as { workers: unknown[] }).workers.length;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vanthu-long-lived-'));
  letter = await makeDocumentPdf('congVan');
  // Large enough to count as large; what it holds does not matter to the policy (pdf.js calls it damaged).
  large = join(work, 'large.pdf');
  writeFileSync(large, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(9 * 2 ** 20, 0x20)]));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  cleanupFixtures();
});

describe('long-lived threads', () => {
  it('stops the other idle threads before a large file is read or verified, never for an ordinary one', async () => {
    let stops = 0;
    const unregister = addLongLivedThread(async () => void stops++);
    const signing = createSigningWorker();
    try {
      expect((await readPdf(letter)).pageCount).toBe(1);
      expect((await signing.verifyFile(letter, VERIFY)).verdict).toBe('unsigned');
      expect(stops).toBe(0);
      expect(liveThreads()).toBe(2);

      expect((await readPdf(large)).problem).toBe('damaged');
      expect(stops).toBe(1);
      // The signing thread, idle, was stopped for it; the text thread stays for the next file.
      expect(liveThreads()).toBe(1);

      await signing.verifyFile(large, VERIFY).catch(() => undefined);
      expect(stops).toBe(2);
      expect(liveThreads()).toBe(1);

      // Each starts again on its next job.
      expect((await readPdf(letter)).pageCount).toBe(1);
      expect((await signing.verifyFile(letter, VERIFY)).verdict).toBe('unsigned');
      expect(liveThreads()).toBe(2);
    } finally {
      unregister();
      signing.close();
    }
  }, 120_000);
});
