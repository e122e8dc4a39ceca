/**
 * A fresh process that opens the core, issues one approved document and prints its peak RSS, for the outgoing bench:
 * run through tsx (as the command line runs) and bundled with the compiled threads (as the app runs).
 * Arguments: dataDir id p12 seal [signingWorker.cjs pdfTextWorker.mjs]; the key's password in KEY_PASSWORD.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCore } from '../../electron/core/app';
import { usePdfTextWorkerEntry } from '../../electron/core/pdf/pdfText';
import { useSigningWorkerEntry } from '../../electron/core/signing/signers/signingWorker';
import { peakRssKb } from './report';

async function issueInFreshProcess() {
  const [dataDir, id, p12, seal, signingWorker, pdfTextWorker] = process.argv.slice(2) as [string, string, string, string, string?, string?];
  if (signingWorker && pdfTextWorker) {
    useSigningWorkerEntry(signingWorker);
    usePdfTextWorkerEntry(pdfTextWorker);
  }
  const core = await createCore({ dataDir });
  const key = await core.keyFiles.put(readFileSync(p12), 'org.p12');
  await core.outgoing.issue({ id, source: { kind: 'p12', handle: key.handle }, secret: process.env.KEY_PASSWORD!, seal, jobId: randomUUID() });
  core.close();
  process.stdout.write(`peak-rss-kb ${peakRssKb()}\n`);
  process.exit(0);
}

void issueInFreshProcess();
