/**
 * A fresh process for the edXML bench that opens the core, exports or imports one package, and prints its peak RSS:
 * run through tsx (as the command line runs) or bundled with the compiled threads (as the app runs).
 * Arguments: export <dataDir> <outgoing id> | import <dataDir> <package>, then optionally <signingWorker.cjs> <pdfTextWorker.mjs>.
 */
import { createCore } from '../../electron/core/app';
import { usePdfTextWorkerEntry } from '../../electron/core/pdf/pdfText';
import { useSigningWorkerEntry } from '../../electron/core/signing/signers/signingWorker';
import { call } from '../support/coreFixture';
import { importPackage, openProvince, stagePackage } from './edxmlProvince';
import { peakRssKb } from './report';

async function once() {
  const [mode, dataDir, target, signingWorker, pdfTextWorker] = process.argv.slice(2) as [string, string, string, string?, string?];
  if (signingWorker && pdfTextWorker) {
    useSigningWorkerEntry(signingWorker);
    usePdfTextWorkerEntry(pdfTextWorker);
  }
  if (mode === 'export') {
    const core = await createCore({ dataDir });
    await call(core, 'exchange.export', { id: target });
    core.close();
  } else {
    const core = await openProvince(dataDir);
    await importPackage(core, await stagePackage(core, target));
    core.close();
  }
  process.stdout.write(`peak-rss-kb ${peakRssKb()}\n`);
  process.exit(0);
}

void once();
