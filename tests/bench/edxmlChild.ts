/**
 * A fresh process for the edXML bench that opens the core, exports or imports one package, or registers ordinary PDFs
 * one after another as a clerk does, and prints its peak RSS (and each registration's time): run through tsx (as the
 * command line runs) or bundled with the compiled threads (as the app runs).
 * Arguments: export <dataDir> <outgoing id> | import <dataDir> <package> | register <dataDir> <PDFs joined by the path
 * delimiter>, then optionally <signingWorker.cjs> <pdfTextWorker.mjs>. EDXML_IMPORTS=n imports the package n times, each
 * into its own province, one after another in the same process (default once).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core/app';
import { usePdfTextWorkerEntry } from '../../electron/core/pdf/pdfText';
import { useSigningWorkerEntry } from '../../electron/core/signing/signers/signingWorker';
import { call, fields } from '../support/coreFixture';
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
  } else if (mode === 'register') {
    const core = await openProvince(dataDir);
    const times: number[] = [];
    for (const [i, file] of target.split(path.delimiter).entries()) {
      const t = performance.now();
      const ref = await core.stage(createReadStream(file), path.basename(file));
      await call(core, 'incoming.analyze', { hash: ref.hash, name: ref.name });
      await call(core, 'incoming.register', { fields: fields({ codeNumber: String(i + 1) }), attachments: [{ hash: ref.hash, name: ref.name }], force: false, reason: '' });
      times.push(performance.now() - t);
    }
    core.close();
    process.stdout.write(`register-ms ${times.map((ms) => ms.toFixed(1)).join(' ')}\n`);
  } else {
    // Each import into its own province (the same package twice is a duplicate); the threads live on between them.
    const times: number[] = [];
    for (let i = 0; i < Number(process.env.EDXML_IMPORTS ?? 1); i++) {
      const core = await openProvince(path.join(dataDir, String(i)));
      const hash = await stagePackage(core, target);
      const t = performance.now();
      await importPackage(core, hash);
      times.push(performance.now() - t);
      core.close();
    }
    process.stdout.write(`import-ms ${times.map((ms) => ms.toFixed(1)).join(' ')}\n`);
  }
  process.stdout.write(`peak-rss-kb ${peakRssKb()}\n`);
  process.exit(0);
}

void once();
