/**
 * A fresh process that opens the core, issues one approved document and prints its peak RSS, for the outgoing bench:
 * run through tsx (as the command line runs) and bundled with the compiled threads (as the app runs).
 * Arguments: dataDir id p12 seal [signingWorker.cjs pdfTextWorker.mjs]; the key's password in KEY_PASSWORD.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createCore } from '../../electron/core/app';
import { usePdfTextWorkerEntry } from '../../electron/core/pdf/pdfText';
import { useSigningWorkerEntry } from '../../electron/core/signing/signers/signingWorker';

/**
 * The peak RSS of this process's own memory: Linux carries getrusage's maxrss across exec, so a child of the bench
 * would report at least the bench's own; VmHWM belongs to the memory the exec made.
 */
function peakRssKb(): number {
  const hwm = /VmHWM:\s*(\d+) kB/.exec(existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '')?.[1];
  return hwm ? Number(hwm) : process.resourceUsage().maxRSS;
}

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
