import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { analyzeAttachment } from '../../electron/core/incoming/analyzeAttachment';
import { readPdf, usePdfTextWorkerEntry } from '../../electron/core/pdf/pdfText';
import { cleanupFixtures, expectedProposal, makeBadFile, makeDocumentPdf } from '../support/documentFixtures';

// Inside the repository so the bundle finds pdfjs-dist in node_modules, as the packaged app does.
const outdir = join(process.cwd(), 'tests', '.artifacts', `pdf-text-worker-${process.pid}`);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  cleanupFixtures();
});

it('runs the worker compiled to CommonJS, as a bundled app does', async () => {
  mkdirSync(outdir, { recursive: true });
  const entry = join(outdir, 'pdfTextWorker.cjs');
  await build({
    entryPoints: ['electron/core/pdf/pdfTextWorker.ts'],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['pdfjs-dist', 'pdfjs-dist/*'],
    logLevel: 'error',
  });
  usePdfTextWorkerEntry(entry);
  const file = await makeDocumentPdf('congVanKhan');
  const out = await analyzeAttachment(file, statSync(file).size);
  expect(out.problem).toBeNull();
  expect(out.proposal).toEqual(expectedProposal('congVanKhan'));
  expect((await analyzeAttachment(await makeBadFile('encrypted'), 1)).problem).toBe('encrypted');
});

it('fails loudly, not as a damaged file, when the worker cannot start', async () => {
  usePdfTextWorkerEntry(join(outdir, 'missing-worker.cjs'));
  await expect(readPdf(await makeDocumentPdf('congVanKhan'))).rejects.toThrow(/PDF text thread did not start/);
});
